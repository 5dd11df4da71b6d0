"""One hire's posting: the role and the company as this hire has them.

A posting starts from the role file, then what the company says of the role for
all its openings (`roles:` in the profile), then the opening's own fields; the
company's `stack` keeps only the tools it runs from each set of alternatives,
in the tools list and in the text. The company keeps only the opening's offices,
pay and apply page. Everything downstream (templates, formats, lint, pay laws)
reads the result as it reads any role and company.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..errors import UsageError
from .company_parts import names_place
from .levels import Level
from .localize import localized_level
from .messages import Messages
from .models import Company, Hire, Posting, Role, Stage, WorkspaceConfig
from .openings import Opening
from .regions import Region, resolve_region
from .role_context import RoleContext

TEXT_FIELDS = ("summary", "why_it_matters")
LIST_FIELDS = ("responsibilities", "skills", "nice_to_have", "tools")
# What the company's `roles:` and an opening both may say of a hire (the opening wins).
HIRE_FIELDS = (
    "team", "reports_to", "outcomes", "visa_sponsorship", "relocation", "travel", "on_call",
)  # fmt: skip


def make_posting(
    config: WorkspaceConfig,
    role: Role,
    company: Company,
    date: dt.date,
    valid_through: dt.date | None = None,
    opening: Opening | None = None,
    stage: Stage | None = None,
    words: Messages | None = None,
    languages: tuple[str, ...] = (),
) -> Posting:
    """The posting of `role` at `company` (for `opening`, when given) on `date`; its
    stage is the given one, else the first stage of jobgen.yaml that lists the role.
    With `words`, it is in their language (role, company and opening already
    translated), one of `languages` it is published in."""
    if stage is None:
        stage = next((s for s in config.stages if role.id in s.roles), None)
    layers = [layer for layer in (company.roles.get(role.id), opening) if layer is not None]
    own = {}  # what only an opening can say
    if opening is not None:
        _refuse_closed(opening, date)
        own = {
            "opening": opening.id,
            "level": opening_level(config, role, opening),
            "requisition_id": opening.requisition_id,
            "headcount": opening.headcount,
            "apply_url": opening.apply_url,
            "valid_through": opening.valid_through,
        }
    level = own.pop("level", None) if own else None
    if words is not None:
        level = localized_level(level, words)
    hire = Hire(
        level=level,
        interview=next((layer.interview for layer in reversed(layers) if layer.interview), ()),
        **{name: _last(layers, name) for name in HIRE_FIELDS},
        # what the law asks a posting to say: the opening's, else the company's
        vacancy=_last(layers, "vacancy") or company.hiring.vacancy,
        ai_screening=_last(layers, "ai_screening") or company.hiring.ai_screening,
        **own,
    )
    tailored_role = _tailored_role(role, layers, company, config, hire.level, opening, words)
    tailored_company = _tailored_company(company, role, opening) if opening else company
    language = words.language if words is not None else "en-US"
    return Posting(
        tailored_role, tailored_company, stage, date, valid_through, hire, language, languages
    )


def opening_level(config: WorkspaceConfig, role: Role, opening: Opening) -> Level | None:
    """An opening is at a level: the one it names, else the role's (by its seniority)."""
    return config.level(opening.level or "") or config.default_level(role.seniority)


def opening_title(
    config: WorkspaceConfig, role: Role, opening: Opening, words: Messages | None = None
) -> str:
    """The opening's title, else the role's with the level's prefix."""
    level = opening_level(config, role, opening)
    if words is not None:
        level = localized_level(level, words)
    return opening.title or _prefixed(level, role.title, words)


# A title that addresses every gender already: "(m/w/d)", "(H/F)", "Entwickler*in".
_GENDER_MARK = re.compile(
    r"\([^()/]{1,12}(?:/[^()/]{1,12}){1,3}\)|\(alle?\s+\w+\)|[*:_]in(?:nen)?\b|/-in\b", re.I
)


def titled(title: str, words: Messages) -> str:
    """The title as the language's convention writes it: "KI-Ingenieur (m/w/d)" in
    German, "(H/F)" in French, as it is in English (the `job title` message)."""
    if _GENDER_MARK.search(title):
        return title
    return words.pgettext("job title", "%(title)s") % {"title": title}


def _last(layers: list[RoleContext], name: str) -> object:
    """The value the most specific layer (the opening, then the company) gives."""
    values = (getattr(layer, name) for layer in reversed(layers))
    return next((value for value in values if value is not None), None)


def _refuse_closed(opening: Opening, date: dt.date) -> None:
    if opening.closed_on(date):
        raise UsageError(
            f"opening {opening.company}/{opening.id} closed on "
            f"{opening.valid_through.isoformat()}, before the posting date {date.isoformat()}; "
            "change its valid_through, or leave the opening out"
        )


def _tailored_role(
    role: Role,
    layers: list[RoleContext],
    company: Company,
    config: WorkspaceConfig,
    level: Level | None,
    opening: Opening | None,
    words: Messages | None = None,
) -> Role:
    changes: dict[str, object] = {}
    for name in TEXT_FIELDS:
        text = _last(layers, name)
        if text is not None:
            changes[name] = text
    for name in LIST_FIELDS:
        items = getattr(role, name)
        for layer in layers:
            edit = getattr(layer, name)
            if edit is not None:
                items = edit.over(items)
        if items != getattr(role, name):
            changes[name] = items
    if level is not None:
        changes["seniority"] = level.seniority
    if opening is not None:
        changes["title"] = opening_title(config, role, opening, words)
    if words is not None:
        changes["title"] = titled(str(changes.get("title", role.title)), words)
    tailored = dataclasses.replace(role, **changes) if changes else role
    either_word = words.gettext("or") if words else "or"
    return _in_stack(tailored, company, config, either_word) if company.stack else tailored


