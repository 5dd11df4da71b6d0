"""Where a template's tags fail to close: the {% for %} with no {% endfor %}, the
{% block %} with no {% endblock %}, the `{% ... %` with no `%}`. Jinja reports these
where it notices them, often lines later and in its own words; a recruiter needs the
line that opened them."""

from __future__ import annotations

import re

# Tags that need an end tag (`set` only in its block form, with no `=`).
PAIRED = ("block", "for", "if", "macro", "call", "filter", "with", "raw", "autoescape", "trans")
_TAG = re.compile(r"\{%[-+]?\s*(\w+)([^%]*?)[-+]?%\}", re.DOTALL)


def open_tags(text: str, upto: int | None = None) -> list[tuple[str, int, str]]:
    """The tags still open at line `upto` (the end when None), innermost last: (tag,
    line, what follows it: the block's name, the loop)."""
    stack: list[tuple[str, int, str]] = []
    for match in _TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if upto is not None and line >= upto:
            break
        tag, rest = match.group(1), " ".join(match.group(2).split())
        if tag in PAIRED or (tag == "set" and "=" not in rest):
            stack.append((tag, line, rest))
        elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
            stack.pop()
    return stack


def unclosed_delimiter(text: str, upto: int | None = None) -> tuple[int, str] | None:
    """The first `{%` or `{{` at or before line `upto` whose closing `%}` or `}}` never
    comes before the next tag opens: (line, the opening, as written up to its line end)."""
    for match in re.finditer(r"\{[%{]", text):
        line = text.count("\n", 0, match.start()) + 1
        if upto is not None and line > upto:
            return None
        closing = "%}" if match.group() == "{%" else "}}"
        after = text[match.end() :]
        ends = after.find(closing)
        next_open = re.search(r"\{[%{#]", after)
        if ends < 0 or (next_open is not None and next_open.start() < ends):
            written = text[match.start() :].split("\n", 1)[0].strip()
            return line, written
    return None


def shown_tag(tag: str, rest: str) -> str:
    return "{% " + tag + (f" {rest}" if rest else "") + " %}"
