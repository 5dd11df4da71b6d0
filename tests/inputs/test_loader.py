"""loader: reading YAML files safely into models, with file:line:col for every problem."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from validation_helpers import (
    COMPANY_FILES,
    CONFIG_FILE,
    ROLE_FILES,
    edit,
    load,
    only,
    read_node,
    where,
    ws_fixture,  # noqa: F401
)

from jobgen.errors import InputError, Problem
from jobgen.inputs import loader, yaml_read
from jobgen.inputs.models import Company, Role, WorkspaceConfig
from jobgen.inputs.validate import Reference


@pytest.fixture
def role(ws: Path) -> Path:
    return ws / "roles" / "ai-ml-engineer.yaml"


@pytest.fixture
def company(ws: Path) -> Path:
    return ws / "company_profiles" / "furrowlight.yaml"


@pytest.fixture
def config(ws: Path) -> Path:
    return ws / "jobgen.yaml"


def role_problem(path: Path) -> Problem:
    model, problems, _ = load(loader.load_role, path)
    assert model is None
    return only(problems)


def company_problem(path: Path) -> Problem:
    model, problems, _ = load(loader.load_company, path)
    assert model is None
    return only(problems)


# --- Every built-in file is valid -----------------------------------------------


@pytest.mark.parametrize("path", ROLE_FILES, ids=lambda p: p.stem)
def test_every_builtin_role_loads(path):
    role, problems, refs = load(loader.load_role, path)
    assert problems == []
    assert isinstance(role, Role) and role.id == path.stem
    assert refs == []


@pytest.mark.parametrize("path", COMPANY_FILES, ids=lambda p: p.stem)
def test_every_builtin_company_loads(path):
    company, problems, refs = load(loader.load_company, path)
    assert problems == []
    assert isinstance(company, Company) and company.id == path.stem
    assert {ref.kind for ref in refs} == {"stage", "role"}


def test_the_builtin_workspace_config_loads():
    config, problems, refs = load(loader.load_config, CONFIG_FILE)
    assert problems == []
    assert isinstance(config, WorkspaceConfig)
    assert [stage.id for stage in config.stages] == ["early", "growth", "enterprise"]
    assert {ref.kind for ref in refs} == {"role"}
    assert len(refs) == sum(len(stage.roles) for stage in config.stages)


# --- read_node: the file itself -----------------------------------------------------


def test_read_node_returns_the_composed_mapping(role):
    node, problems = read_node(role)
    assert problems == []
    assert isinstance(node, yaml.MappingNode)
    assert node.value[0][0].value == "title"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("", ""),
        ("\n\n", ""),
        ("---\n", ""),
        ("# only a comment\n", " but for comments: uncomment (remove the # of) the fields to set"),
        ("---\n# role: x\n", " but for comments: uncomment (remove the # of) the fields to set"),
    ],
)
def test_an_empty_file_is_reported(tmp_path, monkeypatch, content, said):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text(content, encoding="utf-8")
    node, problems = read_node(tmp_path / "x.yaml")
    assert node is None
    assert str(only(problems)) == "x.yaml: the file is empty" + said


def test_an_empty_role_file_is_reported_once(role):
    role.write_text("", encoding="utf-8")
    assert str(role_problem(role)) == "ws/roles/ai-ml-engineer.yaml: the file is empty"


def test_a_file_with_several_documents_is_refused(role):
    text = role.read_text(encoding="utf-8")
    role.write_text(text + "---\ntitle: Second\n", encoding="utf-8")
    line = text.count("\n") + 1
    problem = role_problem(role)
    assert (problem.line, problem.column, problem.field) == (line, 1, "")
    assert str(problem) == (
        f"ws/roles/ai-ml-engineer.yaml:{line}:1: "
        "YAML syntax: the file holds more than one YAML document (---); keep one"
    )


def test_a_leading_document_marker_is_fine(role):
    edit(role, "title:", "---\ntitle:")
    assert load(loader.load_role, role)[1] == []


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: [unclosed\nsummary: x\n", 1, 8),  # where the [ opens
        ("a: b: c\n", 1, 5),
        ("a: @x\n", 1, 4),
        ("a: *nope\n", 1, 4),
        ("title: a\n  bad: indent\n", 2, 3),  # the line to indent
        ("title: 'open\n", 1, 8),  # the quote never closed
        ("title: a\n\tsummary: tab\n", 2, 1),
        ("- a\nb: c\n", 2, 1),
    ],
)
def test_yaml_syntax_errors_give_line_and_column(tmp_path, monkeypatch, text, line, column):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    node, problems = read_node(path)
    problem = only(problems)
    assert node is None
    assert (problem.line, problem.column, problem.field) == (line, column, "")
    assert str(problem).startswith(f"bad.yaml:{line}:{column}: YAML syntax: ")


def test_a_syntax_error_in_a_role_is_located(role):
    edit(role, "seniority: senior", "seniority: [senior")
    problem = role_problem(role)
    assert problem.line is not None and problem.column is not None
    assert problem.message.startswith("YAML syntax: ")


def test_a_file_that_is_not_utf8_is_refused_with_the_line(role):
    data = role.read_bytes().replace(
        b"title: AI/ML Engineer", "title: Ingénieur".encode("latin-1"), 1
    )
    role.write_bytes(data)
    problem = role_problem(role)
    assert (problem.line, problem.column, problem.field) == (3, None, "")
    assert (
        str(problem)
        == "ws/roles/ai-ml-engineer.yaml:3: the file is not UTF-8 text; save it as UTF-8"
    )


def test_a_utf16_file_is_refused(role):
    role.write_bytes(role.read_text(encoding="utf-8").encode("utf-16"))
    assert role_problem(role).message == "the file is not UTF-8 text; save it as UTF-8"


def test_a_utf8_byte_order_mark_is_accepted(role):
    role.write_bytes(b"\xef\xbb\xbf" + role.read_bytes())
    model, problems, _ = load(loader.load_role, role)
    assert problems == [] and model.title == "AI/ML Engineer"


def test_non_ascii_text_is_fine(role):
    edit(role, "title: AI/ML Engineer", "title: Ingénieure IA — 机器学习")
    model, problems, _ = load(loader.load_role, role)
    assert problems == [] and model.title == "Ingénieure IA — 机器学习"


def test_a_file_over_the_size_limit_is_refused_without_reading_it(role):
    text = role.read_text(encoding="utf-8")
    padding = yaml_read.MAX_FILE_BYTES + 1 - len(text.encode())
    role.write_text(text + "#" * (padding - 1) + "\n", encoding="utf-8")
    assert role.stat().st_size == 1_000_001
    problem = role_problem(role)
    assert str(problem) == (
        "ws/roles/ai-ml-engineer.yaml: the file is 1,000,001 bytes; the limit is 1,000,000"
    )


def test_a_file_exactly_at_the_size_limit_is_read(role):
    text = role.read_text(encoding="utf-8")
    padding = yaml_read.MAX_FILE_BYTES - len(text.encode())
    role.write_text(text + "#" * (padding - 1) + "\n", encoding="utf-8")
    assert role.stat().st_size == yaml_read.MAX_FILE_BYTES
    assert load(loader.load_role, role)[1] == []


def test_a_missing_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    node, problems = read_node(tmp_path / "gone.yaml")
    assert node is None
    assert str(only(problems)) == f"gone.yaml: cannot read the file: {os.strerror(errno.ENOENT)}"


def test_a_folder_in_place_of_a_file_is_reported(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    node, problems = read_node(tmp_path / "dir.yaml")
    assert node is None
    assert only(problems).message.startswith("cannot read the file: ")


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x9b", "\x00"])
def test_raw_control_characters_are_located(role, char):
    edit(role, "title: AI/ML Engineer", f"title: AI/ML{char} Engineer")
    problem = role_problem(role)
    assert str(problem) == (
        f"ws/roles/ai-ml-engineer.yaml:3:13: the file contains an invisible control character "
        f"(U+{ord(char):04X}); remove it"
    )


def test_escaped_control_characters_in_text_are_refused(role):
    edit(role, "title: AI/ML Engineer", 'title: "AI/ML\\x07 Engineer"')
    problem = role_problem(role)
    assert str(problem) == (
        "ws/roles/ai-ml-engineer.yaml:3:8: title: the text contains an invisible control "
        "character (U+0007); remove it"
    )


def test_nesting_within_the_limit_is_parsed(tmp_path):
    depth = yaml_read.MAX_DEPTH - 1  # the document mapping is one level
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    node, problems = read_node(path)
    assert problems == [] and node is not None


@pytest.mark.parametrize("nesting", ["list", "mapping", "block"])
def test_very_deep_nesting_is_a_clean_problem(role, nesting):
    depth = 5000
    value = {
        "list": "[" * depth + "]" * depth,
        "mapping": "{a: " * depth + "b" + "}" * depth,
        "block": "- " * depth + "x",
    }[nesting]
    edit(
        role,
        "tools:\n",
        f"deep: {value}\ntools:\n" if nesting != "block" else f"deep:\n  {value}\ntools:\n",
    )
    start = time.perf_counter()
    problem = role_problem(role)
    assert time.perf_counter() - start < 2
    assert problem.line is not None and problem.column is not None
    assert str(problem).endswith(
        f": the YAML is nested too deeply (more than {yaml_read.MAX_DEPTH} levels)"
    )


def test_nesting_deep_enough_to_crash_the_c_parser_does_not_crash(tmp_path):
    """libyaml's composer recurses in C: ~30,000 levels used to kill the process."""
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 60_000 + "]" * 60_000 + "\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from jobgen.inputs import yaml_read; p = [];"
        "yaml_read.read_node(Path(sys.argv[1]), p); print(p[0].message)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "nested too deeply" in result.stdout


