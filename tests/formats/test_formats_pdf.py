"""PDF: read back with pypdf; every built-in posting, PDF/UA tags, reproducibility,
hostile text, fonts, the missing extra, and a broken or runaway Typst template."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXED_DATE
from pypdf import PdfReader

from jobgen.errors import TemplateProblem, UsageError, display_path
from jobgen.formats import pdf
from jobgen.formats.html import safe_fragment
from jobgen.formats.pdf_content import blocks
from jobgen.inputs.stages import plan_postings
from jobgen.inputs.workspace import Workspace, builtin_root
from jobgen.publish.pipeline import Generator

PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}  # points, rounded


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text with its line breaks and spacing as one space: lines wrap where they fit."""
    return re.sub(r"\s+", " ", text)


def paper(reader: PdfReader) -> str:
    box = reader.pages[0].mediabox
    size = (round(float(box.width)), round(float(box.height)))
    return next(name for name, dims in PAGE_SIZES.items() if dims == size)


def test_every_built_in_posting(builtin_workspace):
    """One Generator, every sample posting (all languages): the title, the company and
    every section heading in the text; the title in the metadata; the paper of the
    posting's country; the language on the document."""
    _, postings = plan_postings(builtin_workspace, None, None, FIXED_DATE)
    generator = Generator(builtin_workspace)
    languages = set()
    for posting in postings:
        rendered = generator.render(posting, ["pdf"])
        reader, text = read(rendered.files["pdf"])
        text = flat(text)
        assert len(reader.pages) >= 1
        assert posting.role.title in text, posting.slug
        assert posting.company.name in text, posting.slug
        for heading in re.findall(r"^## (.+)$", rendered.markdown, re.M):
            assert flat(heading.replace("\\", "")) in text, (posting.slug, heading)
        assert posting.role.title in reader.metadata.title
        assert reader.metadata.author == posting.company.name
        assert reader.trailer["/Root"]["/Lang"] == posting.language
        expected = "letter" if posting.language in ("en", "en-US") else "a4"
        assert paper(reader) == expected, posting.slug
        assert f"1 / {len(reader.pages)}" in text  # the page numbers
        languages.add(posting.language)
    assert {"en-US", "de-DE"} <= languages  # Letter and A4 both seen


def test_pdf_ua_tags_and_metadata(generator, posting):
    data, _ = render(generator, posting)
    reader, _ = read(data)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-US"
    assert reader.metadata.title == "AI/ML Engineer at Brindle Ledger"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp)
    assert reader.metadata.creation_date.date() == posting.date
    images = reader.pages[0]["/Resources"]["/XObject"]  # Brindle Ledger has a logo
    assert any(x.get_object()["/Subtype"] == "/Image" for x in images.values())


def render(generator: Generator, posting) -> tuple[bytes, list[str]]:
    rendered = generator.render(posting, ["pdf"])
    return rendered.files["pdf"], rendered.warnings


def test_two_runs_and_two_processes_give_the_same_bytes(generator, posting, tmp_path):
    first, _ = render(generator, posting)
    assert render(Generator(generator.workspace), posting)[0] == first
    script = tmp_path / "one.py"
    script.write_text(
        "import sys, datetime\n"
        "from jobgen.inputs.workspace import Workspace, builtin_root\n"
        "from jobgen.inputs.stages import plan_postings\n"
        "from jobgen.publish.pipeline import Generator\n"
        "ws = Workspace(None, (builtin_root(),))\n"
        "_, [p] = plan_postings(ws, ['ai-ml-engineer'], ['brindle-ledger'], "
        "datetime.date(2026, 11, 25))\n"
        "sys.stdout.buffer.write(Generator(ws).render(p, ['pdf']).files['pdf'])\n"
    )
    other = subprocess.run([sys.executable, str(script)], capture_output=True, check=True)
    assert other.stdout == first


HOSTILE = [
    '#read("/etc/passwd")',
    '#import "/etc/passwd": x',
    "$x^2$ *bold* _emph_ @label <tag> ] [ \\ \\n `raw`",
    '#{ panic("boom") } #eval("1")',
]


def test_hostile_text_stays_text(generator, posting):
    """Typst syntax in a profile and a role is printed as written, never evaluated."""
    company = dataclasses.replace(posting.company, name="Acme #sys.inputs $1$ <x>")
    role = dataclasses.replace(
        posting.role, title="Engineer #strong[x] \\ ]", summary=" ".join(HOSTILE)
    )
    data, _ = render(generator, dataclasses.replace(posting, company=company, role=role))
    reader, text = read(data)
    text = flat(text)
    assert "Acme #sys.inputs $1$ <x>" in text
    assert "Engineer #strong[x] \\ ]" in text
    for hostile in HOSTILE:
        assert flat(hostile) in text, hostile
    assert "root:" not in text
    assert reader.metadata.author == "Acme #sys.inputs $1$ <x>"


def test_a_missing_brand_font_is_a_warning_and_the_fallback(generator, posting):
    brand = dataclasses.replace(posting.company.brand, font="Nowhere Grotesk")
    company = dataclasses.replace(posting.company, brand=brand)
    data, warnings = render(generator, dataclasses.replace(posting, company=company))
    [warning] = [w for w in warnings if "Nowhere Grotesk" in w]
    assert "'Nowhere Grotesk' is neither installed nor in a fonts/ folder of the" in warning
    assert f"uses {pdf.FALLBACK_FONT} instead" in warning
    assert b"LibertinusSerif" in data  # the fallback is embedded


