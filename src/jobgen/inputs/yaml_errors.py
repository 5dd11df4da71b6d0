"""YAML syntax errors in plain words: what is wrong, the usual cause, and the line to
change (often not the line where the parser gave up).

PyYAML's messages ("while parsing a block mapping did not find expected key") name
its grammar, not the mistake. The usual mistakes are few: a line indented unlike its
neighbours, a missing colon, a `: ` or a `#` inside a value that needs quotes, a
quote or a bracket left open, a value starting with a character YAML reserves.
Both of PyYAML's parsers (the C one and the Python one) are understood.
"""

from __future__ import annotations

import re

import yaml

from ..fast_dataclass import dataclass

RESERVED_STARTS = {
    "*": "'*' starts a YAML alias, and this one is an undefined alias",
    "&": "'&' starts a YAML anchor",
    "@": "YAML reserves '@' at the start of a value",
    "`": "YAML reserves '`' at the start of a value",
    "%": "'%' starts a YAML directive",
    "!": "'!' starts a YAML tag",
}


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C scanner when PyYAML has it
# A line that reads as a key of its own (`stage: early`, `- city: Berlin`).
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")
# A list item or a key's value that starts with * or & and goes on with more text.
_RESERVED_VALUE = re.compile(r"^(\s*(?:-\s+|[^\s:#][^:#]*:\s+))([*&]\S+\s+[^#]*?)\s*(?:#.*)?$")


@dataclass(frozen=True)
class Explained:
    line: int | None  # 1-based
    column: int | None
    message: str