# --- Field problems in real files ----------------------------------------------------


def test_wrong_type_in_a_pay_range(company):
    edit(company, "min: 145000", "min: ninety thousand")
    problem = company_problem(company)
    line, column = where(company, "ninety thousand", after="min: ")
    assert (problem.line, problem.column, problem.field) == (line, column, "pay.ai-ml-engineer.min")
    assert problem.file == company
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:{line}:{column}: "
        "pay.ai-ml-engineer.min: expected a number, got 'ninety thousand'"
    )


def test_unknown_key_suggests_the_field(role):
    edit(role, "title: AI/ML Engineer", "titel: AI/ML Engineer\ntitle: AI/ML Engineer")
    problem = role_problem(role)
    assert str(problem) == (
        "ws/roles/ai-ml-engineer.yaml:3:1: titel: unknown field (did you mean 'title'?)"
    )


def test_an_id_field_in_a_role_file_is_unknown(role):
    edit(role, "title:", "id: other\ntitle:")
    problem = role_problem(role)
    assert (problem.field, problem.line) == ("id", 3)
    assert problem.message.startswith("unknown field")


def test_missing_required_field(role):
    edit(role, "employment_type: full-time\n", "")
    problem = role_problem(role)
    assert str(problem) == (
        "ws/roles/ai-ml-engineer.yaml:3:1: employment_type: this field is required"
    )


