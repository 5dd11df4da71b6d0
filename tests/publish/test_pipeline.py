"""Posting date resolution and in-memory rendering."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobgen.errors import UsageError
from jobgen.inputs.dates import resolve_date


def test_date_option_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert resolve_date("2026-03-04") == dt.date(2026, 3, 4)


def test_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert resolve_date(None) == dt.date(2026, 1, 1)


def test_today_otherwise():
    assert resolve_date(None) == dt.date.today()


TODAY_IN = """
import os, sys, time
from jobgen.inputs.dates import resolve_date
for zone in sys.argv[1:]:
    os.environ["TZ"] = zone
    time.tzset()
    print(resolve_date(None))
"""


@pytest.mark.skipif(
    not Path("/usr/share/zoneinfo/Pacific/Kiritimati").exists() or not hasattr(os, "uname"),
    reason="needs the tz database and TZ (Unix)",
)
@pytest.mark.parametrize("epoch", [None, "1767225600"])
def test_today_is_the_local_day_and_source_date_epoch_the_utc_day(epoch):
    """Documented behaviour (README, "The posting date"): without --date, today is the
    machine's local day, so UTC+14 and UTC-11 (25 hours apart) never agree; with
    SOURCE_DATE_EPOCH, every time zone gives its UTC date."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    zones = ["Pacific/Kiritimati", "Pacific/Niue"]
    run = subprocess.run(
        [sys.executable, "-c", TODAY_IN, *zones], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    kiritimati, niue = (dt.date.fromisoformat(line) for line in run.stdout.split())
    if epoch:
        assert kiritimati == niue == dt.date(2026, 1, 1)
    else:
        assert dt.timedelta(days=1) <= kiritimati - niue <= dt.timedelta(days=2)


@pytest.mark.parametrize("value", ["25/11/2026", "2026-13-01", "tomorrow"])
def test_bad_date_is_a_usage_error(value):
    with pytest.raises(UsageError, match="--date: expected a date like"):
        resolve_date(value)


def test_bad_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        resolve_date(None)


def test_render_only_the_formats_asked(generator, posting):
    rendered = generator.render(posting, ["md"])
    assert list(rendered.files) == ["md"]
    rendered = generator.render(posting, ["docx", "md"])
    assert list(rendered.files) == ["md", "docx"]


def test_missing_pay_is_a_warning(generator, posting):
    import dataclasses

    company = dataclasses.replace(posting.company, pay={})
    rendered = generator.render(dataclasses.replace(posting, company=company), ["md"])
    assert "## Pay" not in rendered.markdown
    assert any("no pay range for ai-ml-engineer" in w for w in rendered.warnings)


@pytest.fixture
def unlawful(workspace_copy):
    """A workspace where Furrowlight's ai-ml-engineer has no pay: Colorado's law, and
    others, make that a lint error."""
    from jobgen.inputs.workspace import find_workspace

    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("  ai-ml-engineer:\n")
    profile.write_text(text[:start] + text[text.index("  mlops-engineer:\n", start) :])
    return find_workspace(workspace_copy)


@pytest.mark.parametrize("mode", [True, None, "ERROR", "bogus"])
def test_an_unknown_lint_mode_is_refused_never_read_as_off(unlawful, tmp_path, mode):
    """`lint=True` wrote postings that break a pay law: only "error" stopped them."""
    import jobgen
    from jobgen.errors import LintFailed

    args = (unlawful, ["ai-ml-engineer"], "furrowlight")
    options = {"formats": ["md"], "date": dt.date(2026, 11, 25)}
    with pytest.raises(LintFailed):
        jobgen.generate(*args, out_dir=tmp_path / "a", lint="error", **options)
    with pytest.raises(UsageError, match=r"lint: expected one of error, warn, off, got"):
        jobgen.generate(*args, out_dir=tmp_path / "b", lint=mode, **options)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_library_s_formats_are_those_the_command_takes(builtin_workspace):
    from jobgen.publish.pipeline import render_postings

    def made(formats):
        _, [rendered, *_] = render_postings(
            builtin_workspace, ["ai-ml-engineer"], "furrowlight", formats, dt.date(2026, 11, 25),
            lint="off",
        )  # fmt: skip
        return list(rendered.files)

    assert made("html") == ["html"]  # a name alone, not its letters
    assert made(["all"]) == ["md", "html", "docx", "json", "txt"]
    with pytest.raises(UsageError, match=r"unknown format 'rtf'"):
        made(["rtf"])
    with pytest.raises(UsageError, match=r"is before the posting date 2026-11-25"):
        render_postings(
            builtin_workspace, ["ai-ml-engineer"], "furrowlight", ["md"],
            dt.date(2026, 11, 25), dt.date(2020, 1, 1),
        )  # fmt: skip


def test_a_schema_is_a_copy_and_an_unknown_one_a_usage_error():
    import jobgen

    jobgen.schema_for("posting")["title"] = "changed"
    assert jobgen.schema_for("posting")["title"] != "changed"
    with pytest.raises(UsageError, match=r"no schema named 'postng' \(did you mean posting\?\)"):
        jobgen.schema_for("postng")


def test_no_folder_is_no_complete_run(tmp_path):
    import jobgen

    found = jobgen.check_shards([])
    assert found.problems and found.summary() == "1 problem; the shards are not one complete run"


def test_the_library_takes_paths_dates_and_ids_as_written(tmp_path):
    """A str for a folder or a date, one id alone: as the command line takes them, not a
    TypeError from deep inside; a value of the wrong kind names its argument."""
    from conftest import ROOT

    import jobgen

    written = jobgen.generate(
        str(ROOT), "ai-ml-engineer", "furrowlight", "md", str(tmp_path / "out"), "2026-11-25"
    )
    assert written.written == [tmp_path / "out" / "furrowlight" / "ai-ml-engineer.md"]
    assert "*Posted November 25, 2026." in written.written[0].read_text(encoding="utf-8")
    site = jobgen.build_site(
        ROOT, "https://jobs.example.com", str(tmp_path / "site"), "2026-11-25", "furrowlight",
        lint="off",
    )  # fmt: skip
    assert site.postings and (tmp_path / "site" / "index.html").is_file()
    with pytest.raises(UsageError, match=r"^out_dir: expected a path"):
        jobgen.generate(ROOT, "ai-ml-engineer", "furrowlight", "md", 3)
    with pytest.raises(
        UsageError, match=r"^date: expected a date like 2026-12-01, got '25/11/2026'"
    ):
        jobgen.generate(ROOT, "ai-ml-engineer", "furrowlight", "md", tmp_path, "25/11/2026")
    assert not (tmp_path / "furrowlight").exists()
