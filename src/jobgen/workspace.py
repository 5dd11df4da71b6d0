"""Find the user's workspace and layer it over the built-in one.

A workspace is a folder with `jobgen.yaml` and any of `roles/`,
`company_profiles/` and `templates/`. It holds only what it changes: a file
it lacks is taken from the built-in workspace shipped with jobgen (the repo
root during development, a copy inside the wheel once installed).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

CONFIG_NAME = "jobgen.yaml"
ENV_VAR = "JOBGEN_WORKSPACE"


def builtin_root() -> Path:
    """Where the built-in roles, profiles and templates are."""
    packaged = Path(__file__).parent / "_builtin"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]  # a source checkout: the repo root


@dataclass(frozen=True)
class Workspace:
    root: Path | None  # the user's folder; None when only the built-ins are used
    layers: tuple[Path, ...]  # most specific first, the built-ins last

    @property
    def base(self) -> Path:
        """The folder relative paths (like the output folder) are taken from."""
        return self.root if self.root is not None else Path.cwd()

    def files(self, folder: str) -> dict[str, Path]:
        """`{stem: path}` of the YAML files (.yaml or .yml) in `folder` of every layer;
        the first layer wins."""
        found: dict[str, Path] = {}
        for layer in self.layers:
            directory = layer / folder
            if directory.is_dir():
                for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
                    found.setdefault(path.stem, path)
        return dict(sorted(found.items()))

    def config_path(self) -> Path:
        for layer in self.layers:
            if (layer / CONFIG_NAME).is_file():
                return layer / CONFIG_NAME
        return self.layers[-1] / CONFIG_NAME

    def template_dirs(self) -> list[Path]:
        return [layer / "templates" for layer in self.layers if (layer / "templates").is_dir()]

    @property
    def builtin_templates(self) -> Path:
        return self.layers[-1] / "templates"


def find_workspace(
    explicit: str | os.PathLike[str] | None = None, start: Path | None = None
) -> Workspace:
    """The workspace named by `explicit` or $JOBGEN_WORKSPACE, else the nearest folder
    at or above `start` (the current folder) holding jobgen.yaml, else the built-ins."""
    builtin = builtin_root()
    chosen = explicit or os.environ.get(ENV_VAR) or None
    if chosen:
        root = Path(chosen).expanduser()
        if not root.exists():
            raise UsageError(f"workspace folder {str(root)!r} does not exist")
        if not root.is_dir():
            raise UsageError(f"workspace {str(root)!r} is a file; give the folder that holds it")
    else:
        root = _search_upwards((start or Path.cwd()).resolve())
    if root is None:
        return Workspace(None, (builtin,))
    root = root.resolve()
    layers = (root,) if root == builtin.resolve() else (root, builtin)
    return Workspace(root, layers)


def _search_upwards(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None