def test_missing_nested_field(company):
    edit(company, "    min: 145000\n", "")
    problem = company_problem(company)
    line, column = where(company, "currency: USD", after="  ai-ml-engineer:\n    ")
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:{line}:{column}: "
        "pay.ai-ml-engineer.min: this field is required"
    )


def test_duplicate_key_mentions_the_first_line(role):
    text = role.read_text(encoding="utf-8")
    role.write_text(text + "title: Again\n", encoding="utf-8")
    line = text.count("\n") + 1
    problem = role_problem(role)
    assert str(problem) == (
        f"ws/roles/ai-ml-engineer.yaml:{line}:1: title: duplicate key (first given on line 3)"
    )


@pytest.mark.parametrize(
    ("value", "reads_as"),
    [
        ("NO", "a true/false value"),
        ("yes", "a true/false value"),
        ("01234", "a whole number"),
        ("12:30", "a whole number"),
        ("2026-01-01", "a date"),
        ("~", "an empty value"),
    ],
)
def test_yaml_1_1_surprises_in_text_fields(role, value, reads_as):
    edit(role, "title: AI/ML Engineer", f"title: {value}")
    problem = role_problem(role)
    assert str(problem) == (
        f"ws/roles/ai-ml-engineer.yaml:3:8: title: expected text, got {value!r}, "
        f'which YAML reads as {reads_as}; put it in quotes: "{value}"'
    )


@pytest.mark.parametrize("value", ["NO", "yes", "01234", "12:30", "2026-01-01", "~"])
def test_the_same_values_quoted_are_accepted(role, value):
    edit(role, "title: AI/ML Engineer", f'title: "{value}"')
    model, problems, _ = load(loader.load_role, role)
    assert problems == [] and model.title == value


def test_a_list_item_that_yaml_reads_as_a_boolean(role):
    edit(role, "  - PyTorch\n", "  - Off\n")
    problem = role_problem(role)
    line, column = where(role, "Off", after="  - ")
    assert (problem.line, problem.column, problem.field) == (line, column, "tools[1]")


def test_norway_needs_quotes(company):
    edit(company, "country: US", "country: NO")
    problem = company_problem(company)
    assert problem.field == "locations[0].country"
    assert problem.message == (
        "expected text, got 'NO', which YAML reads as a true/false value; put it in quotes: \"NO\""
    )
    edit(company, "country: NO", 'country: "NO"')
    model, problems, _ = load(loader.load_company, company)
    assert problems == [] and model.locations[0].label == "Boulder, Norway"


@pytest.mark.parametrize("value", ["150000", "150_000"])
def test_numbers_in_number_fields(company, value):
    edit(company, "min: 145000", f"min: {value}")
    model, problems, _ = load(loader.load_company, company)
    assert problems == [] and model.pay["ai-ml-engineer"][0].min == 150000


