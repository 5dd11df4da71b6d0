"""The one way every hostile case is judged: run the command, then check the outcome.

A hostile case passes when jobgen refuses cleanly: a non-zero exit, an `error:`
line that names the file (and line, or field path) at fault, no traceback, and
the output folder byte for byte as it was before the run (no new, partial or
changed file, no staging folder left behind).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jobgen.cli import main

REPO = Path(__file__).resolve().parents[2]
ROLE = "ai-ml-engineer"
COMPANY = "furrowlight"


@dataclass
class Workspace:
    """A writable copy of the built-in workspace, with an output folder that
    already holds one earlier run (so "earlier output untouched" can be checked)."""

    root: Path
    out: Path

    @property
    def roles(self) -> Path:
        return self.root / "roles"

    @property
    def profiles(self) -> Path:
        return self.root / "company_profiles"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def role_file(self, role: str = ROLE) -> Path:
        return self.roles / f"{role}.yaml"

    def profile_file(self, company: str = COMPANY) -> Path:
        return self.profiles / f"{company}.yaml"

    def run(self, *args: str, cwd: Path | None = None) -> Result:
        """`jobgen ARGS` in the workspace folder, as a user would type it."""
        return invoke(list(args), cwd=cwd or self.root)

    def generate(self, *extra: str, role: str = ROLE, company: str = COMPANY) -> Result:
        return self.run("generate", role, "-c", company, "-o", str(self.out), *extra)


def make_workspace(tmp_path: Path) -> Workspace:
    """The workspace files and one run's output, written from scratch. The samples'
    openings are left out: the attacks aim at the role postings and their files (the
    openings' own hostile input is tried in tests/inputs/test_openings.py)."""
    root = tmp_path / "ws"
    root.mkdir()
    for folder in ("roles", "company_profiles", "templates"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("openings"))
    for folder in (root / "company_profiles").iterdir():  # a company's folder held openings only
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    shutil.copy(REPO / "jobgen.yaml", root / "jobgen.yaml")
    workspace = Workspace(root, tmp_path / "out")
    first = workspace.generate("-f", "all", "--date", "2026-11-25")
    assert first.exit_code == 0, first.output
    return workspace


def fresh_scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The empty folder `tmp_path` gives. The previous one is moved aside, not removed:
    pytest removes old base folders, as it does its own tmp_path ones."""
    base = tmp_path_factory.getbasetemp()
    folder = base / "hostile-scratch"
    if folder.exists():
        folder.rename(tempfile.mkdtemp(prefix="hostile-done-", dir=base))
    folder.mkdir()
    return folder


def copy_workspace(original: Workspace, tmp_path: Path) -> Workspace:
    """A fresh copy of `original` (files and output) for one test to break."""
    shutil.copytree(original.root, tmp_path / "ws", symlinks=True)
    shutil.copytree(original.out, tmp_path / "out", symlinks=True)
    return Workspace(tmp_path / "ws", tmp_path / "out")


def invoke(args: Sequence[str], cwd: Path) -> Result:
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        # The workspace is found from the current folder, as a user's would be.
        return CliRunner().invoke(
            main, list(args), catch_exceptions=True, env={"JOBGEN_WORKSPACE": None}
        )
    finally:
        os.chdir(previous)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under `folder`, by relative path."""
    if not folder.exists():
        return {}
    found: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        found[relative] = None if path.is_dir() and not path.is_symlink() else path.read_bytes()
    return found


def assert_refused(
    result: Result,
    *,
    names: str | Sequence[str],
    exit_code: int = 2,
    says: str | None = None,
) -> str:
    """A clean refusal: exit code, no traceback, and an error that names `names`
    (a file:line, a field path...) and, if given, matches the regex `says`.
    Returns the error text (stderr)."""
    assert not _crashed(result), f"crashed: {result.exc_info!r}\n{result.output}"
    assert result.exit_code == exit_code, f"exit {result.exit_code}:\n{result.output}"
    output = result.output
    assert "Traceback" not in output, output
    error = result.stderr
    assert error.startswith(("error:", "Usage:")), f"no error line:\n{error}"
    for name in [names] if isinstance(names, str) else names:
        assert name in error, f"{name!r} not named in:\n{error}"
    if says is not None:
        assert re.search(says, error), f"{says!r} not in:\n{error}"
    return error


def assert_unchanged(before: dict[str, bytes | None], folder: Path) -> None:
    """The folder is exactly as it was: nothing new, nothing changed, nothing gone."""
    after = snapshot(folder)
    new = sorted(set(after) - set(before))
    gone = sorted(set(before) - set(after))
    changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
    assert not (new or gone or changed), f"new {new}, gone {gone}, changed {changed}"


def _crashed(result: Result) -> bool:
    """An exception other than the clean exit click makes (SystemExit)."""
    return result.exception is not None and not isinstance(result.exception, SystemExit)
