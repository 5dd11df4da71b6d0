"""-f pdf through the command line: generate, stage, the missing extra, a broken template."""

from __future__ import annotations

import io
import json
import sys

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from jobgen.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_a_german_posting_in_both_its_languages(runner, tmp_path):
    result = invoke(
        runner, "generate", "clinical-nlp-engineer-berlin", "--company", "carrowmere-health",
        "-f", "pdf", "-o", str(tmp_path), "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = tmp_path / "carrowmere-health"
    assert sorted(p.name for p in folder.iterdir()) == [
        "clinical-nlp-engineer-berlin.de-DE.pdf",
        "clinical-nlp-engineer-berlin.en-GB.pdf",
    ]
    german = PdfReader(folder / "clinical-nlp-engineer-berlin.de-DE.pdf")
    assert german.trailer["/Root"]["/Lang"] == "de-DE"
    assert " bei Carrowmere Health" in german.metadata.title
    assert round(float(german.pages[0].mediabox.width)) == 595  # A4
    assert "Ihre Aufgaben" in german.pages[0].extract_text()
    # The brand font (IBM Plex Sans) is not installed here: said once, with the fallback.
    assert result.stderr.count("the brand font 'IBM Plex Sans'") == 1


def test_all_means_the_five_formats_without_an_extra(runner, tmp_path):
    args = ["generate", "ai-ml-engineer", "-c", "furrowlight", "-o", str(tmp_path), "-f", "all"]
    assert invoke(runner, *args).exit_code == 0
    names = sorted(p.suffix for p in (tmp_path / "furrowlight").iterdir())
    assert names == [".docx", ".html", ".json", ".md", ".txt"]
    assert invoke(runner, *args, "-f", "pdf").exit_code == 0
    assert (tmp_path / "furrowlight" / "ai-ml-engineer.pdf").is_file()


def test_without_the_extra_pdf_is_a_clear_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "typst", None)  # as if `jobgen[pdf]` were not installed
    result = invoke(
        runner, "generate", "ai-ml-engineer", "-c", "furrowlight", "-f", "md", "-f", "pdf",
        "-o", str(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "PDF output needs Typst" in result.stderr
    assert "pip install 'jobgen[pdf]'" in result.stderr
    assert not tmp_path.exists() or not any(tmp_path.iterdir())  # not even the Markdown


def test_stage_writes_pdfs_links_them_and_prunes_them(runner, tmp_path):
    out = tmp_path / "out"
    args = ["stage", "early", "-c", "furrowlight", "-o", str(out), "--lint", "warn", "-q"]
    result = invoke(runner, *args, "-f", "html", "-f", "pdf", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    folder = out / "furrowlight"
    pdfs = sorted(folder.glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert PdfReader(io.BytesIO(path.read_bytes())).metadata.author == "Furrowlight"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["formats"] == ["html", "pdf"]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert f'href="{pdfs[0].name}" data-format="pdf">PDF' in index
    result = invoke(runner, *args, "-f", "html", "--prune", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert not list(folder.glob("*.pdf"))  # written by jobgen, unchanged: removed


def test_a_broken_pdf_template_is_an_error_before_anything_is_written(runner, workspace_copy):
    (workspace_copy / "templates" / "posting.typ").write_text("= Title\n#let x = (1 +\n")
    out = workspace_copy / "out"
    result = invoke(
        runner, "-w", str(workspace_copy), "stage", "early", "-c", "furrowlight", "-f", "md",
        "-f", "pdf", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "templates/posting.typ, line 2: unclosed delimiter" in result.stderr
    assert not out.exists() or not list(out.rglob("*.md"))


def test_templates_list_and_copy_know_the_pdf_template(runner, workspace_copy):
    listed = invoke(runner, "-w", str(workspace_copy), "templates", "list")
    assert "posting.typ" in listed.stdout
    (workspace_copy / "templates" / "posting.typ").unlink(missing_ok=True)
    copied = invoke(runner, "-w", str(workspace_copy), "templates", "copy", "posting.typ")
    assert copied.exit_code == 0, copied.output
    assert (workspace_copy / "templates" / "posting.typ").is_file()


def test_check_compiles_a_workspace_pdf_template(runner, workspace_copy):
    template = workspace_copy / "templates" / "posting.typ"
    template.write_text("= Untitled\n")  # PDF/UA-1 asks for a title
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert "templates/posting.typ: PDF/UA-1 error: missing document title" in result.stderr
    template.write_text("= Title\n#let x = (1 +\n")
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code != 0
    assert "templates/posting.typ, line 2: unclosed delimiter" in result.stderr


def test_check_without_the_extra_says_the_pdf_template_was_not_checked(
    runner, workspace_copy, monkeypatch
):
    (workspace_copy / "templates" / "posting.typ").write_text("= Title\n#let x = (1 +\n")
    monkeypatch.setitem(sys.modules, "typst", None)
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.output
    assert "posting.typ: not checked: PDF output needs Typst" in result.stderr
