"""The parts a company profile is made of: pay ranges, offices, values, how to apply,
the brand, and what the posting must say about hiring (AI screening, the vacancy).

Offices and remote regions are checked against ISO 3166 (`regions.py`): a code
that could name two places is refused, never guessed.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from ..errors import closest
from ..fast_dataclass import dataclass
from .fields import (
    Amount,
    Color,
    CountryCode,
    CurrencyCode,
    Email,
    FontName,
    Image,
    Line,
    Period,
    Text,
    Url,
    range_problems,
)
from .markers import Shorthand
from .regions import (
    CHECKED_OFFICE_REGIONS,
    RegionError,
    country_name,
    place_names,
    resolve_region,
    subdivision_code,
    subdivision_hint,
)


@dataclass(frozen=True)
class PayRange:
    currency: CurrencyCode
    min: Amount
    max: Amount
    period: Period
    where: Line | None = None  # the office or region this range applies to
    equity: Text | None = None

    def problems(self) -> list[tuple[str, str]]:
        return range_problems(self.min, self.max) + self._implausible()

    def _implausible(self) -> list[tuple[str, str]]:
        """A yearly or monthly amount too small to be one: most often "75.000", a thousands
        separator YAML reads as a decimal point (75.0)."""
        least = _LEAST_PAY.get(self.period)
        for name in ("min", "max"):
            amount = getattr(self, name)
            if least and amount < least:
                hint = (
                    f"; if you meant {amount * 1000:,.0f}, write {amount * 1000:.0f} "
                    "(YAML reads a dot as a decimal point, not a thousands separator)"
                    if amount != int(amount) or amount < 1000
                    else ""
                )
                return [
                    (name, f"expected pay per {self.period} of at least {least:,}, "
                     f"got {amount:g}{hint}")
                ]  # fmt: skip
        return []


# The least pay per period that can be meant (in any currency, JPY and KRW included).
_LEAST_PAY = {"year": 1000, "month": 100}


def pay_place_problems(
    pay: dict[str, tuple[PayRange, ...]],
    offices: tuple[Location, ...] | list[Location],
    regions: tuple[str, ...],
    prefix: str = "pay.",
) -> list[tuple[str, str]]:
    """A range whose `where` names none of the offices or remote regions: its candidates
    would read another place's pay as theirs (and an opening picks ranges by their
    office's city). `pay` is by role id; the problems are at `pay.ROLE[N].where`, or at
    `{prefix}ROLE...` ("pay" and the role id "" for an opening's own list). Also: of
    several ranges, one that says no place, or a place another range has already."""
    problems = _ranges_without_one_place(pay, prefix)
    if not (offices or regions):
        return problems  # the missing places are the problem, reported on their own
    names = [*regions, "remote", "anywhere"]
    for office in offices:
        names += office.names
    for role_id, ranges in pay.items():
        for number, entry in enumerate(ranges):
            where = entry.where
            if not where or any(names_place(name, where) for name in names):
                continue
            field = f"{prefix}{role_id}" + (f"[{number}]" if len(ranges) > 1 else "") + ".where"
            hint = closest(where, [office.city for office in offices] + list(regions))
            places = "; ".join(dict.fromkeys([o.label for o in offices] + list(regions)))
            problems.append(
                (
                    field,
                    f"{where!r} is not one of the company's places"
                    + (f" (did you mean {hint!r}?)" if hint else "")
                    + f"; name an office or remote region: {places or 'none given'}",
                )
            )
    return problems


def _ranges_without_one_place(
    pay: dict[str, tuple[PayRange, ...]], prefix: str
) -> list[tuple[str, str]]:
    """Several ranges of one role each say where they apply, and no two the same place: a
    posting shows each under its place, and an opening picks its office's."""
    problems = []
    for role_id, ranges in pay.items():
        if len(ranges) < 2:
            continue
        seen: dict[str, int] = {}
        for number, entry in enumerate(ranges):
            field = f"{prefix}{role_id}[{number}]"
            if not entry.where:
                problems.append(
                    (field, "with several ranges, each says where it applies: add where: "
                     "an office's city or a remote region")
                )  # fmt: skip
                continue
            place = " ".join(entry.where.lower().split())
            if place in seen:
                problems.append(
                    (f"{field}.where", f"{entry.where!r} has a range already "
                     f"({prefix}{role_id}[{seen[place]}]); give each place one range")
                )  # fmt: skip
            seen.setdefault(place, number)
    return problems


def names_place(name: str, where: str) -> bool:
    """Does `where` name `name` as a whole word ("DE" is in "Berlin, DE", not in "Madrid")?"""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", where, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Location:
    city: Line
    country: CountryCode
    region: Text | None = None

    @property
    def label(self) -> str:
        """`New York, NY` in the US and Canada, `London, United Kingdom` elsewhere."""
        if self.region and self.country in CHECKED_OFFICE_REGIONS:
            return f"{self.city}, {self.region}"
        return f"{self.city}, {country_name(self.country)}"

    @property
    def names(self) -> list[str]:
        """How a pay range's `where` may name this office: its city, its state or province
        (code or name), its country (code or name)."""
        return [self.city, *place_names(self.country, self.region)]

    def problems(self) -> list[tuple[str, str]]:
        # US and Canadian laws and labels go by state and province: check those
        region, country = self.region, self.country
        if region and country in CHECKED_OFFICE_REGIONS and not subdivision_code(country, region):
            return [("region", f"expected {subdivision_hint(country, region)}")]
        return []


def region_problems(
    regions: tuple[str, ...], offices: tuple[Location, ...]
) -> list[tuple[str, str]]:
    """A problem for each remote region that names no place, or more than one."""
    home = [location.country for location in offices]
    problems = []
    for number, name in enumerate(regions):
        try:
            resolve_region(name, home)
        except RegionError as error:
            problems.append((f"remote_regions[{number}]", str(error)))
    return problems


@dataclass(frozen=True)
class CompanyValue:
    name: Line
    description: Text


@dataclass(frozen=True)
class Apply:
    url: Url | None = None
    email: Email | None = None
    instructions: Text | None = None
    direct: bool = False  # the url starts an application for this job (schema.org directApply)

    def problems(self) -> list[tuple[str, str]]:
        if not (self.url or self.email):
            return [("url", "give a url, an email or both")]
        if self.direct and not self.url:
            return [("direct", "direct: true says the url starts an application; give the url")]
        return []

    # The same rules for editors (see json_schema.py).
    JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "anyOf": [{"required": ["url"]}, {"required": ["email"]}]
    }


