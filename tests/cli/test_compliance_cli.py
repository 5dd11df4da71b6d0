"""No illegal posting is published by default: a posting that breaks a law where the
company hires is not written, and says what to add; once the profile says it, every
format carries the statements the law asks for."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from page_reader import read
from samples import profile

from jobgen.cli import main

DATE = ["--date", "2026-11-25"]
HIRING = """hiring:
  vacancy: existing
  ai_screening:
    used: true
    tool: Ashby's application review
    decides: ranks applications for a recruiter, who reads every one
    contact: privacy@maple.example
"""
VACANCY = "This posting is for an existing vacancy."
AI = (
    "We use artificial intelligence (AI) to screen, assess or select applicants: Ashby's "
    "application review ranks applications for a recruiter, who reads every one. To ask about "
    "it, contact privacy@maple.example."
)


@pytest.fixture
def toronto(tmp_path: Path) -> Path:
    """A workspace with Maple, a company of 80 people in Toronto, saying nothing yet."""
    (tmp_path / "jobgen.yaml").write_text("")
    (tmp_path / "company_profiles").mkdir()
    maple = profile(
        "Maple", locations="  - {city: Toronto, region: Ontario, country: CA}", currency="CAD"
    )
    (tmp_path / "company_profiles" / "maple.yaml").write_text(maple)
    return tmp_path


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-w", str(root), *args, *DATE])


def test_an_ontario_posting_without_its_statements_is_not_written(toronto):
    out = toronto / "out"
    result = run(toronto, "generate", "ai-ml-engineer", "-c", "maple", "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout == "" and not out.exists()
    assert result.stderr.startswith("error: lint found errors in 1 posting; nothing was written:")
    assert (
        "error: maple/ai-ml-engineer: job-ad-law: the posting does not say whether AI is used "
        "to screen, assess or select applicants; required in Ontario"
    ) in result.stderr
    assert "fix: Set hiring.vacancy in the profile or vacancy in the opening" in result.stderr
    assert "Traceback" not in result.output
    stdout = run(toronto, "generate", "ai-ml-engineer", "-c", "maple", "--stdout")
    assert stdout.exit_code == 1 and stdout.stdout == ""  # printing is publishing too


def test_with_the_statements_in_the_profile_every_format_carries_them(toronto):
    (toronto / "company_profiles" / "maple.yaml").write_text(
        profile(
            "Maple",
            locations="  - {city: Toronto, region: Ontario, country: CA}",
            currency="CAD",
            extra=HIRING,
        )
    )
    out = toronto / "out"
    result = run(toronto, "generate", "ai-ml-engineer", "-c", "maple", "-o", str(out), "-f", "all")
    assert result.exit_code == 0, result.output
    folder = out / "maple"
    markdown = (folder / "ai-ml-engineer.md").read_text()
    assert VACANCY in markdown and AI in markdown
    page = " ".join(" ".join(read((folder / "ai-ml-engineer.html").read_text()).text).split())
    assert VACANCY in page and AI in page
    paragraphs = [p.text for p in docx.Document(io.BytesIO((folder / "ai-ml-engineer.docx")
                                                           .read_bytes())).paragraphs]  # fmt: skip
    assert VACANCY in paragraphs and AI in paragraphs
    text = " ".join((folder / "ai-ml-engineer.txt").read_text().split())
    assert VACANCY in text and AI in text
    lint = run(toronto, "lint", "ai-ml-engineer", "-c", "maple", "--strict")
    assert lint.exit_code == 0, lint.output


def test_lint_warn_writes_and_reports_lint_off_skips(toronto):
    out = toronto / "out"
    warn = run(
        toronto, "generate", "ai-ml-engineer", "-c", "maple", "-o", str(out), "--lint", "warn"
    )
    assert warn.exit_code == 0
    assert (out / "maple" / "ai-ml-engineer.md").is_file()
    assert "lint error: maple/ai-ml-engineer: job-ad-law:" in warn.stderr
    off = run(toronto, "generate", "ai-ml-engineer", "-c", "maple", "-o", str(out), "--lint", "off")
    assert off.exit_code == 0 and "lint" not in off.stderr
    both = run(toronto, "generate", "ai-ml-engineer", "-c", "maple", "--lint", "off", "--strict")
    assert both.exit_code == 2 and "--strict stops on warnings" in both.stderr


def test_an_opening_says_its_own_vacancy(toronto):
    maple = toronto / "company_profiles" / "maple.yaml"
    maple.write_text(maple.read_text() + "hiring: {ai_screening: no, vacancy: existing}\n")
    openings = toronto / "company_profiles" / "maple" / "openings"
    openings.mkdir(parents=True)
    (openings / "talent-pool.yaml").write_text("role: ai-ml-engineer\nvacancy: pipeline\n")
    result = run(toronto, "generate", "talent-pool", "-c", "maple", "--stdout")
    assert result.exit_code == 0, result.output
    assert "This posting is not for an existing vacancy: we are meeting people" in result.stdout
    assert "We do not use artificial intelligence (AI)" in result.stdout


def test_lint_checks_the_roles_a_company_hires_unless_all_roles(toronto):
    # pay only for the AI/ML engineer; its growth stage posts three roles more
    hired = run(toronto, "lint", "-c", "maple")
    assert hired.exit_code == 1
    assert "4 postings checked:" in hired.stdout
    assert "maple/mlops-engineer:" in hired.stdout and "maple/ai-architect" not in hired.stdout
    every = run(toronto, "lint", "-c", "maple", "--all-roles")
    assert "10 postings checked:" in every.stdout
    maple = toronto / "company_profiles" / "maple.yaml"
    text = maple.read_text()
    maple.write_text(text[: text.index("pay:")] + "pay: {}\n" + text[text.index("apply:") :])
    unpaid = run(toronto, "lint", "-c", "maple")  # the stage's three, now without pay
    assert "3 postings checked:" in unpaid.stdout and unpaid.exit_code == 1
    assert unpaid.stdout.count("the posting shows no pay range; required in Ontario") == 3


def test_the_hiring_plan_shows_lint_and_the_report_reads_as_html(toronto):
    out = toronto / "out"
    result = run(toronto, "stage", "growth", "-c", "maple", "-o", str(out), "-f", "html",
                 "--lint", "warn", "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = read((out / "maple" / "index.html").read_text())
    links = [attrs.get("href") for tag, attrs in plan.tags if tag == "a"]
    assert "quality.html" in links
    assert "quality.html#mlops-engineer-findings" in links
    assert "Lint: 3 errors" in " ".join("".join(plan.text).split())
    report = (out / "maple" / "quality.html").read_text().split("</style>", 1)[1]
    assert "`" not in " ".join(read(report).text)  # Markdown code spans became <code>
    assert "(in jobgen: <code>pay:</code> for this role" in report
    assert "Source: Ontario: Employment Standards Act" in " ".join(read(report).text)


def test_a_clean_card_says_so(toronto):
    maple = toronto / "company_profiles" / "maple.yaml"
    maple.write_text(maple.read_text() + HIRING)
    out = toronto / "out"
    result = run(toronto, "stage", "early", "-c", "maple", "-o", str(out), "-f", "md", "-q",
                 "--lint", "warn")  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = read((out / "maple" / "index.html").read_text())
    text = " ".join("".join(plan.text).split())
    assert "Lint: no errors or warnings" in text  # the AI/ML engineer, with pay
    assert "Lint: 1 error" in text  # the data engineer, without
    assert "quality.html#ai-ml-engineer" in [a.get("href") for t, a in plan.tags if t == "a"]


def test_the_readmes_ontario_example_fails_then_passes(tmp_path):
    """docs/examples/ontario, as the README shows it: refused, then fixed by two lines."""
    import shutil

    root = tmp_path / "ontario"
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs" / "examples" / "ontario", root)
    before = run(root, "generate", "ai-ml-engineer", "-c", "maple-robotics", "-o", str(root / "o"))
    assert before.exit_code == 1 and not (root / "o").exists()
    assert "required in Ontario" in before.stderr
    profile_path = root / "company_profiles" / "maple-robotics.yaml"
    text = profile_path.read_text()
    fixed = text.replace("# hiring:\n#   vacancy: existing\n#   ai_screening: no\n",
                         "hiring:\n  vacancy: existing\n  ai_screening: no\n")  # fmt: skip
    assert fixed != text
    profile_path.write_text(fixed)
    after = run(root, "generate", "ai-ml-engineer", "-c", "maple-robotics", "-o", str(root / "o"))
    assert after.exit_code == 0, after.output
    assert (
        "This posting is for an existing vacancy."
        in (root / "o" / "maple-robotics" / "ai-ml-engineer.md").read_text()
    )


def test_the_pictures_show_each_postings_state_in_shapes_and_words(toronto):
    out = toronto / "out"
    run(toronto, "stage", "growth", "-c", "maple", "-o", str(out), "-f", "md", "--lint", "warn",
        "-q")  # fmt: skip
    plan = (out / "maple" / "index.html").read_text()
    page = read(plan)
    pictures = [a for tag, a in page.tags if tag == "svg" and a.get("role") == "img"]
    assert [p["aria-label"] for p in pictures] == ["3 postings: 3 with errors"]
    assert plan.count('class="state-error"') == 3 and plan.count(">✕</text>") == 3
    report = (out / "maple" / "quality.html").read_text()
    labels = [a["aria-label"] for t, a in read(report).tags if t == "svg" and "aria-label" in a]
    assert labels[0] == "3 postings: 3 with errors"  # the summary bar
    assert ">✕ 3</text>" in report

    maple = toronto / "company_profiles" / "maple.yaml"
    maple.write_text(maple.read_text() + HIRING)
    run(toronto, "stage", "early", "-c", "maple", "-o", str(out), "-f", "md", "--lint", "warn",
        "-q")  # fmt: skip
    report = (out / "maple" / "quality.html").read_text()
    assert "2 postings: 1 without issues, 1 with errors" in " ".join(read(report).text)
    assert report.count("✓ no errors or warnings") == 1  # a clean row: a word, not empty bars
    assert report.count('class="quality-chart"') == 1


def test_a_stage_written_under_lint_warn_says_so_in_its_last_line(toronto):
    out = toronto / "out"
    result = run(toronto, "stage", "growth", "-c", "maple", "-o", str(out), "-f", "md",
                 "--lint", "warn")  # fmt: skip
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("3 postings (3 with lint errors), ")  # the growth stage's three
