"""The field types of jobgen's input files: what a title, an id, a URL or an amount is.

Each is a plain type (`str`, `int`, `float`) `Annotated` with a `Check` that
says in words what is expected, and how to say it in JSON Schema, so the
validator and the published schemas agree. `models.py` builds the files'
models from them.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from ..limits import MAX_ID_LENGTH, MAX_LINE_CHARS
from .markers import Check, LocalPath, Ref
from .regions import country_hint, currency_hint, is_country, is_currency

FROM_FILE_NAME = {"from": "file name"}  # set from the file's name, never written in it
FROM_FOLDER = {"from": "folder"}  # set from the name of the folder the file is in
# Ids become file names: Windows cannot create a file named after a device, whatever
# its extension (con.md), so those names are not ids.
DEVICE_NAMES = r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])"
SLUG_RE = re.compile(rf"(?!{DEVICE_NAMES}$)[a-z0-9]+(?:-[a-z0-9]+)*")


def is_slug(value: str) -> bool:
    """True for ids that are safe as file names everywhere: `ai-ml-engineer`."""
    return len(value) <= MAX_ID_LENGTH and SLUG_RE.fullmatch(value) is not None


# A posting's files are named after its id, beside the files jobgen writes in each
# company's folder (publish: INDEX_NAME, QUALITY_NAME, MANIFEST_NAME): a role or an opening
# with one of these ids would take their names.
RESERVED_POSTING_IDS = {
    "index": "the company's hiring plan, index.html",
    "quality": "the quality report, quality.html",
    "manifest": "the run's manifest, manifest.json",
}


def reserved_posting_id(value: str) -> str | None:
    """Why `value` cannot name a posting (a role's or an opening's id), else None."""
    taken = RESERVED_POSTING_IDS.get(value)
    if taken is None:
        return None
    return (
        f"{value!r} cannot name a posting: its files would take the name of {taken}, "
        "which jobgen writes in every company's folder"
    )


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


def slug(example: str) -> Check:
    """The check of an id; `example` is one an editor may offer."""
    return Check(is_slug, SLUG_EXPECTED, json=SLUG_JSON, example=example)


Slug = Annotated[str, slug("early")]
RoleId = Annotated[str, slug("ai-ml-engineer"), Ref("role")]
StageId = Annotated[str, slug("early"), Ref("stage")]
LawId = Annotated[str, slug("cleveland"), Ref("law")]
LevelId = Annotated[str, slug("senior"), Ref("level")]


def matching(pattern: str, expected: str, example: str, if_empty: str = "") -> object:
    """Text that must match `pattern` as a whole; `expected` says what in words."""
    compiled = re.compile(pattern)
    json = (("pattern", f"^(?:{pattern})$"),)
    test = lambda v: compiled.fullmatch(v) is not None  # noqa: E731
    return Annotated[str, Check(test, expected, if_empty, json, example=example)]


# Brackets, parentheses and backslashes would end a Markdown link early: in a URL they
# are written %5B %5D %28 %29 %5C, and no email address needs them.
Url = matching(
    r"https?://[^\s<>\"'()\[\]\\]+",
    "an http(s) URL (brackets percent-encoded)",
    "https://example.com",
)
Email = matching(
    r"[^@\s<>\"'()\[\]\\]+@[^@\s<>\"'()\[\]\\]+\.[A-Za-z]{2,}",
    "an email address",
    "jobs@example.com",
)
Color = matching(
    r"#[0-9a-fA-F]{6}",
    'a colour like "#1F4E79"',
    "#1F4E79",
    # Unquoted, `color: #1F4E79` is a YAML comment and the value is empty.
    if_empty='a colour in quotes like "#1F4E79" (unquoted, YAML reads # as a comment)',
)
FontName = matching(
    r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}",
    "a font family name (letters, digits, spaces)",
    "Source Sans 3",
)
# BCP 47, as file and folder names spell it: de-DE, fr-FR, zh-Hant-TW, es-419.
LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?"
_LANGUAGE = re.compile(LANGUAGE_TAG)


def known_language(language: str) -> bool:
    """Does CLDR know `language`? English is written without it, so it is not asked."""
    if language in ("en", "en-US", "en-GB"):
        return True
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _is_language(tag: str) -> bool:
    return _LANGUAGE.fullmatch(tag) is not None and known_language(tag)


def _language_hint(tag: str) -> str | None:
    if _LANGUAGE.fullmatch(tag):  # well formed, but no language CLDR knows
        return "CLDR, which jobgen writes dates and amounts by, knows no such language"
    return None


LanguageTag = Annotated[
    str,
    Check(_is_language,
          "a language tag like de-DE: the language in lowercase, then its country in capitals, "
          "joined by a hyphen", json=(("pattern", f"^(?:{LANGUAGE_TAG})$"),),
          hint=_language_hint, example="en-US"),
]  # fmt: skip


def normal_tag(text: str) -> str:
    """`DE_de` -> `de-DE`, `zh-hant-tw` -> `zh-Hant-TW`: the way LanguageTag spells it."""
    parts = text.replace("_", "-").split("-")
    shown = [parts[0].lower()]
    for part in parts[1:]:
        shown.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(shown)


# Codes checked against ISO's lists (read on first use), with a did-you-mean.
CountryCode = Annotated[
    str,
    Check(is_country, "a two-letter ISO 3166 country code like US",
          json=(("pattern", "^[A-Z]{2}$"),), hint=country_hint, example="US"),
]  # fmt: skip
CurrencyCode = Annotated[
    str,
    Check(is_currency, "an ISO 4217 currency code like USD",
          json=(("pattern", "^[A-Z]{3}$"),), hint=currency_hint, example="USD"),
]  # fmt: skip
OccupationCode = matching(
    r"[0-9]{2}-[0-9]{4}\.[0-9]{2}", "an O*NET-SOC code like 15-2051.00", "15-2051.00"
)
Folder = Annotated[str, LocalPath("folder")]  # built as an absolute path
Image = Annotated[str, LocalPath("image")]  # built as an absolute path
Amount = Annotated[
    float,
    Check(lambda v: v > 0, "an amount above 0", json=(("exclusiveMinimum", 0),), example=120000),
]
Headcount = Annotated[
    int,
    Check(lambda v: v >= 1, "a whole number of at least 1", json=(("minimum", 1),), example=1),
]
TextWidth = Annotated[
    int,
    Check(
        lambda v: v == 0 or 20 <= v <= 200,
        "0 (no wrapping) or 20 to 200",
        json=(("anyOf", [{"const": 0}, {"minimum": 20, "maximum": 200}]),),
        example=72,
    ),
]
Years = Annotated[
    int,
    Check(
        lambda v: 0 <= v <= 50,
        "a whole number of years from 0 to 50",
        json=(("minimum", 0), ("maximum", 50)),
        example=5,
    ),
]
Days = Annotated[
    int,
    Check(
        lambda v: 1 <= v <= 365,
        "a whole number of days from 1 to 365",
        json=(("minimum", 1), ("maximum", 365)),
        example=60,
    ),
]
Period = Literal["year", "month", "hour"]
Seniority = Literal["entry", "mid", "senior", "staff", "lead", "principal", "executive"]
EmploymentType = Literal["full-time", "part-time", "contract", "temporary", "internship"]
WorkModel = Literal["remote", "hybrid", "onsite"]
Format = Literal["md", "html", "docx", "json", "txt", "pdf"]  # format_names.FORMATS


def range_problems(low: float | None, high: float | None) -> list[tuple[str, str]]:
    if low is not None and high is not None and low > high:
        return [("max", f"expected a maximum of at least the minimum ({low:g}), got {high:g}")]
    return []


def _inside(path: str) -> bool:
    parts = path.replace("\\", "/").split("/")
    return not path.startswith(("/", "\\", "~")) and ".." not in parts and ":" not in parts[0]


# jobgen.yaml is data from the workspace, so it may only choose a folder inside it;
# `--out` (typed by the user) can name any folder.
OutputFolder = Annotated[
    str,
    Check(
        _inside,
        "a folder inside the workspace, like output (use --out for another place)",
        example="output",
    ),
]