@pytest.mark.parametrize(
    "value",
    ["0x1F", "01234", ".inf", "true", '"150000"', pytest.param("1" + "0" * 400, id="1e400")],
)
def test_non_decimal_numbers_are_refused(company, value):
    edit(company, "min: 145000", f"min: {value}")
    problem = company_problem(company)
    line, column = where(company, value, after="min: ")
    assert (problem.line, problem.column, problem.field) == (line, column, "pay.ai-ml-engineer.min")
    assert problem.message.startswith("expected a number, got ")


def test_a_misspelled_seniority(role):
    edit(role, "seniority: senior", "seniority: seior")
    assert str(role_problem(role)) == (
        "ws/roles/ai-ml-engineer.yaml:9:12: seniority: expected one of entry, mid, senior, staff, "
        "lead, principal, executive; got 'seior' (did you mean 'senior'?)"
    )


def test_min_above_max(company):
    edit(company, "max: 190000", "max: 100000")
    problem = company_problem(company)
    line, column = where(company, "100000", after="max: ")
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:{line}:{column}: pay.ai-ml-engineer.max: "
        "expected a maximum of at least the minimum (145000), got 100000"
    )


def test_salary_min_above_max_in_a_role(role):
    edit(role, "max: 400000", "max: 1000")
    problem = role_problem(role)
    assert problem.field == "market.salary.max"
    assert problem.message == "expected a maximum of at least the minimum (90000), got 1000"


def test_apply_with_neither_url_nor_email(company):
    edit(company, "  url: https://furrowlight.example/careers/\n", "")
    edit(company, "  email: jobs@furrowlight.example\n", "")
    problem = company_problem(company)
    line, column = where(company, "instructions:", after="apply:\n  ")
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:{line}:{column}: apply.url: "
        "give a url, an email or both"
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ('color: "#2F5D3A"', 'color: "2F5D3A"', "brand.color", 'a colour like "#1F4E79"'),
        (
            "url: https://furrowlight.example/careers/",
            "url: furrowlight.example",
            "apply.url",
            "an http(s) URL (brackets percent-encoded)",
        ),
        (
            "email: jobs@furrowlight.example",
            "email: jobs-at-furrowlight",
            "apply.email",
            "an email address",
        ),
        (
            "language: en-US",
            "language: en_US",
            "language",
            "a language tag like de-DE: the language in lowercase, then its country in "
            "capitals, joined by a hyphen",
        ),
        (
            "website: https://furrowlight.example",
            "website: www.furrowlight.example",
            "website",
            "an http(s) URL (brackets percent-encoded)",
        ),
        ("employees: 23", "employees: 0", "employees", "a whole number of at least 1"),
    ],
)
def test_format_checks(company, old, new, field, expected, hint=None):
    """A value of the wrong form, with a did-you-mean (`hint`) where one fits."""
    edit(company, old, new)
    problem = company_problem(company)
    value = new.split(": ", 1)[1]
    line, column = where(company, value, after=old.split(": ", 1)[0] + ": ")
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:{line}:{column}: {field}: "
        f"expected {expected}, got {value.strip(chr(34))!r}" + (f"; {hint}" if hint else "")
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "expected", "hint"),
    [
        (
            "country: US",
            "country: USA",
            "locations[0].country",
            "a two-letter ISO 3166 country code like US",
            "did you mean 'US' (United States)?",
        ),
        (
            "country: US",
            "country: Germany",
            "locations[0].country",
            "a two-letter ISO 3166 country code like US",
            "did you mean 'DE' (Germany)?",
        ),
        (
            "currency: USD",
            "currency: usd",
            "pay.ai-ml-engineer.currency",
            "an ISO 4217 currency code like USD",
            "did you mean 'USD' (US Dollar)?",
        ),
        (
            "currency: USD",
            "currency: XYZ",
            "pay.ai-ml-engineer.currency",
            "an ISO 4217 currency code like USD",
            None,
        ),
    ],
)
def test_codes_are_checked_against_iso(company, old, new, field, expected, hint):
    test_format_checks(company, old, new, field, expected, hint)


MLOPS_PAY = """\
  mlops-engineer:
    currency: USD
    min: 160000
    max: 210000
    period: year
    equity: 0.10% to 0.30% in stock options
"""


def test_pay_as_a_single_range_and_as_a_list_of_ranges(company):
    edit(
        company,
        MLOPS_PAY,
        "  mlops-engineer:\n"
        "    - where: Boulder, CO\n      currency: USD\n      min: 170000\n"
        "      max: 205000\n      period: year\n"
        "    - where: Remote (United States)\n      currency: USD\n      min: 9_500\n"
        "      max: 12000\n      period: month\n",
    )
    model, problems, _ = load(loader.load_company, company)
    assert problems == []
    (single,) = model.pay["ai-ml-engineer"]
    assert (single.currency, single.min, single.max, single.where) == ("USD", 145000, 190000, None)
    boulder, remote = model.pay["mlops-engineer"]
    assert (boulder.where, boulder.min) == ("Boulder, CO", 170000)
    assert (remote.where, remote.currency, remote.min, remote.period) == (
        "Remote (United States)",
        "USD",
        9500,
        "month",
    )


