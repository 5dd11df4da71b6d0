"""CLI tests of `jobgen lint`, and of the checks `generate` and `stage` run."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import GOOD
from schema_check import validate

from jobgen.cli import main
from jobgen.lint.report import LINT_REPORT_SCHEMA

DATE = ("--date", "2026-11-25")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.md"
    text = GOOD.replace(
        "Tell us what would help.", "We want a rockstar who can hit the ground running."
    )
    path.write_text(
        text.replace("- $120,000 – $150,000 per year, with stock options.", "- Competitive."),
        encoding="utf-8",
    )
    return path


def test_every_builtin_posting_passes_strict(runner) -> None:
    """The issues' bar: every built-in role at every sample company, and every sample
    opening (Carrowmere Health's chief-ai-officer opening takes the role's place), with
    --strict."""
    result = invoke(runner, "lint", "--all-companies", "--strict", *DATE)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().endswith("all 40 passed with --strict")
    for opening in ("furrowlight/forecasting-ml-engineer", "carrowmere-health/chief-ai-officer"):
        assert f"{opening}: score 100," in result.stdout


def test_a_file_that_passes(runner, good) -> None:
    result = invoke(runner, "lint", str(good), "--strict", *DATE)
    assert result.exit_code == 0, result.stdout
    assert "score 100" in result.stdout


def test_a_file_with_problems_reports_rule_text_why_and_rewording(runner, bad) -> None:
    result = invoke(runner, "lint", str(bad), *DATE)
    assert result.exit_code == 0  # warnings only: no error without a company's pay laws
    out = result.stdout
    assert "warning  cliche  cliché 'rockstar'" in out
    assert "at: Equal opportunity, line" in out
    assert "why: " in out and "try: " in out
    strict = invoke(runner, "lint", str(bad), "--strict", *DATE)
    assert strict.exit_code == 1
    assert strict.stdout.strip().endswith(
        "1 posting checked: 0 errors, 3 warnings, 6 info notes (-v shows them); "
        "it failed with --strict"
    )
    assert "warning  no-pay-range  the posting shows no pay range" in out  # no law asks


def test_a_file_checked_against_a_company_gets_its_pay_laws(runner, bad) -> None:
    result = invoke(runner, "lint", str(bad), "--company", "brindle-ledger", *DATE)
    assert result.exit_code == 1
    assert "error    pay-transparency  the posting shows no pay range" in result.stdout
    assert "New York City" in result.stdout


def test_json_output_follows_its_schema(runner, good, bad) -> None:
    result = invoke(runner, "lint", str(good), str(bad), "-c", "furrowlight", "-f", "json", *DATE)
    document = json.loads(result.stdout)
    validate(document, LINT_REPORT_SCHEMA)
    assert [p["passed"] for p in document["postings"]] == [True, False]
    assert document["passed"] is False and result.exit_code == 1
    assert "colorado" in document["postings"][0]["laws"]
    rules = {f["rule"] for f in document["postings"][1]["findings"]}
    assert {"cliche", "pay-transparency", "gendered-word"} <= rules
    printed = invoke(runner, "schema", "lint-report")
    assert json.loads(printed.stdout) == LINT_REPORT_SCHEMA


def test_rendered_postings_point_at_the_file_to_edit(runner, workspace_copy) -> None:
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("summary: >-\n", "summary: >-\n  We want a coding ninja.\n", 1))
    result = invoke(
        runner, "-w", str(workspace_copy), "lint", "prompt-engineer", "-c", "furrowlight", *DATE
    )
    assert "cliche  cliché 'ninja'" in result.stdout
    line = text.splitlines().index("summary: >-") + 2
    assert (
        f"in: {role}:{line}" in result.stdout
        or f"roles/prompt-engineer.yaml:{line}" in result.stdout
    )


def test_list_rules_and_laws(runner) -> None:
    rules = invoke(runner, "lint", "--list-rules")
    assert rules.exit_code == 0
    for rule in ("gendered-word", "pay-transparency", "word-count", "impossible-experience"):
        assert rule in rules.stdout
    laws = invoke(runner, "lint", "--list-laws")
    assert "colorado" in laws.stdout and "Ontario" in laws.stdout


def test_workspace_settings_change_the_rules(runner, workspace_copy, bad) -> None:
    config = workspace_copy / "jobgen.yaml"
    config.write_text(
        config.read_text()
        + 'lint:\n  cliche:\n    severity: "off"\n  word-count:\n    max: 900\n'
        + '  no-pay-range: {severity: "off"}\n'
    )
    result = invoke(runner, "-w", str(workspace_copy), "lint", str(bad), "--strict", *DATE)
    assert "cliche" not in result.stdout
    assert result.exit_code == 0, result.stdout


def test_a_misspelt_setting_is_reported_with_its_line(runner, workspace_copy, good) -> None:
    config = workspace_copy / "jobgen.yaml"
    lines = config.read_text().splitlines()
    config.write_text("\n".join([*lines, "lint:", "  word-count:", "    maxx: 900", ""]))
    result = invoke(runner, "-w", str(workspace_copy), "lint", str(good))
    assert result.exit_code == 2
    assert (
        f"jobgen.yaml:{len(lines) + 3}:5: lint.word-count.maxx: unknown field (did you mean 'max'?)"
        in result.stderr
    )
    config.write_text(
        "\n".join([*lines, "lint:", "  pay-transparency:", "    ignore: [colorad]", ""])
    )
    result = invoke(runner, "-w", str(workspace_copy), "lint", str(good))
    assert result.exit_code != 0 and "did you mean 'colorado'?" in result.stderr
    config.write_text(
        "\n".join([*lines, "lint:", "  word-count:", "    min: 800", "    max: 300", ""])
    )
    result = invoke(runner, "-w", str(workspace_copy), "lint", str(good))
    assert result.exit_code == 2 and "expected a maximum of at least the minimum" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.md"], "missing.md: no such file"),
        (["ai-ml-engineer"], "name a company with --company ID"),
        (
            ["ai-ml-engineer", "x.md", "-c", "furrowlight"],
            "give role ids or Markdown files, not both",
        ),
        (["nope", "-c", "furrowlight"], "unknown role or opening 'nope' of furrowlight"),
        (["-c", "furrowlight", "-a"], "use --company or --all-companies, not both"),
    ],
)
def test_usage_errors(runner, tmp_path, monkeypatch, args, message) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "lint", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_file_that_is_not_utf8(runner, tmp_path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Caf\xe9\n".encode("latin-1"))
    result = invoke(runner, "lint", str(path))
    assert result.exit_code == 2 and "not UTF-8 text" in result.stderr


def _break_role(workspace: Path) -> None:
    role = workspace / "roles" / "ai-ml-engineer.yaml"
    role.write_text(role.read_text().replace("summary: >-\n", "summary: >-\n  Be a rockstar.\n", 1))


def test_generate_prints_findings_and_strict_writes_nothing(
    runner, workspace_copy, tmp_path
) -> None:
    _break_role(workspace_copy)
    out = tmp_path / "out"
    base = [
        "-w",
        str(workspace_copy),
        "generate",
        "ai-ml-engineer",
        "-c",
        "brindle-ledger",
        "-o",
        str(out),
        *DATE,
    ]
    strict = invoke(runner, *base, "--strict")
    assert strict.exit_code == 1
    assert "cliche" in strict.stderr and "nothing was written" in strict.stderr
    assert not out.exists()
    lenient = invoke(runner, *base)
    assert lenient.exit_code == 0
    assert (
        "lint warning: brindle-ledger/ai-ml-engineer: cliche: cliché 'rockstar'" in lenient.stderr
    )
    assert (out / "brindle-ledger" / "ai-ml-engineer.md").is_file()


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self.in_body:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tbody":
            self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def test_stage_writes_a_quality_report(runner, tmp_path) -> None:
    result = invoke(
        runner, "stage", "growth", "-c", "brindle-ledger", "-f", "html", "-o", str(tmp_path), *DATE
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "brindle-ledger" / "quality.html").read_text()
    table = _Table()
    table.feed(page)
    assert len(table.rows) == 3
    first = table.rows[0]
    assert first[0].startswith("Staff MLOps Engineer")  # the opening's title
    assert first[1] == "100"  # score
    assert first[2:8] == ["0"] * 6  # six categories, nothing to fix
    assert 300 <= int(first[8]) <= 800
    assert page.count('<svg class="quality-chart"') == 0  # clean rows: a word, no bars
    assert page.count("✓ no errors or warnings") == 3
    manifest = json.loads((tmp_path / "brindle-ledger" / "manifest.json").read_text())
    assert manifest["quality"]["path"] == "quality.html"
    assert manifest["postings"][0]["lint"]["score"] == 100


def test_stage_strict_fails_before_writing(runner, workspace_copy, tmp_path) -> None:
    _break_role(workspace_copy)
    result = invoke(
        runner,
        "-w",
        str(workspace_copy),
        "stage",
        "early",
        "-c",
        "brindle-ledger",
        "--strict",
        "-o",
        str(tmp_path / "o"),
        *DATE,
    )
    assert result.exit_code == 1
    assert "lint found errors or warnings in 1 posting; nothing was written" in result.stderr
    assert not (tmp_path / "o" / "brindle-ledger").exists()


def test_a_new_workspace_fails_strict_on_its_example_text_alone(runner, tmp_path) -> None:
    """`jobgen init` writes an example company: lint warns about its text (starter-text)
    and nothing else; once the text is the company's own, --strict passes."""
    workspace = tmp_path / "ws"
    assert invoke(runner, "init", str(workspace)).exit_code == 0
    result = invoke(runner, "-w", str(workspace), "lint", "-a", "--strict", "-f", "json", *DATE)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    findings = [f for posting in report["postings"] for f in posting["findings"]]
    assert {f["rule"] for f in findings if f["severity"] != "info"} == {"starter-text"}
    profile = workspace / "company_profiles" / "my-company.yaml"
    text = profile.read_text(encoding="utf-8")
    for example, own in (
        ("My Company", "Quarry Labs"),
        ("example.com", "quarrylabs.test"),
        ("route-planning software for regional freight carriers", "software for stone quarries"),
        ("deliver on time with fewer empty miles", "cut stone with less waste"),
        ("a system you made more reliable", "a tool you made simpler"),
        ("We spend time with dispatchers and drivers", "We spend time in the quarries"),
        ("so nobody has to be in the right meeting", "so that everyone can follow them"),
    ):
        text = text.replace(example, own)
    profile.write_text(text, encoding="utf-8")
    result = invoke(runner, "-w", str(workspace), "lint", "-a", "--strict", *DATE)
    assert result.exit_code == 0, result.stdout


