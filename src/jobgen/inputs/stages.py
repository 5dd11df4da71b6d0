"""Which postings a hiring stage asks for: the stage's roles, for one company or many.

Stages come from `jobgen.yaml` in the order the reference article gives them
(early, growth, enterprise). A cumulative stage also has the roles of every
earlier stage, earliest first: an enterprise starting from nothing needs them all.
A company's postings for a stage are its openings whose role is in the stage, and
the role's own posting for each stage role that has no opening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

from ..errors import InputError, UsageError, closest
from ..fast_dataclass import dataclass
from .arguments import as_date, as_workspace, optional_names
from .catalog import Catalog, require_known
from .dates import resolve_date
from .fields import is_slug
from .localize import Localizer
from .models import Company, Posting, Role, Stage, WorkspaceConfig
from .openings import Opening
from .tailor import make_posting, opening_level, opening_title
from .workspace import Workspace


@dataclass(frozen=True)
class StagePlan:
    """The postings of one company for one stage run."""

    company: Company
    stages: tuple[Stage, ...]  # the stages covered, earliest first; the last is the one asked
    postings: tuple[Posting, ...]
    cumulative: bool = False
    closed: tuple[Opening, ...] = ()  # openings left out: their valid_through has passed
    # Roles posted only through openings that name some offices: (role id, the openings'
    # ids, the offices none of them names), so a run can say which offices get none.
    uncovered: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()

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
    on_read: Callable[[], None] | None = None,
    languages: tuple[str, ...] = (),
    catalog: Catalog | None = None,
) -> tuple[WorkspaceConfig, list[StagePlan]]:
    """The postings of the stage for each company (every company for None); `on_read`
    is told after each file is read; `languages` (--language) replace the companies';
    `catalog`, the workspace's listing when the caller has one (one scan of a folder of
    10,000 profiles, not one a window).

    With no `stage_id`, each company gets its own stage from its profile.
    Every file the run needs is validated first: all problems are raised
    together, before anything is rendered.
    """
    workspace, company_ids = as_workspace(workspace), optional_names("company_ids", company_ids)
    date, valid_through = _dates(date, valid_through)
    catalog = catalog or Catalog(workspace, on_read)
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
    localizer = Localizer(catalog, languages)
    plans = []
    for company in companies.values():
        stages = stages_up_to(config, stage_id or company.stage, cumulative)
        plans.append(
            plan_company(
                config,
                company,
                stages,
                roles,
                openings[company.id],
                date,
                valid_through,
                localizer,
            )
        )
    localizer.raise_if_any()
    return config, [replace(plan, cumulative=cumulative) for plan in plans]


PLAN_WINDOW = 100  # companies read and planned at a time by `iter_stage_plans`


def iter_stage_plans(
    workspace: Workspace,
    stage_id: str | None,
    company_ids: list[str] | None,
    cumulative: bool,
    date: dt.date,
    valid_through: dt.date | None = None,
    languages: tuple[str, ...] = (),
    window: int | None = None,
    catalog: Catalog | None = None,
) -> Iterator[StagePlan]:
    """`plan_stage`'s plans, read and checked `window` companies at a time as they are
    taken, so that a run over tens of thousands of companies never holds them all.
    A problem in a later window is raised when that window is read."""
    catalog = catalog or Catalog(workspace)
    chosen = list(catalog.company_paths) if company_ids is None else company_ids
    window = window or PLAN_WINDOW
    for start in range(0, len(chosen), window):
        ids = chosen[start : start + window]
        _, plans = plan_stage(
            workspace, stage_id, ids, cumulative, date, valid_through,
            languages=languages, catalog=catalog,
        )  # fmt: skip
        plans.reverse()
        while plans:  # handed on, not kept: held only by whoever takes them
            yield plans.pop()


def plan_company(
    config: WorkspaceConfig,
    company: Company,
    stages: tuple[Stage, ...],
    roles: dict[str, Role],
    openings: dict[str, Opening],
    date: dt.date,
    valid_through: dt.date | None = None,
    localizer: Localizer | None = None,
) -> StagePlan:
    """The postings of `stages` for one company: its openings of each stage role, else
    the role's own posting, in each of its languages when a `localizer` is given;
    openings whose valid_through has passed are left out."""
    postings: dict[str, Posting] = {}

    def add(role: Role, opening: Opening | None, stage: Stage) -> None:
        if localizer is None:
            found = [make_posting(config, role, company, date, valid_through, opening, stage)]
        else:
            found = localized_postings(
                localizer, config, role, company, date, valid_through, opening, stage
            )
        postings.update((posting.name, posting) for posting in found)

    closed: list[Opening] = []
    uncovered = []
    planned: set[str] = set()  # a role named by two stages is posted under the earlier one
    for stage in stages:
        for role_id in stage.roles:
            if role_id in planned:
                continue
            planned.add(role_id)
            own = [opening for opening in openings.values() if opening.role_id == role_id]
            if not own:
                add(roles[role_id], None, stage)
            posted = []
            for opening in own:
                if opening.closed_on(date):
                    closed.append(opening)
                    continue
                add(roles[role_id], opening, stage)
                posted.append(opening)
            if left := _offices_left(company, posted):
                uncovered.append((role_id, tuple(o.id for o in posted), left))
    return StagePlan(
        company, stages, tuple(postings.values()), closed=tuple(closed), uncovered=tuple(uncovered)
    )


def _offices_left(company: Company, openings: list[Opening]) -> tuple[str, ...]:
    """The company's offices that none of a role's openings names (none when one of
    them names no office: it is posted for all)."""
    if not openings or any(not opening.locations for opening in openings):
        return ()
    named = {city.lower() for opening in openings for city in opening.locations}
    return tuple(o.label for o in company.locations if o.city.lower() not in named)


def _dates(date: object, valid_through: object) -> tuple[dt.date, dt.date | None]:
    """A library caller's posting date (today's when None) and last day to apply."""
    return as_date("date", date) or resolve_date(None), as_date("valid_through", valid_through)


def plan_postings(
    workspace: Workspace,
    ids: list[str] | None,
    company_ids: list[str] | None,
    date: dt.date,
    valid_through: dt.date | None = None,
    languages: tuple[str, ...] = (),
    closed: list[Opening] | None = None,
) -> tuple[WorkspaceConfig, list[Posting]]:
    """The postings `ids` name at each company (every company for None): the company's
    opening of that id when it has one, else the role, in each of its languages (or
    `languages`). `ids` None: every role and every opening of each company. Raises
    UsageError for an id that is neither, InputError for a translation missing.
    Given a `closed` list, openings closed on `date` go there instead of raising."""
    workspace, company_ids = as_workspace(workspace), optional_names("company_ids", company_ids)
    ids = optional_names("ids", ids)
    date, valid_through = _dates(date, valid_through)
    catalog = Catalog(workspace)
    for company_id in company_ids or ():
        require_known("company", company_id, catalog.company_paths, workspace.root is None)
    chosen = list(catalog.company_paths) if company_ids is None else company_ids
    opening_ids = {company_id: set(catalog.opening_paths(company_id)) for company_id in chosen}
    if ids is not None:
        require_postable(catalog, ids, chosen)
    wanted = ids is None or any(i in found for found in opening_ids.values() for i in ids)
    openings: dict[str, dict[str, Opening]] = {company_id: {} for company_id in chosen}
    if wanted:
        config, _, companies = catalog.load([], chosen)
        openings = catalog.load_openings(config, companies)
    role_ids = set(ids if ids is not None else catalog.role_paths)
    role_ids = {i for i in role_ids if i in catalog.role_paths}
    role_ids |= {o.role_id for found in openings.values() for o in found.values()}
    config, roles, companies = catalog.load(sorted(role_ids), chosen)
    localizer = Localizer(catalog, languages)
    postings = []
    for company in companies.values():
        own = openings[company.id]
        for posting_id in dict.fromkeys(ids if ids is not None else [*roles, *own]):
            opening = own.get(posting_id)
            if opening and closed is not None and opening.closed_on(date):
                closed.append(opening)
                continue
            role = roles[opening.role_id if opening else posting_id]
            postings += localized_postings(
                localizer, config, role, company, date, valid_through, opening
            )
    localizer.raise_if_any()
    return config, postings


def localized_postings(
    localizer: Localizer,
    config: WorkspaceConfig,
    role: Role,
    company: Company,
    date: dt.date,
    valid_through: dt.date | None = None,
    opening: Opening | None = None,
    stage: Stage | None = None,
) -> list[Posting]:
    """One posting in each of its languages; a translation missing leaves that language
    out and is kept among the localizer's problems."""
    languages = localizer.languages(company, opening)
    found = []
    for language in languages:
        words = localizer.messages(language, company)
        if language in localizer.unknown:
            continue  # no translation can help: say only that
        role_text = localizer.role(role, language)
        company_text = localizer.company(company, language, role.id)
        opening_text = localizer.opening(opening, company, language) if opening else None
        if words is None or role_text is None or company_text is None:
            continue
        if opening is not None and opening_text is None:
            continue
        # Files are named by language when there are several, or when --language asks for
        # one other than the posting's own: never over the file of its usual language.
        own = len(languages) == 1 and languages == localizer.defaults(company, opening)
        several = () if own else languages
        found.append(
            make_posting(
                config,
                role_text,
                company_text,
                date,
                valid_through,
                opening_text,
                stage,
                words,
                several,
            )
        )
    return found


