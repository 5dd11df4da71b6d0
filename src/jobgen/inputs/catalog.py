"""Load the roles, profiles and stages a command needs, all problems at once."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..errors import Problem, UsageError, display_path
from . import loader
from .fields import is_slug
from .models import Company, Role, WorkspaceConfig
from .nodes import Reference
from .workspace import CONFIG_NAME, Workspace


@dataclass
class Catalog:
    """What a workspace offers, read lazily: only the files a command uses are parsed."""

    workspace: Workspace
    role_paths: dict = field(init=False)
    company_paths: dict = field(init=False)

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
        if config is not None and not config.stages and config_path != builtin_config:
            # A workspace that names no stages keeps the built-in ones.
            builtin = loader.load_config(builtin_config, problems, refs)
            config = replace(config, stages=builtin.stages) if builtin else config
        roles = {}
        for role_id in self._readable("roles", role_ids, self.role_paths, problems):
            role = loader.load_role(self.role_paths[role_id], problems, refs)
            if role is not None:
                roles[role_id] = role
        companies = {}
        for company_id in self._readable(
            "company_profiles", company_ids, self.company_paths, problems
        ):
            company = loader.load_company(self.company_paths[company_id], problems, refs)
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

    def _readable(
        self, folder: str, ids: list[str], paths: dict, problems: list[Problem]
    ) -> list[str]:
        """The ids whose file can be read: not a link leading out of the workspace,
        not one of two files (`x.yaml`, `x.yml`) claiming the same id."""
        twins = self.workspace.twins(folder)
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


def require_known(kind: str, wanted: str | Sequence[str], known: dict, builtins_only: bool) -> None:
    """Raise UsageError naming every id not in `known`, each with a did-you-mean,
    then the valid ids. (A file of that name is known: loading it says what is
    wrong with its name, if anything.)"""
    unknown = [w for w in ([wanted] if isinstance(wanted, str) else wanted) if w not in known]
    if not unknown:
        return
    valid = [i for i in known if is_slug(i)]
    lines = []
    for name in dict.fromkeys(unknown):
        line = f"unknown {kind} {name!r}"
        close = difflib.get_close_matches(name, valid, n=1)
        lines.append(line + (f"; did you mean {close[0]!r}?" if close else ""))
    message = "\n".join(lines)
    plural = "companies" if kind == "company" else f"{kind}s"
    message += f"\nknown {plural}: {', '.join(valid) or '(none)'}"
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
