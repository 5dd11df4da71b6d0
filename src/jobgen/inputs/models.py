"""The typed models of jobgen's input files and of one posting.

The type hints are the schema: `validate.build` checks YAML against them, with
the field types of `fields.py`. `docs/input-files.md` describes every field for
users. Models are frozen so that one posting's template can never change what
the next posting sees. The `lint:` settings of jobgen.yaml are in `lint_settings.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Annotated, Any, ClassVar

from ..fast_dataclass import dataclass
from .company_parts import (
    AiScreening,
    Apply,
    Brand,
    CompanyValue,
    Hiring,
    Location,
    PayRange,
    pay_place_problems,
    region_problems,
)
from .fields import (
    FROM_FILE_NAME,
    Amount,
    CurrencyCode,
    Days,
    EmploymentType,
    Folder,
    Format,
    Headcount,
    LanguageTag,
    Line,
    OccupationCode,
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
from .format_names import DEFAULT_FORMATS
from .levels import Level, LevelList, Platform, PlatformList
from .lint_settings import LintConfig
from .markers import Distinct, OneOrMany, Shorthand
from .regions import Region, resolve_region
from .role_context import Answer, InterviewStep, Outcomes, RoleContext

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
        problems = range_problems(self.min, self.max)
        low, high = self.min, None if self.max_open else self.max
        for name in ("median", "average"):  # a figure of the band lies within it
            value = getattr(self, name)
            if value is None or ((low is None or value >= low) and (high is None or value <= high)):
                continue
            band = " to ".join(f"{bound:g}" for bound in (low, high) if bound is not None)
            problems.append((name, f"expected the {name} within the band ({band}), got {value:g}"))
        return problems


@dataclass(frozen=True)
class MarketFact:
    text: Text
    source: Text


@dataclass(frozen=True)
class Market:
    facts: tuple[MarketFact, ...] = ()
    salary: SalaryFigure | None = None


@dataclass(frozen=True)
class Occupation:
    """The role's occupation in the US O*NET-SOC taxonomy (schema.org occupationalCategory)."""

    code: OccupationCode  # "15-2051.00"
    title: Line  # "Data Scientists"


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
    tools: Annotated[tuple[Text, ...], Distinct()] = ()
    nice_to_have: tuple[Text, ...] = ()
    market: Market | None = None
    # Tools of which a company uses one: [[PyTorch, TensorFlow], [AWS SageMaker, ...]].
    # A posting names the ones the company's stack has, in the tools and in the text.
    alternatives: tuple[Annotated[tuple[Line, ...], Distinct()], ...] = ()
    occupation: Occupation | None = None
    language: LanguageTag = "en-US"  # the language its text is written in

    def problems(self) -> list[tuple[str, str]]:
        problems = [
            (name, "expected at least one item, got an empty list")
            for name in ("responsibilities", "skills")
            if not getattr(self, name)
        ]
        for number, group in enumerate(self.alternatives):
            unknown = [tool for tool in group if tool not in self.tools]
            if len(group) < 2:
                problems.append((f"alternatives[{number}]", "expected two or more tools"))
            elif unknown:
                them = "it" if len(unknown) == 1 else "them"
                problems.append(
                    (
                        f"alternatives[{number}]",
                        f"{', '.join(map(repr, unknown))} {'is' if them == 'it' else 'are'} not "
                        f"among the role's tools; add {them} to tools, or take {them} out of "
                        "the alternatives",
                    )
                )
        return problems

    JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "properties": {"responsibilities": {"minItems": 1}, "skills": {"minItems": 1}}
    }


# --- Company profiles ------------------------------------------------------


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
    language: LanguageTag = "en"  # the profile's language, and its postings' by default
    # publish each posting in these (the first: main)
    languages: Annotated[tuple[LanguageTag, ...], Distinct()] = ()
    values: tuple[CompanyValue, ...] = ()
    work_model_note: Text | None = None
    remote_regions: tuple[Text, ...] = ()
    templates: Folder | None = None  # this company's own templates (default: <id>/templates)
    valid_for_days: Days | None = None  # how long a posting stays open, from its date
    stack: Annotated[tuple[Line, ...], Distinct()] = ()  # the platforms and tools it runs
    roles: dict[RoleId, RoleContext] = field(default_factory=dict)  # for all openings of a role
    hiring: Hiring = field(default_factory=Hiring)  # what postings say of AI use, the vacancy

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
        problems += region_problems(self.remote_regions, self.locations)
        problems += pay_place_problems(self.pay, self.locations, self.remote_regions)
        if self.work_model == "remote" and not (self.locations or self.remote_regions):
            problems.append(
                (
                    "remote_regions",
                    "a remote company needs remote_regions (where applicants may live) or a "
                    "location; search engines refuse a remote job with neither",
                )
            )
        return problems

    @property
    def remote_areas(self) -> tuple[Region, ...]:
        """Where remote applicants may live, as places (checked when the file was read)."""
        home = [location.country for location in self.locations]
        return tuple(resolve_region(name, home) for name in self.remote_regions)

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
    roles: Annotated[tuple[RoleId, ...], Distinct()]


