"""DOCX: a Word document built from the sanitized HTML of the posting's Markdown.

The styles, page setup, header and footer come from `reference.docx` in the
template folders (the workspace's first, then the built-in one), as pandoc's
`--reference-doc` does; its body is ignored. Every style name jobgen uses is
checked up front, because python-docx silently ignores a missing one.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Inches, RGBColor

from ..errors import TemplateProblem, display_path
from ..limits import MAX_REFERENCE_BYTES, MAX_REFERENCE_UNPACKED

if TYPE_CHECKING:
    from docx.document import Document

    from ..models import Posting
    from ..render import Renderer

REFERENCE_DOCX = "reference.docx"
HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
HEADING_STYLES |= {"h5": "Heading 3", "h6": "Heading 3"}
LIST_STYLES = {"ul": ("List Bullet", "List Bullet 2"), "ol": ("List Number", "List Number 2")}
PARAGRAPH_STYLES = {"Normal", "Quote", *HEADING_STYLES.values()}
PARAGRAPH_STYLES |= {name for pair in LIST_STYLES.values() for name in pair}
CHARACTER_STYLES = {"Hyperlink"}
BRANDED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")
LINK_SCHEMES = ("http://", "https://", "mailto:")
WHITESPACE = re.compile(r"\s+")
LOGO_HEIGHT = Inches(0.5)
LOGO_MAX_WIDTH = Inches(2.5)
_P_BORDERS = f"{qn('w:pPr')}/{qn('w:pBdr')}"


@dataclass(frozen=True)
class Reference:
    """The winning reference.docx: where it is and its bytes."""

    path: Path
    data: bytes
    builtin: bytes | None = None  # the built-in reference's bytes, when this one is a user's


def load_reference(renderer: Renderer) -> Reference:
    """The reference.docx of the first template folder that has one (not yet checked)."""
    path = renderer.find(REFERENCE_DOCX)
    if path is None:
        raise TemplateProblem(
            f"no {REFERENCE_DOCX} in {', '.join(map(str, renderer.template_dirs))}"
        )
    builtin = renderer.builtin_dir / REFERENCE_DOCX
    if path == builtin or not builtin.is_file():
        return Reference(path, path.read_bytes())
    return Reference(path, path.read_bytes(), builtin.read_bytes())


def check_reference(reference: Reference) -> None:
    """Raise TemplateProblem unless the file opens as Word and has every style jobgen uses.

    `render_docx` checks the same as it goes; this is for checking up front,
    before a batch starts.
    """
    document = _open(reference)
    _check_styles(reference, {style.name for style in document.styles})


def describe_reference(reference: Reference) -> list[str]:
    """What a recruiter wants to know of a reference.docx, line by line."""
    document = _open(reference)
    section = document.sections[0]
    lines = []
    if section.page_width and section.page_height:
        width, height = section.page_width.mm, section.page_height.mm
        paper = next((n for n, (w, h) in PAPER_SIZES.items() if _near(width, height, w, h)), "")
        lines.append(f"page: {paper + ', ' if paper else ''}{width:.0f} x {height:.0f} mm")
    margins = [section.top_margin, section.right_margin, section.bottom_margin, section.left_margin]
    if all(margins):
        lines.append(
            "margins (top, right, bottom, left): " + ", ".join(f"{m.mm:.0f} mm" for m in margins)
        )
    for label, part in (("header", section.header), ("footer", section.footer)):
        text = " / ".join(p.text for p in part.paragraphs if p.text.strip())
        lines.append(
            f"{label}: {text or '(empty)'}" if not part.is_linked_to_previous else f"{label}: none"
        )
    names = {style.name for style in document.styles}
    used = sorted(PARAGRAPH_STYLES | CHARACTER_STYLES)
    missing = [name for name in used if name not in names]
    lines.append("styles jobgen uses: " + ", ".join(used))
    lines.append("missing: " + (", ".join(missing) if missing else "none"))
    return lines


PAPER_SIZES = {"A4": (210, 297), "US Letter": (215.9, 279.4), "US Legal": (215.9, 355.6)}


def _near(width: float, height: float, w: float, h: float) -> bool:
    return abs(width - w) < 2 and abs(height - h) < 2


def _open(reference: Reference) -> Document:
    _check_size(reference)
    try:
        return docx.Document(io.BytesIO(reference.data))
    except Exception as error:  # python-docx raises several types for a broken file
        why = "not a zip package" if isinstance(error, zipfile.BadZipFile) else "parts are missing"
        if isinstance(error, ValueError) and "content type" in str(error):
            why = "a Word template (.dotx) or another kind of file, not a document"
        raise TemplateProblem(
            f"{display_path(reference.path)}: not a Word document ({why}); save it again "
            "from Word or LibreOffice as .docx, or start over with "
            "`jobgen templates copy reference.docx --force`"
        ) from None


def _check_size(reference: Reference) -> None:
    """Refuse a reference.docx that is, or unpacks to, far more than a style sheet:
    a "zip bomb" would otherwise fill the memory of every posting's render."""
    size = len(reference.data)
    try:
        with zipfile.ZipFile(io.BytesIO(reference.data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile:
        return  # said in words by _open
    if size > MAX_REFERENCE_BYTES or unpacked > MAX_REFERENCE_UNPACKED:
        raise TemplateProblem(
            f"{display_path(reference.path)}: {size:,} bytes, {unpacked:,} unpacked; the "
            f"limits are {MAX_REFERENCE_BYTES:,} and {MAX_REFERENCE_UNPACKED:,} (remove "
            "pictures or pasted content: it holds only styles, page set-up, header and footer)"
        )


def _check_styles(reference: Reference, names: Iterable[str | None]) -> None:
    missing = (PARAGRAPH_STYLES | CHARACTER_STYLES) - set(names)
    if missing:
        raise TemplateProblem(
            f"{display_path(reference.path)}: missing the Word styles "
            f"{', '.join(sorted(missing))}; add them in Word (Styles pane) or start from "
            "jobgen's built-in reference.docx"
        )


def render_docx(posting: Posting, fragment: str, reference: Reference) -> bytes:
    """The posting as DOCX bytes; the same inputs always give the same bytes."""
    document = _open(reference)
    styles = {style.name: style for style in document.styles}
    _check_styles(reference, styles)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep page setup, drop the sample content
            body.remove(child)
    _apply_brand(styles, posting, _looks(reference.builtin) if reference.builtin else None)
    builder = _DocxBuilder(document, styles)
    if posting.company.brand.logo:
        builder.add_logo(posting.company.brand.logo)
    builder.build(fragment)
    _set_properties(document, posting)
    return package_bytes(document, posting.date)


def package_bytes(document: Document, date: dt.date) -> bytes:
    """The .docx file, its zip entries stamped with `date` instead of the time of saving.

    Writes the package once through python-docx's PackageWriter steps; where a
    python-docx version lacks them, saves normally and rewrites the zip.
    """
    package = document.part.package
    steps = [getattr(PackageWriter, name, None) for name in _WRITER_STEPS]
    if not all(steps):
        buffer = io.BytesIO()
        document.save(buffer)
        return normalize_zip(buffer.getvalue(), date)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _StampedWriter(archive, date)
        write_content_types, write_package_rels, write_parts = steps
        parts = list(package.iter_parts())
        write_content_types(writer, parts)
        write_package_rels(writer, package.rels)
        write_parts(writer, parts)
    return out.getvalue()


_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")


class _StampedWriter:
    """The `write(pack_uri, blob)` that PackageWriter's steps call, with fixed timestamps."""

    def __init__(self, archive: zipfile.ZipFile, date: dt.date) -> None:
        self.archive = archive
        self.stamp = _zip_stamp(date)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.writestr(_entry(pack_uri.membername, self.stamp), blob)


def _zip_stamp(date: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


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
    language = _element("w:lang")
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


def _shape(element: Any) -> tuple:
    return (element.tag, tuple(sorted(element.attrib.items())), tuple(map(_shape, element)))


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


def normalize_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite the package with fixed timestamps: zip entries otherwise carry 'now'."""
    stamp = _zip_stamp(date)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(_entry(info.filename, stamp), source.read(info.filename))
    return out.getvalue()


class _DocxBuilder(HTMLParser):
    """Walks the sanitized posting HTML and writes Word paragraphs and runs.

    It builds the XML directly: python-docx's `add_paragraph(style=...)` and
    `add_run` look styles up by scanning the style table on every call, which
    made them most of a posting's time.
    """

    def __init__(self, document: Document, styles: dict) -> None:
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
        self.paragraph = None  # the w:p element being filled
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

    def _new_paragraph(self, style: str) -> None:
        self.paragraph = _element("w:p")
        if self.style_ids[style]:
            properties = _element("w:pPr")
            properties.append(_element("w:pStyle", {"w:val": self.style_ids[style]}))
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
                _restart_numbering(self.document, self.styles[style], self.paragraph)
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
            run = _element("w:r")
            run.append(_element("w:br"))
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
            hyperlink = _element("w:hyperlink", {"r:id": relation})
            hyperlink.append(self._run(text, self.style_ids["Hyperlink"]))
            self.paragraph.append(hyperlink)
        else:
            self.paragraph.append(self._run(text))

    def _run(self, text: str, character_style: str | None = None):
        run = _element("w:r")
        properties = _element("w:rPr")
        if character_style:  # children in the order the schema requires
            properties.append(_element("w:rStyle", {"w:val": character_style}))
        if self.code:
            properties.append(_element("w:rFonts", {"w:ascii": "Consolas", "w:hAnsi": "Consolas"}))
        if self.bold:
            properties.append(_element("w:b"))
        if self.italic:
            properties.append(_element("w:i"))
        if len(properties):
            run.append(properties)
        text_element = _element("w:t")
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


def _element(name: str, attributes: dict[str, str] | None = None):
    """A new element of python-docx's own classes; like OxmlElement, without its per-call
    name parsing, which was a fifth of a posting's DOCX time."""
    clark_name, nsmap = _tag(name)
    element = oxml_parser.makeelement(clark_name, nsmap=nsmap)
    for key, value in (attributes or {}).items():
        element.set(_tag(key)[0] if ":" in key else key, value)
    return element


def _restart_numbering(document: Document, style, paragraph) -> None:
    """Give a second numbered list its own numbering, starting again at 1."""
    numbering = document.part.numbering_part.element
    style_num = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract_id)
    override = _element("w:lvlOverride", {"w:ilvl": "0"})
    override.append(_element("w:startOverride", {"w:val": "1"}))
    num.append(override)
    num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num.numId
    num_pr.get_or_add_ilvl().val = 0
