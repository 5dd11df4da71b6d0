"""Which postings a hiring stage asks for: the stage's roles, for one company or many.

Stages come from `jobgen.yaml` in the order the reference article gives them
(early, growth, enterprise). A cumulative stage also has the roles of every
earlier stage, earliest first: an enterprise starting from nothing needs them all.
A company's postings for a stage are its openings whose role is in the stage, and
the role's own posting for each stage role that has no opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..errors import InputError, UsageError
from .catalog import Catalog, require_known
from .models import Company, Posting, Role, Stage, WorkspaceConfig
from .openings import Opening
from .tailor import make_posting
from .workspace import Workspace


@dataclass(frozen=True)
class StagePlan:
    """The postings of one company for one stage run."""

    company: Company
    stages: tuple[Stage, ...]  # the stages covered, earliest first; the last is the one asked
    postings: tuple[Posting, ...]
    cumulative: bool = False
    closed: tuple[Opening, ...] = ()  # openings left out: their valid_through has passed

    @property
    def stage(self) -> Stage:
        return self.stages[-1]


def stages_up_to(config: WorkspaceConfig, stage_id: str, cumulative: bool) -> tuple[Stage, ...]:
    """The stage `stage_id`, preceded by every earlier one when `cumulative`."""
    ids = [stage.id for stage in config.stages]
    index = ids.index(stage_id)
    return tuple(config.stages[: index + 1]) if cumulative else (config.stages[index],)


def plan_stage(
    workspace: Workspace,
    stage_id: str | None,
    company_ids: list[str] | None,
    cumulative: bool,
    date: dt.date,
    valid_through: dt.date | None = None,
) -> tuple[WorkspaceConfig, list[StagePlan]]:
    """The postings of the stage for each company (every company for None).

    With no `stage_id`, each company gets its own stage from its profile.
    Every file the run needs is validated first: all problems are raised
    together, before anything is rendered.
    """
    catalog = Catalog(workspace)
    for company_id in company_ids or ():
        require_known("company", company_id, catalog.company_paths, workspace.root is None)
    config, _, _ = catalog.load(role_ids=[], company_ids=[])
    if not config.stages:
        raise UsageError("the workspace defines no stages; add them to jobgen.yaml")
    if stage_id is not None:
        require_known("stage", stage_id, {s.id: s for s in config.stages}, False)
        wanted = stages_up_to(config, stage_id, cumulative)
    else:  # each company's own stage: read the profiles first to know which
        try:
            _, _, companies = catalog.load([], company_ids)
        except InputError:  # list the problems of every role that may be needed too
            wanted = config.stages
        else:
            own = dict.fromkeys(company.stage for company in companies.values())
            wanted = tuple(
                dict.fromkeys(s for i in own for s in stages_up_to(config, i, cumulative))
            )
    if company_ids is None and not catalog.company_paths:
        raise UsageError(
            "the workspace has no company profiles; add one to company_profiles/ "
            "(`jobgen init DIR` makes a workspace with an example)"
        )
    role_ids = list(dict.fromkeys(role for stage in wanted for role in stage.roles))
    config, roles, companies = catalog.load(role_ids, company_ids)
    openings = catalog.load_openings(config, companies)
    plans = []
    for company in companies.values():
        stages = stages_up_to(config, stage_id or company.stage, cumulative)
        plans.append(
            plan_company(config, company, stages, roles, openings[company.id], date, valid_through)
        )
    return config, [replace(plan, cumulative=cumulative) for plan in plans]


def plan_company(
    config: WorkspaceConfig,
    company: Company,
    stages: tuple[Stage, ...],
    roles: dict[str, Role],
    openings: dict[str, Opening],
    date: dt.date,
    valid_through: dt.date | None = None,
) -> StagePlan:
    """The postings of `stages` for one company: its openings of each stage role, else
    the role's own posting; openings whose valid_through has passed are left out."""
    postings: dict[str, Posting] = {}
    closed: list[Opening] = []
    planned: set[str] = set()  # a role named by two stages is posted under the earlier one
    for stage in stages:
        for role_id in stage.roles:
            if role_id in planned:
                continue
            planned.add(role_id)
            own = [opening for opening in openings.values() if opening.role_id == role_id]
            if not own:
                postings[role_id] = make_posting(
                    config, roles[role_id], company, date, valid_through, stage=stage
                )
            for opening in own:
                if opening.valid_through is not None and opening.valid_through < date:
                    closed.append(opening)
                    continue
                postings[opening.id] = make_posting(
                    config, roles[role_id], company, date, valid_through, opening, stage
                )
    return StagePlan(company, stages, tuple(postings.values()), closed=tuple(closed))
