"""The opening commands as a user types them: list, new, generate, stage, schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jobgen.cli import main

ROOT = Path(__file__).resolve().parents[2]

DATE = ("--date", "2026-11-25")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def acme(runner, tmp_path) -> Path:
    workspace = tmp_path / "acme"
    assert invoke(runner, "init", str(workspace), "-c", "acme").exit_code == 0
    return workspace


def test_list_openings_of_one_company_and_of_all(runner):
    one = invoke(runner, "list", "openings", "-c", "brindle-ledger")
    assert one.exit_code == 0
    assert [line.split()[0] for line in one.stdout.splitlines()] == [
        "brindle-ledger/credit-mlops-engineer",
        "brindle-ledger/fair-lending-ethics-officer",
        "brindle-ledger/underwriting-llm-engineer",
    ]
    assert "NLP/LLM Engineer, Underwriting Documents" in one.stdout and "· 2 hires" in one.stdout
    every = invoke(runner, "list", "openings")
    assert len(every.stdout.splitlines()) == 10


def test_list_openings_where_there_are_none(runner, acme):
    result = invoke(runner, "-w", str(acme), "list", "openings")
    assert result.exit_code == 0 and result.stdout == ""
    assert "no openings in this workspace" in result.stderr


def test_new_opening_writes_a_file_that_check_passes_and_generate_uses(runner, acme, tmp_path):
    result = invoke(runner, "-w", str(acme), "new", "opening", "ai-ml-engineer", "-c", "acme",
                    "--id", "search-ml-engineer")  # fmt: skip
    assert result.exit_code == 0, result.output
    path = acme / "company_profiles" / "acme" / "openings" / "search-ml-engineer.yaml"
    assert result.stdout.startswith("wrote ") and result.stdout.split()[1].endswith(path.name)
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {"role": "ai-ml-engineer"}  # the rest is commented out
    fields = ["level", "title", "team", "reports_to", "requisition_id", "headcount", "summary",
              "responsibilities", "skills", "nice_to_have", "tools", "why_it_matters", "outcomes",
              "interview", "visa_sponsorship", "relocation", "travel", "on_call", "locations",
              "work_model", "pay", "apply_url", "valid_through"]  # fmt: skip
    for name in fields:  # every field shown, with one line on what it does
        line = next(line for line in text.splitlines() if line.startswith(f"# {name}:"))
        assert "  # " in line, line
    assert "# locations: [Columbus]" in text and "one of junior, mid, senior" in text
    assert "# remote_regions: [United States]" in text  # the country of Acme's office
    uncommented = "\n".join(line.removeprefix("# ") for line in text.splitlines()[5:])
    assert yaml.safe_load(uncommented)["level"] == "senior"  # the examples are valid YAML
    assert invoke(runner, "-w", str(acme), "check").exit_code == 0
    out = tmp_path / "out"
    generated = invoke(runner, "-w", str(acme), "generate", "search-ml-engineer", "-c", "acme",
                       "-o", str(out), *DATE)  # fmt: skip
    assert generated.exit_code == 0, generated.output
    markdown = (out / "acme" / "search-ml-engineer.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Senior AI/ML Engineer\n")


def test_new_opening_refuses_what_it_cannot_write(runner, acme):
    base = ["-w", str(acme), "new", "opening"]
    assert invoke(runner, *base, "ai-ml-engineer", "-c", "acme").exit_code == 0
    again = invoke(runner, *base, "ai-ml-engineer", "-c", "acme")
    assert again.exit_code == 2 and "exists; give the new one an id with --id" in again.stderr
    other = invoke(runner, *base, "ai-ml-engineer", "-c", "acme", "--id", "mlops-engineer")
    assert other.exit_code == 2 and "'mlops-engineer' is the id of another role" in other.stderr
    typo = invoke(runner, *base, "ai-ml-enginer", "-c", "acme")
    assert typo.exit_code == 2 and "did you mean 'ai-ml-engineer'?" in typo.stderr
    bad = invoke(runner, *base, "ai-ml-engineer", "-c", "acme", "--id", "Search ML")
    assert bad.exit_code == 2 and "--id: expected a lowercase id" in bad.stderr
    own = invoke(runner, *base, "ai-ml-engineer", "-c", "acme", "--id", "quality")
    assert own.exit_code == 2 and "the quality report, quality.html" in own.stderr
    builtins = invoke(runner, "new", "opening", "ai-ml-engineer", "-c", "furrowlight")
    assert builtins.exit_code == 2 and "needs a workspace of your own" in builtins.stderr
    spaced = invoke(runner, *base, "ai ml engineer", "-c", "acme")  # the role, not --id
    assert spaced.exit_code == 2 and "unknown role 'ai ml engineer'" in spaced.stderr
    assert "--id" not in spaced.stderr
    empty = invoke(runner, *base, "ai-ml-engineer", "-c", "acme", "--id", "")
    assert empty.exit_code == 2 and "--id: expected an id, got nothing" in empty.stderr


def test_generate_an_opening_and_a_role_side_by_side(runner, tmp_path):
    result = invoke(runner, "generate", "imagery-ml-engineer", "ai-ml-engineer", "-c",
                    "furrowlight", "-f", "md", "-o", str(tmp_path), *DATE)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        f"{tmp_path}/furrowlight/imagery-ml-engineer.md",
        f"{tmp_path}/furrowlight/ai-ml-engineer.md",
    ]
    opening = (tmp_path / "furrowlight" / "imagery-ml-engineer.md").read_text()
    role = (tmp_path / "furrowlight" / "ai-ml-engineer.md").read_text()
    assert opening.startswith("# ML Engineer, Satellite Imagery\n") and "$120,000" in opening
    assert role.startswith("# AI/ML Engineer\n") and "## The job at a glance" not in role


def test_stage_notes_an_opening_that_has_closed(runner, workspace_copy, tmp_path):
    folder = workspace_copy / "company_profiles" / "brindle-ledger" / "openings"
    path = folder / "credit-mlops-engineer.yaml"
    path.write_text(path.read_text() + "valid_through: 2026-11-01\n")
    result = invoke(runner, "-w", str(workspace_copy), "stage", "growth", "-c", "brindle-ledger",
                    "-f", "md", "-o", str(tmp_path), *DATE)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "note: left out brindle-ledger/credit-mlops-engineer: applications closed on 2026-11-01"
        in result.stderr
    )
    manifest = json.loads((tmp_path / "brindle-ledger" / "manifest.json").read_text())
    assert [p["id"] for p in manifest["postings"]] == [
        "underwriting-llm-engineer", "ai-product-manager",
    ]  # fmt: skip


def test_lint_of_a_company_leaves_out_a_closed_opening_as_stage_does(runner, workspace_copy):
    """A CI step that lints every posting must not fail on an opening that has closed;
    one named on the command line is still an error."""
    folder = workspace_copy / "company_profiles" / "brindle-ledger" / "openings"
    path = folder / "credit-mlops-engineer.yaml"
    path.write_text(path.read_text() + "valid_through: 2026-11-01\n")
    args = ["-w", str(workspace_copy), "lint", "-c", "brindle-ledger", *DATE]
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    assert (
        "note: left out brindle-ledger/credit-mlops-engineer: applications closed on 2026-11-01"
        in result.stderr
    )
    assert "credit-mlops-engineer" not in result.stdout
    named = invoke(runner, *args[:3], "credit-mlops-engineer", *args[3:])
    assert named.exit_code == 2 and "closed on 2026-11-01" in named.stderr


def test_the_hiring_plan_shows_each_openings_team_level_and_headcount(runner, tmp_path):
    result = invoke(runner, "stage", "growth", "-c", "brindle-ledger", "-f", "html", "-o",
                    str(tmp_path), *DATE)  # fmt: skip
    assert result.exit_code == 0
    page = (tmp_path / "brindle-ledger" / "index.html").read_text()
    assert 'id="underwriting-llm-engineer"' in page
    assert "Team: Underwriting automation, four engineers and two underwriters · reports to " in (
        page
    )
    assert "· 2 hires</p>" in page and ">Mid-level · Full-time ·" in page


def test_the_opening_schema_is_printed_and_committed(runner):
    result = invoke(runner, "schema", "opening")
    schema = json.loads(result.stdout)
    assert schema["title"] == "jobgen opening" and "role" in schema["properties"]
    committed = Path(__file__).resolve().parents[2] / "schemas" / "opening.schema.json"
    assert json.loads(committed.read_text()) == schema


def test_a_workspace_without_openings_folders_works_as_before(runner, workspace_copy, tmp_path):
    for company in ("furrowlight", "brindle-ledger", "carrowmere-health"):
        shutil.rmtree(workspace_copy / "company_profiles" / company / "openings")
    result = invoke(runner, "-w", str(workspace_copy), "stage", "early", "-c", "furrowlight",
                    "-f", "md", "-o", str(tmp_path), *DATE)  # fmt: skip
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "furrowlight").glob("*.md")) == [
        "ai-data-engineer.md", "ai-ml-engineer.md",
    ]  # fmt: skip


def test_a_new_openings_example_region_is_the_companys_own(runner, tmp_path):
    workspace = tmp_path / "ontario"
    shutil.copytree(ROOT / "docs" / "examples" / "ontario", workspace)
    result = invoke(runner, "-w", str(workspace), "new", "opening", "ai-ml-engineer",
                    "-c", "maple-robotics")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = workspace / "company_profiles" / "maple-robotics" / "openings" / "ai-ml-engineer.yaml"
    assert "# remote_regions: [Canada]" in text.read_text(encoding="utf-8")
