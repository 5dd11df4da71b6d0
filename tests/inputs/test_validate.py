"""schema.build: YAML nodes -> frozen dataclasses, with every problem located."""

import dataclasses
import datetime as dt
import os
import textwrap
import time
from dataclasses import dataclass, make_dataclass
from pathlib import Path
from typing import Annotated, Literal

import pytest
import yaml
from validation_helpers import LOADERS

from jobgen.inputs import nodes, validate
from jobgen.inputs.company_parts import Apply, PayRange
from jobgen.inputs.fields import (
    SLUG_EXPECTED,
    Amount,
    Color,
    CountryCode,
    CurrencyCode,
    Email,
    FontName,
    Headcount,
    LanguageTag,
    Seniority,
    Slug,
    Url,
    is_slug,
)
from jobgen.inputs.markers import Distinct, OneOrMany, Shorthand
from jobgen.inputs.models import SalaryFigure

FILE = Path("sample.yaml")


@dataclass(frozen=True)
class Item:
    name: str
    count: int = 0


@dataclass(frozen=True)
class Sample:
    title: str
    amount: float
    kind: Literal["alpha", "beta", "gamma"]
    items: tuple[Item, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    flag: bool = False
    pay: dict[str, Annotated[tuple[Item, ...], OneOrMany()]] = dataclasses.field(
        default_factory=dict
    )


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class Whole:
    value: int


@dataclass(frozen=True)
class Flag:
    value: bool


@dataclass(frozen=True)
class Level:
    seniority: Seniority


VALID = """\
title: "  Hello  "
amount: 1.5
kind: beta
items:
  - name: one
  - name: two
    count: 2
tags: [a, b]
note: ~
flag: true
pay:
  single: {name: x}
  several: [{name: y}, {name: z}]
"""


def run(cls, text: str, loader=yaml.SafeLoader, extra=None):
    """(result, problems) of building `cls` from the YAML `text`."""
    ctx = nodes.Context(FILE)
    result = validate.build(cls, yaml.compose(textwrap.dedent(text), Loader=loader), ctx, extra)
    return result, ctx.problems


def one_problem(cls, text: str, loader=yaml.SafeLoader):
    result, problems = run(cls, text, loader)
    assert result is None
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def yaml_loader(request):
    return request.param


# --- Valid input ---------------------------------------------------------------


def test_builds_a_frozen_dataclass_with_tuples_and_stripped_text(yaml_loader):
    sample, problems = run(Sample, VALID, yaml_loader)
    assert problems == []
    assert sample == Sample(
        title="Hello",
        amount=1.5,
        kind="beta",
        items=(Item("one"), Item("two", 2)),
        tags=("a", "b"),
        note=None,
        flag=True,
        pay={"single": (Item("x"),), "several": (Item("y"), Item("z"))},
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.title = "changed"


def test_defaults_fill_fields_that_are_left_out():
    sample, problems = run(Sample, "title: t\namount: 0\nkind: alpha\n")
    assert problems == []
    assert sample == Sample("t", 0, "alpha")


def test_extra_values_fill_fields_that_the_file_may_not_give():
    @dataclass(frozen=True)
    class WithId:
        id: str
        name: str

    result, problems = run(WithId, "name: n\n", extra={"id": "from-file-name"})
    assert problems == [] and result == WithId("from-file-name", "n")
    assert one_problem(WithId, "name: n\n").field == "id"  # without extra, id is required
    result, problems = run(WithId, "name: n\nid: x\n", extra={"id": "z"})  # with it, unknown
    assert result is None and [p.field for p in problems] == ["id"]
    assert problems[0].message == "unknown field; expected: name"


# --- Problem location and shape ------------------------------------------------


def test_wrong_type_names_the_field_path_line_and_column():
    problem = one_problem(Sample, "title: t\nkind: alpha\namount: ninety thousand\n")
    assert (problem.file, problem.line, problem.column) == (FILE, 3, 9)
    assert problem.field == "amount"
    assert problem.message == "expected a number, got 'ninety thousand'"
    assert str(problem) == "sample.yaml:3:9: amount: expected a number, got 'ninety thousand'"


def test_nested_field_paths_use_dots_and_indexes():
    text = "title: t\namount: 1\nkind: alpha\nitems:\n  - name: a\n  - name: b\n    count: lots\n"
    problem = one_problem(Sample, text)
    assert problem.field == "items[1].count"
    assert (problem.line, problem.column) == (7, 12)
    assert problem.message == "expected a whole number, got 'lots'"


def test_all_problems_are_reported_together_in_document_order():
    text = "title: [x]\namount: lots\nkind: delta\ntags: [ok, {a: b}]\n"
    result, problems = run(Sample, text)
    assert result is None
    assert [(p.field, p.line) for p in problems] == [
        ("title", 1),
        ("amount", 2),
        ("kind", 3),
        ("tags[1]", 4),
    ]
    assert problems[0].message == "expected text, got a list"
    assert problems[3].message == "expected text, got a mapping"


def test_unknown_key_suggests_the_closest_field():
    problem = one_problem(Sample, "titel: t\namount: 1\nkind: alpha\ntitle: t\n")
    assert (problem.line, problem.column, problem.field) == (1, 1, "titel")
    assert problem.message == "unknown field (did you mean 'title'?)"


def test_unknown_key_without_a_close_match_lists_the_fields():
    problem = one_problem(Item, "name: n\nzzzzzz: 1\n")
    assert problem.field == "zzzzzz"
    assert problem.message == "unknown field; expected: name, count"


def test_missing_required_field_is_reported_at_its_mapping():
    problem = one_problem(Sample, "# comment\ntitle: t\nkind: alpha\n")
    assert (problem.line, problem.column, problem.field) == (2, 1, "amount")
    assert problem.message == "this field is required"
    nested = one_problem(Sample, "title: t\namount: 1\nkind: alpha\nitems:\n  - count: 1\n")
    assert (nested.line, nested.column, nested.field) == (5, 5, "items[0].name")


def test_several_missing_fields_are_each_reported():
    result, problems = run(Sample, "note: n\n")
    assert result is None
    assert sorted(p.field for p in problems) == ["amount", "kind", "title"]


def test_duplicate_key_mentions_the_first_line():
    problem = one_problem(Sample, "title: t\namount: 1\nkind: alpha\ntitle: again\n")
    assert (problem.line, problem.column, problem.field) == (4, 1, "title")
    assert problem.message == "duplicate key (first given on line 1)"


def test_duplicate_key_in_a_dict_field_is_refused():
    text = "title: t\namount: 1\nkind: alpha\npay:\n  a: {name: x}\n  a: {name: y}\n"
    problem = one_problem(Sample, text)
    assert (problem.line, problem.field) == (6, "pay.a")
    assert problem.message == "duplicate key (first given on line 5)"


def test_a_document_that_is_not_a_mapping_is_refused():
    problem = one_problem(Item, "- a\n- b\n")
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert problem.message == "expected a mapping of fields, got a list"
    assert str(problem) == "sample.yaml:1:1: expected a mapping of fields, got a list"


def test_merge_keys_are_refused():
    problem = one_problem(Item, "base: &b {count: 1}\n<<: *b\nname: n\n")
    assert problem.line == 2
    assert problem.message == "merge keys (<<) are not supported"


@pytest.mark.parametrize("key", ["yes", "~", "[a]", "1.5"])
def test_keys_that_are_not_field_names_are_refused(key):
    problem = one_problem(Item, f"name: n\n{key}: 1\n")
    assert problem.line == 2
    assert problem.message.startswith("expected a field name, got ")


# --- Text fields and YAML 1.1 surprises -----------------------------------------


@pytest.mark.parametrize(
    ("value", "reads_as"),
    [
        ("NO", "a true/false value"),
        ("yes", "a true/false value"),
        ("Off", "a true/false value"),
        ("01234", "a whole number"),
        ("12:30", "a whole number"),
        ("1.5", "a decimal number"),
        ("2026-01-01", "a date"),
        ("~", "an empty value"),
        ("null", "an empty value"),
    ],
)
def test_yaml_1_1_surprises_in_text_fields_are_refused_with_advice_to_quote(
    value, reads_as, yaml_loader
):
    problem = one_problem(Text, f"value: {value}\n", yaml_loader)
    assert (problem.line, problem.column, problem.field) == (1, 8, "value")
    assert problem.message == (
        f'expected text, got {value!r}, which YAML reads as {reads_as}; put it in quotes: "{value}"'
    )


@pytest.mark.parametrize("value", ["NO", "yes", "01234", "12:30", "2026-01-01", "~", "null"])
@pytest.mark.parametrize("quote", ['"', "'"])
def test_the_same_values_quoted_are_text(value, quote, yaml_loader):
    result, problems = run(Text, f"value: {quote}{value}{quote}\n", yaml_loader)
    assert problems == []
    assert result == Text(value)


def test_block_scalars_are_text():
    result, problems = run(Text, "value: >-\n  NO\n  more\n")
    assert problems == [] and result == Text("NO more")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("value:\n", "expected text, got nothing"),
        ('value: ""\n', "expected text, got an empty string"),
        ('value: "   "\n', "expected text, got an empty string"),
        ("value: #1F4E79\n", "expected text, got nothing"),  # an unquoted colour is a comment
        ("value: [a]\n", "expected text, got a list"),
        ("value: {a: b}\n", "expected text, got a mapping"),
    ],
)
def test_empty_and_non_scalar_text_is_refused(text, message):
    problem = one_problem(Text, text)
    assert (problem.field, problem.message) == ("value", message)