def test_a_font_typst_has_is_used_without_a_warning(generator, posting):
    brand = dataclasses.replace(posting.company.brand, font="New Computer Modern")
    company = dataclasses.replace(posting.company, brand=brand)
    data, warnings = render(generator, dataclasses.replace(posting, company=company))
    assert not [w for w in warnings if "font" in w]
    assert b"NewCM" in data


def test_a_character_no_font_has_still_gives_a_tagged_pdf(generator, posting):
    """PDF/UA-1 refuses a glyph no font has (found by the property tests with Arabic): the
    posting gets a tagged PDF without the claim, and a warning that says why."""
    role = dataclasses.replace(posting.role, title="Engineer \U000f0000")  # private use: no font
    data, warnings = render(generator, dataclasses.replace(posting, role=role))
    [warning] = [w for w in warnings if "not PDF/UA-1" in w]
    assert warning.startswith("brindle-ledger/ai-ml-engineer: the PDF is tagged but not PDF/UA-1")
    reader, _ = read(data)
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert "pdfuaid" not in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_fonts_folders_of_the_templates_and_the_workspace(workspace_copy, posting):
    (workspace_copy / "templates" / "fonts").mkdir()
    (workspace_copy / "fonts").mkdir()
    generator = Generator(Workspace(workspace_copy, (workspace_copy, builtin_root())))
    folders = generator.typesetter(None).fonts
    assert folders == [
        str(workspace_copy / "templates" / "fonts"),
        str(workspace_copy / "fonts"),
    ]


def test_without_the_extra_pdf_is_a_usage_error_with_the_install_command(
    builtin_workspace, posting, monkeypatch
):
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now fails
    with pytest.raises(UsageError, match=re.escape("pip install 'jobgen[pdf]'")):
        Generator(builtin_workspace).render(posting, ["pdf"])


def broken_workspace(root: Path, typst_source: str) -> Generator:
    (root / "templates" / "posting.typ").write_text(typst_source, encoding="utf-8")
    return Generator(Workspace(root, (root, builtin_root())))


def test_a_broken_template_names_its_file_and_line(workspace_copy, posting):
    source = (builtin_root() / "templates" / "posting.typ").read_text(encoding="utf-8")
    generator = broken_workspace(workspace_copy, source + "\n#let x = (1 +\n")
    with pytest.raises(TemplateProblem) as caught:
        generator.prepare(["pdf"], [posting])
    message = str(caught.value)
    line = len(source.splitlines()) + 2  # the line of the open parenthesis
    where = display_path(workspace_copy / "templates" / "posting.typ")  # the file, not the copy
    assert message == f"{where}, line {line}: unclosed delimiter", message


def test_a_template_cannot_read_outside_its_folder(workspace_copy, posting):
    generator = broken_workspace(workspace_copy, '#read("/etc/passwd")\n#read("../x")\n')
    with pytest.raises(TemplateProblem, match=r"posting\.typ, line 1: file not found") as caught:
        generator.render(posting, ["pdf"])
    assert "<PDF root>" in str(caught.value)  # not the temporary folder's name


def test_a_runaway_template_is_stopped_and_the_next_posting_works(
    workspace_copy, posting, generator, monkeypatch
):
    with monkeypatch.context() as patch:
        patch.setattr(pdf, "MAX_RENDER_SECONDS", 0.5)
        slow = broken_workspace(
            workspace_copy, "#for i in range(4000) { for j in range(4000) { let s = str(i * j) } }"
        )
        with pytest.raises(TemplateProblem, match="took longer than the limit"):
            slow.render(posting, ["pdf"])
    hungry = broken_workspace(workspace_copy, '#let a = "x" * 2000000000\n')
    with pytest.raises(TemplateProblem, match="needed more memory than the limit"):
        hungry.render(posting, ["pdf"])
    assert render(generator, posting)[0].startswith(b"%PDF-")  # a new worker


def test_typst_packages_are_not_fetched(workspace_copy, posting):
    generator = broken_workspace(workspace_copy, '#import "@preview/cetz:0.2.2": canvas\n')
    with pytest.raises(TemplateProblem, match=r"posting\.typ, line 1: failed to download"):
        generator.render(posting, ["pdf"])


def test_the_blocks_of_a_fragment():
    fragment = safe_fragment(
        "## Head *it*\n\n3. three\n4. four\n\n- a\n    - nested\n\n> quoted **bold**\n\n"
        "---\n\n[site](https://x.example) [bad](javascript:alert(1)) `co#de`  \nnext\n"
    )
    found = blocks(fragment)
    assert found[0] == {
        "kind": "heading",
        "level": 2,
        "body": [{"kind": "text", "text": "Head "}, {"kind": "emph", "body": [
            {"kind": "text", "text": "it"}]}],
    }  # fmt: skip
    assert found[1]["numbered"] and len(found[1]["items"]) == 2  # nh3 drops start=, as in HTML
    nested = found[2]["items"][0]
    assert nested[1]["kind"] == "list" and nested[1]["items"][0][0]["body"][0]["text"] == "nested"
    assert found[3]["kind"] == "quote" and found[3]["body"][0]["body"][1]["kind"] == "strong"
    assert found[4] == {"kind": "rule"}
    inlines = found[5]["body"]
    assert inlines[0] == {"kind": "link", "url": "https://x.example", "body": [
        {"kind": "text", "text": "site"}]}  # fmt: skip
    assert not [i for i in inlines if i["kind"] == "link" and "javascript" in i["url"]]
    assert {"kind": "code", "text": "co#de"} in inlines
    assert {"kind": "break"} in inlines


def test_the_built_in_template_is_a_workspace_template():
    assert (builtin_root() / "templates" / pdf.PDF_TEMPLATE).is_file()
    assert Workspace(None, (builtin_root(),)).template_layers()[-1].kind == "built-in"
