"""Places and currencies as ISO knows them, read from `iso_codes.json` on first use.

A remote region may be a country (`Germany`, `DE`), a state or province
(`Colorado`, `US-CO`), the EU, or anywhere. A two-letter code is never guessed:
one that is both a country and a state it could mean here (DE: Germany or
Delaware; CA: Canada or California) is refused, with both spellings offered.
Other names (`New York City`, `Europe`) pass as written: lint knows some cities,
and says which places it cannot check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ..errors import closest
from ..fast_dataclass import dataclass

ISO_FILE = Path(__file__).with_name("iso_codes.json")
EU_MEMBERS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip
UNIONS = {"eu": EU_MEMBERS, "european union": EU_MEMBERS}
EVERYWHERE = {"anywhere", "worldwide", "global"}
# States always read as states: a US company writes CO for Colorado, not Colombia.
ALWAYS_HOME = ("US",)
# Offices' regions are checked in these countries, where jobgen's laws and labels use
# them; elsewhere a region is shown as written (local names vary: Bayern, Bavaria).
CHECKED_OFFICE_REGIONS = ("US", "CA")
# Where a state or province code is most likely meant, for a did-you-mean.
LIKELY_COUNTRIES = ("CA", "AU", "GB", "IN", "DE", "BR", "MX", "ES", "IT", "FR")
_CODE = re.compile(r"[A-Za-z]{2}")
_SUBDIVISION_CODE = re.compile(r"([A-Za-z]{2})-([A-Za-z0-9]{1,3})")


@dataclass(frozen=True)
class Region:
    """A place applicants may live in, as a posting shows it and as laws look it up."""

    name: str  # "Germany", "Delaware", or as written ("EU", "New York City")
    kind: Literal["country", "subdivision", "union", "everywhere", "other"]
    country: str | None = None  # "DE"; "US" for Delaware
    subdivision: str | None = None  # "DE" of US-DE
    countries: tuple[str, ...] = ()  # the members of a union

    @property
    def code(self) -> str | None:
        """`DE`, `US-DE`; None for the other kinds."""
        if self.kind == "subdivision":
            return f"{self.country}-{self.subdivision}"
        return self.country if self.kind == "country" else None

    @property
    def written(self) -> str:
        """How to write this place so that it reads back the same beside any office: a
        state by its ISO code (`US-DE`), a country by its name, or its code where the
        name is also a state's (Georgia: `GE`)."""
        if self.kind == "subdivision":
            return f"{self.country}-{self.subdivision}"
        if self.kind == "country":
            states = [iso().subdivisions.get(c, {}).values() for c in (*ALWAYS_HOME, "CA")]
            shared = any(self.name.lower() == n.lower() for names in states for n in names)
            return self.country if shared else self.name  # type: ignore[return-value]
        return self.name


class RegionError(ValueError):
    """A region written so that it names no place, or more than one."""


@dataclass(frozen=True)
class IsoCodes:
    countries: dict[str, list[str]]  # code -> names, the one to show first
    subdivisions: dict[str, dict[str, str]]  # country -> {code: name}
    currencies: dict[str, str]  # code -> name
    country_by_name: dict[str, str]  # lowercased name -> code


@lru_cache(maxsize=1)
def iso() -> IsoCodes:
    data = json.loads(ISO_FILE.read_text(encoding="utf-8"))
    countries = data["countries"]
    by_name = {name.lower(): code for code, names in countries.items() for name in names}
    return IsoCodes(countries, data["subdivisions"], data["currencies"], by_name)


def country_name(code: str) -> str:
    names = iso().countries.get(code)
    return names[0] if names else code


def place_names(country: str | None, region: str | None = None) -> list[str]:
    """The ways text may name a place's country and state: `CA`, `Canada`, `ON`,
    `Ontario` (the region given as a code or a name)."""
    if not country:
        return []
    names = [country, country_name(country)]
    if region:
        code = subdivision_code(country, region)
        state = iso().subdivisions.get(country, {}).get(code or "")
        names += [name for name in dict.fromkeys((region, code, state)) if name]
    return names


def is_country(code: str) -> bool:
    return code in iso().countries


def country_hint(text: str) -> str | None:
    """`Germany` -> "did you mean 'DE'?"; None when nothing is close."""
    codes = iso()
    found = codes.country_by_name.get(text.strip().lower())
    if found is None and text.strip().upper() in codes.countries:
        found = text.strip().upper()
    if found is None:
        name = closest(text.strip(), codes.country_by_name, ignore_case=True)
        found = codes.country_by_name[name.lower()] if name else None
    return f"did you mean {found!r} ({country_name(found)})?" if found else None


