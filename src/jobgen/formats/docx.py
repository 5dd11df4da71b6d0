"""DOCX: a Word document built from the sanitized HTML of the posting's Markdown.

The styles, page set-up, header and footer come from the reference
(`docx_reference.py`); the company's brand is applied over its styles here;
`docx_builder.py` writes the paragraphs, `docx_package.py` zips the file.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from typing import TYPE_CHECKING, Any

import docx
from docx.oxml.ns import qn
from docx.shared import RGBColor

from .docx_builder import DocxBuilder, element
from .docx_package import package_bytes
from .docx_reference import Reference, check_styles, open_reference

if TYPE_CHECKING:
    from docx.document import Document

    from ..inputs.models import Posting

BRANDED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")
_P_BORDERS = f"{qn('w:pPr')}/{qn('w:pBdr')}"


def render_docx(posting: Posting, fragment: str, reference: Reference) -> bytes:
    """The posting as DOCX bytes; the same inputs always give the same bytes."""
    document = open_reference(reference)
    styles = {style.name: style for style in document.styles}
    check_styles(reference, styles)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep page setup, drop the sample content
            body.remove(child)
    _apply_brand(styles, posting, _looks(reference.builtin) if reference.builtin else None)
    builder = DocxBuilder(document, styles)
    if posting.company.brand.logo:
        builder.add_logo(posting.company.brand.logo)
    builder.build(fragment)
    _set_properties(document, posting)
    return package_bytes(document, posting.date)


def _apply_brand(styles: dict, posting: Posting, defaults: dict | None) -> None:
    """The profile's brand over the reference's styles: colour and font on the title and
    headings, the font on Normal, the colour on links, and the accent on the rules the
    reference draws around headings (the built-in one rules off the title).

    In a reference.docx of your own, what you changed from the built-in one (a heading
    colour, a font, a rule) is kept; what you left as it was takes the brand.
    """
    brand = posting.company.brand
    color = RGBColor.from_string(brand.color.lstrip("#").upper())
    accent = (brand.accent or brand.color).lstrip("#").upper()

    def left_as_built_in(name: str, part: str) -> bool:
        return defaults is None or _look(styles[name], part) == defaults.get(name, {}).get(part)

    for name in (*BRANDED_STYLES, "Hyperlink"):
        if left_as_built_in(name, "color"):
            styles[name].font.color.rgb = color
    for name in ("Normal", *BRANDED_STYLES):
        if left_as_built_in(name, "font"):
            styles[name].font.name = brand.font
            fonts = styles[name].element.rPr.find(qn("w:rFonts"))
            for theme in ("w:asciiTheme", "w:hAnsiTheme"):  # a theme font would win over ours
                fonts.attrib.pop(qn(theme), None)
    for name in BRANDED_STYLES:
        if not left_as_built_in(name, "borders"):
            continue
        for border in styles[name].element.findall(f"{_P_BORDERS}/*"):
            border.set(qn("w:color"), accent)
            for theme in ("w:themeColor", "w:themeShade", "w:themeTint"):
                border.attrib.pop(qn(theme), None)  # a theme colour would win over ours
    language = element("w:lang")
    language.set(qn("w:val"), posting.company.language)
    r_pr = styles["Normal"].element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.append(language)


_LOOK_PARTS = {
    "color": f"{qn('w:rPr')}/{qn('w:color')}",
    "font": f"{qn('w:rPr')}/{qn('w:rFonts')}",
    "borders": _P_BORDERS,
}


def _look(style: Any, part: str) -> tuple | None:
    """A comparable form of one part of a style's formatting (None if it has none)."""
    element = style.element.find(_LOOK_PARTS[part])
    return None if element is None else _shape(element)


def _shape(node: Any) -> tuple:
    return (node.tag, tuple(sorted(node.attrib.items())), tuple(map(_shape, node)))


@cache
def _looks(builtin: bytes) -> dict[str, dict[str, tuple | None]]:
    """The built-in reference's colours, fonts and rules, style by style."""
    styles = {style.name: style for style in docx.Document(io.BytesIO(builtin)).styles}
    names = ("Normal", "Hyperlink", *BRANDED_STYLES)
    return {n: {p: _look(styles[n], p) for p in _LOOK_PARTS} for n in names if n in styles}


def _property(text: str) -> str:
    """Word's document properties hold at most 255 characters (python-docx refuses more)."""
    return text if len(text) <= 255 else text[:254] + "…"


def _set_properties(document: Document, posting: Posting) -> None:
    moment = dt.datetime.combine(posting.date, dt.time(0, 0))
    props = document.core_properties
    props.title = _property(f"{posting.role.title} at {posting.company.name}")
    props.subject = _property(posting.role.title)
    props.author = _property(posting.company.name)
    props.last_modified_by = _property(posting.company.name)
    props.keywords = _property(", ".join(posting.role.tools))
    props.comments = "Generated by jobgen"
    props.category = "Job posting"
    props.language = posting.company.language
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1
