"""Load the roles, profiles, openings and stages a command needs, all problems at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, UsageError, display_path
from ..fast_dataclass import dataclass
from . import loader
from .fields import is_slug
from .levels import LevelList, PlatformList
from .models import Company, Role, WorkspaceConfig
from .workspace import CONFIG_NAME, PROFILES, Workspace, builtin_root, stem_twins, yaml_files

if TYPE_CHECKING:
    from .markers import Reference
    from .openings import Opening

OPENINGS = "openings"  # company_profiles/<company>/openings/<opening-id>.yaml


@dataclass
class Catalog:
    """What a workspace offers, read lazily: only the files a command uses are parsed."""

    workspace: Workspace
    on_read: Callable[[], None] | None = None  # told after each file is read (progress)
    role_paths: dict = field(init=False)
    company_paths: dict = field(init=False)
    _twins: dict = field(init=False, default_factory=dict)  # {folder: workspace.twins(folder)}

    def __post_init__(self) -> None:
        self.role_paths = self.workspace.files("roles")
        self.company_paths = self.workspace.files("company_profiles")

    def load(
        self, role_ids: list[str] | None = None, company_ids: list[str] | None = None
    ) -> tuple[WorkspaceConfig, dict[str, Role], dict[str, Company]]:
        """The config and the named roles and companies (all of them for None).

        Raises UsageError for an id that does not exist, InputError listing
        every problem in the files read.
        """
        # Every file when asked for all, so a badly named one is reported too.
        for kind, ids, known in (
            ("role", role_ids, self.role_paths),
            ("company", company_ids, self.company_paths),
        ):
            require_known(kind, ids or (), known, self.workspace.root is None)
        role_ids = list(self.role_paths) if role_ids is None else role_ids
        company_ids = list(self.company_paths) if company_ids is None else company_ids

        problems: list[Problem] = []
        refs: list[Reference] = []
        config_path = self.workspace.config_path()
        outside = loader.outside_problem(config_path, config_path.parent)
        config = loader.load_config(config_path, problems, refs) if outside is None else None
        if outside is not None:
            problems.append(outside)
        builtin_config = self.workspace.layers[-1] / CONFIG_NAME
        if config is not None and config_path != builtin_config:
            builtin = loader.load_config(builtin_config, problems, refs)
            config = _over_builtin(config, builtin) if builtin else config
        roles = {}
        for role_id in self._readable("roles", role_ids, self.role_paths, problems):
            role = loader.load_role(self.role_paths[role_id], problems, refs)
            self._read()
            if role is not None:
                roles[role_id] = role
        companies = {}
        for company_id in self._readable(
            "company_profiles", company_ids, self.company_paths, problems
        ):
            company = loader.load_company(self.company_paths[company_id], problems, refs)
            self._read()
            if company is not None:
                companies[company_id] = company
        known = {
            "role": {i for i in self.role_paths if is_slug(i)},
            "stage": {s.id for s in config.stages} if config else set(),
        }
        if any(ref.kind == "law" for ref in refs):  # read lint's law table only when named
            from .lint_data import law_ids

            known["law"] = law_ids()
        if config is not None:
            problems.extend(loader.check_references(refs, known))
        loader.raise_if_any(problems)
        assert config is not None
        return config, roles, companies

    def opening_paths(self, company_id: str) -> dict[str, Path]:
        """`{opening id: file}` of a company: `company_profiles/<id>/openings/*.yaml`
        beside the profile that is used."""
        return _by_stem(yaml_files(self._openings_folder(company_id)))

    def _openings_folder(self, company_id: str) -> Path:
        return self.company_paths[company_id].parent / company_id / OPENINGS

    def load_openings(
        self, config: WorkspaceConfig, companies: dict[str, Company]
    ) -> dict[str, dict[str, Opening]]:
        """Every opening of each company, `{company id: {opening id: opening}}`, checked
        against the roles, the ladder and the company's offices; InputError lists every
        problem. An opening is part of its company: one mistake stops what uses it."""
        from .openings import check_openings  # only commands that read openings import it

        problems: list[Problem] = []
        found: dict[str, dict[str, Opening]] = {}
        known = {
            "role": {i for i in self.role_paths if is_slug(i)},
            "level": {level.id for level in config.ladder},
        }
        for company in companies.values():
            openings, places = {}, {}
            files = yaml_files(self._openings_folder(company.id))  # one pass over the folder
            twins = stem_twins(files)
            for opening_id, path in sorted(_by_stem(files).items()):
                if self._opening_unreadable(path, twins.get(opening_id, []), problems):
                    continue
                places[opening_id], refs = {}, []
                opening = loader.load_opening(path, company.id, problems, refs, places[opening_id])
                self._read()
                problems.extend(loader.check_references(refs, known))  # in file order
                if opening is not None:
                    openings[opening_id] = opening
            problems.extend(check_openings(openings, company, known["role"], places))
            found[company.id] = openings
        loader.raise_if_any(problems)
        return found

    def _read(self) -> None:
        if self.on_read is not None:
            self.on_read()

    def _opening_unreadable(self, path: Path, twins: list[Path], problems: list[Problem]) -> bool:
        """`twins`: every file claiming the id of `path`, when there are two."""
        if len(twins) > 1:
            first, *others = sorted(twins)
            if path == first:
                names = " and ".join(display_path(p) for p in others)
                message = f"{names} defines the same id {path.stem!r}; keep one of the two"
                problems.append(Problem(first, None, None, "", message))
            return True
        layer = path.parents[3]  # <layer>/company_profiles/<company>/openings/<file>
        outside = loader.outside_problem(path, layer)
        if outside is not None:
            problems.append(outside)
            return True
        return False

    def _readable(
        self, folder: str, ids: list[str], paths: dict, problems: list[Problem]
    ) -> list[str]:
        """The ids whose file can be read: not a link leading out of the workspace,
        not one of two files (`x.yaml`, `x.yml`) claiming the same id."""
        if folder not in self._twins:  # one scan per folder, however often load() is called
            self._twins[folder] = self.workspace.twins(folder)
        twins = self._twins[folder]
        readable = []
        for wanted in ids:
            path = paths[wanted]
            if wanted in twins:
                first, *others = twins[wanted]
                names = " and ".join(display_path(p) for p in others)
                message = f"{names} defines the same id {wanted!r}; keep one of the two"
                problems.append(Problem(first, None, None, "", message))
                continue
            outside = loader.outside_problem(path, path.parents[1])
            if outside is not None:
                problems.append(outside)
                continue
            readable.append(wanted)
        return readable


def _by_stem(paths: list[Path]) -> dict[str, Path]:
    """`{stem: path}` of sorted `paths`; of `x.yaml` and `x.yml`, the first."""
    return {path.stem: path for path in reversed(paths)}


def _over_builtin(config: WorkspaceConfig, builtin: WorkspaceConfig) -> WorkspaceConfig:
    """A workspace's jobgen.yaml over the built-in one: no stages of its own keeps the
    built-in ones; its levels and platforms extend (or replace) the built-in ones."""
    return replace(
        config,
        stages=config.stages or builtin.stages,
        levels=LevelList(replace=config.levels.over(builtin.ladder)),
        platforms=PlatformList(replace=config.platforms.over(builtin.all_platforms)),
    )


def require_known(kind: str, wanted: str | Sequence[str], known: dict, builtins_only: bool) -> None:
    """Raise UsageError naming every id not in `known`, each with a did-you-mean,
    then the valid ids. (A file of that name is known: loading it says what is
    wrong with its name, if anything.)"""
    unknown = [w for w in ([wanted] if isinstance(wanted, str) else wanted) if w not in known]
    if not unknown:
        return
    valid = [i for i in known if is_slug(i)]
    import difflib  # for a mistake only: not imported at start-up

    lines = []
    for name in dict.fromkeys(unknown):
        line = f"unknown {kind} {name!r}"
        close = difflib.get_close_matches(name, valid, n=1)
        lines.append(line + (f"; did you mean {close[0]!r}?" if close else ""))
    message = "\n".join(lines)
    plural = "companies" if kind == "company" else f"{kind}s"
    message += f"\nknown {plural}: {', '.join(valid) or '(none)'}"
    samples = {p.stem for p in (builtin_root() / PROFILES).glob("*.yaml")} if valid else set()
    if kind == "company" and not builtins_only and samples & set(unknown):
        message += (
            "\n(jobgen's sample companies are used only outside a workspace; a workspace "
            "sees its own company_profiles/)"
        )
    if not valid and kind == "company":
        message += (
            "\n(a workspace of your own does not include jobgen's sample companies: add your "
            "profile to company_profiles/; `jobgen init DIR` makes a workspace with an example)"
        )
    if builtins_only:
        message += (
            "\n(no jobgen.yaml in this folder or above it, so only the built-in samples are "
            "used: create one, or pass --workspace DIR)"
        )
    raise UsageError(message)