def require_postable(catalog: Catalog, ids: list[str], company_ids: list[str]) -> None:
    """UsageError for an id that is neither a role nor an opening of each company; an
    opening of another company says whose it is (the usual slip: the wrong `-c`)."""
    opening_ids = {company_id: set(catalog.opening_paths(company_id)) for company_id in company_ids}
    unknown = [name for name in dict.fromkeys(ids) if name not in catalog.role_paths]
    owners = {name: _owners(catalog, name, company_ids) for name in unknown}
    if not any(opening_ids.values()) and not any(owners.values()):
        require_known("role", ids, catalog.role_paths, catalog.workspace.root is None)
        return
    lines = []
    for company_id, found in opening_ids.items():
        for name in unknown:
            if name in found:
                continue
            if owners[name]:
                whose = " or ".join(f"-c {owner}" for owner in owners[name])
                hint = f"; it is an opening of another company ({whose})"
            else:
                close = closest(name, [*catalog.role_paths, *found])
                hint = f"; did you mean {close!r}?" if close else ""
            lines.append(f"unknown role or opening {name!r} of {company_id}{hint}")
            lines.append(f"openings of {company_id}: {', '.join(sorted(found)) or '(none)'}")
    if lines:
        lines.append(f"known roles: {', '.join(i for i in catalog.role_paths if is_slug(i))}")
        raise UsageError("\n".join(dict.fromkeys(lines)))


