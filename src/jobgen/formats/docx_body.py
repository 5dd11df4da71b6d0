"""The Word body of a posting, written as XML text from its sanitized HTML.

Every character of the posting is escaped as lxml escapes it, so the file is the one
python-docx would write; nothing in a posting can open or close an XML element. What
XML cannot hold (control characters) is refused with lxml's error, as before.

The HTML is nh3's serialization (tags, quoted attributes, escaped text, no comments), so
one regular expression reads it, in the tags and text html.parser finds in it (a test
holds the two equal) at a third of html.parser's cost.

The body is written a section at a time (from one `<h2>` to the next), and a section
with no link and no numbered list is kept (`_SECTIONS`): the same section recurs in
every posting of a role or of a company. Only sections that start and end with nothing
open (no list, emphasis, quote or link) are kept or reused, and only their last two
paragraphs stay open to change (a later list or the closing line may keep them with the
next); a test holds the kept path equal to the one that writes every section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import TYPE_CHECKING

from .docx_reference import HEADING_STYLES, LIST_STYLES

if TYPE_CHECKING:
    from .docx_template import Template

LINK_SCHEMES = ("http://", "https://", "mailto:")
WHITESPACE = re.compile(r"\s+")
LIST_STYLE_NAMES = frozenset(name for pair in LIST_STYLES.values() for name in pair)
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what lxml refuses
NOT_IN_XML_ERROR = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;"}
    | {"\t": "&#9;"}
)


def text(value: str) -> str:
    """`value` as the text of an element, escaped as lxml (libxml2) escapes it."""
    return value.translate(_TEXT)


def attribute(value: str) -> str:
    """`value` inside a double-quoted attribute, escaped as lxml (libxml2) escapes it."""
    return value.translate(_ATTRIBUTE)


def check_xml(value: str) -> str:
    """`value`, unless it holds a character XML 1.0 forbids (lxml's ValueError)."""
    if NOT_IN_XML.search(value):
        raise ValueError(NOT_IN_XML_ERROR)
    return value


_TEXT_ESCAPED = re.compile("[&<>\r]")


class _Paragraph:
    __slots__ = ("keep", "num", "runs", "style")

    def __init__(self, style: str) -> None:
        self.style = style
        self.keep = False  # keep with the next paragraph
        self.num: int | None = None  # its own list numbering, starting at 1
        self.runs: list[str] = []


# A start or end tag (its attributes may quote a ">"), a comment or declaration, or text;
# a "<" that opens no tag is text, as html.parser has it.
TOKENS = re.compile(
    r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|<!--.*?-->|<[!?][^>]*>|([^<]+|<)",
    re.S,
)
# The fragment in sections, each starting at a token "<h2>" of the whole (atomic groups
# read tokens exactly as TOKENS.finditer does, so no token is cut in two).
SECTIONS = re.compile(
    r"(?:<h2>)?(?>(?!<h2>)(?>"
    r"</?[a-zA-Z][^\t\n\r\f />\x00]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|<!--.*?-->|<[!?][^>]*>|[^<]+|<))*+",
    re.S,
)
# What a section must not hold to be kept: a link (a relationship id) or a numbered list
# (numbering ids, and the second list restarts): both carry from one section to the next.
NOT_KEPT = re.compile(r"<(?:[aA]|[oO][lL])")
MAX_KEPT_SECTIONS = 512  # as html_sections: a run's role sections, and a company's own
# A kept section: its closed paragraphs' XML, its last two (style, keep, runs), `fresh`
Kept = tuple[str, tuple[tuple[str, bool, tuple[str, ...]], ...], bool]
_SECTIONS: dict[tuple[object, ...], dict[str, Kept]] = {}  # by style ids and loose styles
_kept_count = 0
ATTRIBUTES = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def tokens(fragment: str) -> Iterator[tuple[str, str, list[tuple[str, str | None]]]]:
    """("start" | "end" | "data", tag name or text, attributes) for each tag and text of
    the fragment, as html.parser reports them (with `convert_charrefs`)."""
    for found in TOKENS.finditer(fragment):
        closing, name, rest, data = found.groups()
        if data is not None:
            yield "data", unescape(data), []
        elif name is None:
            continue  # a comment or declaration
        elif closing:
            yield "end", name.lower(), []
        else:
            name = name.lower()
            yield "start", name, _attributes(rest) if name == "a" else []
            if rest.rstrip().endswith("/"):  # <br/>
                yield "end", name, []


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in ATTRIBUTES.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), None if value is None else unescape(value)))
    return found