@dataclass(frozen=True)
class Brand:
    color: Color
    font: FontName
    accent: Color | None = None
    logo: Image | None = None  # shown in the page header and at the top of the Word file
    logo_url: Url | None = None  # the logo on the web, for search engines (JSON-LD)

    def problems(self) -> list[tuple[str, str]]:
        """The pages write headings and links in the brand colour on white, and white
        text on it (the header, the Apply button): WCAG 2.1 AA asks 4.5:1 of both."""
        ratio = contrast_with_white(self.color)
        if ratio >= MIN_CONTRAST:
            return []
        return [
            (
                "color",
                f"{self.color} is too light for text: against white it has a contrast of "
                f"{int(ratio * 100) / 100:.2f}:1, and the pages need {MIN_CONTRAST}:1 (WCAG "
                "2.1 AA) for the headings and links in it and the white text on it; a darker "
                "shade of it "
                f'that does: "{darker(self.color)}" (a light colour can be the accent)',
            )
        ]


MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(color: str) -> float:
    """WCAG's contrast ratio of `color` (#RRGGBB) against white, from 1 to 21."""
    return 1.05 / (_luminance(color) + 0.05)


def darker(color: str) -> str:
    """`color` darkened step by step, hue kept, until white text on it passes AA."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(101):
        scaled = "#" + "".join(f"{round(c * (1 - step / 100)):02X}" for c in channels)
        if contrast_with_white(scaled) >= MIN_CONTRAST:
            return scaled
    return "#000000"


# Whether a posting is for a job that is open now: Ontario asks every posting to say.
Vacancy = Literal["existing", "new", "pipeline"]


@dataclass(frozen=True)
class AiScreening:
    """Whether software with artificial intelligence screens, assesses or selects
    applicants, and if so which and how: Ontario asks every posting to say; Illinois,
    New York City and Colorado ask for notice when it does."""

    used: bool
    tool: Line | None = None  # the product: "Ashby's application review"
    decides: Text | None = None  # what it does, after its name: "ranks applications for ..."
    contact: Text | None = None  # whom to ask about it: an email address or a page

    def problems(self) -> list[tuple[str, str]]:
        if not self.used:
            return []
        return [
            (name, f"say {what}: the posting names it ({example})")
            for name, what, example in (
                ("tool", "which tool is used", "tool: Ashby's application review"),
                ("decides", "what it does", "decides: ranks applications for a recruiter"),
            )
            if not getattr(self, name)
        ]


AiUse = Annotated[AiScreening, Shorthand("used")]  # `ai_screening: no` says it all


@dataclass(frozen=True)
class Hiring:
    """What a company's postings say about its hiring, unless an opening says otherwise."""

    ai_screening: AiUse | None = None
    vacancy: Vacancy | None = None
