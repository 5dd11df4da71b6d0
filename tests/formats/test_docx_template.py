"""The reference made ready once per company: kept, reproducible, and true to a house
reference.docx (its own styles, its relationships, its numbering)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt, RGBColor

from jobgen.formats import docx_template
from jobgen.formats.docx import render_docx
from jobgen.formats.docx_reference import Reference, load_reference
from jobgen.formats.html import safe_fragment
from jobgen.publish.pipeline import Generator

LISTS = "<p>x</p><ol><li>a</li></ol><p>y</p><ol><li>b</li></ol><ol><li>c</li></ol>"


def house(tmp_path, generator, edit) -> Reference:
    """A house reference.docx: the built-in one, edited in python-docx and saved."""
    document = docx.Document(io.BytesIO(load_reference(generator.renderer).data))
    edit(document)
    path = tmp_path / "reference.docx"
    document.save(path)
    return Reference(path, path.read_bytes())


def fragment_of(generator, posting) -> str:
    return safe_fragment(generator.renderer_for(posting.company).render_markdown(posting))


def test_made_ready_once_per_brand_and_kept(generator, posting, monkeypatch):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")  # not from the disk (another test's)
    calls = []
    prepare = docx_template.prepare
    monkeypatch.setattr(docx_template, "prepare", lambda *a: calls.append(a) or prepare(*a))
    reference = load_reference(generator.renderer)
    fragment = fragment_of(generator, posting)
    first = render_docx(posting, fragment, reference)
    assert render_docx(posting, fragment, reference) == first
    assert len(calls) == 1
    brand = dataclasses.replace(posting.company.brand, color="#123456")
    other = dataclasses.replace(posting, company=dataclasses.replace(posting.company, brand=brand))
    recoloured = docx.Document(io.BytesIO(render_docx(other, fragment, reference)))
    assert len(calls) == 2  # a brand of its own
    assert str(recoloured.styles["Heading 1"].font.color.rgb) == "123456"
    assert render_docx(posting, fragment, reference) == first and len(calls) == 2


def test_the_same_bytes_from_any_generator(builtin_workspace, posting):
    """A fresh generator (a fresh reference, made ready again) writes the same file."""
    files = []
    for _ in range(2):
        generator = Generator(builtin_workspace)
        files.append(generator.render(posting, ["docx"]).files["docx"])
    assert files[0] == files[1]


def test_each_brand_keeps_its_logo(generator, posting):
    assert posting.company.brand.logo  # Brindle Ledger's
    data = render_docx(posting, fragment_of(generator, posting), load_reference(generator.renderer))
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    assert document.paragraphs[1].style.name == "Title"  # the logo's paragraph comes first
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert [n for n in names if n.startswith("word/media/")] == ["word/media/image1.png"]
    plain = dataclasses.replace(posting.company.brand, logo=None)
    company = dataclasses.replace(posting.company, brand=plain)
    data = render_docx(
        dataclasses.replace(posting, company=company),
        "<p>x</p>",
        load_reference(generator.renderer),
    )
    assert not docx.Document(io.BytesIO(data)).inline_shapes


def test_a_house_reference_keeps_its_styles_links_and_numbering(tmp_path, generator, posting):
    careers = "https://brindleledger.example/careers"

    def edit(document):
        document.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
        document.styles["Normal"].font.size = Pt(13)
        document.add_paragraph("sample text, dropped", style="Heading 1")
        gap = document.part.relate_to("https://gap.example/", RT.HYPERLINK, is_external=True)
        document.part.relate_to(careers, RT.HYPERLINK, is_external=True)
        del document.part.rels[gap]  # a free id among the used ones

    reference = house(tmp_path, generator, edit)
    fragment = (
        f'<h2>About</h2><p><a href="{careers}">c</a> <a href="https://new.example/">n</a></p>'
    )
    data = render_docx(posting, fragment + LISTS, reference)
    document = docx.Document(io.BytesIO(data))
    assert str(document.styles["Heading 1"].font.color.rgb) == "123456"  # the reference's
    assert document.styles["Normal"].font.size == Pt(13)
    assert "sample text, dropped" not in [p.text for p in document.paragraphs]
    links = {r.target_ref: r.rId for r in document.part.rels.values() if r.reltype == RT.HYPERLINK}
    assert set(links) == {careers, "https://new.example/"}  # the careers link reused
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert f'r:id="{links[careers]}"' in xml and f'r:id="{links["https://new.example/"]}"' in xml
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    own = [p._p.pPr.numPr.numId.val for p in numbered if p._p.pPr.numPr is not None]
    assert [p.text for p in numbered] == ["a", "b", "c"] and len(set(own)) == 2


def test_a_house_reference_without_list_numbering_lets_lists_run_on(tmp_path, generator, posting):
    def edit(document):
        number = document.styles["List Number"].element.pPr
        number.remove(number.numPr)

    data = render_docx(posting, LISTS, house(tmp_path, generator, edit))
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs if p.style.name == "List Number"] == ["a", "b", "c"]


def test_paper_follows_the_country_only_in_jobgens_own_reference(tmp_path, generator, posting):
    british = dataclasses.replace(posting, language="en-GB")
    local = generator.renderer.local("en-GB")
    reference = load_reference(generator.renderer)
    for which, expected in ((posting, 279.4), (british, 297)):
        made = render_docx(which, "<p>x</p>", reference, local if which is british else None)
        height = docx.Document(io.BytesIO(made)).sections[0].page_height.mm
        assert abs(height - expected) < 1
    own = house(tmp_path, generator, lambda document: None)  # a house reference's page wins
    made = render_docx(british, "<p>x</p>", own, local)
    assert abs(docx.Document(io.BytesIO(made)).sections[0].page_height.mm - 279.4) < 1


def test_an_unchanged_copy_of_jobgens_reference_is_jobgens_own(tmp_path, generator, posting):
    """`jobgen templates copy reference.docx` changes nothing until the copy is edited:
    British postings stay on A4."""
    british = dataclasses.replace(posting, language="en-GB")
    builtin = load_reference(generator.renderer)
    copy = tmp_path / "templates" / "reference.docx"
    copy.parent.mkdir()
    copy.write_bytes(builtin.data)
    local = generator.renderer.local("en-GB")
    made = render_docx(british, "<p>x</p>", Reference(copy, copy.read_bytes()), local)
    assert abs(docx.Document(io.BytesIO(made)).sections[0].page_height.mm - 297) < 1


def test_the_zip_is_what_zipfile_writes():
    """Parts compressed ahead of time, zipped as zipfile zips them: the same bytes."""
    import datetime as dt

    from jobgen.formats.docx_package import zip_parts

    members = [
        ("[Content_Types].xml", b"<x/>" * 300),
        ("word/empty.xml", b""),
        ("wörd/é.xml", b"e"),
    ]
    members += [("word/media/image1.png", bytes(range(256)) * 40)]
    for date in (dt.date(2026, 11, 25), dt.date(1979, 3, 4)):
        stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
        expected = io.BytesIO()
        with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members:
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, data)
        assert zip_parts(members, date) == expected.getvalue()


def test_made_ready_once_across_runs_and_the_same_bytes(tmp_path, monkeypatch, posting):
    """A template kept on disk is used by the next run (a fresh reference): the same
    file, made without opening the reference; a broken entry is made again."""
    from jobgen.formats import docx_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = []
    prepare = docx_template.prepare
    monkeypatch.setattr(docx_template, "prepare", lambda *a: calls.append(a) or prepare(*a))

    def run() -> bytes:
        from jobgen.inputs.workspace import builtin_root

        path = builtin_root() / "templates" / "reference.docx"
        return render_docx(posting, LISTS, Reference(path, path.read_bytes()))

    first = run()
    assert len(calls) == 1
    assert run() == first and len(calls) == 1  # from the disk
    [entry] = [p for p in (tmp_path / "cache" / "jobgen").glob("docx-*/*")]
    entry.write_bytes(b"not marshal")
    assert run() == first and len(calls) == 2  # made again
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    assert run() == first and len(calls) == 3
    assert docx_cache._folder() is None


def test_a_cached_run_imports_no_python_docx(tmp_path, builtin_workspace):
    import subprocess
    import sys

    program = (
        "import sys, datetime, pathlib\n"
        "from jobgen import generate\n"
        "from jobgen.inputs.workspace import Workspace, builtin_root\n"
        "ws = Workspace(None, (builtin_root(),))\n"
        "generate(ws, ['ai-ml-engineer'], 'brindle-ledger', ['docx'], pathlib.Path(sys.argv[1]),"
        " datetime.date(2026, 11, 25), lint='off')\n"
        "print(sorted(m for m in ('docx', 'lxml') if m in sys.modules))\n"
    )
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    said = []
    for run in ("first", "second"):
        out = tmp_path / run
        done = subprocess.run(
            [sys.executable, "-c", program, str(out)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        said.append(done.stdout.strip())
    assert said == ["['docx', 'lxml']", "[]"]
    first, second = (tmp_path / run / "brindle-ledger" for run in ("first", "second"))
    written = sorted(p.name for p in first.rglob("*.docx"))
    assert written and all(
        (first / name).read_bytes() == (second / name).read_bytes() for name in written
    )


def test_a_logo_in_another_folder_finds_the_kept_template(tmp_path, monkeypatch, posting):
    """The kept template is named after the logo's file name and bytes, not its folder:
    a copy of the workspace elsewhere (a CI checkout) uses it, and writes the same file;
    another picture of the same name is made ready again."""
    from jobgen.inputs.workspace import builtin_root

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = []
    prepare = docx_template.prepare
    monkeypatch.setattr(docx_template, "prepare", lambda *a: calls.append(a) or prepare(*a))
    logo = Path(posting.company.brand.logo)

    def run_with_logo_in(folder: Path, data: bytes) -> bytes:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / logo.name).write_bytes(data)
        brand = dataclasses.replace(posting.company.brand, logo=str(folder / logo.name))
        company = dataclasses.replace(posting.company, brand=brand)
        path = builtin_root() / "templates" / "reference.docx"
        reference = Reference(path, path.read_bytes())  # fresh: nothing kept in memory
        return render_docx(dataclasses.replace(posting, company=company), LISTS, reference)

    first = run_with_logo_in(tmp_path / "a", logo.read_bytes())
    assert run_with_logo_in(tmp_path / "b", logo.read_bytes()) == first
    assert len(calls) == 1  # the second from the disk
    run_with_logo_in(tmp_path / "c", logo.read_bytes() + b"\0")
    assert len(calls) == 2