@pytest.mark.parametrize(
    "escape", ["\\x00", "\\x01", "\\e", "\\x1f", "\\x7f", "\\b", "\\x9b", "\\N", "\\x80"]
)
def test_control_characters_in_text_are_refused(escape):
    problem = one_problem(Text, f'# a comment\nvalue: "bad{escape}text"\n')
    assert str(problem).startswith(
        "sample.yaml:2:8: value: the text contains an invisible control character (U+"
    )


def test_tabs_newlines_and_other_characters_in_text_are_allowed():
    result, problems = run(Text, 'value: "a\\tb\\nc caf\\xe9\\xa0\\u2014 \\U0001F600"\n')
    assert problems == [] and result == Text("a\tb\nc caf\xe9\xa0\u2014 \U0001f600")


def test_long_values_are_shortened_in_messages():
    problem = one_problem(Number, f"value: {'x' * 100}\n")
    assert problem.message == f"expected a number, got '{'x' * 57}...'"


# --- Numbers and booleans -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("150000", 150000),
        ("150_000", 150000),
        ("0", 0),
        ("-3", -3),
        ("1.5", 1.5),
        ("1_000.25", 1000.25),
        ("999999999999999", 999999999999999),
    ],
)
def test_numbers_in_number_fields_are_accepted(value, expected, yaml_loader):
    result, problems = run(Number, f"value: {value}\n", yaml_loader)
    assert problems == []
    assert result.value == expected
    assert type(result.value) is type(expected)


