"""The typed models of jobgen's input files and of one posting.

The type hints are the schema: `validate.build` checks YAML against them, with
the field types of `fields.py`. `docs/input-files.md` describes every field for
users. Models are frozen so that one posting's template can never change what
the next posting sees. The `lint:` settings of jobgen.yaml are in `lint_settings.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from .fields import (
    COUNTRY_NAMES,
    DEFAULT_FORMATS,
    FROM_FILE_NAME,
    Amount,
    Color,
    CountryCode,
    CurrencyCode,
    Days,
    Email,
    EmploymentType,
    Folder,
    FontName,
    Format,
    Headcount,
    Image,
    LanguageTag,
    Line,
    OutputFolder,
    Period,
    RoleId,
    Seniority,
    Slug,
    StageId,
    Text,
    TextWidth,
    Url,
    WorkModel,
    range_problems,
)
from .lint_settings import LintConfig
from .markers import OneOrMany

# --- Roles -----------------------------------------------------------------


@dataclass(frozen=True)
class SalaryFigure:
    currency: CurrencyCode
    period: Period
    source: Text
    min: Amount | None = None
    max: Amount | None = None
    median: Amount | None = None
    average: Amount | None = None
    max_open: bool = False  # the source gives the top of the band as "400,000+"
    note: Text | None = None  # what the figure covers: "US average", "at top tech companies"

    def problems(self) -> list[tuple[str, str]]:
        if self.min is None and self.median is None and self.average is None:
            return [("min", "give min (with max), median or average")]
        return range_problems(self.min, self.max)


@dataclass(frozen=True)
class MarketFact:
    text: Text
    source: Text


@dataclass(frozen=True)
class Market:
    facts: tuple[MarketFact, ...] = ()
    salary: SalaryFigure | None = None


@dataclass(frozen=True)
class Role:
    id: str = field(metadata=FROM_FILE_NAME)
    title: Line
    summary: Text
    seniority: Seniority
    employment_type: EmploymentType
    responsibilities: tuple[Text, ...]
    skills: tuple[Text, ...]
    why_it_matters: Text
    tools: tuple[Text, ...] = ()
    nice_to_have: tuple[Text, ...] = ()
    market: Market | None = None

    def problems(self) -> list[tuple[str, str]]:
        return [
            (name, "expected at least one item, got an empty list")
            for name in ("responsibilities", "skills")
            if not getattr(self, name)
        ]

    JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "properties": {"responsibilities": {"minItems": 1}, "skills": {"minItems": 1}}
    }


# --- Company profiles ------------------------------------------------------


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
        if self.region and self.country in ("US", "CA"):
            return f"{self.city}, {self.region}"
        return f"{self.city}, {COUNTRY_NAMES.get(self.country, self.country)}"


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


@dataclass(frozen=True)
class Company:
    id: str = field(metadata=FROM_FILE_NAME)
    name: Line
    stage: StageId
    industry: Text
    website: Url
    employees: Headcount
    about: Text
    mission: Text
    benefits: tuple[Text, ...]
    work_model: WorkModel
    locations: tuple[Location, ...]
    apply: Apply
    equal_opportunity: Text
    brand: Brand
    pay: dict[RoleId, Annotated[tuple[PayRange, ...], OneOrMany()]]
    language: LanguageTag = "en"
    values: tuple[CompanyValue, ...] = ()
    work_model_note: Text | None = None
    remote_regions: tuple[Text, ...] = ()
    templates: Folder | None = None  # this company's own templates (default: <id>/templates)
    valid_for_days: Days | None = None  # how long a posting stays open, from its date

    def problems(self) -> list[tuple[str, str]]:
        problems = [
            ("pay", f"{role_id}: expected at least one pay range, got an empty list")
            for role_id, ranges in self.pay.items()
            if not ranges
        ]
        if not self.locations and self.work_model != "remote":
            problems.append(
                ("locations", "a hybrid or on-site company needs at least one location")
            )
        if self.work_model == "remote" and not (self.locations or self.remote_regions):
            problems.append(
                (
                    "remote_regions",
                    "a remote company needs remote_regions (where applicants may live) or a "
                    "location; search engines refuse a remote job with neither",
                )
            )
        return problems

    JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "if": {"properties": {"work_model": {"enum": ["hybrid", "onsite"]}}},
        "then": {"properties": {"locations": {"minItems": 1}}},
        "else": {"anyOf": [{"required": ["remote_regions"]}, {"required": ["locations"]}]},
    }


# --- Workspace -------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    id: Slug
    name: Line
    description: Text
    roles: tuple[RoleId, ...]


@dataclass(frozen=True)
class Defaults:
    output: OutputFolder = "output"
    formats: tuple[Format, ...] = DEFAULT_FORMATS  # type: ignore[assignment]
    text_width: TextWidth = 72  # for txt; 0: no wrapping


@dataclass(frozen=True)
class WorkspaceConfig:
    stages: tuple[Stage, ...] = ()  # none: the built-in stages apply
    defaults: Defaults = Defaults()
    lint: LintConfig = LintConfig()  # noqa: RUF009 (frozen: sharing one is safe)

    def problems(self) -> list[tuple[str, str]]:
        ids = [stage.id for stage in self.stages]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        problems = [("stages", f"stage id {i!r} is given more than once") for i in repeated]
        if not self.defaults.formats:
            problems.append(("defaults", "formats: give at least one of md, html, docx, json, txt"))
        return problems

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)


# --- One posting -----------------------------------------------------------


@dataclass(frozen=True)
class Posting:
    """Everything one posting is made of: the role, who hires, when."""

    role: Role
    company: Company
    stage: Stage | None
    date: dt.date
    closes: dt.date | None = None  # --valid-through; else the profile's valid_for_days apply

    @property
    def valid_through(self) -> dt.date | None:
        """The last day to apply, if known."""
        if self.closes is not None:
            return self.closes
        days = self.company.valid_for_days
        return self.date + dt.timedelta(days=days) if days else None

    @property
    def pay(self) -> tuple[PayRange, ...]:
        return self.company.pay.get(self.role.id, ())

    @property
    def slug(self) -> str:
        return f"{self.company.id}/{self.role.id}"