def is_currency(code: str) -> bool:
    return code in iso().currencies


def currency_hint(text: str) -> str | None:
    """`usd` -> "did you mean 'USD'?"; `Euro` or `€` -> 'EUR'."""
    currencies = iso().currencies
    key = text.strip()
    symbols = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
    found = symbols.get(key) or (key.upper() if key.upper() in currencies else None)
    if found is None:
        by_name = {name.lower(): code for code, name in currencies.items()}
        name = closest(key, by_name, ignore_case=True)
        found = by_name[name.lower()] if name else None
    return f"did you mean {found!r} ({currencies[found]})?" if found else None


def subdivision_code(country: str, text: str) -> str | None:
    """`CO` or `Colorado` in the US -> `CO`; None when the country has no such part."""
    parts = iso().subdivisions.get(country, {})
    key = text.strip()
    if key.upper() in parts:
        return key.upper()
    return next((code for code, name in parts.items() if name.lower() == key.lower()), None)


def subdivision_hint(country: str, text: str) -> str:
    """What to write instead of an unknown region of `country`."""
    parts = iso().subdivisions.get(country, {})
    name = closest(text.strip(), [*parts, *parts.values()], ignore_case=True)
    example = f"did you mean {name!r}?" if name else f"like {next(iter(parts), 'XX')!r}"
    return f"a region of {country_name(country)} by code or name; {example}"


def resolve_region(text: str, home: Iterable[str] = ()) -> Region:
    """The place `text` names; `home` are the countries of the offices, whose states
    a two-letter code may mean. RegionError when it names none, or two."""
    written = text.strip()
    key = written.lower()
    if key in EVERYWHERE:
        return Region(written, "everywhere")
    if key in UNIONS:
        return Region(written, "union", countries=UNIONS[key])
    homes = list(dict.fromkeys([*home, *ALWAYS_HOME]))
    codes = iso()
    if match := _SUBDIVISION_CODE.fullmatch(written):
        return _iso_subdivision(match.group(1).upper(), match.group(2).upper(), written)
    if _CODE.fullmatch(written):
        code = written.upper()
        states = [c for c in homes if code in codes.subdivisions.get(c, {})]
        return _one(written, code if code in codes.countries else None, [(c, code) for c in states])
    country = codes.country_by_name.get(key)
    states = [
        (c, part)
        for c in [*homes, "CA"]
        for part, name in codes.subdivisions.get(c, {}).items()
        if name.lower() == key
    ]
    if country or states:
        return _one(written, country, list(dict.fromkeys(states)))
    return Region(written, "other")


def _iso_subdivision(country: str, part: str, written: str) -> Region:
    codes = iso()
    if country not in codes.countries:
        raise RegionError(f"{written!r}: {country!r} is not an ISO 3166 country code")
    parts = codes.subdivisions.get(country, {})
    if part not in parts:
        close = closest(part, parts)
        hint = f"; did you mean '{country}-{close}' ({parts[close]})?" if close else ""
        raise RegionError(f"{written!r}: {country_name(country)} has no region {part!r}{hint}")
    return Region(parts[part], "subdivision", country, part)


def _one(written: str, country: str | None, states: list[tuple[str, str]]) -> Region:
    """The one place a code or name means; RegionError naming each if it means several,
    or none."""
    codes = iso()
    options = [f"{country_name(country)} ({country})"] if country else []
    options += [f"{codes.subdivisions[c][s]} ({c}-{s})" for c, s in states]
    if len(options) > 1:
        # the country by the spelling that is not in doubt: DE -> 'Germany', Georgia -> 'GE'
        as_code = written.upper() == country
        spellings = [repr(country_name(country) if as_code else country)] if country else []
        spellings += [f"'{c}-{s}'" for c, s in states]
        raise RegionError(
            f"{written!r} could be {' or '.join(options)}; write {' or '.join(spellings)}"
        )
    if country:
        return Region(country_name(country), "country", country)
    if states:
        c, s = states[0]
        return Region(codes.subdivisions[c][s], "subdivision", c, s)
    code = written.upper()
    countries = sorted(codes.subdivisions, key=lambda c: c not in LIKELY_COUNTRIES)
    elsewhere = [
        f"'{c}-{code}' ({codes.subdivisions[c][code]})"
        for c in countries
        if code in codes.subdivisions[c]
    ]
    if elsewhere:
        hint = f"did you mean {' or '.join(elsewhere[:3])}?"
    else:
        hint = country_hint(written) or "a state or province is written with its country: 'US-CO'"
    raise RegionError(f"{written!r} is not an ISO 3166 country code; {hint}")
