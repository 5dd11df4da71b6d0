"""Hostile YAML: tags, duplicate keys, aliases, nesting, coercions, encodings and
odd files, in role files, company profiles and `jobgen.yaml`.

Every refusal must name the file and line (and column and field path where
there is one), exit 2 without a traceback, run no code and leave the output of
the earlier run untouched. Lines and columns are worked out from the edited
file, so the cases keep working when the built-in files change.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .harness import Workspace, assert_refused, assert_unchanged

ROLE = "roles/ai-ml-engineer.yaml"
PROFILE = "company_profiles/furrowlight.yaml"
CONFIG = "jobgen.yaml"
FILES = {"role": ROLE, "profile": PROFILE, "config": CONFIG}
NOT_UTF8 = "the file is not UTF-8 text; save it as UTF-8"
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 100
MAX_ALIASES = 200


# --- Helpers ---------------------------------------------------------------------------


def path_of(ws: Workspace, kind: str) -> Path:
    """The workspace file of `kind`: role, profile or config."""
    return {"role": ws.role_file(), "profile": ws.profile_file(), "config": ws.root / CONFIG}[kind]


def replace_line(text: str, old: str, new: str) -> str:
    """`text` with its first line equal to `old` replaced by `new` (one or more lines)."""
    lines = text.split("\n")
    assert old in lines, f"no line {old!r}"
    index = lines.index(old)
    return "\n".join([*lines[:index], new, *lines[index + 1 :]])


def set_field(text: str, key: str, new: str) -> str:
    """`text` with the top-level field `key` (its line and indented block) replaced by `new`."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
    assert starts, f"no top-level field {key!r}"
    end = starts[0] + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    return "\n".join([*lines[: starts[0]], new.rstrip("\n"), *lines[end:]])


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def line_of(text: str, needle: str) -> int:
    return position(text, needle)[0]


def at(rel: str, text: str, needle: str, field: str = "") -> str:
    """`rel:line:col: field: ` where `needle` starts: how jobgen names a located problem."""
    line, column = position(text, needle)
    return f"{rel}:{line}:{column}: {field}: " if field else f"{rel}:{line}:{column}: "


def write(ws: Workspace, kind: str, text: str) -> str:
    path_of(ws, kind).write_text(text, encoding="utf-8")
    return text