@pytest.mark.parametrize(
    "value",
    [
        "0x1F",
        "01234",
        "0o17",
        ".inf",
        "-.inf",
        ".nan",
        "true",
        "yes",
        "1:30",
        "1e5",
        "1.0e+5",
        "+5",
        '"150000"',
        "~",
        "[1]",
        pytest.param("1" + "0" * 400, id="1e400"),  # would become inf as a float
        pytest.param("1" + "0" * 5000, id="1e5000"),  # too many digits for int()
        pytest.param("1" + "0" * 400 + ".0", id="1e400.0"),
        pytest.param("1" + "0" * 15, id="1e15"),
    ],
)
def test_other_numbers_are_refused(value, yaml_loader):
    problem = one_problem(Number, f"value: {value}\n", yaml_loader)
    assert problem.field == "value"
    assert problem.message.startswith("expected a number, got ")


def test_whole_number_fields_refuse_decimals():
    problem = one_problem(Whole, "value: 23.0\n")
    assert problem.message == "expected a whole number, got '23.0'"
    result, problems = run(Whole, "value: 23_000\n")
    assert problems == [] and result.value == 23000 and type(result.value) is int


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("false", False), ("yes", True), ("No", False)]
)
def test_booleans(value, expected):
    result, problems = run(Flag, f"value: {value}\n")
    assert problems == [] and result.value is expected


