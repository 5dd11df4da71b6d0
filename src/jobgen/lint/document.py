"""A Markdown posting as lint sees it: sections of plain-text blocks, with lines.

This is not a Markdown renderer: it keeps what a reader reads (headings,
paragraphs, list items) as plain text, drops markup, link targets, code and
HTML comments, and remembers the line each block starts on. It reads any
posting, not only jobgen's own.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Literal

from ..fast_dataclass import dataclass
from .memo import made, per_text
from .patterns import compiled

BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str  # plain text, markup removed, whitespace collapsed
    line: int  # 1-based, in the Markdown
    section: str  # the heading this block sits under ("" before the first)


def _block(kind: BlockKind, text: str, line: int, section: str) -> Block:
    """`Block(kind, text, line, section)`, as `memo.made` makes it: a posting has dozens."""
    block = _NEW(Block)
    fields = block.__dict__
    fields["kind"], fields["text"], fields["line"], fields["section"] = kind, text, line, section
    return block


_NEW = object.__new__


@dataclass
class Section:
    heading: str
    level: int
    line: int
    blocks: list[Block] = field(default_factory=list)  # paragraphs and items, not subheadings

    @property
    def items(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "item"]


@dataclass
class Document:
    title: str
    blocks: list[Block]
    sections: list[Section]  # every heading below the title, in order

    @property
    def prose(self) -> list[Block]:
        """The blocks a reader reads as sentences: paragraphs and list items."""
        return [b for b in self.blocks if b.kind != "heading"]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


_FRONT_MATTER = compiled(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
_COMMENT = compiled(r"<!--.*?-->", re.DOTALL)
_ATX = compiled(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = compiled(r"^ {0,3}(=+|-+)\s*$")
_ITEM = compiled(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_FENCE = compiled(r"^ {0,3}(```|~~~)")
_RULE = compiled(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")

_MARKERS = frozenset("`~=-*_#+")  # what a fence, heading, rule or list item starts with

_IMAGE = compiled(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = compiled(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = compiled(r"<((?:https?://|mailto:)[^>]+)>")
_TAG = compiled(r"</?[A-Za-z][^>]*>")
# Underscores inside a word (snake_case) are not emphasis.
_EMPHASIS = compiled(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1|(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\3(?!\w)")
_CODE = compiled(r"`+([^`]*)`+")
_ESCAPE = compiled(r"\\([\\`*_{}\[\]()#+\-.!|~])")


@per_text  # a role's text recurs at every company that posts it: cleaned once a run
def plain(markdown_text: str) -> str:
    """One line of Markdown as the words a reader sees."""
    # Each pattern needs its marker character: most lines have none, and skip the regex.
    text = markdown_text
    if "](" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(3):  # nested emphasis: ***a*** or **a _b_**
            text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        import html  # here: most postings have no entity, and html.entities is ~1.5 ms

        text = html.unescape(text)
    return " ".join(text.split())


def parse(markdown_text: str) -> Document:
    """The posting's blocks and sections; line numbers count from the file's first line."""
    text = markdown_text.replace("\r\n", "\n").replace("\r", "\n")
    skipped = 0
    front = _FRONT_MATTER.match(text)
    if front:
        skipped = front.group().count("\n")
        text = text[front.end() :]
    # Comments become blank lines of the same count, so line numbers hold.
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)

    reader = _Reader()
    in_fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1 + skipped):
        # Each marker pattern starts at one of up to three spaces then one of these
        # characters: a line of plain text (most lines) matches none of them.
        marker = line.lstrip(" ")[:1]
        if not (marker in _MARKERS or marker.isdecimal()) or line.startswith("    "):
            if in_fence:
                continue
            if not line.strip():
                reader.flush()
            elif reader.lines:
                reader.lines.append(line.strip())
            else:
                reader.start("paragraph", line.strip(), number)
            continue
        # Only the patterns that start with this marker can match (a list item, most).
        fence = _FENCE.match(line) if marker in "`~" else None
        if in_fence:
            in_fence = None if fence and fence.group(1) == in_fence else in_fence
            continue
        if fence:
            reader.flush()
            in_fence = fence.group(1)
            continue
        setext = _SETEXT.match(line) if marker in "=-" else None
        if setext and len(reader.lines) == 1 and reader.kind == "paragraph":
            heading, reader.lines = reader.lines[0], []
            reader.heading(plain(heading), 1 if setext.group(1)[0] == "=" else 2, reader.line)
            continue
        if marker in "-*_" and _RULE.match(line):  # (never blank: it holds its marker)
            reader.flush()
            continue
        atx = _ATX.match(line) if marker == "#" else None
        if atx:
            reader.flush()
            reader.heading(plain(atx.group(2)), len(atx.group(1)), number)
            continue
        item = _ITEM.match(line) if marker in "-*+" or marker.isdecimal() else None
        if item:
            reader.flush()
            reader.start("item", item.group(1), number)
        elif reader.lines:
            reader.lines.append(line.strip())
        else:
            reader.start("paragraph", line.strip(), number)
    reader.flush()
    return Document(reader.title, reader.blocks, reader.sections)


class _Reader:
    """The blocks read so far, and the paragraph or list item being read."""

    def __init__(self) -> None:
        self.title = ""
        self.blocks: list[Block] = []
        self.sections: list[Section] = []
        self.lines: list[str] = []
        self.kind: BlockKind = "paragraph"
        self.line = 0

    def start(self, kind: BlockKind, first: str, line: int) -> None:
        self.kind, self.lines, self.line = kind, [first], line

    def flush(self) -> None:
        if not self.lines:  # a blank line after a block: nothing to read
            return
        words = plain(" ".join(self.lines))
        self.lines = []
        if words:
            block = _block(self.kind, words, self.line, self._section)
            self.blocks.append(block)
            if self.sections:
                self.sections[-1].blocks.append(block)

    def heading(self, text: str, level: int, line: int) -> None:
        self.lines = []
        if level == 1 and not self.title and not self.sections:
            self.title = text
        else:
            self.sections.append(made(Section, heading=text, level=level, line=line, blocks=[]))
        self.blocks.append(_block("heading", text, line, self._section))

    @property
    def _section(self) -> str:
        return self.sections[-1].heading if self.sections else ""
