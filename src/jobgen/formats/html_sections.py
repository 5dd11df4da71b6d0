"""A posting's Markdown converted a section at a time, each section kept for the run.

A batch converts the same sections again and again: a role's "What you will do" at
every company that posts the role, a company's "Benefits" in each of its postings.
Where it is certain to give the same HTML, the text is cut before each heading that
starts a block (`"\\n\\n#"`), each section is converted on its own and kept (by its
text), and the sections' HTML is joined with newlines.

Why that is Python-Markdown's output of the whole text, for a text that passes
`sections` and the converter that `studied` accepts (the extensions jobgen uses):

- Blocks. The parser cuts the text into blocks at blank lines (`split("\\n\\n")`);
  with no `"\\n\\n\\n"`, no `\\r` and no line that starts with whitespace (which
  the preprocessors would change), cutting before `"\\n\\n#"` splits that list of
  blocks between two blocks, and the preprocessors change each line on its own.
- A block that starts with `#` is a heading, whatever came before it: the three
  block processors tried before the heading's (empty block, list indent, code)
  need a blank or indented start. A block processor reads only the block it is
  given and the elements before it in the same parent (a list or quote goes on
  after one of its own kind): the first block of a section follows a heading,
  in the section alone as in the whole text. None reads the blocks after it.
- What reaches across the whole text: reference definitions (`[id]: url`, which
  need `]:`), raw HTML and autolinks (which need `<`) and the stash of raw HTML
  (used by entities too, whose placeholders each stand for their own text and are
  put back one by one). Texts with `]:` or `<` are converted whole.
- Inline patterns run on the text of one element at a time; the HTML is the
  top-level elements joined by newlines, so the sections' HTML, stripped as
  Markdown strips it, joins into the whole text's.

Anything else (another converter, a text that does not pass) is converted whole,
as before. Tests hold the two equal on every built-in posting and on texts
generated from every construct above.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown import blockprocessors, postprocessors, preprocessors, treeprocessors
from markdown.extensions import sane_lists

from .html_inline import NEEDS, QuickInlineProcessor, needs_of

if TYPE_CHECKING:
    import markdown

SECTION_BREAK = "\n\n#"
# What makes a text be converted whole: see the module docstring.
WHOLE_IF = ("<", "]:", "\r", "\n\n\n", "\n ", "\n\t", "\x02", "\x03")
KEPT_SECTIONS = 512  # ~50 sections of the ten roles, ~10 of each company, and the rest
KEPT_SECTION_CHARS = 4000  # a longer section is converted, not kept (memory)

# The converter the reasoning above is about: its processors, in order.
STUDIED = {
    "preprocessors": [preprocessors.NormalizeWhitespace, preprocessors.HtmlBlockPreprocessor],
    "blockprocessors": [
        blockprocessors.EmptyBlockProcessor,
        blockprocessors.ListIndentProcessor,
        blockprocessors.CodeBlockProcessor,
        blockprocessors.HashHeaderProcessor,
        blockprocessors.SetextHeaderProcessor,
        blockprocessors.HRProcessor,
        sane_lists.SaneOListProcessor,
        sane_lists.SaneUListProcessor,
        blockprocessors.BlockQuoteProcessor,
        blockprocessors.ReferenceProcessor,
        blockprocessors.ParagraphProcessor,
    ],
    "treeprocessors": [
        QuickInlineProcessor,
        treeprocessors.PrettifyTreeprocessor,
        treeprocessors.UnescapeTreeprocessor,
    ],
    "postprocessors": [
        postprocessors.RawHtmlPostprocessor,
        postprocessors.AndSubstitutePostprocessor,
    ],
}


def sections(text: str) -> list[str] | None:
    """The text cut before each `"\\n\\n#"`, or None where it must be converted whole."""
    if any(mark in text for mark in WHOLE_IF) or text[:1] in (" ", "\t"):
        return None
    first, *rest = text.split(SECTION_BREAK)
    found = [first, *("#" + section for section in rest)]
    return found if all(section.strip() for section in found) else None


def studied(converter: markdown.Markdown) -> bool:
    """Is `converter` the one the module docstring reasons about?"""
    registries = {
        "preprocessors": converter.preprocessors,
        "blockprocessors": converter.parser.blockprocessors,
        "treeprocessors": converter.treeprocessors,
        "postprocessors": converter.postprocessors,
    }
    for kind, classes in STUDIED.items():
        found = [type(processor) for processor in registries[kind]]
        if len(found) != len(classes):
            return False
        if any(one is not other for one, other in zip(found, classes, strict=True)):
            return False
    patterns = converter.inlinePatterns
    known = [name for name in NEEDS if name in patterns]
    return (
        len(known) == len(patterns)  # every inline pattern is one html_inline.py studied
        and all(needs_of(name, patterns[name]) is not None for name in known)
        and converter.stripTopLevelTags
        and converter.output_format == "html"
    )


class SectionConverter:
    """`convert(text)`: Python-Markdown's HTML of `text`, section by section where that
    is the same, each section's kept for the next posting that has it."""

    def __init__(self, converter: markdown.Markdown) -> None:
        self.converter = converter
        self.by_section = studied(converter)
        self._kept: Callable[[str], str] = lru_cache(maxsize=KEPT_SECTIONS)(self.whole)

    def whole(self, text: str) -> str:
        self.converter.reset()
        return self.converter.convert(text)

    def convert(self, text: str) -> str:
        found = sections(text) if self.by_section else None
        if found is None:
            return self.whole(text)
        return "\n".join(
            self._kept(section) if len(section) <= KEPT_SECTION_CHARS else self.whole(section)
            for section in found
        )