def _prefixed(level: Level | None, title: str, words: Messages | None = None) -> str:
    """`Senior AI/ML Engineer` (`Ingénieur IA/ML senior` in French: the `title with
    level` message); the title as it is when it names the prefix already."""
    prefix = level.prefix if level else None
    if not prefix or re.search(rf"(?<!\w){re.escape(prefix)}(?!\w)", title, re.I):
        return title
    pattern = words.pgettext("title with level", "%(level)s %(title)s") if words else None
    return (pattern or "%(level)s %(title)s") % {"level": prefix, "title": title}


def either(items: list[str] | tuple[str, ...], word: str = "or") -> str:
    """`A`, `A or B`, `A, B or C`: how a role's text names a set of alternatives."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def stack_tools(company: Company, config: WorkspaceConfig) -> frozenset[str]:
    """Every tool the company's stack names, lowercased: each entry, and for a platform
    its other names and its tools (Google Cloud: GCP, Google Vertex AI, BigQuery...)."""
    global _last_stack
    last = _last_stack  # a company's postings are planned one after another
    if last is not None and last[0] is company and last[1] is config:
        return last[2]
    found = set()
    for entry in company.stack:
        found.add(entry.lower())
        for platform in config.all_platforms:
            names = {platform.name.lower(), *(alias.lower() for alias in platform.aliases)}
            if entry.lower() in names:  # the platform by any of its names, and its tools
                found |= names | {tool.lower() for tool in platform.tools}
    _last_stack = (company, config, frozenset(found))  # held: identity cannot be reused
    return _last_stack[2]


_last_stack: tuple[Company, WorkspaceConfig, frozenset[str]] | None = None


def _in_stack(role: Role, company: Company, config: WorkspaceConfig, word: str = "or") -> Role:
    """The role naming, of each set of alternatives, only the tools the stack has;
    a set the stack names none of stays as it is."""
    have = stack_tools(company, config)
    tools = list(role.tools)
    fields = {name: getattr(role, name) for name in (*TEXT_FIELDS, *LIST_FIELDS[:3])}
    for group in role.alternatives:
        chosen = [tool for tool in group if tool.lower() in have]
        if not chosen or len(chosen) == len(group):
            continue
        tools = [tool for tool in tools if tool in chosen or tool not in group]
        before, after = either(group, word), either(chosen, word)
        for name, value in fields.items():
            if isinstance(value, str):
                fields[name] = value.replace(before, after)
            else:
                fields[name] = tuple(item.replace(before, after) for item in value)
    texts = {name: value for name, value in fields.items() if value != getattr(role, name)}
    if tuple(tools) != role.tools:
        texts["tools"] = tuple(tools)
    return dataclasses.replace(role, **texts) if texts else role


def _tailored_remote_areas(company: Company, opening: Opening) -> tuple[Region, ...]:
    if not opening.remote_regions:
        return company.remote_areas
    chosen = {city.lower() for city in opening.locations}
    offices = [loc for loc in company.locations if loc.city.lower() in chosen] or company.locations
    return tuple(
        resolve_region(name, [o.country for o in offices]) for name in opening.remote_regions
    )


def _tailored_company(company: Company, role: Role, opening: Opening) -> Company:
    changes: dict[str, object] = {}
    if opening.locations:
        by_city = {location.city.lower(): location for location in company.locations}
        changes["locations"] = tuple(by_city[city.lower()] for city in opening.locations)
    if opening.work_model:
        changes["work_model"] = opening.work_model
    if opening.remote_regions or opening.locations:
        # Written so they read back the same: "ON" read beside a Toronto office stays
        # Ontario (CA-ON) when the opening keeps only the New York office.
        areas = _tailored_remote_areas(company, opening)
        changes["remote_regions"] = tuple(area.written for area in areas)
    if opening.pay:
        changes["pay"] = {**company.pay, role.id: opening.pay}
    elif opening.locations and company.pay.get(role.id):
        # The company's ranges for the opening's offices, by city, state or country, those
        # for its remote regions, and those for anywhere.
        cities = {city.lower() for city in opening.locations}
        names = [n for o in company.locations if o.city.lower() in cities for n in o.names]
        remote = changes.get("remote_regions", company.remote_regions)
        names += [*remote, "remote", "anywhere"] if remote else []
        ranges = company.pay[role.id]
        kept = tuple(
            r for r in ranges if not r.where or any(names_place(n, r.where) for n in names)
        )
        changes["pay"] = {**company.pay, role.id: kept or ranges}
    # The opening's own page is where a candidate applies for this job; without one, the
    # company's apply url is a careers page, not this job's application.
    apply = dataclasses.replace(
        company.apply,
        url=opening.apply_url or company.apply.url,
        direct=opening.apply_url is not None,
    )
    changes["apply"] = apply
    return dataclasses.replace(company, **changes)
