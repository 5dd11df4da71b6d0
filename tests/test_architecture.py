"""The layout of src/jobgen, as docs/architecture.md draws it, kept true by tests.

Every import is read from the source (those inside functions and under
TYPE_CHECKING too), so a lazy import cannot hide a dependency that goes the
wrong way.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import jobgen

SRC = Path(jobgen.__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[1]
# The order data flows in: a package may import its own modules and those of the
# packages before it, never one after it. Lint sits beside the flow: it reads a
# posting's Markdown and the inputs, and publishing calls it.
LAYERS = ("shared", "inputs", "lint", "render", "formats", "publish", "cli", "api")
SHARED = {"jobgen.errors", "jobgen.fast_dataclass", "jobgen.limits", "jobgen.version"}
API = {"jobgen", "jobgen.__main__"}  # the public names, and `python -m jobgen`
MAX_LINES = 400  # a module of one job; data tables would be the exception (there are none yet)


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def layer(module: str) -> str:
    if module in SHARED:
        return "shared"
    if module in API:
        return "api"
    return module.split(".")[1]


def imports(module: str) -> list[tuple[str, int]]:
    """(jobgen module imported, line) for every import statement in `module`."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:  # `from . import sandbox` imports a module
                child = f"{base}.{alias.name}"
                found.append((child if child in MODULES else base, node.lineno))
    return [(name, line) for name, line in found if name in MODULES and name != module]


def edges(module: str) -> set[str]:
    """What importing `module` runs: each module it imports and their parent packages
    (Python runs `jobgen/lint/__init__.py` before `jobgen/lint/document.py`), but not
    the root package, whose names load lazily, nor `module`'s own parents."""
    own_parents = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
    result = set()
    for name, _ in imports(module):
        parts = name.split(".")
        for end in range(2, len(parts) + 1):
            target = ".".join(parts[:end])
            if target in MODULES and target not in own_parents and target != module:
                result.add(target)
    return result


def test_the_layout_is_the_one_documented():
    packages = sorted({layer(m) for m in MODULES})
    assert packages == sorted(LAYERS)
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in ("cli", "inputs", "lint", "render", "formats", "publish"):
        assert f"`jobgen/{package}/`" in architecture, f"docs/architecture.md: {package}"
    for module in MODULES:  # every module is named where its package is described
        relative = MODULES[module].relative_to(SRC).as_posix()
        if not relative.endswith("__init__.py"):
            assert f"`{MODULES[module].name}`" in architecture, f"docs/architecture.md: {relative}"


def test_imports_go_one_way():
    """No package imports one that comes after it in the flow."""
    wrong = [
        f"{MODULES[module].relative_to(SRC.parent)}:{line}: {layer(module)} imports "
        f"{name} ({layer(name)})"
        for module in MODULES
        for name, line in imports(module)
        if LAYERS.index(layer(name)) > LAYERS.index(layer(module))
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_circles():
    """No module reaches itself through its imports (lazy ones included)."""
    graph = {module: edges(module) for module in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert not circles, f"import circles: {circles}"


def test_the_check_sees_an_import_circle(tmp_path, monkeypatch):
    """The circle test above would fail for a real circle: two modules of a fake
    package that import each other, one of them lazily."""
    fake = {"jobgen.inputs.a": tmp_path / "a.py", "jobgen.inputs.b": tmp_path / "b.py"}
    fake["jobgen.inputs.a"].write_text("from .b import x\n")
    fake["jobgen.inputs.b"].write_text("def f():\n    from .a import y\n")
    monkeypatch.setattr(sys.modules[__name__], "MODULES", {**MODULES, **fake})
    assert edges("jobgen.inputs.a") == {"jobgen.inputs.b"}
    assert edges("jobgen.inputs.b") == {"jobgen.inputs.a"}
    with pytest.raises(AssertionError, match="import circles"):
        test_no_import_circles()


def test_only_the_command_line_uses_click():
    users = [
        module
        for module, path in MODULES.items()
        if re.search(r"^\s*(import click|from click)", path.read_text(), re.M)
    ]
    assert users and all(layer(module) == "cli" for module in users), users


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_are_short(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it along a seam"


def test_the_library_works_without_the_command_line(tmp_path):
    """A program that cannot import click (as if it were not installed) writes a
    posting and a stage through the public names alone."""
    program = textwrap.dedent(
        """
        import datetime as dt, sys
        from pathlib import Path
        sys.modules["click"] = None  # any import of click now fails
        import jobgen

        workspace = jobgen.find_workspace()
        generated = jobgen.generate(workspace, ["ai-ml-engineer"], "furrowlight",
                                    formats=["md", "docx"], out_dir=Path("out"),
                                    date=dt.date(2026, 11, 25))
        print(*[p.as_posix() for p in generated.written])
        config, plans = jobgen.plan_stage(workspace, "early", ["brindle-ledger"],
                                          cumulative=False, date=dt.date(2026, 11, 25))
        result = jobgen.write_stage(workspace, plans, ["html"], Path("out"))
        print(result.postings, result.index_pages[0].as_posix())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "out/furrowlight/ai-ml-engineer.md out/furrowlight/ai-ml-engineer.docx",
        "2 out/brindle-ledger/index.html",
    ]


def test_the_public_names_resolve_and_load_lazily():
    assert set(jobgen._API) | {"__version__"} == set(jobgen.__all__)
    for name in jobgen.__all__:
        assert getattr(jobgen, name) is not None
    heavy = "('jinja2', 'docx', 'markdown', 'yaml')"
    probe = f"import sys, jobgen; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        jobgen.nothing  # noqa: B018
