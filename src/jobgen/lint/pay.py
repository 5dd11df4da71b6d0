"""Pay in a posting's text, and the pay-transparency laws that apply to a company.

The laws and places are data (lint/pay-transparency.yaml); this module only
reads money out of text and decides where a company hires.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..inputs.models import Company
from ..inputs.regions import subdivision_code

_CURRENCY = (
    r"(?:US\$|CA\$|C\$|A\$|AU\$|NZ\$|S\$|\$|€|£|¥"
    r"|USD|EUR|GBP|CAD|AUD|CHF|JPY|SEK|NOK|DKK|PLN|INR|SGD)"
)
_NUMBER = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = rf"(?:{_NUMBER})(?:\s?[kK]\b)?"
MONEY = re.compile(rf"{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?{_CURRENCY}(?![A-Za-z])")
RANGE = re.compile(
    rf"(?P<low>{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}(?:\s?{_CURRENCY})?)\s*(?:-|–|—|to)\s*"
    rf"(?P<high>{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}(?:\s?{_CURRENCY})?)"
)
# "$150,000+", "$150,000 and up", "from $150,000", "up to $200,000": no minimum or no maximum.
_NO_TOP_OR_BOTTOM = r"from|starting at|starts at|up to|at least|minimum of|maximum of"
OPEN_ENDED = re.compile(
    rf"(?:\b(?:{_NO_TOP_OR_BOTTOM})\s+(?:{MONEY.pattern}))"
    rf"|(?:(?:{MONEY.pattern})\s*(?:\+|\b(?:and up|and above|or more|plus)\b))",
    re.IGNORECASE,
)
SYMBOLS = {"US$": "USD", "$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD",
           "NZ$": "NZD", "S$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY"}  # fmt: skip


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str | None  # None: the figure had no currency of its own


def parse_money(text: str) -> Money:
    """`$145,000` -> 145000 USD; `150k €` -> 150000 EUR; `190,000` -> 190000, no currency."""
    currency = None
    match = re.search(_CURRENCY, text)
    if match:
        currency = SYMBOLS.get(match.group(), match.group())
    number = re.search(_AMOUNT, text)
    assert number is not None  # the patterns above only match text with a number
    raw = number.group().strip()
    thousands = raw[-1] in "kK"
    digits = raw.rstrip("kK ").replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):  # 145,000 or 145.000
        value = float(re.sub(r"[.,]", "", digits))
    else:
        value = float(digits.replace(",", "."))
    return Money(value * 1000 if thousands else value, currency)


@dataclass(frozen=True)
class PayRange:
    low: Money
    high: Money
    text: str

    @property
    def currency(self) -> str | None:
        return self.high.currency or self.low.currency


def pay_ranges(text: str) -> list[PayRange]:
    """Every `A – B` of money in `text`, where at least one side names a currency."""
    found = []
    for match in RANGE.finditer(text):
        low, high = parse_money(match.group("low")), parse_money(match.group("high"))
        if (low.currency or high.currency) and low.amount <= high.amount:
            found.append(PayRange(low, high, match.group().strip()))
    return found


def open_ended(text: str) -> list[str]:
    """Pay given with no top or no bottom: `$150,000+`, `from $90,000`."""
    return [m.group().strip() for m in OPEN_ENDED.finditer(text)]


# --- Where a company hires, and which laws apply ---------------------------


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


def applicable_laws(
    laws: Iterable[Law], areas: list[Area], employees: int, date: dt.date, ignore: Iterable[str]
) -> list[tuple[Law, Area]]:
    """Each law in force on `date` for an employer of `employees` that covers one of
    `areas`, with the first area it covers."""
    skipped = set(ignore)
    found = []
    for law in laws:
        if law.id in skipped or date < law.effective or employees < law.min_employees:
            continue
        area = next((a for a in areas if law.covers(a)), None)
        if area is not None:
            found.append((law, area))
    return found