def test_a_bad_range_in_a_list_is_located_by_index(company):
    edit(
        company,
        MLOPS_PAY,
        "  mlops-engineer:\n"
        "    - {currency: USD, min: 1000, max: 2000, period: year}\n"
        "    - {currency: EUR, min: 3000, max: 2000, period: year}\n",
    )
    problem = company_problem(company)
    line, column = where(company, "2000, period: year}", after="{currency: EUR, min: 3000, max: ")
    assert (problem.line, problem.column, problem.field) == (
        line,
        column,
        "pay.mlops-engineer[1].max",
    )


@pytest.mark.parametrize(
    ("written", "period", "message"),
    [
        ("75.000", "year", "got 75; if you meant 75,000, write 75000 (YAML reads a dot as a "
         "decimal point, not a thousands separator)"),
        ("12.5", "year", "got 12.5; if you meant 12,500, write 12500"),
        ("80", "month", "expected pay per month of at least 100, got 80"),
    ],
)  # fmt: skip
def test_an_amount_too_small_for_its_period_is_caught_at_its_line(
    company, written, period, message
):
    edit(
        company,
        MLOPS_PAY,
        f"  mlops-engineer:\n    currency: EUR\n    min: {written}\n    max: 95000\n"
        f"    period: {period}\n",
    )
    problem = company_problem(company)
    assert (problem.line, problem.column) == where(company, written, after="min: ")
    assert problem.field == "pay.mlops-engineer.min"
    assert message in problem.message


def test_an_hourly_rate_may_be_small(company):
    edit(company, MLOPS_PAY, "  mlops-engineer: {currency: USD, min: 45, max: 60, period: hour}\n")
    assert load(loader.load_company, company)[1] == []


@pytest.mark.parametrize(
    ("where_written", "message"),
    [
        ("Boulderr", "'Boulderr' is not one of the company's places (did you mean 'Boulder'?); "
         "name an office or remote region: Boulder, CO; United States"),
        ("Munich", "'Munich' is not one of the company's places; name an office or remote "
         "region: Boulder, CO; United States"),
    ],
)  # fmt: skip
def test_pay_for_a_place_the_company_does_not_have_is_caught(company, where_written, message):
    edit(
        company,
        MLOPS_PAY,
        "  mlops-engineer:\n"
        "    - {where: Boulder, currency: USD, min: 150000, max: 190000, period: year}\n"
        f"    - {{where: {where_written}, currency: EUR, min: 75000, max: 95000, period: year}}\n",
    )
    problem = company_problem(company)
    assert problem.field == "pay.mlops-engineer[1].where"
    assert (problem.line, problem.column) == where(company, where_written, after="{where: ")
    assert problem.message == message


@pytest.mark.parametrize(
    ("second", "field", "message"),
    [
        ("{where: boulder, currency: USD, min: 160000, max: 200000, period: year}",
         "pay.mlops-engineer[1].where",
         "'boulder' has a range already (pay.mlops-engineer[0]); give each place one range"),
        ("{currency: EUR, min: 6000, max: 8000, period: month}", "pay.mlops-engineer[1]",
         "with several ranges, each says where it applies: add where: an office's city or a "
         "remote region"),
    ],
)  # fmt: skip
def test_several_ranges_each_name_a_place_of_their_own(company, second, field, message):
    """Two ranges for Boulder printed both under Boulder; one with no place among others
    printed as a line of its own, and the headline spoke of "other locations"."""
    edit(
        company,
        MLOPS_PAY,
        "  mlops-engineer:\n"
        "    - {where: Boulder, currency: USD, min: 150000, max: 190000, period: year}\n"
        f"    - {second}\n",
    )
    problem = company_problem(company)
    assert (problem.field, problem.message) == (field, message)


@pytest.mark.parametrize(
    "place", ["Boulder, CO", "Remote, United States", "CO", "anywhere in the US", "remote"]
)
def test_pay_may_name_an_office_its_region_or_country_or_a_remote_region(company, place):
    edit(
        company,
        MLOPS_PAY,
        f'  mlops-engineer:\n    where: "{place}"\n    currency: USD\n    min: 100000\n'
        "    max: 200000\n    period: year\n",
    )
    assert load(loader.load_company, company)[1] == []