def edit(ws: Workspace, kind: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the file of `kind`; returns the new text."""
    return write(ws, kind, change(path_of(ws, kind).read_text(encoding="utf-8")))


def posting_json(ws: Workspace) -> dict:
    return json.loads((ws.out / "furrowlight" / "ai-ml-engineer.json").read_text("utf-8"))


@dataclass(frozen=True)
class Site:
    """Where a value is written: in place of a whole line of a built-in file (`old`
    holds a colon or starts with spaces), or of a top-level field and its block."""

    kind: str
    old: str
    prefix: str  # written before the value
    field: str  # the field path jobgen names

    def put(self, ws: Workspace, value: str) -> str:
        new = self.prefix + value
        if ":" in self.old or self.old.startswith(" "):
            return edit(ws, self.kind, lambda t: replace_line(t, self.old, new))
        return edit(ws, self.kind, lambda t: set_field(t, self.old, new))

    def at(self, text: str, value: str, field: str | None = None) -> str:
        """`rel:line:col: field: ` of `value` as this site wrote it into `text`."""
        line, column = position(text, self.prefix + value)
        field = self.field if field is None else field
        where = f"{FILES[self.kind]}:{line}:{column + len(self.prefix)}: "
        return f"{where}{field}: " if field else where


TITLE = Site("role", "title: AI/ML Engineer", "title: ", "title")
SUMMARY = Site("role", "summary", "summary: ", "summary")
TOOLS = Site("role", "tools", "tools: ", "tools")
TOOL_ITEM = Site("role", "  - PyTorch", "  - ", "tools[1]")
PROFILE_NAME = Site("profile", "name: Furrowlight", "name: ", "name")
INDUSTRY = Site("profile", "industry", "industry: ", "industry")
ABOUT = Site("profile", "about", "about: ", "about")
BENEFITS = Site("profile", "benefits", "benefits: ", "benefits")
STAGE_REF = Site("profile", "stage: early", "stage: ", "stage")
COUNTRY = Site("profile", "    country: US", "    country: ", "locations[0].country")
REGION = Site("profile", "    region: CO", "    region: ", "locations[0].region")
PAY_KEY = Site("profile", "  ai-ml-engineer:", "  ", "pay")
MIN_PAY = Site("profile", "    min: 145000", "    min: ", "pay.ai-ml-engineer.min")
EQUITY = Site(
    "profile",
    "    equity: 0.15% to 0.40% in stock options",
    "    equity: ",
    "pay.ai-ml-engineer.equity",
)
STAGES = Site("config", "stages", "stages: ", "stages")
STAGE_ID = Site("config", "  - id: early", "  - id: ", "stages[0].id")
STAGE_NAME = Site("config", "    name: Early-stage", "    name: ", "stages[0].name")
STAGE_ROLES = Site(
    "config", "    roles: [ai-ml-engineer, ai-data-engineer]", "    roles: ", "stages[0].roles"
)
OUTPUT = Site("config", "  output: output", "  output: ", "defaults.output")
FORMATS = Site("config", "  formats: [md, html, docx]", "  formats: ", "defaults.formats")


# --- Language-specific and custom tags: refused where they stand, and nothing runs -----------


APPLY = '!!python/object/apply:os.system ["touch {marker}"]'
TAG_CASES = [
    # (id, site, value written, what the error says)
    ("os.system-in-title", TITLE, APPLY, r"got a list tagged !!python/object/apply:os\.system"),
    (
        "subprocess-in-title",
        TITLE,
        '!!python/object/apply:subprocess.check_call [[touch, "{marker}"]]',
        r"got a list tagged !!python/object/apply:subprocess\.check_call",
    ),
    (
        "exec-new-in-tool",
        TOOL_ITEM,
        "!!python/object/new:builtins.exec [\"open('{marker}', 'w').close()\"]",
        r"got a list tagged !!python/object/new:builtins\.exec",
    ),
    (
        "verbatim-tag",
        TITLE,
        '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
        r"got a list tagged !!python/object/apply:os\.system",
    ),
    (
        "python-name",
        TITLE,
        "!!python/name:os.system",
        r"YAML tags like !!python/name:os\.system are not allowed here; remove the tag",
    ),
    ("python-module", EQUITY, "!!python/module:os", r"YAML tags like !!python/module:os are"),
    ("binary", PROFILE_NAME, "!!binary aGVsbG8=", r"YAML tags like !!binary are not allowed"),
    ("binary-as-list", TOOLS, "!!binary aGVsbG8=", r"expected a list, got 'aGVsbG8='"),
    ("custom-tag", TITLE, "!shout hello", r"YAML tags like !shout are not allowed here"),
    ("custom-tag-on-list", BENEFITS, "!perks [gym]", r"expected a list, got a list tagged !perks"),
    ("set", TOOLS, "!!set {a, b}", r"expected a list, got a mapping tagged !!set"),
    ("omap", TOOLS, "!!omap [a: 1, b: 2]", r"expected a list, got a list tagged !!omap"),
    ("python-tuple", BENEFITS, "!!python/tuple [a, b]", r"got a list tagged !!python/tuple"),
    ("os.system-in-config", OUTPUT, APPLY, r"expected text, got a list tagged !!python/object"),
    ("os.system-as-stages", STAGES, APPLY, r"expected a list, got a list tagged !!python/object"),
    ("set-in-config", OUTPUT, "!!set {out}", r"expected text, got a mapping tagged !!set"),
]


@pytest.mark.parametrize(
    ("site", "value", "says"), [c[1:] for c in TAG_CASES], ids=[c[0] for c in TAG_CASES]
)
def test_a_tag_is_refused_where_it_stands_and_nothing_runs(ws, before, tmp_path, site, value, says):
    marker = tmp_path / "pwned"
    value = value.replace("{marker}", str(marker))
    text = site.put(ws, value)
    result = ws.generate()
    assert_refused(result, names=site.at(text, value), says=says)
    assert not marker.exists()
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("kind", ["role", "profile", "config"])
def test_a_python_tag_on_the_whole_document_is_refused(ws, before, tmp_path, kind):
    """`--- !!python/object/apply:os.system [...]` as the whole file."""
    marker = tmp_path / "pwned"
    text = write(ws, kind, f'--- !!python/object/apply:os.system ["touch {marker}"]\n')
    result = ws.generate()
    assert_refused(
        result,
        names=at(FILES[kind], text, "!!python"),
        says=r"expected a mapping of fields, got a list tagged !!python/object/apply:os\.system",
    )
    assert not marker.exists()
    assert_unchanged(before, ws.out)


def test_a_tag_directive_that_abbreviates_a_python_tag_is_refused(ws, before, tmp_path):
    """`%TAG !py! tag:yaml.org,2002:python/object/apply:` then `!py!os.system [...]`."""
    marker = tmp_path / "pwned"
    directive = "%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n"
    value = f'!py!os.system ["touch {marker}"]'
    text = edit(ws, "role", lambda t: directive + replace_line(t, TITLE.old, "title: " + value))
    result = ws.generate()
    assert_refused(
        result,
        names=TITLE.at(text, value),
        says=r"got a list tagged !!python/object/apply:os\.system",
    )
    assert not marker.exists()
    assert_unchanged(before, ws.out)


def test_a_python_tag_as_a_key_is_refused(ws, before, tmp_path):
    """A complex key: `? !!python/object/apply:os.system [...]`."""
    marker = tmp_path / "pwned"
    key = f'? !!python/object/apply:os.system ["touch {marker}"]\n: x\n'
    text = edit(ws, "role", lambda t: t + key)
    result = ws.generate()
    assert_refused(
        result,
        names=at(ROLE, text, "!!python"),
        says=r"expected a field name, got a list tagged !!python/object/apply:os\.system",
    )
    assert not marker.exists()
    assert_unchanged(before, ws.out)


def test_check_refuses_a_python_tag_and_runs_nothing(ws, before, tmp_path):
    marker = tmp_path / "pwned"
    value = APPLY.replace("{marker}", str(marker))
    text = EQUITY.put(ws, value)
    result = ws.run("check")
    assert_refused(result, names=EQUITY.at(text, value), says="tagged !!python/object/apply")
    assert not marker.exists()
    assert_unchanged(before, ws.out)


def test_the_standard_str_tag_is_a_way_to_quote(ws):
    """`!!str` is YAML's own quoting, not a language tag: `title: !!str NO` is the text NO."""
    TITLE.put(ws, "!!str NO")
    result = ws.generate("-f", "json")
    assert result.exit_code == 0, result.output
    assert posting_json(ws)["title"] == "NO"


# --- Duplicate keys ---------------------------------------------------------------------


DUPLICATES = [
    # (id, file, the line the duplicate goes after, the duplicate, its field, the first one)
    ("role-top", "role", TITLE.old, "title: Again", "title", None),
    ("role-quoted", "role", "seniority: senior", '"seniority": lead', "seniority", None),
    (
        "role-salary",
        "role",
        "    currency: USD",
        "    currency: EUR",
        "market.salary.currency",
        None,
    ),
    ("pay-range", "profile", MIN_PAY.old, "    min: 1", MIN_PAY.field, None),
    ("location", "profile", REGION.old, "    region: NE", REGION.field, None),
    ("pay-role", "profile", EQUITY.old, "  ai-ml-engineer: {}", "pay.ai-ml-engineer", PAY_KEY.old),
    ("config-nested", "config", OUTPUT.old, "  output: elsewhere", OUTPUT.field, None),
    ("config-stage-id", "config", STAGE_ID.old, "    id: growth", STAGE_ID.field, None),
]


@pytest.mark.parametrize(
    ("kind", "after", "duplicate", "field", "first"),
    [c[1:] for c in DUPLICATES],
    ids=[c[0] for c in DUPLICATES],
)
def test_a_duplicate_key_is_refused_with_both_lines(
    ws, before, kind, after, duplicate, field, first
):
    text = edit(ws, kind, lambda t: replace_line(t, after, f"{after}\n{duplicate}"))
    lines = text.split("\n")
    column = len(duplicate) - len(duplicate.lstrip(" -")) + 1
    result = ws.generate()
    assert_refused(
        result,
        names=f"{FILES[kind]}:{lines.index(after) + 2}:{column}: {field}: ",
        says=rf"duplicate key \(first given on line {lines.index(first or after) + 1}\)",
    )
    assert_unchanged(before, ws.out)


def test_check_refuses_a_duplicate_top_level_key_in_jobgen_yaml(ws, before):
    text = edit(ws, "config", lambda t: t + "defaults:\n  output: other\n")
    lines = text.split("\n")
    first = lines.index("defaults:")
    result = ws.run("check")
    assert_refused(
        result,
        names=f"{CONFIG}:{lines.index('defaults:', first + 1) + 1}:1: defaults: ",
        says=rf"duplicate key \(first given on line {first + 1}\)",
    )
    assert_unchanged(before, ws.out)


def test_a_duplicate_key_in_a_flow_mapping_is_refused(ws, before):
    """`brand: {color: ..., font: ..., color: ...}` on one line."""
    value = '{color: "#2F5D3A", font: Source Sans 3, color: "#000000"}'
    text = edit(ws, "profile", lambda t: set_field(t, "brand", "brand: " + value))
    result = ws.generate()
    assert_refused(
        result,
        names=at(PROFILE, text, 'color: "#000000"', "brand.color"),
        says=rf"duplicate key \(first given on line {line_of(text, 'brand:')}\)",
    )
    assert_unchanged(before, ws.out)


# --- Anchors and aliases ----------------------------------------------------------------


def laughs(levels: int = 9, width: int = 9) -> list[str]:
    """The items of a "billion laughs": each an anchored list of `width` aliases to the
    one before, so the last expands to width**(levels + 1) strings."""
    items = ["&l0 [" + ", ".join(["lol"] * width) + "]"]
    items += [f"&l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return items


def test_billion_laughs_in_a_rendered_list_flow_style(ws, before):
    """tools: [&l0 [lol x9], &l1 [*l0 x9], ... &l9 [*l8 x9]]: 9**10 strings if expanded."""
    value = "[" + ", ".join(laughs()) + "]"
    text = TOOLS.put(ws, value)
    start = time.perf_counter()
    result = ws.generate()
    assert time.perf_counter() - start < 2
    error = assert_refused(
        result, names=at(ROLE, text, "&l0", "tools[0]"), says="expected text, got a list"
    )
    assert error.count("expected text, got a list") == 10
    assert_unchanged(before, ws.out)


def test_billion_laughs_in_a_rendered_list_block_style(ws, before):
    """The same, one level per line of `responsibilities`."""
    value = "responsibilities:\n  - Ship models.\n" + "".join(f"  - {i}\n" for i in laughs())
    text = edit(ws, "role", lambda t: set_field(t, "responsibilities", value))
    start = time.perf_counter()
    result = ws.generate()
    assert time.perf_counter() - start < 2
    assert_refused(
        result,
        names=[
            at(ROLE, text, "&l0", "responsibilities[1]"),
            at(ROLE, text, "&l9", "responsibilities[10]"),
        ],
        says="expected text, got a list",
    )
    assert_unchanged(before, ws.out)


def test_billion_laughs_of_mappings_in_market_facts(ws, before):
    """facts: [&f0 {text, source}, &f1 [*f0 x9], ...]: a list where a fact is expected."""
    items = ["&f0 {text: lol, source: lol}"]
    items += [f"&f{i} [" + ", ".join([f"*f{i - 1}"] * 9) + "]" for i in range(1, 10)]
    market = "market:\n  facts: [" + ", ".join(items) + "]"
    text = edit(ws, "role", lambda t: set_field(t, "market", market))
    start = time.perf_counter()
    result = ws.generate()
    assert time.perf_counter() - start < 2
    assert_refused(
        result,
        names=at(ROLE, text, "&f1", "market.facts[1]"),
        says="expected a mapping of fields, got a list",
    )
    assert_unchanged(before, ws.out)


def test_check_refuses_billion_laughs_in_the_roles_of_a_stage(ws, before):
    """jobgen.yaml: stages[0].roles: [&l0 [...], &l1 [*l0 x9], ...]."""
    text = STAGE_ROLES.put(ws, "[" + ", ".join(laughs()) + "]")
    start = time.perf_counter()
    result = ws.run("check")
    assert time.perf_counter() - start < 5
    assert_refused(
        result,
        names=at(CONFIG, text, "&l0", "stages[0].roles[0]"),
        says="expected text, got a list",
    )
    assert_unchanged(before, ws.out)


def test_an_alias_bomb_of_pay_ranges_is_refused_quickly(ws, before):
    """1,000 roles, each an alias to 1,000 aliased ranges: a million values."""
    ranges = "[&p {currency: USD, min: 1, max: 2, period: year}" + ", *p" * 999 + "]"
    pay = f"pay:\n  r0: &l {ranges}\n" + "".join(f"  r{i}: *l\n" for i in range(1, 1000))
    text = edit(ws, "profile", lambda t: set_field(t, "pay", pay))
    start = time.perf_counter()
    result = ws.generate()
    assert time.perf_counter() - start < 3
    error = assert_refused(result, names=f"{PROFILE}:", says=r"(?i)alias")
    found = re.search(rf"{re.escape(PROFILE)}:(\d+):", error)
    assert found, error
    assert line_of(text, "pay:") <= int(found.group(1)) <= line_of(text, "  r999:")
    assert_unchanged(before, ws.out)


SELF_ALIASES = {
    # file, top-level key, the new field: the anchored value holds an alias to itself
    "list": ("role", "tools", "tools: &a [*a]", "tools[0]"),
    "block-list": ("role", "skills", "skills: &a\n  - Python\n  - *a", "skills[1]"),
    "mapping": ("role", "market", "market: &a {facts: [], salary: *a}", "market.salary"),
    "pay": ("profile", "pay", "pay: &a\n  ai-ml-engineer: *a", "pay.ai-ml-engineer"),
    "stages": ("config", "stages", "stages: &a [*a]", "stages[0]"),
}


@pytest.mark.parametrize(
    ("kind", "key", "new", "field"), SELF_ALIASES.values(), ids=SELF_ALIASES.keys()
)
def test_an_alias_that_contains_itself_is_refused(ws, before, kind, key, new, field):
    """`&a [*a]`: a value that contains itself, which a naive walk never finishes.
    The alias is the anchored value itself, so the error points at its anchor."""
    text = edit(ws, kind, lambda t: set_field(t, key, new))
    start = time.perf_counter()
    result = ws.generate()
    assert time.perf_counter() - start < 2
    assert_refused(
        result, names=at(FILES[kind], text, "&a", field), says="this alias refers to itself"
    )
    assert_unchanged(before, ws.out)


def test_an_undefined_alias_is_a_located_syntax_error(ws, before):
    text = TITLE.put(ws, "*nowhere")
    result = ws.generate()
    assert_refused(result, names=TITLE.at(text, "*nowhere", ""), says="undefined alias")
    assert_unchanged(before, ws.out)


def test_a_merge_key_is_refused(ws, before):
    """`<<: *base` copies fields in unseen; jobgen does not support it."""
    text = PAY_KEY.put(ws, "ai-ml-engineer:\n    <<: {}")
    result = ws.generate()
    assert_refused(
        result,
        names=at(PROFILE, text, "<<", "pay.ai-ml-engineer"),
        says=r"merge keys \(<<\) are not supported",
    )
    assert_unchanged(before, ws.out)


def aliases(count: int) -> str:
    """`responsibilities` as one flow list: an anchored item and `count` aliases to it."""
    return "responsibilities: [&r Ship models to production., " + ", ".join(["*r"] * count) + "]"


def test_exactly_the_alias_limit_is_accepted(ws):
    """200 aliases (the limit) in a rendered list: allowed, every item written."""
    edit(ws, "role", lambda t: set_field(t, "responsibilities", aliases(MAX_ALIASES)))
    result = ws.generate("-f", "json")
    assert result.exit_code == 0, result.output
    assert posting_json(ws)["responsibilities"] == ["Ship models to production."] * 201


def test_more_aliases_than_the_limit_on_one_line_are_refused(ws, before):
    """201 aliases: refused at the 201st."""
    text = edit(ws, "role", lambda t: set_field(t, "responsibilities", aliases(MAX_ALIASES + 1)))
    result = ws.generate()
    line, column = position(text, "*r" + ", *r" * MAX_ALIASES + "]")
    assert_refused(
        result, names=f"{ROLE}:{line}:{column + 4 * MAX_ALIASES}: ", says=r"more than 200 aliases"
    )
    assert_unchanged(before, ws.out)


def test_more_aliases_than_the_limit_one_per_line_are_refused(ws, before):
    """The error names a line between the anchor and the last alias."""
    block = "responsibilities:\n  - &r Ship models.\n" + "  - *r\n" * 300
    text = edit(ws, "role", lambda t: set_field(t, "responsibilities", block))
    result = ws.generate()
    error = assert_refused(result, names=f"{ROLE}:", says=r"(?i)alias")
    found = re.search(rf"{re.escape(ROLE)}:(\d+)", error)
    assert found, error
    first = line_of(text, "  - &r")
    assert first <= int(found.group(1)) <= first + 300
    assert_unchanged(before, ws.out)


def test_more_aliases_than_the_limit_in_a_profile_are_refused(ws, before):
    text = BENEFITS.put(ws, "[&b Paid leave., " + ", ".join(["*b"] * (MAX_ALIASES + 1)) + "]")
    result = ws.generate()
    assert_refused(result, names=f"{PROFILE}:{line_of(text, 'benefits:')}:", says=r"(?i)alias")
    assert_unchanged(before, ws.out)


def test_check_refuses_more_aliases_than_the_limit_in_jobgen_yaml(ws, before):
    text = FORMATS.put(ws, "[&f md, " + ", ".join(["*f"] * (MAX_ALIASES + 1)) + "]")
    result = ws.run("check")
    assert_refused(result, names=f"{CONFIG}:{line_of(text, '  formats:')}:", says=r"(?i)alias")
    assert_unchanged(before, ws.out)


# --- Very deep nesting -------------------------------------------------------------------


def flow_lists(depth: int) -> str:
    return "[" * depth + "]" * depth


def flow_mappings(depth: int) -> str:
    return "{a: " * depth + "b" + "}" * depth


# (id, site, the levels above the value (the document mapping is one), make a value)
NESTING = [
    ("role-title-flow-lists", TITLE, 1, flow_lists, "expected text, got a list"),
    ("role-title-flow-mappings", TITLE, 1, flow_mappings, "expected text, got a mapping"),
    ("profile-name-flow-lists", PROFILE_NAME, 1, flow_lists, "expected text, got a list"),
    ("profile-equity-flow-lists", EQUITY, 3, flow_lists, "expected text, got a list"),
    ("config-output-flow-mappings", OUTPUT, 2, flow_mappings, "expected text, got a mapping"),
]


@pytest.mark.parametrize(
    ("site", "outer", "make", "says"), [c[1:] for c in NESTING], ids=[c[0] for c in NESTING]
)
def test_nesting_just_within_the_limit_is_parsed(ws, before, site, outer, make, says):
    """100 levels in all: parsed, then refused only because the field wants text."""
    value = make(MAX_DEPTH - outer)
    text = site.put(ws, value)
    result = ws.generate()
    assert_refused(result, names=site.at(text, value), says=says)
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize(
    ("site", "outer", "make", "says"), [c[1:] for c in NESTING], ids=[c[0] for c in NESTING]
)
def test_nesting_just_past_the_limit_is_refused_where_it_goes_too_deep(
    ws, before, site, outer, make, says
):
    """101 levels: refused at the bracket that opens the 101st."""
    value = make(MAX_DEPTH - outer + 1)
    text = site.put(ws, value)
    line, column = position(text, site.prefix + value)
    column += len(site.prefix) + max(value.rfind("["), value.rfind("{"))
    result = ws.generate()
    assert_refused(
        result,
        names=f"{FILES[site.kind]}:{line}:{column}: ",
        says=rf"the YAML is nested too deeply \(more than {MAX_DEPTH} levels\)",
    )
    assert_unchanged(before, ws.out)


def block_lists(depth: int) -> str:
    """`depth` nested block lists under `title:`, one `-` a line, each 2 spaces further in."""
    lines = ["  " * (i + 1) + "-" for i in range(depth - 1)]
    return "\n" + "\n".join([*lines, "  " * depth + "- deepest"])


@pytest.mark.parametrize(("depth", "too_deep"), [(99, False), (100, True)], ids=["99", "100"])
def test_block_style_nesting_around_the_limit(ws, before, depth, too_deep):
    text = TITLE.put(ws, block_lists(depth))
    result = ws.generate()
    if too_deep:
        assert_refused(
            result,
            names=f"{ROLE}:{line_of(text, '- deepest')}:{2 * depth + 1}: ",
            says=rf"the YAML is nested too deeply \(more than {MAX_DEPTH} levels\)",
        )
    else:
        first = line_of(text, "title:") + 1
        assert_refused(result, names=f"{ROLE}:{first}:3: title: ", says="expected text, got a list")
    assert_unchanged(before, ws.out)


def test_nesting_deep_enough_to_crash_the_c_parser_is_a_clean_error(ws, before):
    """50,000 levels once crashed libyaml's composer: run in a process of its own."""
    text = TITLE.put(ws, flow_lists(50_000))
    env = {k: v for k, v in os.environ.items() if k != "JOBGEN_WORKSPACE"}
    command = ["generate", "ai-ml-engineer", "-c", "furrowlight", "-o", str(ws.out)]
    result = subprocess.run(
        [sys.executable, "-m", "jobgen", *command],
        cwd=ws.root,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{ROLE}:{line_of(text, 'title:')}:" in result.stderr
    assert f"nested too deeply (more than {MAX_DEPTH} levels)" in result.stderr
    assert_unchanged(before, ws.out)


# --- YAML 1.1 coercions in text fields -------------------------------------------------


# (value, what jobgen says YAML reads it as): PyYAML follows YAML 1.1 here.
COERCED = [
    ("NO", "a true/false value"),
    ("yes", "a true/false value"),
    ("on", "a true/false value"),
    ("off", "a true/false value"),
    ("TRUE", "a true/false value"),
    ("~", "an empty value"),
    ("null", "an empty value"),
    ("Null", "an empty value"),
    ("2026-01-01", "a date"),
    ("2026-01-01 12:30:00", "a date"),
    ("12:30", "a whole number"),  # sexagesimal: 750
    ("017", "a whole number"),  # octal
    ("0x1F", "a whole number"),
    ("0b101", "a whole number"),
    ("1_000", "a whole number"),
    (".inf", "a decimal number"),
    ("-.inf", "a decimal number"),
    (".NaN", "a decimal number"),
    ("1.5", "a decimal number"),
]


@pytest.mark.parametrize(("value", "reads_as"), COERCED, ids=[c[0] for c in COERCED])
def test_a_title_yaml_reads_as_something_else_is_refused_with_advice(ws, before, value, reads_as):
    text = TITLE.put(ws, value)
    result = ws.generate()
    assert_refused(
        result,
        names=TITLE.at(text, value) + f"expected text, got {value!r}",
        says=re.escape(f'which YAML reads as {reads_as}; put it in quotes: "{value}"'),
    )
    assert_unchanged(before, ws.out)


# Not numbers, dates or booleans to PyYAML (1e3 needs a dot in YAML 1.1; 0o17 is YAML
# 1.2; y and n are not booleans in PyYAML): kept exactly as written, so nothing is lost.
KEPT = ["1e3", "0o17", "y", "n", "1,000", "12:30:xx", "+1-555-0100"]


@pytest.mark.parametrize("value", KEPT)
def test_a_title_yaml_keeps_as_text_is_used_as_written(ws, value):
    TITLE.put(ws, value)
    result = ws.generate("-f", "json")
    assert result.exit_code == 0, result.output
    assert posting_json(ws)["title"] == value


def test_an_empty_title_is_refused(ws, before):
    text = TITLE.put(ws, "")
    result = ws.generate()
    assert_refused(
        result, names=at(ROLE, text, "title:", "title"), says="expected text, got nothing"
    )
    assert_unchanged(before, ws.out)


ROLE_1 = "stages[0].roles[1]"
COERCED_ELSEWHERE = [
    # (id, site, value, the scalar at fault, its field, what YAML reads it as)
    ("company-name-yes", PROFILE_NAME, "yes", "yes", "name", "a true/false value"),
    ("norway", COUNTRY, "NO", "NO", COUNTRY.field, "a true/false value"),
    ("ontario", REGION, "ON", "ON", REGION.field, "a true/false value"),
    ("equity-sexagesimal", EQUITY, "1:30", "1:30", EQUITY.field, "a whole number"),
    ("industry-date", INDUSTRY, "2026-01-01", "2026-01-01", "industry", "a date"),
    ("stage-name-off", STAGE_NAME, "off", "off", STAGE_NAME.field, "a true/false value"),
    ("stage-role-yes", STAGE_ROLES, "[ai-ml-engineer, yes]", "yes", ROLE_1, "a true/false value"),
    ("output-null", OUTPUT, "null", "null", OUTPUT.field, "an empty value"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("site", "value", "scalar", "field", "reads_as"),
    [c[1:] for c in COERCED_ELSEWHERE],
    ids=[c[0] for c in COERCED_ELSEWHERE],
)
def test_coercions_in_profiles_and_jobgen_yaml_are_refused(
    ws, before, site, value, scalar, field, reads_as
):
    text = site.put(ws, value)
    line, column = position(text, site.prefix + value)
    column += len(site.prefix) + value.index(scalar)
    result = ws.generate()
    assert_refused(
        result,
        names=f"{FILES[site.kind]}:{line}:{column}: {field}: expected text, got {scalar!r}",
        says=re.escape(f"which YAML reads as {reads_as}"),
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("value", ["1e3", ".inf", "0x10", "1:30", "0o17", "017"])
def test_a_pay_figure_that_is_not_a_plain_decimal_is_refused(ws, before, value):
    text = MIN_PAY.put(ws, value)
    result = ws.generate()
    assert_refused(
        result, names=MIN_PAY.at(text, value), says=re.escape(f"expected a number, got {value!r}")
    )
    assert_unchanged(before, ws.out)


def test_check_refuses_a_coerced_country(ws, before):
    text = COUNTRY.put(ws, "NO")
    result = ws.run("check")
    assert_refused(result, names=COUNTRY.at(text, "NO"), says='put it in quotes: "NO"')
    assert_unchanged(before, ws.out)


# --- Multi-document files ----------------------------------------------------------------


MULTI = "YAML syntax: the file holds more than one YAML document (---); keep one"
DOCUMENTS = {
    "second-document": ("role", lambda t: t + "---\ntitle: Other\n"),
    "two-markers-first": ("role", lambda t: "---\n---\n" + t),
    "marker-mid-file": ("profile", lambda t: replace_line(t, "stage: early", "---\nstage: early")),
    "end-marker-then-document": ("role", lambda t: t + "...\n---\ntitle: Other\n"),
    "config-two-documents": ("config", lambda t: t + "---\nstages: []\n"),
}


@pytest.mark.parametrize(("kind", "change"), DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_a_second_document_is_refused_where_it_starts(ws, before, kind, change):
    text = edit(ws, kind, change)
    line = max(n for n, line in enumerate(text.split("\n"), 1) if line == "---")
    result = ws.generate()
    assert_refused(result, names=f"{FILES[kind]}:{line}:1: ", says=re.escape(MULTI))
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("kind", ["role", "profile", "config"])
def test_content_after_an_end_marker_is_a_located_syntax_error(ws, before, kind):
    """`...` ends the document: a field after it is neither dropped nor merged."""
    text = edit(ws, kind, lambda t: t + "...\nextra: field\n")
    result = ws.generate()
    assert_refused(
        result, names=f"{FILES[kind]}:{line_of(text, 'extra: field')}:1: ", says="YAML syntax"
    )
    assert_unchanged(before, ws.out)


# --- Encodings -----------------------------------------------------------------------


def swap(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(old, new, 1)


def reencode(codec: str, bom: bytes = b"") -> Callable[[bytes], bytes]:
    return lambda data: bom + data.decode("utf-8").encode(codec)


ENCODINGS = [
    # (id, file, change to the bytes, the bytes whose line is named; None: line 1)
    ("utf16-le-bom", "role", reencode("utf-16"), None),
    ("utf16-be-bom", "profile", reencode("utf-16-be", b"\xfe\xff"), None),
    ("utf32", "config", reencode("utf-32"), None),
    ("latin1-title", "role", swap(b"AI/ML Engineer\n", b"AI/ML Ing\xe9nieur\n"), b"AI/ML Ing"),
    ("latin1-profile", "profile", swap(b"industry: ", b"industry: Caf\xe9 "), b"industry:"),
    ("invalid-byte-mid-file", "role", swap(b"  - PyTorch\n", b"  - Py\xffTorch\n"), b"Py\xff"),
    ("invalid-byte-in-config", "config", swap(b"output: output", b"output: o\x80"), b"o\x80"),
    ("truncated-at-end", "role", lambda data: data + b"# \xe2\x82", b"# \xe2\x82"),
    ("overlong-slash", "role", swap(b"title: AI/ML", b"title: AI\xc0\xafML"), b"title:"),
    ("encoded-surrogate", "profile", swap(b"name: Furrow", b"name: F\xed\xa0\x80"), b"name:"),
]


@pytest.mark.parametrize(
    ("kind", "change", "needle"), [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS]
)
def test_a_file_that_is_not_utf8_is_refused_with_the_line(ws, before, kind, change, needle):
    path = path_of(ws, kind)
    data = change(path.read_bytes())
    path.write_bytes(data)
    line = 1 if needle is None else data[: data.index(needle)].count(b"\n") + 1
    result = ws.generate()
    assert_refused(result, names=f"{FILES[kind]}:{line}: {NOT_UTF8}")
    assert_unchanged(before, ws.out)


def test_check_refuses_latin1_with_the_line(ws, before):
    data = ws.role_file().read_bytes().replace(b"  - PyTorch\n", b"  - Caf\xe9\n", 1)
    ws.role_file().write_bytes(data)
    result = ws.run("check")
    line = data[: data.index(b"Caf\xe9")].count(b"\n") + 1
    assert_refused(result, names=f"{ROLE}:{line}: {NOT_UTF8}")
    assert_unchanged(before, ws.out)


def test_utf16_without_a_bom_is_refused_at_its_first_nul(ws, before):
    ws.role_file().write_bytes(reencode("utf-16-le")(ws.role_file().read_bytes()))
    result = ws.generate()
    assert_refused(result, names=f"{ROLE}:1:2: ", says=r"control character \(U\+0000\)")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("kind", ["role", "profile", "config"])
def test_a_utf8_byte_order_mark_is_accepted(ws, before, kind):
    """A BOM is how some editors save UTF-8: the same posting, byte for byte."""
    path = path_of(ws, kind)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = ws.generate("-f", "all", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert_unchanged(before, ws.out)


# --- Control, bidi and invisible characters ---------------------------------------------


RAW_CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ufffe"]


@pytest.mark.parametrize("char", RAW_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("where", ["title", "comment", "config"])
def test_a_raw_control_character_is_refused_where_it_is(ws, before, char, where):
    if where == "title":
        kind, text = "role", TITLE.put(ws, f"AI/ML{char} Engineer")
    elif where == "comment":
        kind, text = "role", edit(ws, "role", lambda t: t + f"# a note{char}\n")
    else:
        kind, text = "config", OUTPUT.put(ws, f"out{char}put")
    result = ws.generate()
    assert_refused(
        result,
        names=at(FILES[kind], text, char),
        says=re.escape(
            f"the file contains an invisible control character (U+{ord(char):04X}); remove it"
        ),
    )
    assert_unchanged(before, ws.out)


ESCAPED_CONTROLS = [r"\0", r"\a", r"\e", r"\x1b", r"\x7f", r"\N", r"\u009B", r"\x85"]


@pytest.mark.parametrize("escape", ESCAPED_CONTROLS)
def test_an_escaped_control_character_in_text_is_refused(ws, before, escape):
    """A YAML escape in double quotes passes the file check: the field check refuses it."""
    value = f'"AI/ML{escape} Engineer"'
    text = TITLE.put(ws, value)
    result = ws.generate()
    assert_refused(
        result, names=TITLE.at(text, value) + "the text contains an invisible control character"
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("where", ["title", "comment"])
def test_a_raw_yaml_line_break_character_is_named_on_its_own_line(ws, before, char, where):
    if where == "title":
        text = TITLE.put(ws, f"AI/ML{char}Engineer")
    else:
        text = edit(
            ws, "role", lambda t: replace_line(t, TITLE.old, f"# Role:{char} x\n{TITLE.old}")
        )
    result = ws.generate()
    assert_refused(result, names=f"{ROLE}:{line_of(text, char)}:", says=rf"U\+{ord(char):04X}")
    assert_unchanged(before, ws.out)


BIDI = ["\u202e", "\u202d", "\u202b", "\u2066", "\u2067", "\u2068"]


@pytest.mark.parametrize("char", BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_a_bidi_control_in_a_title_is_refused(ws, before, char):
    text = TITLE.put(ws, f"AI/ML {char}reenignE")
    result = ws.generate()
    assert_refused(
        result,
        names=f"{ROLE}:{line_of(text, char)}:",
        says=rf"U\+{ord(char):04X}|(?i:bidi|direction)",
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("site", [TITLE, PROFILE_NAME], ids=["role-title", "company-name"])
def test_an_escaped_bidi_override_is_refused(ws, before, site):
    text = site.put(ws, r'"Engineer \u202Egnp.exe"')
    result = ws.generate()
    assert_refused(
        result,
        names=f"{FILES[site.kind]}:{line_of(text, 'gnp.exe')}:",
        says=r"U\+202E|(?i:bidi|direction)",
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("char", ["\ufeff"], ids=lambda c: f"U+{ord(c):04X}")
def test_a_byte_order_mark_in_a_title_is_refused(ws, before, char):
    text = TITLE.put(ws, f"AI/ML Engi{char}neer")
    result = ws.generate()
    assert_refused(
        result,
        names=f"{ROLE}:{line_of(text, char)}:",
        says=rf"U\+{ord(char):04X}|(?i:zero.width|invisible)",
    )
    assert_unchanged(before, ws.out)


ZERO_WIDTH_IDS = [
    # (id, site, value, the field named)
    ("stage", STAGE_REF, "early\u200b", STAGE_REF.field),
    ("pay-role", PAY_KEY, "ai-ml-engineer\u200b:", "pay.ai-ml-engineer\u200b"),
    ("stage-id", STAGE_ID, "early\u200d", STAGE_ID.field),
]


@pytest.mark.parametrize(
    ("site", "value", "field"), [c[1:] for c in ZERO_WIDTH_IDS], ids=[c[0] for c in ZERO_WIDTH_IDS]
)
def test_a_zero_width_character_in_an_id_is_refused(ws, before, site, value, field):
    """An id that looks right but is not: refused as no lowercase id, shown escaped."""
    text = site.put(ws, value)
    result = ws.generate()
    shown = repr(value.rstrip(":"))
    assert "\\u200" in shown
    assert_refused(
        result,
        names=site.at(text, value, field),
        says=re.escape("expected a lowercase id") + ".*" + re.escape(shown),
    )
    assert_unchanged(before, ws.out)


# --- Oversized files and fields ------------------------------------------------------------


def pad_to(text: str, size: int) -> str:
    """`text` with a comment line that makes it exactly `size` bytes."""
    filler = size - len(text.encode()) - len("#\n")
    assert filler >= 0
    return text + "#" + "x" * filler + "\n"


@pytest.mark.parametrize("kind", ["role", "profile", "config"])
def test_a_file_over_the_size_limit_is_refused_with_its_size(ws, before, kind):
    edit(ws, kind, lambda t: pad_to(t, MAX_FILE_BYTES + 1))
    result = ws.generate()
    assert_refused(
        result, names=f"{FILES[kind]}: the file is 1,000,001 bytes; the limit is 1,000,000"
    )
    assert_unchanged(before, ws.out)


def test_check_refuses_a_much_larger_file_as_quickly(ws, before):
    edit(ws, "role", lambda t: pad_to(t, 50 * MAX_FILE_BYTES))
    start = time.perf_counter()
    result = ws.run("check")
    assert time.perf_counter() - start < 2
    assert_refused(result, names=f"{ROLE}: the file is 50,000,000 bytes; the limit is 1,000,000")
    assert_unchanged(before, ws.out)


def test_a_file_exactly_at_the_size_limit_is_read(ws):
    edit(ws, "role", lambda t: pad_to(t, MAX_FILE_BYTES))
    result = ws.generate("-f", "json")
    assert result.exit_code == 0, result.output


HUGE = 500_000
HUGE_FIELDS = {
    "title": (TITLE, "T" * HUGE),
    "summary": (SUMMARY, "word " * (HUGE // 5)),
    "company-about": (ABOUT, "We farm. " * (HUGE // 9)),
}


@pytest.mark.parametrize(("site", "value"), HUGE_FIELDS.values(), ids=HUGE_FIELDS.keys())
def test_a_500000_character_field_is_refused_naming_the_field(ws, before, site, value):
    value = value.strip()
    text = site.put(ws, value)
    result = ws.generate("-f", "md")
    assert_refused(result, names=site.at(text, value), says=r"(?i)too long|characters|limit")
    assert_unchanged(before, ws.out)


def test_a_500000_character_company_name_is_refused_quickly_naming_the_field(ws, before):
    value = ("Furrowlight " * (HUGE // 12)).strip()
    text = PROFILE_NAME.put(ws, value)
    start = time.perf_counter()
    result = ws.generate("-f", "md")
    assert time.perf_counter() - start < 2
    assert_refused(result, names=PROFILE_NAME.at(text, value), says=r"(?i)too long|characters")
    assert_unchanged(before, ws.out)


def test_thirty_tools_do_not_crash_the_word_file(ws):
    """30 short tool names: a long list, not a hostile one. The posting is written."""
    tools = "tools:\n" + "".join(f"  - Tool{i:05d}\n" for i in range(30))
    edit(ws, "role", lambda t: set_field(set_field(t, "tools", tools), "alternatives", ""))
    result = ws.generate("-f", "docx")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, result.output
    assert (ws.out / "furrowlight" / "ai-ml-engineer.docx").is_file()


# --- Empty, wrongly shaped, unreadable and misnamed files -----------------------------------


EMPTY = {
    "empty": "",
    "comments-only": "# nothing here\n# at all\n",
    "blank-lines": "\n\n   \n\n",
    "document-marker-only": "---\n",
    "marker-and-end": "---\n...\n",
}


@pytest.mark.parametrize("content", EMPTY.values(), ids=EMPTY.keys())
@pytest.mark.parametrize("kind", ["role", "profile"])
def test_an_empty_file_is_refused(ws, before, kind, content):
    write(ws, kind, content)
    result = ws.generate()
    assert_refused(result, names=f"{FILES[kind]}: the file is empty")
    assert_unchanged(before, ws.out)


SHAPES = [
    # (id, content, what jobgen calls it)
    ("list", "- title\n- summary\n", "a list"),
    ("scalar", "just some text\n", "'just some text'"),
    ("number", "42\n", "'42'"),
    ("null-word", "null\n", "'null'"),
    ("flow-list", "[a, b]\n", "a list"),
]


@pytest.mark.parametrize(("content", "called"), [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES])
@pytest.mark.parametrize("kind", ["role", "profile", "config"])
def test_a_file_that_is_not_a_mapping_is_refused(ws, before, kind, content, called):
    write(ws, kind, content)
    result = ws.generate()
    assert_refused(result, names=f"{FILES[kind]}:1:1: expected a mapping of fields, got {called}")
    assert_unchanged(before, ws.out)


def test_an_empty_mapping_lists_every_required_field(ws, before):
    write(ws, "role", "{}\n")
    result = ws.generate()
    error = assert_refused(result, names=f"{ROLE}:1:1: title: this field is required")
    for field in ("summary", "seniority", "employment_type", "responsibilities", "skills"):
        assert f"{ROLE}:1:1: {field}: this field is required" in error
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("kind", ["role", "profile"])
def test_a_folder_in_place_of_the_file_is_refused(ws, before, kind):
    path = path_of(ws, kind)
    path.unlink()
    path.mkdir()
    result = ws.generate()
    assert_refused(result, names=f"{FILES[kind]}: cannot read the file: it is a folder")
    assert_unchanged(before, ws.out)


def test_check_refuses_a_folder_named_x_yaml(ws, before):
    (ws.roles / "x.yaml").mkdir()
    result = ws.run("check")
    assert_refused(result, names="roles/x.yaml: cannot read the file: it is a folder")
    assert_unchanged(before, ws.out)


def test_a_folder_named_jobgen_yaml_is_refused(ws, before):
    config = ws.root / CONFIG
    config.unlink()
    config.mkdir()
    result = ws.generate()
    assert_refused(result, names=CONFIG, says=r"(?i)folder|directory")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EACCES, "Permission denied"), (errno.EIO, "Input/output error")],
    ids=["EACCES", "EIO"],
)
@pytest.mark.parametrize("kind", ["role", "profile", "config"])
def test_an_unreadable_file_is_refused(ws, before, monkeypatch, kind, code, words):
    target = path_of(ws, kind).resolve()
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.resolve() == target:
            raise OSError(code, words, str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = ws.generate()
    assert_refused(result, names=f"{FILES[kind]}: cannot read the file: {words}")
    assert_unchanged(before, ws.out)


BAD_NAMES = [
    "AI ML.yaml",
    "Ai-Ml.yaml",
    "ai_ml.yaml",
    "ai--ml.yaml",
    "-ai.yaml",
    "a" * 65 + ".yaml",
]


@pytest.mark.parametrize("name", BAD_NAMES, ids=lambda n: n[:12])
@pytest.mark.parametrize("folder", ["roles", "company_profiles"])
def test_check_refuses_a_file_name_that_is_not_an_id(ws, before, folder, name):
    source = ws.role_file() if folder == "roles" else ws.profile_file()
    (ws.root / folder / name).write_bytes(source.read_bytes())
    result = ws.run("check")
    assert_refused(
        result,
        names=f"{folder}/{name}: the file name must be a lowercase id",
        says=re.escape(f"got {name!r}"),
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize(
    "command",
    [("list", "roles"), ("generate", "AI ML", "-c", "furrowlight")],
    ids=["list-roles", "generate-it"],
)
def test_a_role_file_name_that_is_not_an_id_is_refused(ws, before, command):
    (ws.roles / "AI ML.yaml").write_bytes(ws.role_file().read_bytes())
    out = ("-o", str(ws.out)) if command[0] == "generate" else ()
    result = ws.run(*command, *out)
    assert_refused(result, names="roles/AI ML.yaml: the file name must be a lowercase id")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("command", ["check", "generate"])
def test_two_files_for_one_role_id_are_refused(ws, before, command):
    """ai-ml-engineer.yaml and ai-ml-engineer.yml: which one is meant cannot be guessed."""
    (ws.roles / "ai-ml-engineer.yml").write_text(
        replace_line(ws.role_file().read_text("utf-8"), TITLE.old, "title: Other"), "utf-8"
    )
    result = ws.run("check") if command == "check" else ws.generate()
    assert_refused(result, names=["roles/ai-ml-engineer.yaml", "roles/ai-ml-engineer.yml"])
    assert_unchanged(before, ws.out)
