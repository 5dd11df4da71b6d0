"""An opening: one hire (requisition) of a company, on top of a role.

`company_profiles/<company>/openings/<opening-id>.yaml` names its role (or is
named after it) and adds what the hiring manager knows: level, team, reporting
line, outcomes, interviews, places, pay. `check_openings` finds what a single
file cannot know to be wrong: an office the company does not have, a level the
workspace lacks, a requisition id used twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from typing import Annotated

from ..errors import Problem, closest
from ..fast_dataclass import dataclass
from .company_parts import PayRange, pay_place_problems, region_problems
from .fields import (
    FROM_FILE_NAME,
    FROM_FOLDER,
    Headcount,
    LanguageTag,
    LevelId,
    Line,
    RoleId,
    Text,
    Url,
    WorkModel,
)
from .markers import Distinct, OneOrMany
from .models import Company
from .role_context import RoleContext


@dataclass(frozen=True, kw_only=True)
class Opening(RoleContext):
    id: str = field(metadata=FROM_FILE_NAME)
    company: str = field(metadata=FROM_FOLDER)  # the folder it is in: company_profiles/<id>/
    role: RoleId | None = None  # else the file's name is the role id
    title: Line | None = None  # else the level's prefix and the role's title
    level: LevelId | None = None
    requisition_id: Line | None = None
    headcount: Headcount = 1
    locations: tuple[Line, ...] = ()  # some of the company's offices, by city
    work_model: WorkModel | None = None
    remote_regions: tuple[Text, ...] = ()  # where remote applicants may live; else the company's
    pay: Annotated[tuple[PayRange, ...], OneOrMany()] = ()  # else the company's, for the role
    apply_url: Url | None = None  # this job's own page
    valid_through: dt.date | None = None  # the last day to apply
    language: LanguageTag | None = (
        None  # its text's language, and its posting's (else the company's)
    )
    # publish its posting in these (else the company's)
    languages: Annotated[tuple[LanguageTag, ...], Distinct()] = ()

    @property
    def role_id(self) -> str:
        return self.role or self.id

    def closed_on(self, date: dt.date) -> bool:
        """Has its last day to apply passed by `date`?"""
        return self.valid_through is not None and self.valid_through < date


def check_openings(
    openings: Mapping[str, Opening],
    company: Company,
    role_ids: set[str],
    where: Mapping[str, Mapping[str, Problem]],
) -> list[Problem]:
    """What the files of one company's openings cannot say on their own; `where[id][field]`
    is the position of a field in the opening's file (its file alone when unknown)."""
    problems = []
    offices = {location.city.lower(): location.city for location in company.locations}
    requisitions: dict[str, str] = {}

    def problem(opening_id: str, name: str, message: str) -> None:
        spot = where[opening_id].get(name) or where[opening_id][""]
        problems.append(Problem(spot.file, spot.line, spot.column, spot.field or name, message))

    for opening_id, opening in openings.items():
        if opening.role is None and opening_id not in role_ids:
            close = closest(opening_id, sorted(role_ids))
            hint = f" (or rename the file to {close}.yaml?)" if close else ""
            problem(opening_id, "role", f"give the role this is an opening for: role: ROLE{hint}")
        elif opening.role and opening_id in role_ids and opening.role != opening_id:
            problem(
                opening_id,
                "role",
                f"the file is named after the role {opening_id!r} but is an opening for "
                f"{opening.role!r}; rename the file (its postings would take the other's place)",
            )
        for number, city in enumerate(opening.locations):
            if city.lower() not in offices:
                close = closest(city, list(offices.values()), ignore_case=True)
                known = ", ".join(offices.values()) or "(none)"
                hint = f"did you mean {close!r}?" if close else f"its offices: {known}"
                problem(
                    opening_id,
                    f"locations[{number}]",
                    f"{company.name} has no office in {city!r}; {hint}",
                )
        if opening.requisition_id:
            first = requisitions.setdefault(opening.requisition_id, opening_id)
            if first != opening_id:
                problem(
                    opening_id,
                    "requisition_id",
                    f"requisition id {opening.requisition_id!r} is the id of opening {first!r} "
                    "too; each opening needs its own",
                )
        chosen = {city.lower() for city in opening.locations}
        own_offices = [loc for loc in company.locations if loc.city.lower() in chosen]
        for name, message in region_problems(
            opening.remote_regions, tuple(own_offices or company.locations)
        ):
            problem(opening_id, name, message)
        if opening.pay:
            regions = opening.remote_regions or company.remote_regions
            places_of_pay = own_offices or list(company.locations)
            for name, message in pay_place_problems(
                {"": opening.pay}, places_of_pay, regions, "pay"
            ):
                problem(opening_id, name, message)
        work_model = opening.work_model or company.work_model
        places = opening.locations or [loc.city for loc in company.locations]
        if work_model == "remote" and not (
            places or opening.remote_regions or company.remote_regions
        ):
            problem(
                opening_id,
                "work_model",
                "a remote opening needs the company's remote_regions or an office; search "
                "engines refuse a remote job with neither",
            )
        if work_model != "remote" and not places:
            problem(opening_id, "work_model", "a hybrid or on-site opening needs an office")
    return problems