def test_pay_for_a_role_that_is_not_a_slug(company):
    edit(company, "  ai-ml-engineer:\n", "  ../x:\n")
    problem = company_problem(company)
    line, column = where(company, "../x:")
    assert (problem.line, problem.column, problem.field) == (line, column, "pay.../x")
    assert problem.message.startswith("expected a lowercase id")


def test_a_python_tag_is_refused_and_nothing_runs(company, tmp_path):
    marker = tmp_path / "pwned"
    edit(
        company,
        "benefits:\n",
        f'benefits: !!python/object/apply:os.system ["touch {marker}"]\nx_benefits:\n',
    )
    model, problems, _ = load(loader.load_company, company)
    assert model is None
    assert [p.field for p in problems] == ["benefits", "x_benefits"]
    assert problems[0].message == (
        "expected a list, got a list tagged !!python/object/apply:os.system"
    )
    assert not marker.exists()


def test_a_python_tag_on_the_whole_document_is_refused(role, tmp_path):
    marker = tmp_path / "pwned"
    text = role.read_text(encoding="utf-8")
    role.write_text(f"--- !!python/object/apply:os.system\nargs: [touch {marker}]\n" + text)
    problem = role_problem(role)
    assert problem.message.startswith("expected a mapping of fields, got a mapping tagged")
    assert not marker.exists()


def test_an_alias_that_contains_itself(role):
    edit(role, "responsibilities:\n", "responsibilities: &r [*r]\nold_responsibilities:\n")
    _, problems, _ = load(loader.load_role, role)
    # `responsibilities` is already given: named, with where, not offered as a rename
    assert [(p.field, p.message.split(";")[0]) for p in problems] == [
        ("responsibilities[0]", "this alias refers to itself"),
        (
            "old_responsibilities",
            "unknown field (did you mean 'responsibilities'? it is given already, on line "
            f"{problems[0].line}: keep one of the two)",
        ),
    ]


def test_a_mapping_alias_that_contains_itself(role):
    edit(role, "market:\n  salary:\n", "market: &m\n  salary: *m\n  old_salary:\n")
    start = time.perf_counter()
    _, problems, _ = load(loader.load_role, role)
    assert time.perf_counter() - start < 1
    assert "this alias refers to itself" in [p.message for p in problems]


def test_an_alias_bomb_in_pay_is_refused_quickly_with_one_problem(company):
    text = company.read_text(encoding="utf-8")
    head, _, tail = text.partition("pay:\n")
    tail = tail[tail.index("apply:") :]
    ranges = "[&p {currency: USD, min: 1, max: 2, period: year}" + ", *p" * 999 + "]"
    pay = f"pay:\n  r0: &l {ranges}\n" + "".join(f"  r{i}: *l\n" for i in range(1, 1000))
    company.write_text(head + pay + tail, encoding="utf-8")
    start = time.perf_counter()
    model, problems, _ = load(loader.load_company, company)
    assert time.perf_counter() - start < 3
    assert model is None
    # the alias count stops it before the expansion is even tried
    assert only(problems).message.startswith("the file uses more than 200 aliases")


def test_all_problems_of_a_file_are_reported_together(role):
    edit(role, "title: AI/ML Engineer", "title: [AI]")
    edit(role, "seniority: senior", "seniority: seior")
    edit(role, "max: 400000", "max: lots")
    model, problems, _ = load(loader.load_role, role)
    assert model is None
    assert [p.field for p in problems] == ["title", "seniority", "market.salary.max"]
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert all(p.file == role and p.column for p in problems)


def test_problems_continue_after_a_bad_list_item(role):
    edit(role, "  - Python\n", "  - [Python]\n")
    edit(role, "  - TensorFlow\n", "  - {a: b}\n")
    _, problems, _ = load(loader.load_role, role)
    assert [p.field for p in problems] == ["tools[0]", "tools[2]"]


def test_empty_required_lists_are_refused(role):
    text = role.read_text(encoding="utf-8")
    start, end = text.index("skills:\n"), text.index("tools:\n")
    role.write_text(text[:start] + "skills: []\n" + text[end:], encoding="utf-8")
    problem = role_problem(role)
    assert (problem.field, problem.message) == (
        "skills",
        "expected at least one item, got an empty list",
    )


def test_a_hybrid_company_needs_a_location(ws):
    path = ws / "company_profiles" / "brindle-ledger.yaml"
    text = path.read_text(encoding="utf-8")
    assert "work_model: hybrid" in text or "work_model: onsite" in text
    start = text.index("locations:\n")
    end = text.index("\n", text.rindex("country:")) + 1
    path.write_text(text[:start] + "locations: []\n" + text[end:], encoding="utf-8")
    model, problems, _ = load(loader.load_company, path)
    assert model is None
    assert [(p.field, p.message) for p in problems] == [
        ("locations", "a hybrid or on-site company needs at least one location")
    ]


