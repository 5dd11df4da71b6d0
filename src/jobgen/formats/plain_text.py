"""Plain text for job boards that take no Markdown: headings as lines, bullets as
"- ", links written out, wrapped at a set width.

Read from the sanitized HTML of the posting (like the Word writer), so no
Markdown syntax can be left over: `**Pay**` has become <strong>, which becomes
plain words here.

Three shortcuts, each giving the text of the plain way (`reference_text`: every tag
and text read by `html.parser`, every line wrapped by `textwrap`); tests hold the
two equal on every built-in posting and on generated HTML:

- Reading. Where every `<` starts a tag as the sanitizer writes it
  (`fragment_sections.tags`), a regular expression finds the same tags, attributes
  and text that `html.parser` does, in the same order, and hands them to the same
  builder. Anything else (a comment, `<br/>`, a stray `<`, an attribute in single
  quotes, a tag the sanitizer never writes) is read by `html.parser`.
- Wrapping. A line of single-spaced words wraps as `textwrap.fill` wraps it (no
  long word broken, no break at hyphens): greedily, each word on the line if it
  and the space before it fit. `textwrap` treats a word made only of other
  whitespace (a lone no-break space) as a space it may drop; a line with one is
  wrapped by `textwrap` itself.
- Sections kept. The blocks of each section that stands alone
  (`fragment_sections.stands_alone`) are kept for the run, by its HTML and the
  width, and the text is every section's blocks in order. That is the text of the
  whole: in the builder, each element outside any other (p, h1-h6, ul, ol,
  blockquote, pre) ends as it started, with no list open, no link open, no words
  left and no block kind set: its end tag flushes (a `</p>` does not only inside a
  list item, and a paragraph holds no list), and its lists and links close inside
  it; hr changes nothing, and whitespace between elements flushes to nothing. A
  fragment with a section that does not stand alone is read whole.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from .fragment_sections import KEPT_SECTION_CHARS, KEPT_SECTIONS, sections, stands_alone, tags

DEFAULT_WIDTH = 72
HEADINGS = {"h1": "=", "h2": "-"}  # underlined; h3 to h6 stand as plain lines
# Breaking whitespace only: the no-break spaces of "60 000 €" and "Salaire :" stay, and
# keep a wrapped line from breaking there.
WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
ATTRIBUTE = re.compile(r' ([a-z][a-z-]*)="([^"<>]*)"')  # in a tag `tags` found
# A word (between single spaces) that is only whitespace textwrap does not split at.
BLANK_WORD = re.compile(r"(?<![^ ])[^\S ]+(?![^ ])")


def to_text(fragment: str, width: int = DEFAULT_WIDTH) -> str:
    """The posting's sanitized HTML as plain text; `width` 0 means no wrapping."""
    blocks: list[str] = []
    for section in sections(fragment):
        if len(section) <= KEPT_SECTION_CHARS:
            found = _kept_section_blocks(section, width)
        else:
            found = _section_blocks(section, width)
        if found is None:
            return _whole_text(fragment, width)
        blocks.extend(found)
    return "\n\n".join(blocks) + "\n"


def _whole_text(fragment: str, width: int) -> str:
    builder = _TextBuilder(width, fill)
    parts = tags(fragment)
    if parts is not None:
        _read(parts, builder)
    else:
        builder.feed(fragment)
        builder.close()
    return builder.result()


def _section_blocks(section: str, width: int) -> tuple[str, ...] | None:
    """The builder's blocks for `section` if it stands alone, else None."""
    parts = tags(section)
    if parts is None or not stands_alone(parts):
        return None
    builder = _TextBuilder(width, fill)
    _read(parts, builder)
    builder.result()
    return tuple(builder.blocks)


_kept_section_blocks = lru_cache(maxsize=KEPT_SECTIONS)(_section_blocks)


def reference_text(fragment: str, width: int = DEFAULT_WIDTH) -> str:
    """`to_text` the plain way, with `html.parser` and `textwrap` only (for tests)."""
    builder = _TextBuilder(width, _textwrap_fill)
    builder.feed(fragment)
    builder.close()
    return builder.result()


def to_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def _read(parts: list[str], builder: _TextBuilder) -> None:
    """Hand the tags and text `fragment_sections.tags` found to `builder`, as
    html.parser would."""
    data, start, end = builder.handle_data, builder.handle_starttag, builder.handle_endtag
    if parts[0]:
        data(unescape(parts[0]))
    for index in range(1, len(parts), 4):
        closing, name, attributes, text = parts[index : index + 4]
        if closing:
            end(name)
        elif attributes:
            start(name, [(key, unescape(value)) for key, value in ATTRIBUTE.findall(attributes)])
        else:
            start(name, [])
        if text:
            data(unescape(text))