@dataclass(frozen=True)
class Defaults:
    output: OutputFolder = "output"
    formats: tuple[Format, ...] = DEFAULT_FORMATS  # type: ignore[assignment]
    text_width: TextWidth = 72  # for txt; 0: no wrapping


@dataclass(frozen=True)
class WorkspaceConfig:
    stages: tuple[Stage, ...] = ()  # none: the built-in stages apply
    defaults: Defaults = Defaults()
    lint: LintConfig = LintConfig()  # frozen: sharing one is safe
    # The ladder of levels and the cloud platforms: the built-in ones, extended.
    levels: Annotated[LevelList, Shorthand("add")] = LevelList()
    platforms: Annotated[PlatformList, Shorthand("add")] = PlatformList()

    def problems(self) -> list[tuple[str, str]]:
        ids = [stage.id for stage in self.stages]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        problems = [("stages", f"stage id {i!r} is given more than once") for i in repeated]
        if not self.defaults.formats:
            problems.append(("defaults", "formats: give at least one of md, html, docx, json, txt"))
        return problems

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    @property
    def ladder(self) -> tuple[Level, ...]:
        """The levels, in order (the catalog has put the built-in ones in)."""
        return self.levels.over(())

    def level(self, level_id: str) -> Level | None:
        return next((level for level in self.ladder if level.id == level_id), None)

    def default_level(self, seniority: str) -> Level | None:
        """The first level of the ladder at a role's seniority."""
        return next((level for level in self.ladder if level.seniority == seniority), None)

    @property
    def all_platforms(self) -> tuple[Platform, ...]:
        return self.platforms.over(())


# --- One posting -----------------------------------------------------------


@dataclass(frozen=True)
class Hire:
    """What is known of one hire beyond the role: from its opening and from what the
    company says of the role (`tailor.py` puts them together). A role's posting with
    no opening has its level only."""

    opening: str | None = None  # the opening's id
    level: Level | None = None
    team: str | None = None
    reports_to: str | None = None
    requisition_id: str | None = None
    headcount: int = 1
    outcomes: Outcomes | None = None
    interview: tuple[InterviewStep, ...] = ()
    visa_sponsorship: Answer | None = None
    relocation: Answer | None = None
    travel: str | None = None
    on_call: str | None = None
    apply_url: str | None = None  # the opening's own page
    valid_through: dt.date | None = None  # the opening's last day to apply
    vacancy: str | None = None  # existing, new or pipeline: the opening's, else the company's
    ai_screening: AiScreening | None = None  # the opening's, else the company's


@dataclass(frozen=True)
class Posting:
    """Everything one posting is made of: the role and the company as this hire has
    them (`tailor.py`), what else is known of the hire, when."""

    role: Role
    company: Company
    stage: Stage | None
    date: dt.date
    closes: dt.date | None = None  # --valid-through; else the opening's, else valid_for_days
    hire: Hire = Hire()
    language: str = "en-US"  # the language it is written in
    # Every language it is published in, when more than one or not its usual one (then
    # its files are named by language); empty otherwise.
    languages: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """What its files are named: the id, and the language when there are several or
        it is not the posting's usual one (`ai-ml-engineer.de-DE`)."""
        return f"{self.id}.{self.language}" if self.languages else self.id

    @property
    def id(self) -> str:
        """The posting's id, which names its files: the opening's id, else the role's."""
        return self.hire.opening or self.role.id

    @property
    def valid_through(self) -> dt.date | None:
        """The last day to apply, if known."""
        if self.closes is not None:
            return self.closes
        if self.hire.valid_through is not None:
            return self.hire.valid_through
        days = self.company.valid_for_days
        return self.date + dt.timedelta(days=days) if days else None

    @property
    def pay(self) -> tuple[PayRange, ...]:
        return self.company.pay.get(self.role.id, ())

    @property
    def slug(self) -> str:
        return f"{self.company.id}/{self.name}"
