"""`jobgen check` keeps the report of a clean check: the same files say the same, and any
change to what the check reads (a file edited, added or removed, a logo outside the
usual folders, the languages asked) checks again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from images import write_png

from jobgen.cli import main
from jobgen.publish import check, check_cache

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> list[tuple[str, ...]]:
    """The checks that ran (not answered from the cache), by their languages; the check
    cache starts empty (workspace_copy is at the same path in every test of a process,
    so an earlier test's report of the same files would answer)."""
    for folder in (cache_home / "jobgen").glob("check-*"):
        shutil.rmtree(folder)
    ran: list[tuple[str, ...]] = []
    real = check.check_workspace

    def counted(workspace, languages=()):
        ran.append(tuple(languages))
        return real(workspace, languages)

    monkeypatch.setattr(check, "check_workspace", counted)
    return ran


def run_check(workspace: Path, *args: str):
    result = CliRunner().invoke(main, ["-w", str(workspace), "check", *args])
    assert "Traceback" not in result.output
    return result


def test_an_unchanged_workspace_is_answered_from_the_cache(workspace_copy, checks):
    first = run_check(workspace_copy)
    again = run_check(workspace_copy)
    assert first.exit_code == again.exit_code == 0
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)
    assert first.stdout.startswith("ok: 10 roles")
    assert len(checks) == 1


def test_an_edited_file_is_checked_again(workspace_copy, checks):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    assert run_check(workspace_copy).exit_code == 0
    text = profile.read_text(encoding="utf-8")
    start = text.index("  ai-data-engineer:\n")  # the pay of a role Furrowlight's stage posts
    end = text.index("  ai-ethics-officer:\n", start)
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_check(workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert "warning: furrowlight: no pay range for ai-data-engineer" in result.stderr
    assert len(checks) == 2
    assert run_check(workspace_copy).stderr == result.stderr
    assert len(checks) == 2


def test_an_edit_of_the_same_size_is_checked_again(workspace_copy, checks):
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    assert run_check(workspace_copy).exit_code == 0
    role.write_text(role.read_text().replace("seniority: senior", "seniority: seniox"))
    result = run_check(workspace_copy)
    assert result.exit_code == 2
    assert "seniority: expected one of" in result.stderr
    assert len(checks) == 2


def test_a_new_file_and_a_removed_one_are_checked_again(workspace_copy, checks):
    first = run_check(workspace_copy)
    (workspace_copy / "templates" / "custon.css").write_text("p { color: red }\n")
    result = run_check(workspace_copy)
    assert "custon.css: jobgen does not read this file" in result.stderr
    assert len(checks) == 2
    (workspace_copy / "templates" / "custon.css").unlink()  # as the first check found them
    assert run_check(workspace_copy).stderr == first.stderr
    assert len(checks) == 2
    (workspace_copy / "roles" / "prompt-engineer.yaml").unlink()  # the built-in one then
    assert run_check(workspace_copy).exit_code == 0
    assert len(checks) == 3


def test_problems_are_never_kept(workspace_copy, checks):
    (workspace_copy / "templates" / "extra.md.j2").write_text("{% if x %}\n")
    assert run_check(workspace_copy).exit_code == 2
    assert run_check(workspace_copy).exit_code == 2
    assert len(checks) == 2


def test_the_languages_asked_are_part_of_the_key(workspace_copy, checks):
    run_check(workspace_copy)
    english = run_check(workspace_copy, "--language", "en-GB")
    assert run_check(workspace_copy, "--language", "en-GB").stdout == english.stdout
    assert checks == [(), ("en-GB",)]


def test_a_logo_outside_the_usual_folders_is_watched(workspace_copy, checks):
    assets = workspace_copy / "assets"
    assets.mkdir()
    write_png(assets / "logo.png", 40, 20)
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("brand:\n", "brand:\n  logo: ../assets/logo.png\n", 1))
    first = run_check(workspace_copy)
    assert first.exit_code == 0, first.stderr
    assert run_check(workspace_copy).stdout == first.stdout
    assert len(checks) == 1
    write_png(assets / "logo.png", 40, 21)
    run_check(workspace_copy)
    assert len(checks) == 2


def test_no_cache_when_asked_or_when_a_file_cannot_be_read_safely(
    workspace_copy, checks, monkeypatch
):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    run_check(workspace_copy)
    run_check(workspace_copy)
    assert len(checks) == 2
    monkeypatch.delenv("JOBGEN_NO_CACHE")
    os.mkfifo(workspace_copy / "lint-fifo")  # beside the folders: not read
    assert check_cache.entry((workspace_copy,), ()) is not None
    os.mkfifo(workspace_copy / "templates" / "pipe.j2")  # a FIFO would block a checksum
    assert check_cache.entry((workspace_copy,), ()) is None


def test_a_corrupt_entry_is_not_believed(workspace_copy, checks):
    first = run_check(workspace_copy)
    found = check_cache.entry((workspace_copy, ROOT), ())
    assert found is not None
    path = Path(found[0])
    path.write_text(path.read_text().replace("ok: 10 roles", "ok: 99 roles"))
    assert run_check(workspace_copy).stdout == first.stdout
    assert len(checks) == 2


def test_a_check_of_unchanged_files_imports_nothing_heavy(tmp_path):
    """The second check of the same files loads neither Jinja nor Markdown nor YAML."""
    heavy = ("jinja2", "markdown", "yaml", "docx", "lxml", "nh3", "babel")
    probe = (
        "import sys\n"
        "from jobgen.cli import main\n"
        "try:\n"
        "    main(['check'])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        f"print('LOADED', [m for m in {heavy!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("JOBGEN_WORKSPACE", None)
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
            cwd=ROOT, env=env,
        )  # fmt: skip
    assert "LOADED []" in result.stdout


def test_names_utf8_cannot_write_and_deep_folders_are_not_kept(workspace_copy):
    folder = os.fsencode(workspace_copy / "templates")
    with open(os.path.join(folder, b"\xff.txt"), "wb") as handle:  # not UTF-8
        handle.write(b"x")
    assert check_cache.entry((workspace_copy,), ()) is None
    os.remove(os.path.join(folder, b"\xff.txt"))
    found = check_cache.entry((workspace_copy,), ())
    assert found is not None
    check_cache.store(found, "ok", ["warning about \udcff.txt"])  # not kept, no error
    assert check_cache.lookup(found) is None
    deep = workspace_copy / "templates"
    for _ in range(300):
        deep = deep / "d"
    deep.mkdir(parents=True)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(250)  # folders deeper than Python's recursion limit
    try:
        found = check_cache.entry((workspace_copy,), ())
    finally:
        sys.setrecursionlimit(limit)
    assert found is None
