"""Plain text for job boards that take no Markdown: headings as lines, bullets as
"- ", links written out, wrapped at a set width.

Read from the sanitized HTML of the posting (like the Word writer), so no
Markdown syntax can be left over: `**Pay**` has become <strong>, which becomes
plain words here.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

DEFAULT_WIDTH = 72
HEADINGS = {"h1": "=", "h2": "-"}  # underlined; h3 to h6 stand as plain lines
# Breaking whitespace only: the no-break spaces of "60 000 €" and "Salaire :" stay, and
# keep a wrapped line from breaking there.
WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def to_text(fragment: str, width: int = DEFAULT_WIDTH) -> str:
    """The posting's sanitized HTML as plain text; `width` 0 means no wrapping."""
    builder = _TextBuilder(width)
    builder.feed(fragment)
    builder.close()
    return builder.result()


def to_bytes(text: str) -> bytes:
    return text.encode("utf-8")


class _TextBuilder(HTMLParser):
    def __init__(self, width: int) -> None:
        super().__init__(convert_charrefs=True)
        self.width = width
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
        elif kind in HEADINGS:
            self.blocks.append(f"{text}\n{HEADINGS[kind] * len(text)}")
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
                wrapped.append(
                    textwrap.fill(
                        line,
                        self.width,
                        initial_indent=start,
                        subsequent_indent=rest,
                        break_long_words=False,
                        break_on_hyphens=False,
                    )
                )
        return "\n".join(wrapped)

    def result(self) -> str:
        self._flush()
        if self.item_lines:
            self.blocks.append("\n".join(self.item_lines))
        return "\n\n".join(self.blocks) + "\n"