# --- File names are ids -----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["My Role.yaml", "AI-ML.yaml", "ai_ml.yaml", "-x.yaml", "a--b.yaml"]
)
def test_a_file_name_that_is_not_a_slug_is_refused(role, name):
    path = role.rename(role.with_name(name))
    problem = role_problem(path)
    assert (problem.line, problem.column, problem.field) == (None, None, "")
    assert str(problem) == (
        f"ws/roles/{name}: the file name must be a lowercase id of letters, digits and single "
        f"hyphens followed by .yaml (like ai-ml-engineer.yaml), got {name!r}"
    )


def test_the_id_comes_from_the_file_name(role, company):
    model, problems, _ = load(loader.load_role, role.rename(role.with_name("ml-2.yaml")))
    assert problems == [] and model.id == "ml-2"
    model, problems, _ = load(loader.load_company, company.rename(company.with_name("acme.yaml")))
    assert problems == [] and model.id == "acme"


# --- jobgen.yaml ----------------------------------------------------------------------


def test_a_stage_id_that_is_not_a_slug(config):
    edit(config, "id: early", "id: Early Stage")
    model, problems, _ = load(loader.load_config, config)
    assert model is None
    assert str(only(problems)) == (
        "ws/jobgen.yaml:4:9: stages[0].id: expected a lowercase id of letters, digits and "
        "single hyphens (like 'ai-ml-engineer'), at most 64 characters, got 'Early Stage'"
    )


def test_duplicate_stage_ids(config):
    edit(config, "id: growth", "id: early")
    model, problems, _ = load(loader.load_config, config)
    assert model is None
    line, column = where(config, "- id: early")
    assert str(only(problems)) == (
        f"ws/jobgen.yaml:{line}:{column}: stages: stage id 'early' is given more than once"
    )


@pytest.mark.parametrize("replace", [False, True])
def test_a_level_given_twice_is_said_at_the_repeat(config, replace):
    """It said `levels.add: ...` (a name of jobgen's own) at the list, not at the item."""
    items = [
        "{id: l5, name: Staff, prefix: Staff, seniority: senior, years: 8, scope: x}",
        "{id: l6, name: Principal, prefix: Principal, seniority: lead, years: 10, scope: y}",
        "{id: l5, name: Staff 2, prefix: Staff, seniority: senior, years: 8, scope: z}",
    ]
    indent = "    " if replace else "  "
    levels = ("levels:\n  replace:\n" if replace else "levels:\n") + "".join(
        f"{indent}- {item}\n" for item in items
    )
    # In place of the workspace's own levels: (up to the next key at the left margin).
    text = re.sub(r"(?ms)^levels:\n.*?(?=^\S)", levels, config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    model, problems, _ = load(loader.load_config, config)
    assert model is None
    line = text.splitlines().index(f"{indent}- {items[2]}") + 1
    field = "levels.replace[2]" if replace else "levels[2]"
    assert str(only(problems)) == (
        f"ws/jobgen.yaml:{line}:{len(indent) + 3}: {field}: level id 'l5' is given twice; keep one"
    )


def test_an_unknown_output_format(config):
    edit(config, "formats: [md, html, docx]", "formats: [md, rtf]")
    model, problems, _ = load(loader.load_config, config)
    assert model is None
    problem = only(problems)
    assert problem.field == "defaults.formats[1]"
    assert problem.message == "expected one of md, html, docx, json, txt, pdf; got 'rtf'"


def test_defaults_are_optional(config):
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("defaults:")], encoding="utf-8")
    model, problems, _ = load(loader.load_config, config)
    assert problems == []
    assert model.defaults.output == "output" and model.defaults.formats == ("md", "html", "docx")


# --- References ---------------------------------------------------------------------


def test_a_company_records_its_stage_and_pay_roles_as_references(company):
    _, problems, refs = load(loader.load_company, company)
    assert problems == []
    stage = [r for r in refs if r.kind == "stage"]
    assert [(r.value, r.where.field, r.where.line, r.where.column) for r in stage] == [
        ("early", "stage", 4, 8)
    ]
    roles = [r for r in refs if r.kind == "role"]
    assert len(roles) == 10
    first = roles[0]
    assert (first.value, first.where.field) == ("ai-ml-engineer", "pay.ai-ml-engineer")
    assert (first.where.line, first.where.column) == where(
        company, "ai-ml-engineer:", after="pay:\n  "
    )
    assert first.where.message == "" and first.where.file == company


def reference(kind: str, value: str, line: int = 4, column: int = 7) -> Reference:
    return Reference(kind, value, Problem(Path("c.yaml"), line, column, f"x.{value}", ""))


