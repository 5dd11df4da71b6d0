"""Every mistake an opening file can hold is refused at its file, line, column and field,
with what was expected and a did-you-mean where one fits; nothing is written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobgen.cli import main
from jobgen.errors import InputError
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.workspace import find_workspace

BASE = "role: ai-ml-engineer\n"


def write(workspace: Path, text: str, opening_id: str = "x", company: str = "brindle-ledger"):
    folder = workspace / "company_profiles" / company / "openings"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{opening_id}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(workspace: Path) -> list[str]:
    catalog = Catalog(find_workspace(workspace))
    config, _, companies = catalog.load([], ["brindle-ledger"])
    with pytest.raises(InputError) as caught:
        catalog.load_openings(config, companies)
    return [str(problem) for problem in caught.value.problems]


ONE_FILE = [
    pytest.param(
        BASE + "reports-to: Head of Credit\n",
        "x.yaml:2:1: reports-to: unknown field (did you mean 'reports_to'?)",
        id="unknown-field",
    ),
    pytest.param(
        "role: ai-ml-enginer\n",
        "x.yaml:1:7: role: no role with id 'ai-ml-enginer' (did you mean 'ai-ml-engineer'?)",
        id="unknown-role",
    ),
    pytest.param(
        BASE + "level: senoir\n",
        "x.yaml:2:8: level: no level with id 'senoir' (did you mean 'senior'?)",
        id="unknown-level",
    ),
    pytest.param(
        BASE + "locations: [Londn]\n",
        "x.yaml:2:13: locations[0]: Brindle Ledger has no office in 'Londn'; did you mean "
        "'London'?",
        id="unknown-office",
    ),
    pytest.param(
        BASE + "pay: {currency: USD, min: -5, max: 10, period: year}\n",
        "x.yaml:2:27: pay.min: expected an amount above 0, got '-5'",
        id="pay-below-zero",
    ),
    pytest.param(
        BASE + "pay: {currency: USD, min: 200000, max: 100000, period: year}\n",
        "x.yaml:2:40: pay.max: expected a maximum of at least the minimum (200000), got 100000",
        id="pay-inverted",
    ),
    pytest.param(
        BASE + "locations: [London]\npay: {where: New York, currency: USD, min: 200000, "
        "max: 250000, period: year}\n",
        "x.yaml:3:7: pay.where: 'New York' is not one of the company's places; name an office "
        "or remote region: London, United Kingdom",
        id="pay-for-an-office-the-opening-leaves-out",
    ),
    pytest.param(
        BASE + "pay: {currency: EUR, min: 75.000, max: 95000, period: year}\n",
        "x.yaml:2:27: pay.min: expected pay per year of at least 1,000, got 75; if you meant "
        "75,000, write 75000 (YAML reads a dot as a decimal point, not a thousands separator)",
        id="pay-with-a-thousands-dot",
    ),
    pytest.param(
        BASE + "skills: {add: [A], replace: [B]}\n",
        "x.yaml:2:29: skills.replace: give a list to add to the role's, or replace:, not both",
        id="add-and-replace",
    ),
    pytest.param(
        BASE + "outcomes: {}\n",
        "x.yaml:2:11: outcomes.first_90_days: give first_90_days, first_year or both",
        id="empty-outcomes",
    ),
    pytest.param(
        BASE + "valid_through: 31/01/2027\n",
        "x.yaml:2:16: valid_through: expected a date like 2027-01-31, got '31/01/2027'",
        id="not-a-date",
    ),
    pytest.param(
        BASE + "visa_sponsorship: maybe\n",
        "x.yaml:2:19: visa_sponsorship: expected true or false, got 'maybe'",
        id="visa-not-yes-or-no",
    ),
    pytest.param(
        BASE + "headcount: 0\n",
        "x.yaml:2:12: headcount: expected a whole number of at least 1, got '0'",
        id="headcount-zero",
    ),
    pytest.param(
        BASE + "work_model: remote\nlocations: []\n",
        None,  # Brindle Ledger has offices: a remote opening may name none
        id="remote-with-offices-is-fine",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ONE_FILE)
def test_a_mistake_in_one_opening(workspace_copy, text, expected):
    write(workspace_copy, text)
    if expected is None:
        catalog = Catalog(find_workspace(workspace_copy))
        config, _, companies = catalog.load([], ["brindle-ledger"])
        assert "x" in catalog.load_openings(config, companies)["brindle-ledger"]
        return
    found = problems(workspace_copy)
    assert [p.split("openings/")[-1] for p in found] == [expected]


def test_a_file_that_is_no_role_needs_a_role_field(workspace_copy):
    write(workspace_copy, "team: Credit\n", opening_id="ai-ml-enginer")
    [problem] = problems(workspace_copy)
    assert problem.endswith(
        "ai-ml-enginer.yaml: role: give the role this is an opening for: role: ROLE "
        "(or rename the file to ai-ml-engineer.yaml?)"
    )


def test_an_opening_named_after_another_role_is_refused(workspace_copy):
    write(workspace_copy, "role: ai-ml-engineer\n", opening_id="mlops-engineer")
    [problem] = problems(workspace_copy)
    assert "mlops-engineer.yaml:1:1: role: the file is named after the role 'mlops-engineer'" in (
        problem
    )


def test_two_openings_with_one_requisition_id(workspace_copy):
    write(workspace_copy, BASE + "requisition_id: BL-1\n", opening_id="a")
    write(workspace_copy, BASE + "requisition_id: BL-1\n", opening_id="b")
    found = [p for p in problems(workspace_copy) if "requisition_id" in p]
    assert len(found) == 1
    assert (
        "b.yaml:2:1: requisition_id: requisition id 'BL-1' is the id of opening 'a' too"
        in (found[0])
    )


def test_a_remote_opening_needs_somewhere_applicants_may_live(workspace_copy):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    profile.write_text(profile.read_text().replace("remote_regions:\n  - United States\n", ""))
    write(workspace_copy, BASE, company="furrowlight", opening_id="x")
    catalog = Catalog(find_workspace(workspace_copy))
    config, _, companies = catalog.load([], ["furrowlight"])
    loaded = catalog.load_openings(config, companies)  # the Boulder hub is somewhere
    assert "x" in loaded["furrowlight"]
    profile.write_text(profile.read_text().replace("locations:\n  - city: Boulder\n", "x:\n"))


def test_every_problem_of_every_opening_is_listed_together(workspace_copy):
    write(workspace_copy, "role: nope\nlevel: nope\n", opening_id="a")
    write(workspace_copy, BASE + "locations: [Paris]\n", opening_id="b")
    found = problems(workspace_copy)
    assert len(found) == 3
    assert [p.split("openings/")[-1].split(":")[0] for p in found] == ["a.yaml", "a.yaml", "b.yaml"]


def test_invisible_characters_and_bad_bytes_are_refused_as_in_any_file(workspace_copy):
    write(workspace_copy, BASE + "team: Cre\u202edit\n", opening_id="a")
    (workspace_copy / "company_profiles" / "brindle-ledger" / "openings" / "b.yaml").write_bytes(
        b"role: ai-ml-engineer\nteam: \xff\n"
    )
    found = problems(workspace_copy)
    assert any("a.yaml:2:10: the file contains an invisible control character (U+202E" in p
               for p in found)  # fmt: skip
    assert any("b.yaml:2: the file is not UTF-8 text" in p for p in found)


def test_check_reports_an_opening_and_generate_writes_nothing(workspace_copy, tmp_path):
    write(workspace_copy, BASE + "levle: senior\n", opening_id="x")
    runner = CliRunner()
    out = tmp_path / "out"
    check = runner.invoke(main, ["-w", str(workspace_copy), "check"])
    assert check.exit_code == 2
    assert "x.yaml:2:1: levle: unknown field (did you mean 'level'?)" in check.stderr
    generate = runner.invoke(
        main, ["-w", str(workspace_copy), "generate", "x", "-c", "brindle-ledger", "-o", str(out)]
    )
    assert generate.exit_code == 2 and "Traceback" not in generate.output
    assert not out.exists()
