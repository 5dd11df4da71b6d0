"""The parts a company profile is made of: pay ranges, offices, values, how to apply,
the brand, and what the posting must say about hiring (AI screening, the vacancy).

Offices and remote regions are checked against ISO 3166 (`regions.py`): a code
that could name two places is refused, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

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
        return range_problems(self.min, self.max)


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
