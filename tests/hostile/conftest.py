"""Fixtures of the hostile-input suite: a workspace to break, with earlier output."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Workspace, copy_workspace, fresh_scratch, make_workspace, snapshot


@pytest.fixture
def tmp_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pytest's `tmp_path`, but at the same path for every test of a test process (a new,
    empty folder each time): the `ws` copy then sits at the same path in every test, and
    jobgen's compiled-template cache (keyed by a template's name and path, checked
    against its source) is reused instead of compiling every template again for every
    test (about half of a hostile `generate`). The workspace copy keeps its place beside
    what a test puts in tmp_path (`out/furrowlight/../../victim.txt`)."""
    return fresh_scratch(tmp_path_factory)


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
