"""What a reference.docx sets wins; the brand and jobgen's pagination fill only what it
leaves unset: read back from the written DOCX with python-docx."""

from __future__ import annotations

import copy
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx_reader import colour, font, keeps_with_next, rule_colours, theme_fonts, widow_control
from lxml import etree

from jobgen.formats.docx import render_docx
from jobgen.formats.docx_reference import load_reference
from jobgen.formats.docx_styles import describe_styles
from jobgen.formats.html import safe_fragment
from jobgen.inputs.workspace import TemplateLayer
from jobgen.render.renderer import Renderer

PARAGRAPH_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")
PARAGRAPH_STYLES += ("List Bullet", "List Bullet 2", "List Number", "List Number 2", "Quote")
HEADINGS = ("Title", "Heading 1", "Heading 2", "Heading 3")
BRAND, ACCENT, BRAND_FONT = "6B3A2A", "F2C14E", "Inter"  # Brindle Ledger's


@pytest.fixture
def reference(generator):
    """An editable copy of the built-in reference.docx."""
    return docx.Document(io.BytesIO(load_reference(generator.renderer).data))


def written(tmp_path, builtin_workspace, posting, reference) -> docx.document.Document:
    """The posting written with `reference` as the workspace's reference.docx."""
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    reference.save(folder / "reference.docx")
    layers = [
        TemplateLayer("workspace", folder),
        TemplateLayer("built-in", builtin_workspace.builtin_templates),
    ]
    renderer = Renderer(layers)
    fragment = safe_fragment(renderer.render_markdown(posting))
    return docx.Document(io.BytesIO(render_docx(posting, fragment, load_reference(renderer))))


def _remove(parent, *tags):
    for tag in tags:
        for found in parent.findall(qn(tag)) if parent is not None else ():
            parent.remove(found)