def test_check_references_accepts_known_ids():
    known = {"role": {"ai-ml-engineer"}, "stage": {"early"}}
    refs = [reference("role", "ai-ml-engineer"), reference("stage", "early")]
    assert loader.check_references(refs, known) == []


def test_check_references_suggests_a_close_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    known = {"role": {"ai-ml-engineer", "mlops-engineer"}, "stage": {"early"}}
    (problem,) = loader.check_references([reference("role", "ai-ml-enginer")], known)
    assert (problem.file, problem.line, problem.column) == (Path("c.yaml"), 4, 7)
    assert str(problem) == (
        "c.yaml:4:7: x.ai-ml-enginer: "
        "no role with id 'ai-ml-enginer' (did you mean 'ai-ml-engineer'?)"
    )


def test_check_references_lists_the_known_ids_when_nothing_is_close():
    known = {"role": {"b", "a"}, "stage": {"growth", "early"}}
    problems = loader.check_references(
        [reference("stage", "zzzzzz"), reference("role", "qqqq")], known
    )
    assert [p.message for p in problems] == [
        "no stage with id 'zzzzzz'; known: early, growth",
        "no role with id 'qqqq'; known: a, b",
    ]


def test_raise_if_any():
    loader.raise_if_any([])
    problems = [Problem(Path("a.yaml"), 1, 2, "f", "bad"), Problem(None, None, None, "", "worse")]
    with pytest.raises(InputError) as caught:
        loader.raise_if_any(problems)
    assert caught.value.problems == problems
    assert caught.value.exit_code == 2
    assert str(caught.value) == "2 problems to fix:\n  a.yaml:1:2: f: bad\n  worse"


def test_one_problem_is_one_line():
    assert str(InputError([Problem(None, 3, None, "", "x")])) == "x"
    two = InputError([Problem(None, 3, None, "", "x"), Problem(None, 4, None, "", "y")])
    assert str(two) == "2 problems to fix:\n  x\n  y"


def test_paths_outside_the_current_folder_are_shown_absolute(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    outside = tmp_path / "elsewhere" / "x.yaml"
    assert str(Problem(outside, 1, 1, "f", "m")) == f"{outside}:1:1: f: m"
    assert str(Problem(tmp_path / "here" / "y.yaml", 1, 1, "f", "m")) == "y.yaml:1:1: f: m"


# --- Hints for the commonest slips -------------------------------------------------


def test_an_unquoted_colour_is_a_comment_and_the_error_says_so(company):
    text = company.read_text(encoding="utf-8")
    colour = text.split('color: "', 1)[1].split('"', 1)[0]
    edit(company, f'color: "{colour}"', f"color: {colour}")
    problem = company_problem(company)
    assert (problem.line, problem.column) == where(company, "color:")  # the key, not the next line
    assert problem.field == "brand.color"
    assert problem.message == (
        'expected a colour in quotes like "#1F4E79" (unquoted, YAML reads # as a comment), '
        "got nothing"
    )


def test_a_misspelt_required_field_is_reported_once(role):
    edit(role, "summary:", "sumary:")
    problem = role_problem(role)
    assert (problem.field, problem.message) == ("sumary", "unknown field (did you mean 'summary'?)")


def test_a_second_spelling_of_a_field_given_already_says_where_it_is(company):
    """`employes:` added under `employees:` used to be asked if it meant 'templates'."""
    line = company.read_text(encoding="utf-8").splitlines().index("employees: 23") + 1
    edit(company, "employees: 23\n", "employees: 23\nemployes: 23\n")
    problem = company_problem(company)
    assert (problem.line, problem.field) == (line + 1, "employes")
    assert problem.message == (
        f"unknown field (did you mean 'employees'? it is given already, on line {line}: "
        "keep one of the two)"
    )


def test_an_empty_pay_list_is_refused(company):
    edit(company, "  ai-ml-engineer:\n", "  ai-ml-engineer: []\n  old-ai-ml-engineer:\n")
    edit(company, "  old-ai-ml-engineer:\n", "  ai-data-engineer-old:\n")
    model, problems, _ = load(loader.load_company, company)
    assert model is None
    assert "ai-ml-engineer: expected at least one pay range, got an empty list" in [
        p.message for p in problems
    ]


def test_a_tab_used_for_indentation_is_named(role):
    edit(role, "tools:\n  - ", "tools:\n\t- ")
    problem = role_problem(role)
    assert problem.message == "YAML syntax: this line is indented with a tab; YAML needs spaces"


def test_a_tag_on_a_value_is_named(company):
    edit(company, "employees: ", "employees: !!python/object:os.system ")
    problem = company_problem(company)
    assert problem.field == "employees"
    assert problem.message.startswith("YAML tags like !!python/object:os.system are not allowed")