def explain(error: yaml.MarkedYAMLError, text: str) -> Explained:
    """The mistake behind `error` in `text`, at the line to change."""
    lines = text.splitlines()
    problem = str(error.problem or "")
    context = str(error.context or "")
    at = error.problem_mark or error.context_mark
    start = error.context_mark
    row = at.line if at else 0
    found = _line(lines, row)

    if "quoted scalar" in context and start is not None:
        quote = _line(lines, start.line)[start.column : start.column + 1] or '"'
        return _at(start, f"a {quote} opened here is never closed; close it, or remove it")
    unclosed = _unclosed_quote(text, lines, row)
    if unclosed is not None:  # YAML read on to the next quote: the error came far below
        line, column, quote = unclosed
        return Explained(
            line + 1,
            column + 1,
            f"a {quote} opened here is not closed on its line, so YAML reads on to the next "
            f"{quote}; close it, or remove it",
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        where = start if start is not None else at
        return _at(
            where,
            f"the {bracket} opened here is not closed with {closing} (or a comma is missing "
            "between its items)",
        )
    if "simple key" in context and start is not None:
        return _at(
            start,
            f"this line has no ':' after its key ({_key_example(_line(lines, start.line))}); "
            "or, if it continues the value above, indent it under that value",
        )
    if context in ("while scanning an alias", "while scanning an anchor") and start is not None:
        found = _line(lines, start.line)
        kind = "alias (*name)" if "alias" in context else "anchor (&name)"
        char = found[start.column : start.column + 1]
        written = found[start.column :].split(" #")[0].strip()
        return _at(start, _in_quotes(f"'{char}' starts a YAML {kind}, not text", written))
    if "flow node" in context and at is not None:  # a [ or { open at the end of the file
        opened = _last_opening(lines, at.line)
        if opened is not None:
            row, column = opened
            bracket = lines[row][column]
            closing = "]" if bracket == "[" else "}"
            return Explained(
                row + 1, column + 1, f"the {bracket} opened here is not closed with {closing}"
            )
    if "undefined alias" in problem or "cannot start any token" in problem:
        char = found[at.column : at.column + 1] if at else ""
        why = RESERVED_STARTS.get(char, f"YAML cannot start a value with {char!r}")
        return _at(at, _in_quotes(why, found[at.column :].strip()))
    value = _RESERVED_VALUE.match(found)
    if value and at is not None and "expected" in problem:  # `- *Great 401k`: an alias, then text
        text = value.group(2)
        why = f"'{text[0]}' starts a YAML {'alias' if text[0] == '*' else 'anchor'}"
        return Explained(at.line + 1, value.start(2) + 1, _in_quotes(why, text))
    if "mapping values are not allowed" in problem and at is not None:
        return _colon_in_value(lines, at)
    if "'-' indicator" in problem or "but found '?'" in problem:
        return _not_an_item(lines, at)
    if "expected key" in problem or "expected <block end>" in problem:
        return _misplaced(lines, at)
    return _at(at, " ".join(part for part in (context, problem) if part))


def _in_quotes(why: str, value: str) -> str:
    """`why` a value YAML reads as syntax, and the value as quoted text."""
    return f'{why}; put the value in quotes: "{value}"'


def _not_an_item(lines: list[str], at: yaml.Mark | None) -> Explained:
    """A key among list items, without a dash: it belongs to the item (indented like the
    item's keys) or is a new key further left."""
    found = _line(lines, at.line) if at else ""
    indent = _indent(found)
    levels = [
        f"by {n} (like {key})"
        for n, key in _levels(lines, at.line if at else 0)
        if n != indent and not key.startswith("- ")
    ]
    where = (
        f"indent it {levels[0]} if it belongs to the item above"
        + (f", or {levels[1]} if it is a new key" if len(levels) > 1 else "")
        if levels
        else "indent it under the item it belongs to, or move it left if it is a new key"
    )
    message = f"this line sits among the list items above but has no '- ': {where}"
    if at is None:
        return Explained(None, None, message)
    return Explained(at.line + 1, indent + 1, message)


def _colon_in_value(lines: list[str], at: yaml.Mark) -> Explained:
    found = _line(lines, at.line)
    before = found[: at.column]
    if ":" in before.split("#")[0]:  # `title: Engineer: ML`, a second colon in the value
        key, value = before.split(":", 1)[0], found.split(":", 1)[1].strip()
        return _at(
            at,
            f"a ': ' inside a value: put the value in quotes, like {key.strip()}: \"{value}\"",
        )
    above = _previous(lines, at.line)
    if above is not None and ":" not in lines[above] and not lines[above].lstrip().startswith("-"):
        return Explained(
            above + 1,
            _indent(lines[above]) + 1,
            f"this line has no ':' after its key ({_key_example(lines[above])})",
        )
    return Explained(
        at.line + 1,
        _indent(found) + 1,
        "this line is indented more than the key above it, so YAML reads it as part of "
        "that key's value; indent it like the keys it sits among",
    )


def _misplaced(lines: list[str], at: yaml.Mark | None) -> Explained:
    if at is None:
        return Explained(None, None, "the indentation does not match the structure")
    found = _line(lines, at.line)
    if found[: at.column].strip():  # `title: "Senior" Engineer`: text after a value
        return _at(
            at,
            "text follows a quoted value on this line: put the whole value in the quotes",
        )
    indent = _indent(found)
    item = found.lstrip().startswith("- ")  # a key goes where keys are; an item, where items
    levels = [
        f"by {n} (like {key})"
        for n, key in _levels(lines, at.line)
        if n != indent and key.startswith("- ") == item
    ]
    choice = " or ".join(levels[:2]) or "like the key it belongs with"
    return Explained(
        at.line + 1,
        indent + 1,
        f"this line is indented by {indent} space{'s' if indent != 1 else ''}, unlike the "
        f"lines around it; YAML reads indentation as structure: indent it {choice}",
    )


def _levels(lines: list[str], index: int) -> list[tuple[int, str]]:
    """The indentation of each block the line could belong to, innermost first, with
    a key or item there: [(2, "url:"), (0, "apply:")]. Lines of text (a folded value)
    are not blocks."""
    found: list[tuple[int, str]] = []
    for number in range(min(index, len(lines)) - 1, -1, -1):
        text = lines[number]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = _indent(text)
        candidates = []
        if stripped.startswith("- "):
            item = stripped[2:]
            if ":" in item:  # the keys of a list item sit after its dash
                candidates.append((indent + 2, item.split(":", 1)[0] + ":"))
            candidates.append((indent, f"- {_short(item)}"))
        elif ":" in stripped:
            candidates.append((indent, stripped.split(":", 1)[0] + ":"))
        for level, key in candidates:
            if not found or level < found[-1][0]:
                found.append((level, key))
        if indent == 0 and candidates:
            break
    return found


def _at(mark: yaml.Mark | None, message: str) -> Explained:
    if mark is None:
        return Explained(None, None, message)
    return Explained(mark.line + 1, mark.column + 1, message)


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the last line above `index` with text (not blank, not a comment)."""
    for number in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _short(text: str, most: int = 20) -> str:
    """`text` as an example in a message: whole words, at most about `most` characters."""
    text = text.split(" #")[0].strip()
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0] + "…"


def _key_example(line: str) -> str:
    words = line.split(" #")[0].strip().split(None, 1)  # not its comment
    if len(words) == 2:
        return f"write {words[0]}: {words[1]}"
    return f"write {words[0]}: VALUE" if words else "write KEY: VALUE"


def _last_opening(lines: list[str], before: int) -> tuple[int, int] | None:
    """The last [ or { on the lines up to `before` (0-based), as (line, column)."""
    for row in range(min(before, len(lines) - 1), -1, -1):
        line = lines[row].split(" #")[0]
        column = max(line.rfind("["), line.rfind("{"))
        if column >= 0:
            return row, column
    return None


def _unclosed_quote(text: str, lines: list[str], row: int) -> tuple[int, int, str] | None:
    """A quoted value above line `row` (0-based) that runs on over lines that read as keys
    of their own (`stage: early`): its closing quote is missing, YAML read on to the next
    quote, and the parser stopped far below. (line, column, quote). A quoted text over
    lines of prose is valid YAML, and a block scalar (`|`, `>`) is never quoted."""
    try:
        for token in yaml.scan(text, Loader=_LOADER):  # up to the error, which raises
            if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
                continue
            start, end = token.start_mark, token.end_mark
            if start.line >= row:
                break
            swallowed = lines[start.line + 1 : end.line + 1]
            if any(_KEY_LINE.match(line) for line in swallowed):
                return start.line, start.column, token.style
    except yaml.YAMLError:
        pass
    return None