def set_nothing(document) -> None:
    """A reference that leaves every part jobgen fills unset (as a Word file does that
    was never styled): theme fonts in the document's defaults only."""
    for style in document.styles:
        _remove(style.element.find(qn("w:rPr")), "w:rFonts", "w:color")
        _remove(style.element.find(qn("w:pPr")), "w:keepNext", "w:widowControl")
        for border in style.element.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}/*"):
            for attribute in ("w:color", "w:themeColor", "w:themeShade", "w:themeTint"):
                border.attrib.pop(qn(attribute), None)


def set_everything(document) -> None:
    """A reference that sets every part jobgen could fill, in every style it uses: keep
    with next and widow control off, to be sure nobody turns them on."""
    for name in PARAGRAPH_STYLES:
        style = document.styles[name]
        style.font.name = "Georgia"
        style.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
        style.paragraph_format.keep_with_next = False
        style.paragraph_format.widow_control = False
    document.styles["Hyperlink"].font.color.rgb = RGBColor(0x00, 0x80, 0x00)
    [border] = document.styles["Title"].element.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}/*")
    border.set(qn("w:color"), "A1B2C3")


def _style_xml(document, name: str) -> bytes:
    element = copy.deepcopy(document.styles[name].element)
    _remove(element.find(qn("w:rPr")), "w:lang")  # the posting's language: always its own
    return etree.tostring(element)


def test_a_reference_that_sets_every_part_keeps_all_of_it(
    tmp_path, builtin_workspace, posting, reference
):
    set_everything(reference)
    document = written(tmp_path, builtin_workspace, posting, reference)
    for name in (*PARAGRAPH_STYLES, "Hyperlink"):
        assert _style_xml(document, name) == _style_xml(reference, name), name
    for name in PARAGRAPH_STYLES:
        style = document.styles[name]
        assert (font(style), colour(style)) == ("Georgia", "123456"), name
        assert keeps_with_next(style) is False and widow_control(style) is False, name
    assert colour(document.styles["Hyperlink"]) == "008000"
    assert rule_colours(document.styles["Title"]) == ["A1B2C3"]
    # Normal says "do not keep with next": no paragraph of the posting is kept by jobgen
    assert not [p.text for p in document.paragraphs if p.paragraph_format.keep_with_next]


def test_a_reference_that_sets_nothing_takes_the_brand_and_jobgens_pagination(
    tmp_path, builtin_workspace, posting, reference
):
    set_nothing(reference)
    assert font(reference.styles["Title"]) is None  # the theme's, from the defaults
    document = written(tmp_path, builtin_workspace, posting, reference)
    styles = document.styles
    for name in PARAGRAPH_STYLES:
        assert font(styles[name]) == BRAND_FONT, name
        assert theme_fonts(styles[name]) == [], name  # no theme font hides the brand's
        assert widow_control(styles[name]) is True, name
    for name in HEADINGS:
        assert colour(styles[name]) == BRAND, name
        assert keeps_with_next(styles[name]) is True, name
    assert colour(styles["Hyperlink"]) == BRAND
    assert rule_colours(styles["Title"]) == [ACCENT]
    assert keeps_with_next(styles["Normal"]) is None  # body text flows on
    assert colour(styles["Normal"]) is None  # the brand colours headings and links only
    # filled once, in the most basic style: the others inherit it
    assert styles["Normal"].font.name == BRAND_FONT and styles["Title"].font.name is None
    assert styles["Normal"].paragraph_format.widow_control is True
    assert styles["Heading 1"].paragraph_format.widow_control is None


def test_a_paragraph_that_introduces_a_list_and_the_one_before_the_last_keep_with_the_next(
    generator, posting
):
    fragment = safe_fragment(generator.renderer.render_markdown(posting))
    reference = load_reference(generator.renderer)
    document = docx.Document(io.BytesIO(render_docx(posting, fragment, reference)))
    kept = [p.text for p in document.paragraphs if p.paragraph_format.keep_with_next]
    paragraphs = document.paragraphs
    assert kept == [
        "What we value:",  # before its list
        next(p.text for p in paragraphs if p.text.startswith("The first models")),  # ditto
        paragraphs[-2].text,  # the closing line never alone on a page
    ]
    assert paragraphs[-1].text.startswith("Posted November 25, 2026")
    # the built-in reference keeps headings with the next and controls widows itself
    assert all(keeps_with_next(document.styles[n]) for n in HEADINGS)
    assert document.styles["Normal"].paragraph_format.widow_control is True


def _theme_font(style, which: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme"):
        fonts.set(qn(attribute), f"{which}HAnsi")
    fonts.set(qn("w:eastAsiaTheme"), f"{which}EastAsia")


def test_what_a_custom_reference_sets_is_kept_its_theme_fonts_too(
    tmp_path, builtin_workspace, posting, reference
):
    """The report: a reference's own Heading 3 and Hyperlink lost to the brand, and a
    theme font showing where the brand's was asked for."""
    styles = reference.styles
    styles["Heading 3"].font.name = "Georgia"
    link = styles["Hyperlink"].element.get_or_add_rPr().get_or_add_color()
    link.set(qn("w:val"), "0563C1")
    link.set(qn("w:themeColor"), "hyperlink")
    _theme_font(styles["Heading 1"], "major")  # the theme's heading font, chosen
    _theme_font(styles["Normal"], "minor")  # the document's default, repeated (LibreOffice)
    styles["Normal"].element.get_or_add_rPr().get_or_add_color().set(qn("w:val"), "auto")
    assert describe_styles(_saved(tmp_path, reference), posting.company.brand)[1:5] == [
        f"  Normal: font {BRAND_FONT} (brand), widow control (reference)",
        f"  Title: font {BRAND_FONT} (brand, from Normal), colour #{BRAND} (brand), rule below "
        f"#{ACCENT} (brand), keep with next (reference), widow control (reference, from Normal)",
        "  Heading 1: font Calibri, the theme's heading font (reference), colour "
        f"#{BRAND} (brand), keep with next (reference), widow control (reference, from Normal)",
        f"  Heading 2: font {BRAND_FONT} (brand, from Normal), colour #{BRAND} (brand), keep "
        "with next (reference), widow control (reference, from Normal)",
    ]
    document = written(tmp_path, builtin_workspace, posting, reference)
    written_styles = document.styles
    assert font(written_styles["Heading 3"]) == "Georgia"
    assert colour(written_styles["Heading 3"]) == BRAND  # what it left unset: the brand's
    hyperlink = written_styles["Hyperlink"].element.find(f"{qn('w:rPr')}/{qn('w:color')}")
    assert (hyperlink.get(qn("w:val")), hyperlink.get(qn("w:themeColor"))) == (
        "0563C1",
        "hyperlink",
    )
    assert theme_fonts(written_styles["Heading 1"])[:2] == ["w:asciiTheme", "w:hAnsiTheme"]
    normal = written_styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert normal.get(qn("w:ascii")) == BRAND_FONT and normal.get(qn("w:asciiTheme")) is None
    assert normal.get(qn("w:eastAsiaTheme")) == "minorEastAsia"  # only what jobgen fills
    assert colour(written_styles["Title"]) == BRAND  # "automatic" in Normal is no colour


def _saved(tmp_path, document):
    from jobgen.formats.docx_reference import Reference

    path = tmp_path / "described.docx"
    document.save(path)
    return Reference(path, path.read_bytes())


def test_a_rule_drawn_by_a_base_style_takes_the_accent_in_the_styles_the_brand_fills(
    tmp_path, builtin_workspace, posting, reference
):
    styles = reference.styles
    title_rule = styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    title_rule.getparent().remove(title_rule)
    normal = styles["Normal"].element.get_or_add_pPr()
    normal.insert_element_before(copy.deepcopy(title_rule), "w:spacing")  # no colour
    document = written(tmp_path, builtin_workspace, posting, reference)
    assert rule_colours(document.styles["Title"]) == [ACCENT]
    assert rule_colours(document.styles["Heading 2"]) == [ACCENT]
    assert rule_colours(document.styles["Normal"]) == [None]  # the body's rule is left alone
    assert rule_colours(document.styles["Quote"]) == [None]
