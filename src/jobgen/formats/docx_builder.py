"""Word paragraphs and runs from the sanitized HTML of a posting.

It builds the XML directly: python-docx's `add_paragraph(style=...)` and
`add_run` look styles up by scanning the style table on every call, which
made them most of a posting's time.
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Inches

from .docx_reference import HEADING_STYLES, LIST_STYLES

if TYPE_CHECKING:
    from docx.document import Document

LINK_SCHEMES = ("http://", "https://", "mailto:")
WHITESPACE = re.compile(r"\s+")
LOGO_HEIGHT = Inches(0.5)
LOGO_MAX_WIDTH = Inches(2.5)
LIST_STYLE_NAMES = frozenset(name for pair in LIST_STYLES.values() for name in pair)


class DocxBuilder(HTMLParser):
    """Walks the sanitized posting HTML and writes Word paragraphs and runs.

    It builds the XML directly: python-docx's `add_paragraph(style=...)` and
    `add_run` look styles up by scanning the style table on every call, which
    made them most of a posting's time.
    """

    def __init__(self, document: Document, styles: dict, loose: Set[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.body = document.element.body
        # New paragraphs go before the section properties, which end the body.
        self.section = self.body.find(qn("w:sectPr"))
        self.styles = styles
        # The default paragraph style is written as no style at all, as Word does.
        self.style_ids = {
            name: None if style.element.default else style.style_id
            for name, style in styles.items()
        }
        # Styles whose paragraphs nobody keeps with the next: the reference leaves it unset.
        self.loose = loose
        self.paragraph = None  # the w:p element being filled
        self.last: tuple = (None, "")  # the last paragraph started, and its style
        self.before_last: tuple = (None, "")  # and the one before it
        self.fresh = False  # the current paragraph has no text yet
        self.bold = self.italic = self.code = self.quote = 0
        self.link: str | None = None
        self.lists: list[str] = []
        self.restart_numbering = False
        self.numbered_lists = 0

    def build(self, fragment: str) -> None:
        self.feed(fragment)
        self.close()

    def add_logo(self, path: str) -> None:
        """The company logo in a paragraph of its own, above the title."""
        from docx.image.image import Image
        from docx.text.paragraph import Paragraph

        self._new_paragraph("Normal")
        run = Paragraph(self.paragraph, self.document._body).add_run()
        image = Image.from_file(path)
        if LOGO_HEIGHT * image.px_width / max(image.px_height, 1) > LOGO_MAX_WIDTH:
            run.add_picture(path, width=LOGO_MAX_WIDTH)  # a wide logo: as wide as allowed
        else:
            run.add_picture(path, height=LOGO_HEIGHT)
        self.paragraph = None

    def keep_the_end_together(self) -> None:
        """The last paragraph (the posting's closing line) never alone on a page: the one
        before it keeps with it, and widow control brings two of its lines along."""
        self._keep_with_next(*self.before_last)

    def _keep_with_next(self, paragraph, style: str) -> None:
        if paragraph is not None and style in self.loose:  # else the style decides
            paragraph.get_or_add_pPr().get_or_add_keepNext()

    def _new_paragraph(self, style: str) -> None:
        self.paragraph = element("w:p")
        self.before_last, self.last = self.last, (self.paragraph, style)
        if self.style_ids[style]:
            properties = element("w:pPr")
            properties.append(element("w:pStyle", {"w:val": self.style_ids[style]}))
            self.paragraph.append(properties)
        if self.section is not None:
            self.section.addprevious(self.paragraph)
        else:
            self.body.append(self.paragraph)
        self.fresh = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HEADING_STYLES:
            self._new_paragraph(HEADING_STYLES[tag])
        elif tag == "p":
            if not (self.lists and self.paragraph is not None and self.fresh):
                self._new_paragraph("Quote" if self.quote else "Normal")
        elif tag in LIST_STYLES:
            if not self.lists and self.last[1] not in LIST_STYLE_NAMES:  # it introduces the list
                self._keep_with_next(*self.last)
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
                restart_numbering(self.document, self.styles[style], self.paragraph)
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
            run = element("w:r")
            run.append(element("w:br"))
            self.paragraph.append(run)

    def handle_endtag(self, tag: str) -> None:
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
        text = WHITESPACE.sub(" ", data)
        if self.paragraph is None:
            if not text.strip():
                return
            self._new_paragraph("Normal")
        if self.fresh:
            text = text.lstrip()
            if not text:
                return
        self.fresh = False
        if self.link:
            part = self.document.part
            relation = part.relate_to(self.link, RELATIONSHIP_TYPE.HYPERLINK, True)
            hyperlink = element("w:hyperlink", {"r:id": relation})
            hyperlink.append(self._run(text, self.style_ids["Hyperlink"]))
            self.paragraph.append(hyperlink)
        else:
            self.paragraph.append(self._run(text))

    def _run(self, text: str, character_style: str | None = None):
        run = element("w:r")
        properties = element("w:rPr")
        if character_style:  # children in the order the schema requires
            properties.append(element("w:rStyle", {"w:val": character_style}))
        if self.code:
            properties.append(element("w:rFonts", {"w:ascii": "Consolas", "w:hAnsi": "Consolas"}))
        if self.bold:
            properties.append(element("w:b"))
        if self.italic:
            properties.append(element("w:i"))
        if len(properties):
            run.append(properties)
        text_element = element("w:t")
        text_element.text = text
        if text != text.strip():
            text_element.set(_XML_SPACE, "preserve")
        run.append(text_element)
        return run


_XML_SPACE = qn("xml:space")


@cache
def _tag(name: str) -> tuple[str, dict[str, str]]:
    """`w:p` -> its namespaced name and namespace map, worked out once."""
    tag = NamespacePrefixedTag(name)
    return tag.clark_name, tag.nsmap


def element(name: str, attributes: dict[str, str] | None = None):
    """A new element of python-docx's own classes; like OxmlElement, without its per-call
    name parsing, which was a fifth of a posting's DOCX time."""
    clark_name, nsmap = _tag(name)
    element = oxml_parser.makeelement(clark_name, nsmap=nsmap)
    for key, value in (attributes or {}).items():
        element.set(_tag(key)[0] if ":" in key else key, value)
    return element


def restart_numbering(document: Document, style, paragraph) -> None:
    """Give a second numbered list its own numbering, starting again at 1."""
    numbering = document.part.numbering_part.element
    style_num = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract_id)
    override = element("w:lvlOverride", {"w:ilvl": "0"})
    override.append(element("w:startOverride", {"w:val": "1"}))
    num.append(override)
    num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num.numId
    num_pr.get_or_add_ilvl().val = 0
