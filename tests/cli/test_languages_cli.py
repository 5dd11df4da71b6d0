"""The languages through the command line: init, generate, stage, check, lint, templates."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from jobgen.cli import main
from jobgen.inputs.messages import template_keys
from tests.conftest import ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def german(runner, tmp_path):
    """A workspace `jobgen init --language de-DE` made."""
    folder = tmp_path / "stellen"
    result = invoke(runner, "init", str(folder), "-c", "rheinroute", "--language", "de-DE")
    assert result.exit_code == 0, result.output
    assert "roles/de-DE/ (their text in de-DE, to edit with them)" in result.stdout
    return folder


def test_init_in_german_gives_german_postings_that_pass_check(runner, german, tmp_path):
    assert invoke(runner, "-w", str(german), "check").exit_code == 0
    out = tmp_path / "out"
    result = invoke(runner, "-w", str(german), "stage", "-o", str(out), "--date", "2026-12-06",
                    "--lint", "warn")  # fmt: skip
    assert result.exit_code == 0, result.output
    posting = (out / "rheinroute" / "ai-ml-engineer.md").read_text(encoding="utf-8")
    assert posting.startswith("# AI/ML Engineer (m/w/d)\n")
    assert "Köln, Deutschland" in posting and "6. Dezember 2026" in posting
    plan = (out / "rheinroute" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de-DE">' in plan and "<h1>Einstellungsplan: Frühphase</h1>" in plan
    manifest = json.loads((out / "rheinroute" / "manifest.json").read_text())
    assert {p["language"] for p in manifest["postings"]} == {"de-DE"}


def test_init_refuses_a_language_it_has_no_example_in(runner, tmp_path):
    result = runner.invoke(main, ["init", str(tmp_path / "x"), "--language", "nl-NL"])
    assert result.exit_code == 2
    assert "jobgen has an example profile in de-DE, en-US, fr-FR, not nl-NL" in result.stderr


ENGLISH_PROFILE = """industry: Logistics software
about: Rheinroute builds route planning for regional carriers.
mission: Help every regional carrier deliver on time.
values:
  - {name: Ride along, description: We ride with dispatchers before we change their tools.}
  - {name: Write it down, description: Decisions are written where everyone can read them.}
