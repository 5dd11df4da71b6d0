"""Build templates/reference.docx, the built-in Word house style.

Starts from python-docx's default template and keeps only the styles jobgen
uses (and those they are based on), so every posting loads and saves a few KB
of styles instead of ~160 of them; adds the Hyperlink character style Word
uses for links, and sets a calm, print-friendly layout. Run it again after
changing it:  python scripts/make_reference_docx.py

What a reference sets wins over the company's brand (src/jobgen/formats/docx_styles.py),
so this one leaves unset what the brand should fill: the font of every style, the colour
of the title, the headings and links, and the colour of the rule under the title. It sets
what keeps a page whole: headings and the title keep with the next paragraph, and widow
control (on Normal, which every other paragraph style is based on) keeps single lines of
a paragraph from sitting alone at the top or bottom of a page.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from jobgen.formats.docx_package import normalize_zip  # noqa: E402
from jobgen.formats.docx_reference import CHARACTER_STYLES, PARAGRAPH_STYLES  # noqa: E402

KEEP = PARAGRAPH_STYLES | CHARACTER_STYLES | {"Default Paragraph Font", "No List", "Normal Table"}
HYPERLINK = (
    f'<w:style {nsdecls("w")} w:type="character" w:styleId="Hyperlink">'
    '<w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
)


def build() -> bytes:
    document = docx.Document()
    styles_element = document.styles.element
    if "Hyperlink" not in {s.name for s in document.styles}:
        styles_element.append(parse_xml(HYPERLINK))
    by_id = {s.get(qn("w:styleId")): s for s in styles_element.findall(qn("w:style"))}
    keep_ids = {
        i for i, s in by_id.items() if s.find(qn("w:name")).get(qn("w:val")) in _word_names()
    }
    # keep what kept styles are based on or link to
    changed = True
    while changed:
        changed = False
        for style_id in list(keep_ids):
            for tag in ("w:basedOn", "w:next", "w:link"):
                ref = by_id[style_id].find(qn(tag))
                target = ref.get(qn("w:val")) if ref is not None else None
                if target in by_id and target not in keep_ids:
                    keep_ids.add(target)
                    changed = True
    for style_id, element in by_id.items():
        if style_id not in keep_ids:
            styles_element.remove(element)
    latent = styles_element.find(qn("w:latentStyles"))
    if latent is not None:
        styles_element.remove(latent)

    styles = {s.name: s for s in document.styles}
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 24, 0), ("Heading 1", 14, 16), ("Heading 2", 12, 12)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
    styles["Quote"].font.color.rgb = RGBColor(0x4A, 0x52, 0x63)
    _leave_to_the_brand(styles)
    normal.paragraph_format.widow_control = True
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.keep_with_next = True
    for list_style in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        styles[list_style].paragraph_format.space_after = Pt(3)

    section = document.sections[0]
    section.page_height, section.page_width = Cm(27.94), Cm(21.59)  # US Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = (
        "jobgen reference document",
        "jobgen",
        "jobgen",
    )
    props.comments = "Word styles for jobgen postings: edit the styles, not the text."
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of python-docx's sample page
            del package.rels[r_id]
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # 430 KB that Word 2010+ does not need
            del document.part.rels[r_id]
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), dt.date(2026, 1, 1))


BRANDED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Hyperlink")


def _leave_to_the_brand(styles: dict) -> None:
    """No font or colour of its own on the styles the brand fills (nor on the character
    styles Word links to them), and no colour on the title's rule: the brand's go there."""
    linked = {s.element.get(qn("w:styleId")): s for s in styles.values()}
    for name in BRANDED:
        element = styles[name].element
        link = element.find(qn("w:link"))
        partner = linked.get(link.get(qn("w:val"))) if link is not None else None
        for style in (element, partner.element if partner is not None else None):
            r_pr = style.find(qn("w:rPr")) if style is not None else None
            for tag in ("w:rFonts", "w:color") if r_pr is not None else ():
                for found in r_pr.findall(qn(tag)):
                    r_pr.remove(found)
    for border in styles["Title"].element.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}/*"):
        for attribute in ("w:color", "w:themeColor", "w:themeShade", "w:themeTint"):
            border.attrib.pop(qn(attribute), None)


def _word_names() -> set[str]:
    # python-docx shows a few built-in styles under UI names; the XML uses these.
    ui_to_xml = {"Heading 1": "heading 1", "Heading 2": "heading 2", "Heading 3": "heading 3"}
    return KEEP | {ui_to_xml.get(n, n) for n in KEEP} | {"Normal Table", "Default Paragraph Font"}


if __name__ == "__main__":
    target = ROOT / "templates" / "reference.docx"
    target.write_bytes(build())
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
