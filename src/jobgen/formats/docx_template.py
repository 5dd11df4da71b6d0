"""A reference.docx made ready once per company: opened with python-docx, the brand
applied to its styles, and every part of the package kept as the bytes python-docx
writes, so that a posting only writes what is its own (`docx.py`).

Where a posting's values go into a part (the body, the language of Normal, the document
properties, the numbering of a list that starts again at 1), the prepared part holds a
marker in their place: what surrounds them is exactly what python-docx wrote, and a
posting's file is byte for byte the one python-docx would write for it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ..errors import TemplateProblem, display_path
from ..inputs.workspace import builtin_root
from .docx_package import Member, member
from .docx_reference import (
    LIST_STYLES,
    REFERENCE_DOCX,
    Reference,
    check_styles,
    open_reference,
)

if TYPE_CHECKING:
    from docx.document import Document

    from ..inputs.company_parts import Brand

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = f"{R}/hyperlink"
PAPER_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
MOMENT = dt.datetime(1111, 11, 11, 11, 11, 11)  # stands in for the posting's date
_MARK = "JOBGENMARK"  # no part of a real document says this
_NUMBERED = [name for name in LIST_STYLES["ol"]]
MAX_PREPARED = 32  # per reference: a batch goes company by company


@dataclass(frozen=True)
class Template:
    """One reference with one brand: the package as bytes, with markers where a posting's
    values go. Plain data only, so that it can be kept and reused."""

    members: dict[str, bytes]  # the zip's members, in python-docx's order
    document: str  # the member names of the parts a posting writes
    document_rels: str
    styles: str
    core: str
    numbering: str | None
    head: str  # document.xml up to the body's paragraphs
    tails: dict[str, str]  # paper ("" if the reference's own) -> the rest (section properties)
    logo: str  # the logo's run, or ""
    style_ids: dict[str, str | None]  # style name -> id (None: the default, written as none)
    loose: frozenset[str]  # styles whose paragraphs nobody keeps with the next
    rel_ids: frozenset[str]  # the document's relationship ids, for the next free one
    hyperlinks: dict[str, str]  # external hyperlink target -> its relationship id
    list_abstracts: dict[str, int]  # numbered list style -> its abstract numbering
    num_ids: tuple[int, ...]  # the numbering's list ids, for the next free one
    num_marker: str  # in the numbering part, where python-docx adds a list
    num_xml: str  # a list numbered from 1, as python-docx writes it: {num}, {abstract} to fill
    # the parts no posting changes, compressed once; the styles once per language
    packed: dict[str, Member] = field(default_factory=dict, compare=False, repr=False)
    styles_packed: dict[str, Member] = field(default_factory=dict, compare=False, repr=False)
    # the relationships, once for each set of links a posting adds
    rels_packed: dict[tuple[tuple[str, str], ...], Member] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        own = {self.document, self.document_rels, self.styles, self.core}
        for name, data in self.members.items():
            if name == self.numbering:  # no list restarted: the part as it was
                data = data.replace(self.num_marker.encode("utf-8"), b"")
            if name not in own:
                self.packed[name] = member(name, data)


def template_for(reference: Reference, brand: Brand) -> Template:
    """The prepared template of `reference` for `brand`, made on first use and kept on the
    reference (the Generator keeps one per template folder) and on disk (docx_cache.py)."""
    from . import docx_cache

    key = _brand_key(brand)
    kept = reference.prepared
    template = kept.get(key)
    if template is None:
        builtin = is_builtin(reference)
        template = _from_fields(docx_cache.load(reference, brand, builtin))
        if template is None:
            template = prepare(reference, brand)
            docx_cache.save(reference, brand, builtin, _fields(template))
        if len(kept) >= MAX_PREPARED:
            kept.pop(next(iter(kept)))
        kept[key] = template
    return template


# compressed again from the parts on loading
_NOT_KEPT = ("packed", "styles_packed", "rels_packed")


def _fields(template: Template) -> dict[str, Any]:
    return {f.name: getattr(template, f.name) for f in fields(template) if f.name not in _NOT_KEPT}


def _from_fields(kept: dict[str, Any] | None) -> Template | None:
    try:
        return None if kept is None else Template(**kept)
    except (TypeError, AttributeError, ValueError):  # kept by other code: made again
        return None


def is_builtin(reference: Reference) -> bool:
    """jobgen's own reference, or a copy of it left as it was (`jobgen templates copy`),
    whose paper follows the posting's country (a house reference's page wins)."""
    own = builtin_root() / "templates" / REFERENCE_DOCX
    if reference.path.parent == own.parent:
        return True
    try:
        return os.path.getsize(own) == len(reference.data) and own.read_bytes() == reference.data
    except OSError:
        return False


def _brand_key(brand: Brand) -> tuple[Any, ...]:
    logo: tuple[Any, ...] = ()
    if brand.logo:  # an edited logo (preview) is made again
        stat = os.stat(brand.logo)
        logo = (brand.logo, stat.st_mtime_ns, stat.st_size)
    return (brand.font, brand.color, brand.accent, logo)


def prepare(reference: Reference, brand: Brand) -> Template:
    """Open `reference`, apply `brand` and write every part, markers in place."""
    from docx.oxml.ns import qn

    from .docx_styles import KEEP, settle

    document = open_reference(reference)
    by_name = {style.name: style for style in document.styles}
    check_styles(reference, by_name)
    root = document.element
    if root.nsmap.get("w") != W or root.nsmap.get("r") != R:
        raise TemplateProblem(
            f"{display_path(reference.path)}: its document part does not name Word's "
            "namespaces as Word does; save it again from Word or LibreOffice as .docx"
        )
    body = root.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep page setup, drop the sample content
            body.remove(child)
    settled = settle(document, brand)
    loose = {name for name, parts in settled.items() if parts[KEEP.name].source == "default"}
    _mark_language(by_name["Normal"])
    logo_paragraph = _add_marker(body, "logo")
    if brand.logo:
        _add_logo(document, logo_paragraph, brand.logo)
    _add_marker(body, "body")
    _mark_properties(document)
    numbering = _numbering(document)
    members = _members(document)
    names = {
        "document": document.part.partname.membername,
        "document_rels": document.part.partname.rels_uri.membername,
        "styles": _part_name(document, "STYLES"),
        "core": _part_name(document, "CORE_PROPERTIES"),
    }
    head, tails, logo = _document_text(document, reference)
    num_marker, num_xml = _num_marker(members, numbering[0])
    rels = list(document.part.rels.values())
    hyperlinks: dict[str, str] = {}
    for rel in rels:  # the first of each target, as python-docx finds it
        if rel.is_external and rel.reltype == HYPERLINK:
            hyperlinks.setdefault(rel.target_ref, rel.rId)
    return Template(
        members=members,
        numbering=numbering[0],
        head=head,
        tails=tails,
        logo=logo,
        style_ids={n: None if s.element.default else s.style_id for n, s in by_name.items()},
        loose=frozenset(loose),
        rel_ids=frozenset(rel.rId for rel in rels),
        hyperlinks=hyperlinks,
        list_abstracts=numbering[1],
        num_ids=numbering[2],
        num_marker=num_marker,
        num_xml=num_xml,
        **names,
    )


def _add_marker(body: Any, what: str) -> Any:
    """An empty paragraph that marks a place in the body, before the section properties."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    paragraph = OxmlElement("w:p", {qn("w:rsidR"): f"{_MARK}{what}"})
    section = body.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(paragraph)
    else:
        body.append(paragraph)
    return paragraph


