"""Shared fixtures: the built-in workspace, and editable copies of it in tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jobgen.inputs.catalog import Catalog
from jobgen.inputs.tailor import make_posting
from jobgen.inputs.workspace import Workspace, builtin_root
from jobgen.publish.pipeline import Generator

ROOT = Path(__file__).resolve().parents[1]
FIXED_DATE = dt.date(2026, 11, 25)


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A template cache of the test session's own, set before any session fixture
    builds a renderer (the developer's cache may hold code of an older jobgen)."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(path))
        yield path


RAM_DISK = Path("/dev/shm")
RAM_DISK_FREE = 3 << 30  # a default run leaves ~0.6 GB; the previous run's is kept till the end


def pytest_configure(config: pytest.Config) -> None:
    _temporary_folders_in_ram(config)
    _bytecode_outside_the_tree()


def _temporary_folders_in_ram(config: pytest.Config) -> None:
    """The tests' temporary folders go to a RAM disk where the machine has one.
    Each of ~3,000 tests writes a workspace and output, and jobgen flushes every
    commit to disk (syncfs): on this project's 2-core CI machine the same suite took
    11 s for one module on the RAM disk and 11 to 30 s on the disk, depending on what
    else the disk was flushing. A `--basetemp` or `PYTEST_DEBUG_TEMPROOT` given wins;
    xdist's workers inherit the choice."""
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT"):
        return
    try:
        usable = os.access(RAM_DISK, os.W_OK) and shutil.disk_usage(RAM_DISK).free > RAM_DISK_FREE
    except OSError:
        usable = False
    if usable:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(RAM_DISK)


def _bytecode_outside_the_tree() -> None:
    """With PYTHONDONTWRITEBYTECODE set, each of the suite's ~300 `python -m jobgen`
    processes compiled jobgen from source again: 98 s against 80 s for the whole
    suite. Its bytecode goes to a folder of the user's own in the temporary root
    instead (PYTHONPYCACHEPREFIX), so the source tree stays as clean as asked."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    user = os.getuid() if hasattr(os, "getuid") else 0
    root = Path(os.environ.get("PYTEST_DEBUG_TEMPROOT") or tempfile.gettempdir())
    folder = root / f"jobgen-tests-bytecode-{user}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        owner = folder.lstat()
    except OSError:
        return
    if folder.is_symlink() or not folder.is_dir() or getattr(owner, "st_uid", user) != user:
        return  # someone else's folder: its bytecode would run as this user's code
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)


def pytest_report_header(config: pytest.Config) -> str:
    root = os.environ.get("PYTEST_DEBUG_TEMPROOT") or tempfile.gettempdir()
    return f"temporary folders under {root}"


SLOW = "slow: `python -m pytest -m slow` runs them (CI does, as a step of its own)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow (the property tests) are skipped, not dropped, unless -m names
    them: the summary line counts them, and the line above it says how to run them."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=SLOW))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    slow = sum(1 for report in skipped if SLOW in str(report.longrepr))
    if slow:
        terminalreporter.write_line(f"{slow} tests skipped as {SLOW}")


BUILT_IN_INPUTS = ("roles", "company_profiles", "templates", "lint", "schemas", "jobgen.yaml")


def _built_in_files() -> dict[str, bytes]:
    found = {}
    for name in BUILT_IN_INPUTS:
        top = ROOT / name
        for path in [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()):
            found[str(path.relative_to(ROOT))] = path.read_bytes()
    return found


@pytest.fixture(scope="session", autouse=True)
def _built_in_workspace_untouched() -> Iterator[None]:
    """No test may change the repository's own roles, profiles or templates (they are
    the built-in workspace every other test reads): a hostile template written there by
    mistake once broke every test that ran beside it."""
    before = _built_in_files()
    yield
    after = _built_in_files()
    changed = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
    assert not changed, f"tests changed the built-in workspace: {changed}"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> None:
    """Tests never see the developer's workspace, build settings or template cache."""
    monkeypatch.delenv("JOBGEN_WORKSPACE", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("JOBGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))


@pytest.fixture(scope="session")
def builtin_workspace() -> Workspace:
    return Workspace(None, (builtin_root(),))


@pytest.fixture(scope="session")
def catalog(builtin_workspace: Workspace):
    """(config, roles, companies) of the built-in workspace."""
    return Catalog(builtin_workspace).load()


@pytest.fixture(scope="session")
def generator(builtin_workspace: Workspace) -> Generator:
    return Generator(builtin_workspace)


@pytest.fixture
def posting(catalog):
    config, roles, companies = catalog
    return make_posting(config, roles["ai-ml-engineer"], companies["brindle-ledger"], FIXED_DATE)


@pytest.fixture
def workspace_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full, writable copy of the built-in workspace: break it as a test needs.

    A new copy for every test, at the same path in every test of a test process: jobgen's
    compiled-template cache is keyed by a template's name and path, so the templates of
    the copy are compiled once per process, not once per test (the cache checks each
    against its source: a test's edit is compiled). The previous test's copy is moved
    aside, and removed by pytest with the rest of its base folder."""
    base = tmp_path_factory.getbasetemp()
    holder = base / "workspace-copy"
    if holder.exists():
        holder.rename(tempfile.mkdtemp(prefix="workspace-copy-done-", dir=base))
    root = holder / "ws"
    root.mkdir(parents=True)
    for folder in ("roles", "company_profiles", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "jobgen.yaml", root / "jobgen.yaml")
    return root


# The careers-site tests share one build of the built-in workspace's site per test
# process: each build costs the suite a second or two.
SITE_BASE = "https://jobs.example.com/"
SITE_DAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="session")
def built_site(builtin_workspace, catalog, tmp_path_factory):
    """(folder, result) of every company's site, linted, as `jobgen site -a` builds it."""
    from jobgen.lint import Linter
    from jobgen.publish.site import build_site

    out = tmp_path_factory.mktemp("site") / "public"
    linter = Linter(catalog[0].lint)
    return out, build_site(builtin_workspace, SITE_BASE, out, SITE_DAY, None, linter=linter)