@pytest.mark.parametrize("value", ['"true"', "1", "maybe", "~"])
def test_non_booleans_are_refused(value):
    problem = one_problem(Flag, f"value: {value}\n")
    assert problem.message == f"expected true or false, got {value.strip(chr(34))!r}"


# --- Choices and optional values ------------------------------------------------


def test_a_misspelled_choice_suggests_the_closest():
    problem = one_problem(Level, "seniority: seior\n")
    assert str(problem) == (
        "sample.yaml:1:12: seniority: expected one of entry, mid, senior, staff, lead, principal, "
        "executive; got 'seior' (did you mean 'senior'?)"
    )


@pytest.mark.parametrize("value", ["senior", '"senior"', "'lead'"])
def test_choices_are_accepted_plain_or_quoted(value):
    result, problems = run(Level, f"seniority: {value}\n")
    assert problems == [] and result.seniority in ("senior", "lead")


@pytest.mark.parametrize("value", ["Senior", "NO", "[senior]", "~", "1"])
def test_other_choices_are_refused(value):
    problem = one_problem(Level, f"seniority: {value}\n")
    assert problem.message.startswith("expected one of entry, mid, senior")


@pytest.mark.parametrize("text", ["title: t\namount: 1\nkind: alpha\n", "note:\n", "note: ~\n"])
def test_optional_fields_accept_nothing(text):
    full = "title: t\namount: 1\nkind: alpha\n" + ("" if text.startswith("title") else text)
    result, problems = run(Sample, full)
    assert problems == [] and result.note is None


# --- Constrained text -----------------------------------------------------------


def holder(hint):
    return make_dataclass("Holder", [("value", hint)], frozen=True)


CHECKS = [
    (Slug, "a lowercase id", ["ai-ml-engineer", "a1", "x"], ["Early", "../x", "a--b", "-a", "a_b"]),
    (Color, "a colour", ["#1F4E79", "#abcdef"], ["1F4E79", "#1F4E7", "#GGGGGG", "red"]),
    (
        Url,
        "an http(s) URL",
        ["https://example.com", "http://example.com/jobs?id=1"],
        ["example.com", "javascript:alert(1)", "ftp://example.com", "https://a b.com", "https://"],
    ),
    (
        Email,
        "an email address",
        ["jobs@example.com", "a.b+c@mail.example.org"],
        ["jobs@", "jobs.example.com", "a@b@c.com", "a@b.c", "a b@c.com", "<a@b.com>"],
    ),
    (CountryCode, "a two-letter ISO 3166 country code", ["US", "GB"], ["us", "USA", "U1", "XX"]),
    (CurrencyCode, "an ISO 4217 currency code", ["USD", "EUR"], ["usd", "US", "DOLLARS", "XYZ"]),
    (
        LanguageTag,
        "a language tag",
        ["en", "en-US", "fil", "zh-Hant-TW", "de-DE", "es-419"],
        ["EN", "en_US", "english", "e", "en-", "xx", "xx-YY"],
    ),
    (FontName, "a font family name", ["Source Sans 3", "Inter"], ["Comic<script>", "'Arial'"]),
]


