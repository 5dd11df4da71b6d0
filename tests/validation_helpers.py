"""Fixtures and helpers for the validation and loading tests.

Test modules import what they use. A fixture is imported by its function name
(`ws_fixture`) and requested by its fixture name (`ws`), so that ruff does not
take the test argument for a redefinition of the import.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from jobgen.errors import Problem
from jobgen.inputs import nodes, yaml_read
from jobgen.inputs.workspace import ENV_VAR

REPO = Path(__file__).resolve().parents[1]
ROLE_FILES = sorted((REPO / "roles").glob("*.yaml"))
COMPANY_FILES = sorted((REPO / "company_profiles").glob("*.yaml"))
CONFIG_FILE = REPO / "jobgen.yaml"
ROLE_IDS = [path.stem for path in ROLE_FILES]
COMPANY_IDS = [path.stem for path in COMPANY_FILES]

# Both parsers: the C one jobgen uses when PyYAML has it, and the pure-Python one.
LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@pytest.fixture(name="ws")
def ws_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in roles, profiles and jobgen.yaml in tmp_path/ws.

    The current folder is tmp_path, so problems show paths like `ws/roles/x.yaml`.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copytree(REPO / "roles", root / "roles")
    shutil.copytree(REPO / "company_profiles", root / "company_profiles")
    shutil.copy(CONFIG_FILE, root / "jobgen.yaml")
    return root


def edit(path: Path, old: str, new: str) -> Path:
    """Replace the first `old` in the file with `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def where(path: Path, text: str, after: str = "") -> tuple[int, int]:
    """1-based (line, column) of `text` in the file, at its first place right after `after`."""
    content = path.read_text(encoding="utf-8")
    index = content.index(after + text) + len(after)
    line = content.count("\n", 0, index) + 1
    column = index - (content.rfind("\n", 0, index) + 1) + 1
    return line, column


def load(load_function, path: Path) -> tuple[object | None, list[Problem], list[nodes.Reference]]:
    """Run loader.load_role/load_company/load_config; return (model, problems, refs)."""
    problems: list[Problem] = []
    refs: list[nodes.Reference] = []
    model = load_function(path, problems, refs)
    return model, problems, refs


def only(problems: list[Problem]) -> Problem:
    """The single problem in the list; fails listing them all otherwise."""
    assert len(problems) == 1, "\n".join(str(p) for p in problems) or "no problems"
    return problems[0]


def read_node(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    problems: list[Problem] = []
    node = yaml_read.read_node(path, problems)
    return node, problems
