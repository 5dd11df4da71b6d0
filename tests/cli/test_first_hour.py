"""The first hour of a new user, walked through the command line: `init`, a profile
broken three ways and fixed, `check`, `generate`, the preview reloading, a stage with
its progress and an interruption, and `--prune`; every message the user sees at each
step is checked."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXED_DATE

import jobgen.publish.company as company
from jobgen.cli import main
from jobgen.inputs.workspace import find_workspace
from jobgen.publish.preview import Preview, PreviewServer

DATE = ["--date", "2026-11-25"]
PROFILE = "company_profiles/my-company.yaml"


def jobgen(*args: str):
    return CliRunner().invoke(main, list(args))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_first_hour(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    # 1. A workspace to start from, and what to do next.
    made = jobgen("init", "acme")
    assert made.exit_code == 0, made.output
    assert made.stdout.startswith("created acme/ with 18 files:\n")
    assert "next:\n  cd acme\n  (edit company_profiles/my-company.yaml)\n  jobgen check\n" in (
        made.stdout
    )
    monkeypatch.chdir(tmp_path / "acme")
    profile = tmp_path / "acme" / PROFILE
    good = profile.read_text(encoding="utf-8")
    assert jobgen("check").stdout.startswith("ok: 10 roles, 1 company, 3 stages")

    # 2. An indentation slip: plain words, at the line to change.
    edit(profile, "\nmission: >-", "\n mission: >-")
    line = good.split("\nmission: >-")[0].count("\n") + 2
    slip = jobgen("check")
    assert slip.exit_code == 2
    assert slip.stderr == (
        f"error: {PROFILE}:{line}:2: YAML syntax: this line is indented by 1 space, unlike "
        "the lines around it; YAML reads indentation as structure: indent it by 0 (like "
        "about:)\n"
    )

    # 3. A misspelt field and a word where a number goes: both at once, each located.
    profile.write_text(good.replace("\nbenefits:", "\nbenefit:").replace(
        "employees: 40 ", "employees: forty "), encoding="utf-8")  # fmt: skip
    two = jobgen("check")
    assert two.exit_code == 2
    assert two.stderr.startswith("error: 2 problems to fix:\n")
    assert f"{PROFILE}:9:12: employees: expected a whole number, got 'forty'" in two.stderr
    assert "benefit: unknown field (did you mean 'benefits'?)" in two.stderr

    # 4. Fixed: the workspace checks, and a posting is written (with what lint would like
    #    changed: the example company's own words, each at its line).
    profile.write_text(good, encoding="utf-8")
    assert jobgen("check").exit_code == 0
    wrote = jobgen("generate", "ai-ml-engineer", "-c", "my-company", "-f", "md", *DATE)
    assert wrote.exit_code == 0, wrote.output
    assert wrote.stdout == "output/my-company/ai-ml-engineer.md\n"
    assert (
        f"lint warning: my-company/ai-ml-engineer: starter-text: text from the example "
        f"workspace: 'My Company' ({PROFILE}:5)"
    ) in wrote.stderr
    assert wrote.stderr.endswith(
        "(`jobgen lint ai-ml-engineer -c my-company` explains each finding)\n"
    )

    # 5. The preview reloads when the profile changes.
    preview = Preview(find_workspace(Path.cwd()), "ai-ml-engineer", "my-company", FIXED_DATE)
    server = PreviewServer(preview, port=0, poll_seconds=0.05).start()
    try:
        version = server.page.version
        edit(profile, 'name: "My Company"', "name: Acme Freight")
        assert server.wait_for_change(version, 10) == version + 1
        with urllib.request.urlopen(server.url, timeout=10) as page:
            assert "About Acme Freight" in page.read().decode()
    finally:
        server.stop()

    # 6. A stage, with its progress: a line per phase and per posting in a log.
    stage = jobgen("stage", "early", "-c", "my-company", "-f", "md", *DATE)
    assert stage.exit_code == 0, stage.output
    lines = stage.stdout.splitlines()
    assert lines[:2] == ["reading files", "rendering 2 postings"]
    assert lines[2].startswith("my-company/ai-ml-engineer: rendered md (")
    assert lines[4] == "writing files"
    assert lines[5].startswith("2 postings, 5 files in ")  # 2 postings, plan, report, manifest

    # 7. Ctrl-C while rendering: one line says the output is as it was.
    before = sorted(p.name for p in Path("output/my-company").iterdir())
    real = company.render_one

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(company, "render_one", interrupted)
    stopped = jobgen("stage", "growth", "-c", "my-company", "-f", "md", "-j", "1", *DATE)
    assert stopped.exit_code == 130
    assert stopped.stderr.strip().splitlines()[-1] == (
        "interrupted: nothing was written; output is as it was"
    )
    assert sorted(p.name for p in Path("output/my-company").iterdir()) == before
    monkeypatch.setattr(company, "render_one", real)

    # The stage's lint lines end with the command that explains them, filled in.
    assert stage.stderr.endswith(
        "(`jobgen lint ai-ml-engineer ai-data-engineer -c my-company` explains each finding)\n"
    )

    # 8. --prune: another stage's postings, left and then removed, each step said.
    assert jobgen("stage", "growth", "-c", "my-company", "-f", "md", "-q", *DATE).exit_code == 0
    early = jobgen("stage", "early", "-c", "my-company", "-f", "md", *DATE)
    assert (
        'note: 3 files an earlier run wrote stay in output/my-company (listed under "earlier" '
        "in manifest.json); --prune removes them"
    ) in early.stderr
    pruned = jobgen("stage", "early", "-c", "my-company", "-f", "md", "--prune", *DATE)
    assert pruned.stdout.count("(an earlier run's, not part of this one)") == 3
    again = jobgen("stage", "early", "-c", "my-company", "-f", "md", "--prune", *DATE)
    assert "--prune: nothing to remove" in again.stdout


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch):
    monkeypatch.setattr("jobgen.cli.progress._is_terminal", lambda: False)


def test_the_next_steps_of_init_paste_into_a_shell_whatever_the_folder_s_name(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    made = jobgen("init", "Hiring Zürich")
    assert made.exit_code == 0, made.output
    assert "next:\n  cd 'Hiring Zürich'\n" in made.stdout