def _owners(catalog: Catalog, name: str, company_ids: list[str]) -> list[str]:
    """The other companies that have an opening called `name`."""
    others = (c for c in catalog.company_paths if c not in company_ids)
    return [company_id for company_id in others if name in catalog.opening_paths(company_id)]


def opening_rows(catalog: Catalog, company_ids: list[str] | None) -> list[tuple[str, str, str]]:
    """`jobgen list openings`: (company/opening, title, role · level · team · hires) for
    each opening of the companies (all for None), every file checked first."""
    for company_id in company_ids or ():
        require_known("company", company_id, catalog.company_paths, catalog.workspace.root is None)
    chosen = list(catalog.company_paths) if company_ids is None else company_ids
    config, _, companies = catalog.load([], chosen)
    openings = catalog.load_openings(config, companies)
    role_ids = sorted({o.role_id for found in openings.values() for o in found.values()})
    _, roles, _ = catalog.load(role_ids, [])
    rows = []
    for company_id, found in openings.items():
        for opening in found.values():
            role = roles[opening.role_id]
            level = opening_level(config, role, opening)
            details = [role.id, level.id if level else role.seniority]
            details += [opening.team] if opening.team else []
            details += [f"{opening.headcount} hires"] if opening.headcount > 1 else []
            title = opening_title(config, role, opening)
            rows.append((f"{company_id}/{opening.id}", title, " · ".join(details)))
    return rows