def fill(line: str, width: int, first: str, rest: str) -> str:
    """`textwrap.fill(line, width, initial_indent=first, subsequent_indent=rest,
    break_long_words=False, break_on_hyphens=False)`, faster for a line of words
    with one space between them (the only lines the builder wraps)."""
    if not line:
        return ""
    if (
        line[0] == " "
        or line[-1] == " "
        or "  " in line
        or (
            not line.isprintable()  # other whitespace than spaces may be in it
            and (WHITESPACE.search(line) is not None or BLANK_WORD.search(line) is not None)
        )
    ):
        return _textwrap_fill(line, width, first, rest)
    if len(first) + len(line) <= width:
        return first + line
    lines = []
    indent, room = first, width - len(first)
    words = line.split(" ")
    kept, used = [words[0]], len(words[0])
    for word in words[1:]:
        used += 1 + len(word)
        if used <= room:
            kept.append(word)
        else:
            lines.append(indent + " ".join(kept))
            indent, room = rest, width - len(rest)
            kept, used = [word], len(word)
    lines.append(indent + " ".join(kept))
    return "\n".join(lines)


def display_width(line: str) -> int:
    """Columns `line` takes in a terminal or a monospaced font: two for a wide character
    (Chinese, Japanese, Korean), none for a combining mark, one for any other."""
    if line.isascii():
        return len(line)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in line
    )


def _textwrap_fill(line: str, width: int, first: str, rest: str) -> str:
    return textwrap.fill(
        line,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


class _TextBuilder(HTMLParser):
    def __init__(self, width: int, wrap: Callable[[str, int, str, str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.width = width
        self.fill = wrap
        self.blocks: list[str] = []  # finished blocks; a blank line between them
        self.words: list[str] = []  # the text of the block being read
        self.kind: str | None = None  # "p", "h1".."h6", "li"
        self.lists: list[list[int]] = []  # one counter per open list; -1 for bullets
        self.item_lines: list[str] = []  # lines of the list being read
        self.href: str | None = None
        self.link_words = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"):
            if not (tag == "p" and self.kind == "li"):  # a paragraph inside a list item
                self._flush()
                self.kind = "p" if tag in ("blockquote", "pre") else tag
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li" and self.lists:
            self._flush()
            self.kind = "li"
            counter = self.lists[-1]
            if counter[0] >= 0:
                counter[0] += 1
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_words = len(self.words)
        elif tag == "br":
            self.words.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"):
            if not (tag == "p" and self.kind == "li"):
                self._flush()
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
            if not self.lists and self.item_lines:
                self.blocks.append("\n".join(self.item_lines))
                self.item_lines = []
        elif tag == "a" and self.href:
            text = "".join(self.words[self.link_words :]).strip()
            target = self.href.removeprefix("mailto:")
            if target != text:
                self.words.append(f" ({target})")
            self.href = None

    def handle_data(self, data: str) -> None:
        self.words.append(WHITESPACE.sub(" ", data))

    def _flush(self) -> None:
        text = "".join(self.words).strip()
        self.words = []
        kind, self.kind = self.kind, None
        if not text:
            return
        text = "\n".join(WHITESPACE.sub(" ", line).strip(" ") for line in text.split("\n"))
        if kind == "li" and self.lists:
            depth = len(self.lists) - 1
            counter = self.lists[-1][0]
            marker = f"{counter}. " if counter >= 0 else "- "
            indent = "  " * depth
            self.item_lines.append(self._wrap(text, indent + marker, indent + " " * len(marker)))
        elif kind in HEADINGS:  # wrapped like a paragraph, underlined as wide as it shows
            wrapped = self._wrap(text, "", "")
            width = max(map(display_width, wrapped.split("\n")))
            self.blocks.append(f"{wrapped}\n{HEADINGS[kind] * width}")
        else:
            self.blocks.append(self._wrap(text, "", ""))

    def _wrap(self, text: str, first: str, rest: str) -> str:
        lines = text.split("\n")  # explicit line breaks (<br>) stay
        wrapped = []
        for number, line in enumerate(lines):
            start = first if number == 0 else rest
            if self.width <= 0:
                wrapped.append(start + line)
            else:
                wrapped.append(self.fill(line, self.width, start, rest))
        return "\n".join(wrapped)

    def result(self) -> str:
        self._flush()
        if self.item_lines:
            self.blocks.append("\n".join(self.item_lines))
        return "\n\n".join(self.blocks) + "\n"