def _add_logo(document: Document, paragraph: Any, path: str) -> None:
    """The company logo, as tall as LOGO_HEIGHT or as wide as LOGO_MAX_WIDTH."""
    from docx.image.image import Image
    from docx.shared import Inches
    from docx.text.paragraph import Paragraph

    height, max_width = Inches(0.5), Inches(2.5)
    run = Paragraph(paragraph, document._body).add_run()
    image = Image.from_file(path)
    if height * image.px_width / max(image.px_height, 1) > max_width:
        run.add_picture(path, width=max_width)  # a wide logo: as wide as allowed
    else:
        run.add_picture(path, height=height)


def _mark_language(normal: Any) -> None:
    """The posting's language goes on Normal, for spelling and hyphenation: a marker here."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    r_pr = normal.element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.append(OxmlElement("w:lang", {qn("w:val"): f"{_MARK}language"}))


def _mark_properties(document: Document) -> None:
    """The document properties, with markers for the posting's own (in the order they
    were always set: a property the reference lacks is added at the end)."""
    props = document.core_properties
    props.title = f"{_MARK}title"
    props.subject = f"{_MARK}subject"
    props.author = f"{_MARK}author"
    props.last_modified_by = f"{_MARK}last_modified_by"
    props.keywords = f"{_MARK}keywords"
    props.comments = "Generated by jobgen"
    props.category = "Job posting"
    props.language = f"{_MARK}language"
    props.created = props.modified = MOMENT
    props.last_printed = MOMENT
    props.revision = 1


def _numbering(document: Document) -> tuple[str | None, dict[str, int], tuple[int, ...]]:
    """The numbering part's name, the abstract numbering of each numbered list style, the
    list ids in use, and a new list as python-docx would write it (with a marker where
    new lists go). A reference without list numbering lets lists run on."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.oxml.numbering import CT_Num
    from docx.oxml.parser import OxmlElement

    try:
        part = document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        return None, {}, ()
    numbering = part.element
    abstracts = {}
    for name in _NUMBERED:
        try:
            style_num = document.styles[name].element.pPr.numPr.numId.val
            abstracts[name] = numbering.num_having_numId(style_num).abstractNumId.val
        except (AttributeError, KeyError):  # a list style without numbering of its own
            continue
    num_ids = tuple(int(i) for i in numbering.xpath("./w:num/@w:numId"))
    marker = CT_Num.new(999999999, 888888888)  # where python-docx adds a list
    override = OxmlElement("w:lvlOverride", {qn("w:ilvl"): "0"})
    override.append(OxmlElement("w:startOverride", {qn("w:val"): "1"}))
    marker.append(override)
    numbering._insert_num(marker)
    return part.partname.membername, abstracts, num_ids