@pytest.mark.parametrize(
    ("hint", "value"), [(hint, good) for hint, _, goods, _ in CHECKS for good in goods]
)
def test_constrained_text_accepts_valid_values(hint, value):
    result, problems = run(holder(hint), f"value: {yaml.safe_dump(value, default_style=chr(34))}")
    assert problems == [] and result.value == value


@pytest.mark.parametrize(
    ("hint", "expected", "value"),
    [(hint, expected, bad) for hint, expected, _, bads in CHECKS for bad in bads],
)
def test_constrained_text_refuses_invalid_values(hint, expected, value):
    problem = one_problem(holder(hint), f"value: {yaml.safe_dump(value, default_style=chr(34))}")
    assert (problem.line, problem.column, problem.field) == (1, 8, "value")
    assert problem.message.startswith(f"expected {expected}")
    assert f", got {value!r}" in problem.message  # then a did-you-mean, where one fits


def test_slug_message_in_full():
    problem = one_problem(holder(Slug), "value: My-Role\n")
    assert problem.message == f"expected {SLUG_EXPECTED}, got 'My-Role'"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("ai-ml-engineer", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("", False),
        ("a-", False),
        ("My Role", False),
        ("../x", False),
        ("x/y", False),
        ("café", False),
    ],
)
def test_is_slug(value, ok):
    assert is_slug(value) is ok


def test_amounts_and_headcounts_have_lower_bounds():
    problem = one_problem(holder(Amount), "value: -1\n")
    assert problem.message == "expected an amount above 0, got '-1'"
    problem = one_problem(holder(Amount), "value: 0\n")  # a placeholder, not a salary
    assert problem.message == "expected an amount above 0, got '0'"
    problem = one_problem(holder(Headcount), "value: 0\n")
    assert problem.message == "expected a whole number of at least 1, got '0'"


# --- Cross-field checks (problems()) ----------------------------------------------


def test_min_above_max_is_reported_at_max():
    text = "currency: USD\nmin: 200000\nmax: 100_000\nperiod: year\n"
    problem = one_problem(PayRange, text)
    assert str(problem) == (
        "sample.yaml:3:6: max: expected a maximum of at least the minimum (200000), got 100000"
    )


def test_min_equal_to_max_is_fine():
    result, problems = run(PayRange, "currency: USD\nmin: 5\nmax: 5\nperiod: hour\n")
    assert problems == [] and result.min == result.max == 5


def test_salary_figure_needs_min_or_median():
    problem = one_problem(SalaryFigure, "currency: USD\nperiod: year\nsource: s\nmax: 9\n")
    assert (problem.field, problem.message) == ("min", "give min (with max), median or average")
    result, problems = run(SalaryFigure, "currency: USD\nperiod: year\nsource: s\nmedian: 9\n")
    assert problems == [] and result.median == 9


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        ("min: 100000\nmax: 400000\nmedian: 500000\n", "median",
         "expected the median within the band (100000 to 400000), got 500000"),
        ("min: 100000\naverage: 90000\n", "average",
         "expected the average within the band (100000), got 90000"),
    ],
)  # fmt: skip
def test_a_salary_figure_s_median_or_average_lies_within_its_band(figures, field, message):
    problem = one_problem(SalaryFigure, f"currency: USD\nperiod: year\nsource: s\n{figures}")
    assert (problem.field, problem.message) == (field, message)
    text = "currency: USD\nperiod: year\nsource: s\nmin: 1000\nmax: 2000\nmax_open: true\n"
    result, problems = run(SalaryFigure, text + "median: 2500\n")  # "2,000+": above is fine
    assert problems == [] and result.median == 2500


def test_apply_needs_a_url_or_an_email():
    problem = one_problem(Apply, "instructions: Write to us.\n")
    assert (problem.line, problem.column, problem.field) == (1, 1, "url")
    assert problem.message == "give a url, an email or both"
    for text in ("url: https://example.com\n", "email: jobs@example.com\n"):
        result, problems = run(Apply, text)
        assert problems == [] and result is not None


