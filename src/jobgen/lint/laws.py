"""Which job-ad laws reach a posting: where a company hires, as areas, and the laws in
force (or coming into force before the posting closes) that cover one of them.

The laws and the cities they name are data (lint/laws.yaml, read into the rule book);
countries and states come from ISO 3166 through the company's own places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..fast_dataclass import dataclass
from ..inputs.models import Company
from ..inputs.regions import subdivision_code


@dataclass(frozen=True)
class Area:
    """A place: a country, a region of it, or a city; `countries` for a union; all for
    `everywhere`. `remote` areas are where applicants may live, not offices."""

    label: str
    country: str | None = None
    region: str | None = None
    city: str | None = None
    countries: tuple[str, ...] = ()
    everywhere: bool = False
    remote: bool = False


@dataclass(frozen=True)
class Law:
    id: str
    jurisdiction: str
    law: str
    effective: dt.date
    min_employees: int
    employees_counted: str
    where: dict[str, Any]
    remote: bool
    requires: tuple[str, ...]
    notes: str
    source: str
    range_width: dict[str, Any] | None = None
    confirmed: bool = True  # False: the date or the text is unsettled; warnings at most
    unconfirmed: str = ""  # what is unsettled, and which source was followed
    local_experience_phrases: tuple[str, ...] = ()  # no_local_experience: what to flag
    pay_to_applicants_by: str | None = None  # pay_to_applicants: the stage pay is due by

    @property
    def name(self) -> str:
        return f"{self.jurisdiction}: {self.law}"

    def covers(self, area: Area) -> bool:
        """True if this law reaches a job in `area`: an office inside the law's place,
        or (for a law that covers remote work) a remote area that includes some of it."""
        if area.remote and not self.remote:
            return False
        where = self.where
        if area.everywhere:
            return True
        countries = set(where.get("countries", ())) or {where.get("country")}
        if area.countries:  # a union of countries: applicants may live in any
            return bool(countries & set(area.countries))
        if area.country not in countries:
            return False
        region, cities = where.get("region"), {c.lower() for c in where.get("cities", ())}
        if not region:
            return True
        if area.region is None:  # the whole country: applicants may live in this region
            return area.remote
        if area.region != region:
            return False
        if not cities:
            return True
        if area.city is None:  # the whole region: applicants may live in this city
            return area.remote
        return area.city.lower() in cities


@dataclass(frozen=True)
class PlaceTable:
    """Names a profile may use for places (`United States`, `Colorado`, `EU`)."""

    entries: tuple[dict[str, Any], ...]

    def area(self, name: str, remote: bool) -> Area | None:
        key = name.strip().lower()
        for entry in self.entries:
            if key in (n.lower() for n in entry["names"]):
                return Area(
                    name.strip(),
                    entry.get("country"),
                    entry.get("region"),
                    entry.get("city"),
                    tuple(entry.get("countries", ())),
                    bool(entry.get("everywhere")),
                    remote,
                )
        return None


def company_areas(company: Company, places: PlaceTable) -> tuple[list[Area], list[str]]:
    """The offices and remote regions of `company` as areas; and the remote regions
    neither ISO nor the place table knows (a city the table lacks, "Europe")."""
    areas = [
        Area(loc.label, loc.country, subdivision_code(loc.country, loc.region or ""), loc.city)
        for loc in company.locations
    ]
    unknown = []
    for region in company.remote_areas:
        if region.kind == "other":
            area = places.area(region.name, remote=True)
            if area is None:
                unknown.append(region.name)
            else:
                areas.append(area)
            continue
        areas.append(
            Area(
                region.name,
                region.country,
                region.subdivision,
                countries=region.countries,
                everywhere=region.kind == "everywhere",
                remote=True,
            )
        )
    return areas, unknown


@dataclass(frozen=True)
class LawMatch:
    """A law that reaches a posting, through `area`; `upcoming` when it takes effect
    after the posting's date but before the posting closes."""

    law: Law
    area: Area
    upcoming: bool = False


def applicable_laws(
    laws: Iterable[Law],
    areas: list[Area],
    employees: int,
    date: dt.date,
    ignore: Iterable[str],
    until: dt.date | None = None,
) -> list[LawMatch]:
    """Each law in force on `date`, or by `until` (the posting's last day), for an
    employer of `employees` that covers one of `areas`, with the first area it covers."""
    skipped = set(ignore)
    last_day = max(date, until or date)
    found = []
    for law in laws:
        if law.id in skipped or last_day < law.effective or employees < law.min_employees:
            continue
        area = next((a for a in areas if law.covers(a)), None)
        if area is not None:
            found.append(LawMatch(law, area, upcoming=date < law.effective))
    return found
