"""The workspace scan is one pass: its work grows with the number of role files, not
with its square, and one role's posting reads that role's file only."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from validation_helpers import REPO

from jobgen.inputs import loader
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.stages import plan_postings
from jobgen.inputs.workspace import CONFIG_NAME, ENV_VAR, find_workspace

ROLE = (REPO / "roles" / "ai-architect.yaml").read_bytes()


@pytest.fixture(autouse=True)
def _no_workspace_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def workspace_of(root: Path, roles: int) -> Path:
    """A workspace of `roles` copies of one role (and one pair of twins: x.yaml, x.yml)."""
    (root / "roles").mkdir(parents=True)
    (root / CONFIG_NAME).write_bytes((REPO / CONFIG_NAME).read_bytes())
    for number in range(roles):
        (root / "roles" / f"role-{number}.yaml").write_bytes(ROLE)
    (root / "roles" / "role-1.yml").write_bytes(ROLE)
    return root


def calls_to_load_one_role(root: Path) -> int:
    """Python function calls made to scan the workspace and load one role, as `generate`
    does: a count, not a time, so a busy machine cannot change it."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    workspace = find_workspace(root)
    sys.setprofile(count)
    try:
        _, roles, _ = Catalog(workspace).load(["role-0"], [])
    finally:
        sys.setprofile(None)
    assert list(roles) == ["role-0"]
    return calls


def test_the_scan_grows_linearly_with_the_role_files(tmp_path: Path) -> None:
    """Three times the files, about three times the work (it was nine: every file was
    compared with every other)."""
    small = calls_to_load_one_role(workspace_of(tmp_path / "small", 250))
    large = calls_to_load_one_role(workspace_of(tmp_path / "large", 750))
    assert large < 4.5 * small, (small, large)


def test_twins_are_still_found_in_one_pass(tmp_path: Path) -> None:
    workspace = find_workspace(workspace_of(tmp_path / "ws", 5))
    twins = workspace.twins("roles")
    assert list(twins) == ["role-1"]
    assert [path.name for path in twins["role-1"]] == ["role-1.yaml", "role-1.yml"]


def test_one_role_is_read_for_one_posting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`generate ROLE -c COMPANY` reads the role's file, not every role in the folder."""
    root = workspace_of(tmp_path / "ws", 50)
    (root / "company_profiles").mkdir()
    profile = REPO / "company_profiles" / "furrowlight.yaml"
    (root / "company_profiles" / profile.name).write_bytes(profile.read_bytes())
    read: list[str] = []
    real = loader.load_role
    monkeypatch.setattr(
        loader, "load_role", lambda path, *a: read.append(path.name) or real(path, *a)
    )
    plan_postings(find_workspace(root), ["role-7"], ["furrowlight"], dt.date(2026, 12, 1))
    assert read == ["role-7.yaml"]