def test_cross_field_checks_run_only_when_the_fields_are_valid():
    problem = one_problem(PayRange, "currency: usd\nmin: 9\nmax: 1\nperiod: year\n")
    assert problem.field == "currency"


# --- One or many ----------------------------------------------------------------


def test_one_or_many_accepts_a_single_mapping_and_a_list():
    text = "title: t\namount: 1\nkind: alpha\npay:\n  a: {name: x}\n  b: [{name: y}]\n  c: []\n"
    result, problems = run(Sample, text)
    assert problems == []
    assert result.pay == {"a": (Item("x"),), "b": (Item("y"),), "c": ()}


def test_one_or_many_refuses_a_scalar():
    problem = one_problem(Sample, "title: t\namount: 1\nkind: alpha\npay:\n  a: x\n")
    assert (problem.field, problem.message) == ("pay.a", "expected a list, got 'x'")


# --- Tags, aliases and size ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('tags: !!python/object/apply:os.system ["touch pwned-a"]\n', "tags"),
        ('title: !!python/object/apply:os.system ["touch pwned-b"]\n', "title"),
        ("items:\n  - !!python/object/apply:os.system {args: [touch pwned-c]}\n", "items[0]"),
        ("title: !!python/name:os.system touch\n", "title"),
        ("tags: !!set {a, b}\n", "tags"),
    ],
)
def test_python_and_other_tags_are_refused_and_nothing_runs(
    text, field, tmp_path, monkeypatch, yaml_loader
):
    monkeypatch.chdir(tmp_path)
    full = "amount: 1\nkind: alpha\n" + ("title: t\n" if not text.startswith("title") else "")
    result, problems = run(Sample, full + text, yaml_loader)
    assert result is None
    assert [p.field for p in problems] == [field]
    assert list(tmp_path.iterdir()) == []


def test_a_tagged_document_is_refused():
    problem = one_problem(Item, "!!python/object:os.system\nname: n\n")
    assert (
        problem.message
        == "expected a mapping of fields, got a mapping tagged !!python/object:os.system"
    )


def test_a_plain_alias_is_used_as_its_value():
    result, problems = run(Sample, "title: &t Hello\namount: 1\nkind: alpha\ntags: [*t, *t]\n")
    assert problems == [] and result.tags == ("Hello", "Hello")


def test_an_alias_to_a_list_that_contains_itself_is_refused(yaml_loader):
    start = time.perf_counter()
    problem = one_problem(Sample, "title: t\namount: 1\nkind: alpha\ntags: &a [*a]\n", yaml_loader)
    assert time.perf_counter() - start < 1
    assert (problem.field, problem.message) == ("tags[0]", "this alias refers to itself")


def test_an_alias_to_a_mapping_that_contains_itself_is_refused(yaml_loader):
    text = "title: t\namount: 1\nkind: alpha\npay: &p\n  a: *p\n"
    problem = one_problem(Sample, text, yaml_loader)
    assert (problem.field, problem.message) == ("pay.a", "this alias refers to itself")


def _bomb(levels: int, width: int) -> str:
    """A billion-laughs list: `width ** levels` strings through aliases, in a few hundred bytes."""
    node = "&a0 [" + ", ".join(["lol"] * width) + "]"
    for level in range(1, levels):
        node = f"&a{level} [{node}, " + ", ".join([f"*a{level - 1}"] * (width - 1)) + "]"
    return node


def test_a_billion_laughs_alias_bomb_is_refused_quickly(yaml_loader):
    hint = str
    for _ in range(9):
        hint = tuple[hint, ...]
    start = time.perf_counter()
    problem = one_problem(holder(hint), f"value: {_bomb(9, 10)}\n", yaml_loader)
    assert time.perf_counter() - start < 3
    assert problem.message == (
        f"the file expands to more than {validate.MAX_NODES} values (aliases?)"
    )