def test_the_command_that_explains_a_runs_findings_is_filled_in() -> None:
    from jobgen.cli.common import lint_command

    assert lint_command(["acme/a", "acme/b"]) == "jobgen lint a b -c acme"
    assert lint_command([f"acme/r{n}" for n in range(5)]) == "jobgen lint r0 r1 r2 ... -c acme"
    assert lint_command(["acme/a", "zeta/b"]) == "jobgen lint -c acme -c zeta"
    assert lint_command([f"c{n}/a" for n in range(4)]) == "jobgen lint -a"
    # a posting in several languages, or one --language asked for: its language follows
    assert lint_command(["acme/a.de-DE", "acme/a.en-GB"]) == (
        "jobgen lint a -c acme --language de-DE --language en-GB"
    )


def test_a_stage_role_whose_pay_was_dropped_still_fails_the_ci_check(runner, workspace_copy):
    """Dropping a role's pay must not drop its posting from `lint -a`: the company's
    stage still posts it (Brindle Ledger's growth stage posts the AI Product Manager)."""
    profile = workspace_copy / "company_profiles" / "brindle-ledger.yaml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("  ai-product-manager:\n")
    end = start + 1 + re.search(r"\n(?!    )", text[start + 1 :]).start() + 1  # its last line
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    result = invoke(runner, "-w", str(workspace_copy), "lint", "-a", "--strict", *DATE)
    assert result.exit_code == 1, result.stdout
    assert (
        "brindle-ledger/ai-product-manager" in result.stdout
        and "the posting shows no pay range; required in New York State" in result.stdout
    )
    # for CI annotations: the finding points at the profile's pay:, where the range goes
    report = json.loads(
        invoke(runner, "-w", str(workspace_copy), "lint", "-a", "-f", "json", *DATE).stdout
    )
    [pay] = [
        f
        for posting in report["postings"]
        if posting["name"] == "brindle-ledger/ai-product-manager"
        for f in posting["findings"]
        if f["rule"] == "pay-transparency"
    ]
    line = profile.read_text(encoding="utf-8").splitlines().index("pay:") + 1
    assert pay["where"].endswith(f"brindle-ledger.yaml:{line}")
