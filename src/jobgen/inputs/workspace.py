"""Find the user's workspace and layer it over the built-in one.

A workspace is a folder with `jobgen.yaml` and any of `roles/`,
`company_profiles/` and `templates/`. It holds only what it changes: a file
it lacks is taken from the built-in workspace shipped with jobgen (the repo
root during development, a copy inside the wheel once installed).

Templates have one more layer on top: a company's own folder
(`company_profiles/<id>/templates/`, or the folder its profile names), so the
search path for a posting is company > workspace > built-in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, Protocol

from .. import limits
from ..errors import TemplateProblem, UsageError, display_path
from ..fast_dataclass import dataclass


class Company(Protocol):
    """What the workspace needs of a company (models.Company has it): the workspace is
    read before any profile, so it does not import the models."""

    @property
    def id(self) -> str: ...

    @property
    def templates(self) -> str | None: ...


CONFIG_NAME = "jobgen.yaml"
ENV_VAR = "JOBGEN_WORKSPACE"
TEMPLATES = "templates"
PROFILES = "company_profiles"

LayerKind = Literal["company", "workspace", "built-in"]


@dataclass(frozen=True)
class TemplateLayer:
    """One folder of the template search path, and what it is to a recruiter."""

    kind: LayerKind
    path: Path
    company: str | None = None  # the company id, for a company layer

    @property
    def label(self) -> str:
        """`company brindle-ledger`, `workspace` or `built-in`."""
        return f"company {self.company}" if self.company else self.kind


def builtin_root() -> Path:
    """Where the built-in roles, profiles and templates are."""
    packaged = Path(__file__).parents[1] / "_builtin"  # jobgen/_builtin, in a wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3]  # a source checkout: the repo root


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
        the first layer wins.

        The built-in company profiles are fictional samples: a workspace of your
        own never sees them, so `--all-companies` means your companies only.
        """
        found: dict[str, Path] = {}
        layers = self._profile_layers() if folder == PROFILES else self.layers
        for layer in layers:
            for path in yaml_files(layer / folder):
                found.setdefault(path.stem, path)
        return dict(sorted(found.items()))

    def default_output(self, folder: str) -> Path:
        """jobgen.yaml's `defaults.output` under the workspace: refused when a link
        takes it out of the workspace (only `--out`, typed by the user, may)."""
        path = self.base / folder
        if self.root is not None and not path.resolve().is_relative_to(self.root.resolve()):
            raise UsageError(
                f"the output folder {display_path(path)} is a link to {path.resolve()}, outside "
                "the workspace; jobgen writes there only when you name it with --out"
            )
        return path

    def twins(self, folder: str) -> dict[str, list[Path]]:
        """Stems that more than one file of one layer's `folder` claims (`x.yaml`
        and `x.yml`): which of them is meant cannot be guessed."""
        found: dict[str, list[Path]] = {}
        for layer in self.layers:
            for stem, paths in stem_twins(yaml_files(layer / folder)).items():
                found.setdefault(stem, []).extend(paths)
        return found

    def _profile_layers(self) -> tuple[Path, ...]:
        """The layers company profiles (and their folders) come from: the samples
        only when no workspace of your own is in use."""
        return self.layers[:-1] if len(self.layers) > 1 else self.layers

    def config_path(self) -> Path:
        for layer in self.layers:
            if (layer / CONFIG_NAME).is_file():
                return layer / CONFIG_NAME
        return self.layers[-1] / CONFIG_NAME

    def template_dirs(self) -> list[Path]:
        """The workspace's template folders, then the built-in one (no company layer)."""
        return [layer.path for layer in self.template_layers()]

    def template_layers(self, company: Company | None = None) -> list[TemplateLayer]:
        """The template search path, most specific first: the company's own folder
        (when `company` has one), the workspace's `templates/`, the built-ins."""
        layers = []
        if company is not None:
            company_dir = self.company_template_dir(company)
            if company_dir is not None:
                layers.append(TemplateLayer("company", company_dir, company.id))
        for layer in self.layers[:-1]:
            if (layer / TEMPLATES).is_dir():
                layers.append(TemplateLayer("workspace", layer / TEMPLATES))
        for layer in layers:  # a folder linked in from elsewhere is not the workspace's
            root = next((r for r in self.layers if layer.path.is_relative_to(r)), None)
            if root is not None and not layer.path.resolve().is_relative_to(root.resolve()):
                raise TemplateProblem(
                    f"{display_path(layer.path)} is a link to {layer.path.resolve()}, outside "
                    "the workspace; copy the templates in instead"
                )
        layers.append(TemplateLayer("built-in", self.builtin_templates))
        return layers

    def company_template_dir(self, company: Company) -> Path | None:
        """The folder the profile names as `templates:`, else the first
        `company_profiles/<id>/templates/` of the workspace; None if neither exists.
        (A sample company's folder in the built-ins is used only with the samples.)"""
        if company.templates:
            return Path(company.templates)
        for layer in self._profile_layers():
            candidate = layer / PROFILES / company.id / TEMPLATES
            if candidate.is_dir():
                return candidate
        return None

    def new_company_template_dir(self, company: Company) -> Path:
        """Where `templates copy --company` puts a file: the existing company folder,
        else `company_profiles/<id>/templates/` in the workspace."""
        existing = self.company_template_dir(company)
        return existing if existing is not None else self.base / PROFILES / company.id / TEMPLATES

    @property
    def builtin_templates(self) -> Path:
        return self.layers[-1] / TEMPLATES


def yaml_files(directory: Path) -> list[Path]:
    """The YAML files (.yaml or .yml) of `directory`, sorted; none if it is not a
    folder. One pass over the folder, refused past MAX_FOLDER_FILES entries so a
    folder of millions of files is an error, not a command that never ends."""
    if not directory.is_dir():
        return []
    found = []
    with os.scandir(directory) as entries:
        for count, entry in enumerate(entries, 1):
            if count > limits.MAX_FOLDER_FILES:
                raise UsageError(
                    f"{display_path(directory)} holds more than {limits.MAX_FOLDER_FILES:,} files, "
                    "the limit per folder (see SECURITY.md); move the ones not in use elsewhere"
                )
            if os.path.normcase(entry.name).endswith((".yaml", ".yml")):
                found.append(directory / entry.name)
    return sorted(found)


def stem_twins(paths: list[Path]) -> dict[str, list[Path]]:
    """`{stem: [paths]}` of the stems more than one of `paths` claims (`x.yaml` and
    `x.yml`), in the order of `paths`: one pass, a dict keyed by the stem."""
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.stem, []).append(path)
    return {stem: claimed for stem, claimed in by_stem.items() if len(claimed) > 1}


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
    _refuse_config_folder(root)
    root = root.resolve()
    layers = (root,) if root == builtin.resolve() else (root, builtin)
    return Workspace(root, layers)


def _search_upwards(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
        _refuse_config_folder(folder)
    return None


def _refuse_config_folder(root: Path) -> None:
    """A folder (or a FIFO) named jobgen.yaml would otherwise be passed over without a word."""
    config = root / CONFIG_NAME
    if config.exists() and not config.is_file():
        what = "a folder" if config.is_dir() else "not a regular file"
        raise UsageError(f"{display_path(config)} is {what}; the workspace file must be a file")