def test_a_large_but_honest_file_is_not_taken_for_a_bomb():
    tags = ", ".join(f"t{i}" for i in range(validate.MAX_NODES // 2))
    result, problems = run(Sample, f"title: t\namount: 1\nkind: alpha\ntags: [{tags}]\n")
    assert problems == [] and len(result.tags) == validate.MAX_NODES // 2


def test_an_unsupported_hint_is_a_programming_error():
    @dataclass(frozen=True)
    class Odd:
        value: bytes

    with pytest.raises(TypeError, match="unsupported type"):
        run(Odd, "value: x\n")


def test_build_never_runs_os_commands(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command))
    run(Sample, 'title: !!python/object/apply:os.system ["echo hi"]\n')
    assert calls == []


# --- dates and shorthands ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Answer:
    offered: bool
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class Edit:
    add: tuple[str, ...] = ()
    replace: tuple[str, ...] | None = None

    def problems(self) -> list[tuple[str, str]]:
        if self.add and self.replace is not None:
            return [("replace", "give add or replace, not both")]
        return []


@dataclasses.dataclass(frozen=True)
class Shorthands:
    closes: dt.date | None = None
    visa: Annotated[Answer, Shorthand("offered")] | None = None
    tools: Annotated[Edit, Shorthand("add")] | None = None


@pytest.mark.parametrize("written", ["2027-01-31", '"2027-01-31"'])
def test_a_date_is_read_quoted_or_not(written, yaml_loader):
    result, problems = run(Shorthands, f"closes: {written}\n", yaml_loader)
    assert problems == [] and result.closes == dt.date(2027, 1, 31)


@pytest.mark.parametrize(
    "written", ["2027-02-30", "31.01.2027", "2027-01-31 10:00", "tomorrow", "[]"]
)
def test_what_is_not_a_date_is_refused_with_an_example(written):
    problem = one_problem(Shorthands, f"closes: {written}\n")
    assert (problem.field, problem.line, problem.column) == ("closes", 1, 9)
    assert problem.message.startswith("expected a date like 2027-01-31, got ")


def test_a_shorthand_stands_for_one_field_and_the_mapping_still_works():
    result, problems = run(Shorthands, "visa: no\ntools: [A, B]\n")
    assert problems == []
    assert result.visa == Answer(False) and result.tools == Edit(add=("A", "B"))
    result, problems = run(Shorthands, "visa: {offered: yes, note: H-1B transfers}\n")
    assert problems == [] and result.visa == Answer(True, "H-1B transfers")
    result, problems = run(Shorthands, "tools: {replace: [C]}\n")
    assert problems == [] and result.tools == Edit(replace=("C",))


def test_a_shorthand_value_of_the_wrong_kind_is_refused_at_its_place():
    problem = one_problem(Shorthands, "visa: maybe\n")
    assert (problem.field, problem.line) == ("visa", 1)
    assert "expected true or false, got 'maybe'" in problem.message
    problem = one_problem(Shorthands, "tools: {add: [A], replace: [B]}\n")
    assert problem.field == "tools.replace" and "not both" in problem.message


def test_a_well_formed_language_cldr_does_not_know_says_so():
    """`xx` passed the pattern, then broke `check` with a traceback from Babel."""
    problem = one_problem(holder(LanguageTag), "value: xx\n")
    assert problem.message == (
        "expected a language tag like de-DE: the language in lowercase, then its country in "
        "capitals, joined by a hyphen, got 'xx'; CLDR, which jobgen writes dates and amounts "
        "by, knows no such language"
    )


def test_a_list_of_distinct_items_names_the_repeat_at_its_line():
    @dataclass(frozen=True)
    class Languages:
        languages: Annotated[tuple[LanguageTag, ...], Distinct()]

    problem = one_problem(Languages, "languages:\n  - en-US\n  - de-DE\n  - en-US\n")
    assert (problem.line, problem.column, problem.field) == (4, 5, "languages[2]")
    assert problem.message == "'en-US' is listed twice (first on line 2); remove one"
    result, problems = run(Languages, "languages: [en-US, de-DE]\n")
    assert problems == [] and result.languages == ("en-US", "de-DE")