class BodyWriter:
    """Walks the sanitized posting HTML and writes Word paragraphs and runs."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.style_ids = template.style_ids
        self.paragraphs: list[_Paragraph | str] = []
        self.paragraph: _Paragraph | None = None  # the one being filled
        self.last: _Paragraph | None = None  # the last paragraph started
        self.before_last: _Paragraph | None = None  # and the one before it
        self.fresh = False  # the current paragraph has no text yet
        self.bold = self.italic = self.code = self.quote = 0
        self.link: str | None = None
        self.lists: list[str] = []
        self.restart_numbering = False
        self.numbered_lists = 0
        # relationships and list numbering the posting adds to the reference's
        self.hyperlinks = dict(template.hyperlinks)
        self.rel_ids = set(template.rel_ids)
        self.new_links: list[tuple[str, str]] = []  # (relationship id, target)
        self.num_ids = list(template.num_ids)
        self.new_nums: list[tuple[int, int]] = []  # (list id, abstract numbering)
        self._style_key = (tuple(template.style_ids.items()), template.loose)

    def build(self, fragment: str, keep: bool = True) -> None:
        """The paragraphs of `fragment`; `keep` False writes every section anew (the
        reference the kept path is tested against)."""
        if not keep or "<h2>" not in fragment:
            self._feed(fragment)
            return
        kept = _SECTIONS.setdefault(self._style_key, {})
        for found in SECTIONS.finditer(fragment):
            section = found.group()
            if not section:
                continue
            done = kept.get(section)
            if done is not None and self._closed():
                self._replay(*done)
            elif self._closed() and section.startswith("<h2>") and not NOT_KEPT.search(section):
                start = len(self.paragraphs)
                self._feed(section)
                if self._closed() and self.paragraph is None:
                    self._keep(kept, section, start)
            else:
                self._feed(section)

    def _closed(self) -> bool:
        """Nothing open that the next section's text would take on."""
        return not (self.bold or self.italic or self.code or self.quote or self.lists or self.link)

    def _keep(self, kept: dict[str, Kept], section: str, start: int) -> None:
        global _kept_count
        if _kept_count >= MAX_KEPT_SECTIONS:  # a bound on memory, not an eviction policy
            _SECTIONS.clear()
            kept.clear()
            _SECTIONS[self._style_key] = kept
            _kept_count = 0
        written = [p for p in self.paragraphs[start:] if isinstance(p, _Paragraph)]
        closed = "".join(map(self._paragraph_xml, written[:-2]))
        last = tuple((p.style, p.keep, tuple(p.runs)) for p in written[-2:])
        kept[section] = (closed, last, self.fresh)
        _kept_count += 1

    def _replay(
        self, closed: str, last: tuple[tuple[str, bool, tuple[str, ...]], ...], fresh: bool
    ) -> None:
        if closed:
            self.paragraphs.append(closed)
        for style, keep, runs in last:
            self._new_paragraph(style)
            assert self.paragraph is not None
            self.paragraph.keep = keep
            self.paragraph.runs = list(runs)
        self.paragraph = None
        self.fresh = fresh

    def _feed(self, fragment: str) -> None:
        """`tokens`' walk, inlined: findall gives "" for the groups a token leaves out."""
        start, end, data = self.handle_starttag, self.handle_endtag, self.handle_data
        for closing, name, rest, text in TOKENS.findall(fragment):
            if text:
                data(unescape(text))
            elif not name:
                continue  # a comment or declaration
            elif closing:
                end(name.lower())
            else:
                name = name.lower()
                start(name, _attributes(rest) if name == "a" else [])
                if rest.rstrip().endswith("/"):  # <br/>
                    end(name)

    def add_logo(self) -> None:
        """The company logo in a paragraph of its own, above the title."""
        self._new_paragraph("Normal")
        assert self.paragraph is not None
        self.paragraph.runs.append(self.template.logo)
        self.paragraph = None

    def keep_the_end_together(self) -> None:
        """The last paragraph (the posting's closing line) never alone on a page: the one
        before it keeps with it, and widow control brings two of its lines along."""
        self._keep_with_next(self.before_last)

    def xml(self) -> str:
        """The body's paragraphs, checked for what XML cannot hold."""
        return check_xml("".join(map(self._paragraph_xml, self.paragraphs)))

    def _paragraph_xml(self, paragraph: _Paragraph | str) -> str:
        if isinstance(paragraph, str):  # a kept section's closed paragraphs
            return paragraph
        properties = ""
        style_id = self.style_ids[paragraph.style]
        if style_id:  # children in the order the schema requires
            properties = f'<w:pStyle w:val="{attribute(style_id)}"/>'
        if paragraph.keep:
            properties += "<w:keepNext/>"
        if paragraph.num is not None:
            properties += (
                f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{paragraph.num}"/></w:numPr>'
            )
        inner = f"<w:pPr>{properties}</w:pPr>" if properties else ""
        inner += "".join(paragraph.runs)
        return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"

    def _keep_with_next(self, paragraph: _Paragraph | None) -> None:
        if paragraph is not None and paragraph.style in self.template.loose:  # else the style's
            paragraph.keep = True

    def _new_paragraph(self, style: str) -> None:
        self.paragraph = _Paragraph(style)
        self.paragraphs.append(self.paragraph)
        self.before_last, self.last = self.last, self.paragraph
        self.fresh = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HEADING_STYLES:
            self._new_paragraph(HEADING_STYLES[tag])
        elif tag == "p":
            if not (self.lists and self.paragraph is not None and self.fresh):
                self._new_paragraph("Quote" if self.quote else "Normal")
        elif tag in LIST_STYLES:
            last = self.last
            if not self.lists and (last is None or last.style not in LIST_STYLE_NAMES):
                self._keep_with_next(last)  # it introduces the list
            self.lists.append(tag)
            if tag == "ol":
                self.numbered_lists += 1
                self.restart_numbering = self.numbered_lists > 1
        elif tag == "li" and self.lists:
            kind = self.lists[-1]
            depth = min(len([t for t in self.lists if t == kind]), 2) - 1
            style = LIST_STYLES[kind][depth]
            self._new_paragraph(style)
            if kind == "ol" and self.restart_numbering:
                self._restart_numbering(style)
                self.restart_numbering = False
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag in ("code", "pre"):
            self.code += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href if href.startswith(LINK_SCHEMES) else None
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.runs.append("<w:r><w:br/></w:r>")

    def handle_endtag(self, tag: str, attrs: object = None) -> None:
        if tag in HEADING_STYLES or tag in ("p", "li"):
            self.paragraph = None
        elif tag in LIST_STYLES and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag in ("code", "pre"):
            self.code -= 1
        elif tag == "blockquote":
            self.quote -= 1
        elif tag == "a":
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.paragraph is None:
            if not data.strip():  # what WHITESPACE collapses is what strip() removes
                return
            words = WHITESPACE.sub(" ", data)
            self._new_paragraph("Normal")
            assert self.paragraph is not None
        else:
            words = WHITESPACE.sub(" ", data)
        if self.fresh:
            words = words.lstrip()
            if not words:
                return
        self.fresh = False
        if self.link:
            run = self._run(words, self.style_ids["Hyperlink"])
            relation = self._relate(self.link)
            self.paragraph.runs.append(f'<w:hyperlink r:id="{relation}">{run}</w:hyperlink>')
        else:
            self.paragraph.runs.append(self._run(words))

    def _run(self, words: str, character_style: str | None = None) -> str:
        properties = ""
        if character_style:  # children in the order the schema requires
            properties = f'<w:rStyle w:val="{attribute(character_style)}"/>'
        if self.code:
            properties += '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>'
        if self.bold:
            properties += "<w:b/>"
        if self.italic:
            properties += "<w:i/>"
        if properties:
            properties = f"<w:rPr>{properties}</w:rPr>"
        space = ' xml:space="preserve"' if words != words.strip() else ""
        escaped = text(words) if _TEXT_ESCAPED.search(words) else words
        return f"<w:r>{properties}<w:t{space}>{escaped}</w:t></w:r>"

    def _relate(self, target: str) -> str:
        """The relationship id of a link, as python-docx's `relate_to` gives it: the
        existing one to the same target, else the first free id."""
        found = self.hyperlinks.get(target)
        if found is None:
            number = 1
            while f"rId{number}" in self.rel_ids:
                number += 1
            found = f"rId{number}"
            self.rel_ids.add(found)
            self.hyperlinks[target] = found
            self.new_links.append((found, target))
        return found

    def _restart_numbering(self, style: str) -> None:
        """A second numbered list numbered from 1: a list of its own in the numbering part,
        taking the first free list id (a reference whose style has no numbering: none)."""
        abstract = self.template.list_abstracts.get(style)
        if abstract is None or self.paragraph is None:
            return
        number = 1
        while number in self.num_ids:
            number += 1
        self.num_ids.append(number)
        self.new_nums.append((number, abstract))
        self.paragraph.num = number
