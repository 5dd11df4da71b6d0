"""Braces in a house stylesheet: one left open swallows every rule after it, and a
browser says nothing. `jobgen check`, `generate` and `stage` say where."""

from __future__ import annotations

import re

# Comments and strings hold braces that are no structure.
_SKIPPED = re.compile(r"/\*.*?(?:\*/|\Z)|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.DOTALL)


def unbalanced(css: str) -> list[tuple[int, str]]:
    """(line, what is wrong) for each `{` never closed, each `}` with no `{`, and a
    comment never closed (it hides every rule after it)."""
    problems = []
    for match in _SKIPPED.finditer(css):
        if match.group().startswith("/*") and not match.group().endswith("*/"):
            line = css.count("\n", 0, match.start()) + 1
            problems.append((line, "this /* comment is never closed with */, so every rule "
                             "after it is part of the comment; close it"))  # fmt: skip
    text = _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), css)
    opened: list[int] = []  # the lines of the braces still open
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            if char == "{":
                opened.append(number)
            elif char == "}":
                if opened:
                    opened.pop()
                else:
                    problems.append((number, "a } with no { before it; remove it"))
    for number in opened:
        problems.append(
            (
                number,
                "this { is never closed with }, so the browser reads every rule after it as "
                "part of this one and applies none of them; close it",
            )
        )
    return sorted(problems)
