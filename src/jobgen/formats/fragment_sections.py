"""A posting's sanitized HTML cut into sections that each stand alone, for the writers
that keep a section's output for the next posting that has it (`plain_text.py`, and
the JobPosting description of `jobposting.py`): a role's sections recur at every
company that posts the role, a company's in each of its postings.

- `sections(fragment)`: the HTML cut before each heading that starts a line
  (`"\\n<h1"` .. `"\\n<h6"`, the newline dropped), as Python-Markdown writes a section.
- `tags(html)`: the HTML split into text, then "/" or "", a tag's name, its
  attributes, text, and so on, when every `<` in it starts a tag as the sanitizer
  writes one (`TAG`: a name it allows, attributes in double quotes without `<` or
  `>`, one space before each); else None.
- `stands_alone(parts)`: the split of a section is elements that nest, each holding
  only what the HTML content model lets it hold, with only whitespace outside them:

  | where | what it may hold |
  | --- | --- |
  | outside any element | p, h1-h6, ul, ol, blockquote, pre, hr |
  | ul, ol | li |
  | li, blockquote | any of them and strong, em, b, i, a, code, br, text |
  | p, h1-h6, pre, strong, em, b, i, code, a | strong, em, b, i, a, code, br, text; no a in an a |

  Such a section parses (by html.parser or by an HTML5 parser like nh3's) into
  exactly the elements its tags say, and ends with nothing left open: an HTML5
  parser closes or moves an element only when a block or an li starts inside a
  paragraph, heading or inline element, an li inside an li, or an a inside an a,
  and reopens an inline element only after closing it that way. So a parser
  reads the section after a section like it the way it reads it alone, and what
  the writers make of the whole fragment is what they make of each section, in
  order (each writer says why for its own output).
"""

from __future__ import annotations

import re

# A tag as the sanitizer writes it (html.ALLOWED_TAGS): split on it, a text gives
# text, "/" or "", name, attributes, text, ...
TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z-]*="[^"<>]*")*)>')
PHRASING = frozenset({"strong", "em", "b", "i", "a", "code", "br"})
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr"})
KNOWN_TAGS = PHRASING | BLOCKS | {"li"}
VOID_TAGS = frozenset({"br", "hr"})  # no end tag
CONTENT = {
    "ul": frozenset({"li"}),
    "ol": frozenset({"li"}),
    "li": PHRASING | BLOCKS,
    "blockquote": PHRASING | BLOCKS,
    **dict.fromkeys(
        ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "strong", "em", "b", "i", "code", "a"),
        PHRASING,
    ),
}
SECTION_START = re.compile(r"\n(?=<h[1-6][ >])")
KEPT_SECTIONS = 512  # the ~80 sections of the ten roles in a language, and each company's
KEPT_SECTION_CHARS = 4000  # a longer section is converted, not kept (memory)


def sections(fragment: str) -> list[str]:
    """`fragment` cut before each heading that starts a line, the newline dropped."""
    return SECTION_START.split(fragment)


def tags(html: str) -> list[str] | None:
    """`TAG.split(html)` if every `<` in `html` starts a tag the sanitizer writes."""
    parts = TAG.split(html)
    if any("<" in text for text in parts[::4]) or not KNOWN_TAGS.issuperset(parts[2::4]):
        return None
    return parts


def stands_alone(parts: list[str]) -> bool:
    """Does the section split into `parts` (by `tags`) stand alone (see the module
    docstring)?"""
    stack: list[str] = []
    for index in range(1, len(parts), 4):
        closing, name = parts[index], parts[index + 1]
        if not stack and parts[index - 1].strip():
            return False  # text outside any element
        if closing:
            if not stack or stack.pop() != name:
                return False
        elif name not in (CONTENT[stack[-1]] if stack else BLOCKS) or (
            name == "a" and "a" in stack
        ):
            return False
        elif name not in VOID_TAGS:
            stack.append(name)
    return not stack and not parts[-1].strip()
