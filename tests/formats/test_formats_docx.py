"""DOCX: read back with python-docx; styles, lists, links, properties, reproducibility."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
from docx_reader import font

from jobgen.errors import TemplateProblem
from jobgen.formats import docx_package
from jobgen.formats.docx import render_docx
from jobgen.formats.docx_reference import check_reference, load_reference
from jobgen.formats.html import safe_fragment
from jobgen.inputs.workspace import TemplateLayer
from jobgen.render.renderer import Renderer


def build(generator, posting) -> bytes:
    fragment = safe_fragment(generator.renderer.render_markdown(posting))
    return render_docx(posting, fragment, load_reference(generator.renderer))


def test_headings_lists_and_properties(generator, posting):
    document = docx.Document(io.BytesIO(build(generator, posting)))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["AI/ML Engineer"]
    assert by_style["Heading 1"][:2] == ["About Brindle Ledger", "The role"]
    assert "Equal opportunity" in by_style["Heading 1"]
    assert set(posting.role.responsibilities) <= set(by_style["List Bullet"])
    assert posting.role.skills[0] in by_style["List Bullet"]
    props = document.core_properties
    assert props.title == "AI/ML Engineer at Brindle Ledger"
    assert props.author == "Brindle Ledger"
    assert props.subject == "AI/ML Engineer"
    assert props.created.date() == posting.date


def test_bold_runs_and_brand_colour(generator, posting):
    document = docx.Document(io.BytesIO(build(generator, posting)))
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "Brindle Ledger" in bold
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == posting.company.brand.color.lstrip("#").upper()
    assert font(heading) == posting.company.brand.font  # from Normal, where the brand put it


def test_links_are_real_hyperlinks(generator, posting):
    data = build(generator, posting)
    document = docx.Document(io.BytesIO(data))
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    assert posting.company.apply.url in targets
    assert f"mailto:{posting.company.apply.email}" in targets
    assert b"w:hyperlink" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_unsafe_links_are_not_links(generator, posting):
    role = dataclasses.replace(
        posting.role, summary="[x](javascript:alert(1)) <a href='file:///e'>f</a>"
    )
    data = build(generator, dataclasses.replace(posting, role=role))
    document = docx.Document(io.BytesIO(data))
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert not [t for t in targets if t.startswith(("javascript:", "file:"))]


def test_numbered_lists_restart(generator, posting):
    fragment = (
        "<ol><li>a</li><li>b</li></ol><p>x</p><ol><li>c</li></ol>"
        "<ul><li>d<ul><li>e</li></ul></li></ul><ol><li>f</li></ol>"
    )
    data = render_docx(posting, fragment, load_reference(generator.renderer))
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[-7:] == [
        ("List Number", "a"),
        ("List Number", "b"),
        ("Normal", "x"),
        ("List Number", "c"),
        ("List Bullet", "d"),
        ("List Bullet 2", "e"),
        ("List Number", "f"),
    ]
    first, second, third = (document.paragraphs[i]._p.pPr.numPr for i in (-7, -4, -1))
    assert first is None  # the style's own numbering
    assert second is not None and third is not None
    assert len({0, second.numId.val, third.numId.val}) == 3  # each a list of its own
    numbering = document.part.numbering_part.element
    for num_pr in (second, third):
        num = numbering.num_having_numId(num_pr.numId.val)
        assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_same_input_same_bytes(generator, posting):
    assert build(generator, posting) == build(generator, posting)
    for info in zipfile.ZipFile(io.BytesIO(build(generator, posting))).infolist():
        assert info.date_time[:3] == (posting.date.year, posting.date.month, posting.date.day)


def test_the_zip_keeps_the_order_and_stamps_the_date(generator, posting):
    data = build(generator, posting)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names.index("word/document.xml") < names.index("word/_rels/document.xml.rels")
    again = docx_package.normalize_zip(data, posting.date)
    assert again == data  # what python-docx would save, rewritten, is the same file


def layers(user, workspace) -> list[TemplateLayer]:
    return [
        TemplateLayer("workspace", user),
        TemplateLayer("built-in", workspace.builtin_templates),
    ]


def test_reference_docx_missing_styles_are_reported(tmp_path, builtin_workspace, posting):
    incomplete = docx.Document()  # python-docx's default has no Hyperlink style
    user = tmp_path / "templates"
    user.mkdir()
    incomplete.save(user / "reference.docx")
    renderer = Renderer(layers(user, builtin_workspace))
    reference = load_reference(renderer)
    with pytest.raises(
        TemplateProblem, match=r"reference\.docx: missing the Word style Hyperlink; add it in Word"
    ):
        check_reference(reference)
    with pytest.raises(TemplateProblem, match="missing the Word style Hyperlink; add it"):
        render_docx(posting, "<p>x</p>", reference)  # checked while building, too


def test_broken_reference_docx_is_reported(tmp_path, builtin_workspace):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "reference.docx").write_bytes(b"not a zip")
    renderer = Renderer(layers(user, builtin_workspace))
    with pytest.raises(TemplateProblem, match=r"reference\.docx: not a Word document"):
        check_reference(load_reference(renderer))


def test_user_reference_docx_styles_are_used(tmp_path, builtin_workspace, posting, generator):
    base = docx.Document(io.BytesIO(load_reference(generator.renderer).data))
    base.styles["Normal"].font.size = docx.shared.Pt(13)
    user = tmp_path / "templates"
    user.mkdir()
    base.save(user / "reference.docx")
    renderer = Renderer(layers(user, builtin_workspace))
    fragment = safe_fragment(renderer.render_markdown(posting))
    document = docx.Document(io.BytesIO(render_docx(posting, fragment, load_reference(renderer))))
    assert document.styles["Normal"].font.size == docx.shared.Pt(13)
