"""Every built-in role for every sample company, and every sample opening, in all formats,
read back."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import docx
import pytest
from conftest import FIXED_DATE
from page_reader import read

from jobgen.inputs.stages import plan_postings
from jobgen.inputs.workspace import Workspace, builtin_root
from jobgen.publish.pipeline import generate

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = [
    "The role",
    "What you will do",
    "What you bring",
    "Why this role matters",
    "Pay",
    "Benefits",
    "How to apply",
    "Equal opportunity",
]
LAYERED, LAYERED_SECTION = "carrowmere-health", "Why this role matters"
OPENING_SECTIONS = [
    "The job at a glance",
    "What success looks like",
    "Visa and relocation",
    "How we hire",
]


def load_refresh_script():
    spec = importlib.util.spec_from_file_location("refresh", ROOT / "scripts/refresh_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("all")
    load_refresh_script().build_examples(out)
    return out


def postings() -> list:
    """Every built-in role at every sample company, and every sample opening."""
    workspace = Workspace(None, (builtin_root(),))
    _, found = plan_postings(workspace, None, None, FIXED_DATE)
    return [pytest.param(posting, id=posting.slug.replace("/", "-")) for posting in found]


@pytest.mark.parametrize(
    "posting", [p for p in postings() if p.values[0].language.startswith("en")]
)
def test_posting_reads_back_in_every_format(everything, posting):
    """Every English sample posting (tests/publish/test_languages.py reads the others)."""
    role_model, company_model, company = posting.role, posting.company, posting.company.id

    def base(extension: str) -> Path:  # not with_suffix: "x.en-GB" has a suffix already
        return everything / company / f"{posting.name}.{extension}"

    markdown_text = base("md").read_text(encoding="utf-8")
    assert markdown_text.startswith(f"# {role_model.title}\n")
    for marker in ("{{", "}}", "{%", "%}"):
        assert marker not in markdown_text

    # Carrowmere Health's own template layer renames one section (see its templates/).
    sections = [
        f"{s} at {company_model.name}" if s == LAYERED_SECTION and company == LAYERED else s
        for s in SECTIONS
    ]
    if posting.hire.opening:  # the samples' openings say all an opening can
        sections += OPENING_SECTIONS
    page = read(base("html").read_text(encoding="utf-8"))
    assert page.headings[0] == role_model.title
    for section in sections:
        assert section in page.headings, section
    assert f"About {company_model.name}" in page.headings
    page_text = " ".join(" ".join(page.text).split())
    assert role_model.responsibilities[0] in page_text

    document = docx.Document(io.BytesIO(base("docx").read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert {s for s in sections if s in headings} == set(sections)
    bullets = {p.text for p in document.paragraphs if p.style.name == "List Bullet"}
    assert set(role_model.responsibilities) <= bullets
    assert set(company_model.benefits) <= bullets
    for pay in posting.pay:  # one bullet per range, in every format
        label = f"{pay.where}: " if pay.where else ""
        assert any(b.startswith(label) and "per year" in b for b in bullets), pay
        assert markdown_text.count(f"\n- {'**' + pay.where + ':**' if pay.where else ''}") >= 1
    assert document.core_properties.author == company_model.name
    if posting.hire.interview:  # numbered in Word, as in the page
        steps = [p.text for p in document.paragraphs if p.style.name == "List Number"]
        assert steps[0].startswith(posting.hire.interview[0].step)


def test_two_runs_give_identical_bytes(builtin_workspace, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        generate(builtin_workspace, ["ai-architect"], "carrowmere-health", out_dir=out,
                 date=__import__("datetime").date(2026, 11, 25))  # fmt: skip
    for path in sorted(first.rglob("*.*")):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name


def test_committed_examples_are_up_to_date(everything):
    """output/examples/ are the golden files: refresh with scripts/refresh_examples.py."""
    committed = ROOT / "output" / "examples"
    expected = sorted(p.relative_to(everything) for p in everything.rglob("*.*"))
    present = sorted(p.relative_to(committed) for p in committed.rglob("*.*"))
    assert present == expected
    stale = [
        str(p) for p in expected if (committed / p).read_bytes() != (everything / p).read_bytes()
    ]
    assert not stale, f"regenerate with: python scripts/refresh_examples.py ({stale[:3]} differ)"
