"""The typed models of jobgen's input files and of one posting.

The type hints are the schema: `schema.build` validates YAML against them.
`docs/input-files.md` describes every field for users. Models are frozen so
that one posting's template can never change what the next posting sees.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal

from .limits import MAX_ID_LENGTH, MAX_LINE_CHARS
from .schema import Check, LocalPath, OneOrMany, Ref

# Country names for the codes postings most often use; others print as their code.
COUNTRY_NAMES = {
    "US": "United States", "CA": "Canada", "GB": "United Kingdom", "IE": "Ireland",
    "DE": "Germany", "NL": "Netherlands", "FR": "France", "ES": "Spain", "IT": "Italy",
    "PT": "Portugal", "PL": "Poland", "SE": "Sweden", "DK": "Denmark", "FI": "Finland",
    "NO": "Norway", "CH": "Switzerland", "AT": "Austria", "BE": "Belgium", "IN": "India",
    "SG": "Singapore", "AU": "Australia", "NZ": "New Zealand", "JP": "Japan", "BR": "Brazil",
}  # fmt: skip
FROM_FILE_NAME = {"from": "file name"}  # set from the file's name, never written in it
# Ids become file names: Windows cannot create a file named after a device, whatever
# its extension (con.md), so those names are not ids.
DEVICE_NAMES = r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])"
SLUG_RE = re.compile(rf"(?!{DEVICE_NAMES}$)[a-z0-9]+(?:-[a-z0-9]+)*")


def is_slug(value: str) -> bool:
    """True for ids that are safe as file names everywhere: `ai-ml-engineer`."""
    return len(value) <= MAX_ID_LENGTH and SLUG_RE.fullmatch(value) is not None


def is_device_name(value: str) -> bool:
    return re.fullmatch(DEVICE_NAMES, value) is not None


SLUG_EXPECTED = (
    "a lowercase id of letters, digits and single hyphens (like 'ai-ml-engineer'), "
    f"at most {MAX_ID_LENGTH} characters"
)

Text = str
# A title or a name: one line, as it stands in a heading, a <title> and the JSON-LD.
Line = Annotated[
    str,
    Check(
        lambda v: "\n" not in v and "\r" not in v and len(v) <= MAX_LINE_CHARS,
        f"one line of text, at most {MAX_LINE_CHARS} characters",
        json=(("pattern", "^[^\\n\\r]*\\S[^\\n\\r]*$"), ("maxLength", MAX_LINE_CHARS)),
    ),
]
SLUG_JSON = (("pattern", f"^{SLUG_RE.pattern}$"), ("maxLength", MAX_ID_LENGTH))
Slug = Annotated[str, Check(is_slug, SLUG_EXPECTED, json=SLUG_JSON)]
RoleId = Annotated[str, Check(is_slug, SLUG_EXPECTED, json=SLUG_JSON), Ref("role")]
StageId = Annotated[str, Check(is_slug, SLUG_EXPECTED, json=SLUG_JSON), Ref("stage")]
LawId = Annotated[str, Check(is_slug, SLUG_EXPECTED, json=SLUG_JSON), Ref("law")]


def matching(pattern: str, expected: str, if_empty: str = "") -> object:
    """Text that must match `pattern` as a whole; `expected` says what in words."""
    compiled = re.compile(pattern)
    json = (("pattern", f"^(?:{pattern})$"),)
    test = lambda v: compiled.fullmatch(v) is not None  # noqa: E731
    return Annotated[str, Check(test, expected, if_empty, json)]


# Brackets, parentheses and backslashes would end a Markdown link early: in a URL they
# are written %5B %5D %28 %29 %5C, and no email address needs them.
Url = matching(
    r"https?://[^\s<>\"'()\[\]\\]+",
    "an http(s) URL (brackets percent-encoded)",
)
Email = matching(r"[^@\s<>\"'()\[\]\\]+@[^@\s<>\"'()\[\]\\]+\.[A-Za-z]{2,}", "an email address")
Color = matching(
    r"#[0-9a-fA-F]{6}",
    'a colour like "#1F4E79"',
    # Unquoted, `color: #1F4E79` is a YAML comment and the value is empty.
    if_empty='a colour in quotes like "#1F4E79" (unquoted, YAML reads # as a comment)',
)
FontName = matching(
    r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}", "a font family name (letters, digits, spaces)"
)
LanguageTag = matching(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a language tag like en-US")
CountryCode = matching(r"[A-Z]{2}", "a two-letter country code like US")
CurrencyCode = matching(r"[A-Z]{3}", "a currency code like USD")
Folder = Annotated[str, LocalPath("folder")]  # built as an absolute path
Image = Annotated[str, LocalPath("image")]  # built as an absolute path
Amount = Annotated[
    float, Check(lambda v: v > 0, "an amount above 0", json=(("exclusiveMinimum", 0),))
]
Headcount = Annotated[
    int, Check(lambda v: v >= 1, "a whole number of at least 1", json=(("minimum", 1),))
]
TextWidth = Annotated[
    int,
    Check(
        lambda v: v == 0 or 20 <= v <= 200,
        "0 (no wrapping) or 20 to 200",
        json=(("anyOf", [{"const": 0}, {"minimum": 20, "maximum": 200}]),),
    ),
]
Days = Annotated[
    int,
    Check(
        lambda v: 1 <= v <= 365,
        "a whole number of days from 1 to 365",
        json=(("minimum", 1), ("maximum", 365)),
    ),
]
Period = Literal["year", "month", "hour"]
Seniority = Literal["entry", "mid", "senior", "lead", "principal", "executive"]
EmploymentType = Literal["full-time", "part-time", "contract", "temporary", "internship"]
WorkModel = Literal["remote", "hybrid", "onsite"]
Format = Literal["md", "html", "docx", "json", "txt"]
FORMATS: tuple[str, ...] = ("md", "html", "docx", "json", "txt")  # in the order files are listed
DEFAULT_FORMATS: tuple[str, ...] = ("md", "html", "docx")


def _range_problems(low: float | None, high: float | None) -> list[tuple[str, str]]:
    if low is not None and high is not None and low > high:
        return [("max", f"expected a maximum of at least the minimum ({low:g}), got {high:g}")]
    return []


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
        return _range_problems(self.min, self.max)


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
        return _range_problems(self.min, self.max)


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


def _inside(path: str) -> bool:
    parts = path.replace("\\", "/").split("/")
    return not path.startswith(("/", "\\", "~")) and ".." not in parts and ":" not in parts[0]


# jobgen.yaml is data from the workspace, so it may only choose a folder inside it;
# `--out` (typed by the user) can name any folder.
OutputFolder = Annotated[
    str,
    Check(_inside, "a folder inside the workspace, like output (use --out for another place)"),
]


@dataclass(frozen=True)
class Defaults:
    output: OutputFolder = "output"
    formats: tuple[Format, ...] = DEFAULT_FORMATS  # type: ignore[assignment]
    text_width: TextWidth = 72  # for txt; 0: no wrapping


# --- Lint settings (jobgen.yaml `lint:`) -----------------------------------
# Each rule's defaults are in lint/rules.yaml; these classes are what a
# workspace may change, so a misspelt setting is reported with its line.

Severity = Literal["error", "warning", "info", "off"]
LintPercent = Annotated[
    float,
    Check(
        lambda v: 0 <= v <= 100, "a number from 0 to 100", json=(("minimum", 0), ("maximum", 100))
    ),
]


@dataclass(frozen=True)
class RuleSettings:
    severity: Severity | None = None


@dataclass(frozen=True)
class PhraseEntry:
    phrases: tuple[Line, ...]
    instead: Text
    why: Text | None = None

    def problems(self) -> list[tuple[str, str]]:
        return [] if self.phrases else [("phrases", "expected at least one phrase")]


@dataclass(frozen=True)
class PhraseSettings(RuleSettings):
    add: tuple[PhraseEntry, ...] = ()  # phrases to flag, besides the built-in list
    ignore: tuple[Line, ...] = ()  # built-in phrases not to flag


@dataclass(frozen=True)
class GenderedWordSettings(RuleSettings):
    masculine: tuple[Line, ...] = ()  # more coded words or stems (`compet*`)
    feminine: tuple[Line, ...] = ()
    ignore: tuple[Line, ...] = ()  # words not to count, like `responsibilities`


@dataclass(frozen=True)
class BalanceSettings(RuleSettings):
    strongly: Headcount | None = None


@dataclass(frozen=True)
class LawSettings(RuleSettings):
    ignore: tuple[LawId, ...] = ()  # law ids (see `jobgen lint --list-laws`) that do not apply


@dataclass(frozen=True)
class WordCountSettings(RuleSettings):
    min: Headcount | None = None
    max: Headcount | None = None

    def problems(self) -> list[tuple[str, str]]:
        return _range_problems(self.min, self.max)


@dataclass(frozen=True)
class ReadingEaseSettings(RuleSettings):
    min: LintPercent | None = None


@dataclass(frozen=True)
class LongSentenceSettings(RuleSettings):
    max_words: Headcount | None = None


@dataclass(frozen=True)
class MaxSettings(RuleSettings):
    max: Headcount | None = None


@dataclass(frozen=True)
class EntryLevelSettings(RuleSettings):
    max_years: Headcount | None = None
    entry_words: tuple[Line, ...] = ()  # more words that mark a role as entry level
    senior_words: tuple[Line, ...] = ()  # more words that ask for seniority


@dataclass(frozen=True)
class LintConfig:
    gendered_word: GenderedWordSettings | None = field(
        default=None, metadata={"key": "gendered-word"}
    )
    gendered_balance: BalanceSettings | None = field(
        default=None, metadata={"key": "gendered-balance"}
    )
    exclusionary_language: PhraseSettings | None = field(
        default=None, metadata={"key": "exclusionary-language"}
    )
    cliche: PhraseSettings | None = field(default=None, metadata={"key": "cliche"})
    pay_transparency: LawSettings | None = field(default=None, metadata={"key": "pay-transparency"})
    unknown_region: RuleSettings | None = field(default=None, metadata={"key": "unknown-region"})
    missing_section: RuleSettings | None = field(default=None, metadata={"key": "missing-section"})
    empty_section: RuleSettings | None = field(default=None, metadata={"key": "empty-section"})
    word_count: WordCountSettings | None = field(default=None, metadata={"key": "word-count"})
    reading_ease: ReadingEaseSettings | None = field(default=None, metadata={"key": "reading-ease"})
    long_sentence: LongSentenceSettings | None = field(
        default=None, metadata={"key": "long-sentence"}
    )
    many_requirements: MaxSettings | None = field(
        default=None, metadata={"key": "many-requirements"}
    )
    impossible_experience: RuleSettings | None = field(
        default=None, metadata={"key": "impossible-experience"}
    )
    entry_level_mismatch: EntryLevelSettings | None = field(
        default=None, metadata={"key": "entry-level-mismatch"}
    )


@dataclass(frozen=True)
class WorkspaceConfig:
    stages: tuple[Stage, ...] = ()  # none: the built-in stages apply
    defaults: Defaults = Defaults()
    lint: LintConfig = LintConfig()

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