def _num_marker(members: dict[str, bytes], name: str | None) -> tuple[str, str]:
    """The marker list in the numbering part as written, and it as a pattern to fill."""
    if name is None:
        return "", ""
    text = members[name].decode("utf-8")
    found = re.search(r"<(\w+:)?num [^>]*999999999.*?</\1num>", text)
    if found is None or text.count("999999999") != 1:
        raise AssertionError("the numbering marker is not in the part once")
    marker = found.group()
    pattern = marker.replace("{", "{{").replace("}", "}}")
    return marker, pattern.replace("999999999", "{num}").replace("888888888", "{abstract}")


def _part_name(document: Document, kind: str) -> str:
    """The zip member name of the document's (styles) or the package's (core) part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = getattr(RT, kind)
    source = document.part.package if kind == "CORE_PROPERTIES" else document.part
    return source.part_related_by(reltype).partname.membername


def _members(document: Document) -> dict[str, bytes]:
    """Every part as python-docx saves it, in its order."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _document_text(document: Document, reference: Reference) -> tuple[str, dict, str]:
    """document.xml around the body, for each paper size if the reference is jobgen's
    own (a house reference's page wins); and the logo's run."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    papers: tuple[str, ...] = ("",)
    if is_builtin(reference):
        papers = tuple(PAPER_MM)
    head, tails, logo = "", {}, ""
    body = document.element.body
    original = body.find(qn("w:sectPr"))
    for paper in papers:
        if paper:  # A4 or US Letter, as the posting's country uses, keeping the margins
            section = _fresh_section(body, original)
            width, height = PAPER_MM[paper]
            if section.page_width is not None and abs(section.page_width.mm - width) > 2:
                section.page_width, section.page_height = Mm(width), Mm(height)
        text = document.part.blob.decode("utf-8")
        head, rest = _split(text, f'<w:p w:rsidR="{_MARK}logo"')
        logo_xml, tail = _split(rest, f'<w:p w:rsidR="{_MARK}body"/>')
        tails[paper] = tail
        logo = _between(logo_xml, ">", "</w:p>") if logo_xml.endswith("</w:p>") else ""
    return head, tails, logo


def _fresh_section(body: Any, original: Any) -> Any:
    """The body's section properties as the reference has them, for one paper size."""
    import copy

    from docx.oxml.ns import qn
    from docx.section import Section

    current = body.find(qn("w:sectPr"))
    fresh = copy.deepcopy(original)
    current.addprevious(fresh)
    body.remove(current)
    return Section(fresh, None)  # type: ignore[arg-type]  # page size only


def _split(text: str, marker: str) -> tuple[str, str]:
    if text.count(marker) != 1:
        raise AssertionError(f"the marker {marker} is not in the part once")
    before, after = text.split(marker)
    return before, after


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.rindex(end)]


MARKER = re.compile(_MARK + r"(\w+)")