benefits: [30 days of holiday., A company pension., A public transport pass., Learning budget.]
work_model_note: We meet in Cologne on Tuesdays and Wednesdays.
apply: {instructions: Send your CV and a few lines on a system you made more reliable.}
equal_opportunity: We welcome every application.
"""


def test_stage_in_two_languages_writes_both_and_the_plan_links_them(runner, german, tmp_path):
    english = german / "company_profiles" / "en-US" / "rheinroute.yaml"
    english.parent.mkdir()
    english.write_text(ENGLISH_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(runner, "-w", str(german), "stage", "-o", str(out), "--date", "2026-12-06",
                    "--language", "de-DE", "--language", "en-US", "-f", "html",
                    "--lint", "warn")  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (out / "rheinroute").glob("*.html"))
    assert "ai-ml-engineer.de-DE.html" in names and "ai-ml-engineer.en-US.html" in names
    plan = (out / "rheinroute" / "index.html").read_text(encoding="utf-8")
    assert 'href="ai-ml-engineer.en-US.html"' in plan and 'href="ai-ml-engineer.de-DE.html"' in plan


def test_a_language_tag_that_is_not_one_is_refused(runner):
    result = runner.invoke(main, ["generate", "ai-ml-engineer", "-c", "furrowlight",
                                  "--language", "German"])  # fmt: skip
    assert result.exit_code == 2
    assert "'German' is not a language tag; write it like de-DE" in result.stderr


def test_check_names_what_a_language_lacks(runner, german):
    result = runner.invoke(main, ["-w", str(german), "check", "--language", "fr-FR"])
    assert result.exit_code == 2
    assert "company_profiles/fr-FR/rheinroute.yaml: no fr-FR translation" in result.stderr
    assert "roles/fr-FR" not in result.stderr  # the unedited roles keep the built-in French


def test_templates_messages_and_a_new_language(runner, german):
    shown = invoke(runner, "-w", str(german), "templates", "messages", "de-DE")
    assert "Pay\n  Gehalt  [built-in de-DE.po]\n" in shown.stdout
    copied = invoke(runner, "-w", str(german), "templates", "copy", "messages/nl-NL.po")
    assert "every message of jobgen, to translate into nl-NL" in copied.stdout
    catalog = german / "templates" / "messages" / "nl-NL.po"
    assert '"Language: nl_NL\\n"' in catalog.read_text(encoding="utf-8")
    missing = invoke(runner, "-w", str(german), "templates", "messages", "nl-NL", "--missing")
    assert "Pay\n  -  [missing]" in missing.stdout
    total = len(template_keys(ROOT / "templates"))
    assert f"{total} of {total} messages have no nl-NL text: translate them in " in missing.stderr
    listed = invoke(runner, "-w", str(german), "templates", "list")
    assert "messages/nl-NL.po" in listed.stdout and "not used" not in listed.stdout


def test_lint_reads_a_file_in_its_language(runner, tmp_path):
    posting = tmp_path / "stelle.md"
    posting.write_text(
        "# KI-Ingenieur (m/w/d)\n\n## Ihr Profil\n\n- Python.\n\n## So bewerben Sie sich\n\n"
        "Schreiben Sie uns.\n\n## Chancengleichheit\n\nWir freuen uns auf alle Bewerbungen.\n",
        encoding="utf-8",
    )
    german = runner.invoke(main, ["lint", str(posting), "--language", "de-DE"])
    english = runner.invoke(main, ["lint", str(posting)])
    assert "missing-section" not in german.stdout
    assert "missing-section" in english.stdout


def test_a_company_with_two_languages_gets_both_from_one_stage_byte_for_byte(
    runner, german, tmp_path
):
    english = german / "company_profiles" / "en-US" / "rheinroute.yaml"
    english.parent.mkdir()
    english.write_text(ENGLISH_PROFILE, encoding="utf-8")
    profile = german / "company_profiles" / "rheinroute.yaml"
    text = profile.read_text(encoding="utf-8")
    both = "language: de-DE\nlanguages: [de-DE, en-US]"
    profile.write_text(text.replace("language: de-DE", both), encoding="utf-8")
    runs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = invoke(runner, "-w", str(german), "stage", "-o", str(out), "--date",
                        "2026-12-06", "--lint", "warn", "-f", "all")  # fmt: skip
        assert result.exit_code == 0, result.output
        runs.append({p.name: p.read_bytes() for p in (out / "rheinroute").iterdir()})
    assert runs[0] == runs[1]
    assert {"ai-ml-engineer.de-DE.docx", "ai-ml-engineer.en-US.docx"} <= set(runs[0])
    page = runs[0]["ai-ml-engineer.en-US.html"].decode()
    assert 'hreflang="de-DE" href="ai-ml-engineer.de-DE.html"' in page
    assert '<html lang="en-US">' in page and "Deutsch</a>" in page
    manifest = json.loads(runs[0]["manifest.json"])
    assert sorted(p["language"] for p in manifest["postings"]) == ["de-DE"] * 2 + ["en-US"] * 2


@pytest.mark.parametrize(
    ("languages", "said"),
    [
        ("[en-US, xx]", "languages[1]: expected a language tag like de-DE"),
        ("[en-US, en-US]", "languages[1]: 'en-US' is listed twice (first on line"),
    ],
)
def test_check_refuses_a_language_cldr_does_not_know_or_one_given_twice(
    runner, workspace_copy, languages, said
):
    """`xx` ended `check` in a traceback; a repeated language passed it, and then `site`
    failed with two files of one name."""
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("\nlanguage:", f"\nlanguages: {languages}\nlanguage:", 1))
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 2, result.output
    assert "furrowlight.yaml:" in result.stderr and said in result.stderr
    assert "Traceback" not in result.output


def test_a_language_alone_finds_the_texts_of_its_country_s_folder(runner):
    """`--language de` reads roles/de-DE/ when there is no roles/de/, as de-AT does;
    `jobgen init --language de_de` is de-DE, as --language elsewhere."""
    args = ["generate", "ai-ml-engineer", "-c", "carrowmere-health", "--stdout"]
    result = invoke(runner, *args, "--language", "de", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# AI/ML Engineer (m/w/d)\n")


def test_init_reads_a_language_tag_as_other_commands_do(runner, tmp_path):
    result = invoke(runner, "init", str(tmp_path / "ws"), "--language", "de_de")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "ws" / "roles" / "de-DE").is_dir()
