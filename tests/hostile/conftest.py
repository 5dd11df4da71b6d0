"""Fixtures of the hostile-input suite: a workspace to break, with earlier output."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Workspace, copy_workspace, make_workspace, snapshot


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Made once: every test gets its own copy (`ws`)."""
    return make_workspace(tmp_path_factory.mktemp("pristine"))


@pytest.fixture
def ws(pristine: Workspace, tmp_path: Path) -> Workspace:
    """A copy of the built-in workspace, and the output of one earlier run, to break."""
    return copy_workspace(pristine, tmp_path)


@pytest.fixture
def before(ws: Workspace) -> dict[str, bytes | None]:
    """The output folder as the earlier run left it."""
    return snapshot(ws.out)
