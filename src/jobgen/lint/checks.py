"""The checks: each reads the parsed posting and returns what it finds.

One function per rule (or per pair of rules that share a scan). The words,
phrases, laws and limits come from the rule book; nothing here lists words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..models import Company
from . import pay as pay_text
from .book import RuleBook, phrase_pattern
from .document import Block, Document, Section
from .readability import sentences, words


@dataclass(frozen=True)
class LintContext:
    """What lint knows about a posting besides its text."""

    date: dt.date
    company: Company | None = None  # None: a file from elsewhere; pay laws are not checked
    seniority: str | None = None  # the role's, when jobgen wrote the posting


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    category: str
    message: str  # what is wrong in this posting
    section: str  # the heading it is under ("" for the title and intro)
    line: int | None  # in the Markdown
    text: str | None  # the exact words found
    why: str
    suggestion: str | None
    source: str
    where: str | None = None  # the input file and line the words come from, when known


class Scan:
    """One posting being checked: the document, the context and what was found."""

    def __init__(self, document: Document, context: LintContext, book: RuleBook) -> None:
        self.document = document
        self.context = context
        self.book = book
        self.findings: list[Finding] = []

    def on(self, rule_id: str) -> bool:
        return self.book.rule(rule_id).enabled

    def add(
        self,
        rule_id: str,
        message: str,
        block: Block | Section | None = None,
        text: str | None = None,
        suggestion: str | None = None,
        why: str | None = None,
        source: str | None = None,
    ) -> None:
        rule = self.book.rule(rule_id)
        if not rule.enabled:
            return
        section = block.heading if isinstance(block, Section) else block.section if block else ""
        self.findings.append(
            Finding(
                rule_id,
                rule.severity,
                rule.category,
                message,
                section,
                block.line if block else None,
                text,
                why or rule.why,
                suggestion or rule.suggestion,
                source or rule.source,
            )
        )

    @cached_property
    def kinds(self) -> dict[int, set[str]]:
        """The kinds (benefits, pay, ...) of each section, by its line."""
        return {s.line: section_kinds(s.heading, self.book) for s in self.document.sections}

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.document.sections if kind in self.kinds[s.line]]

    def blocks_of(self, kind: str) -> list[Block]:
        return [b for s in self.sections_of(kind) for b in s.blocks]

    @cached_property
    def sentences(self) -> list[tuple[Block, str]]:
        return [(b, s) for b in self.document.prose for s in sentences(b.text)]


def section_kinds(heading: str, book: RuleBook) -> set[str]:
    """The kinds a heading names: `Pay and benefits` is both pay and benefits."""
    text = " " + " ".join(re.findall(r"[\w'’-]+", heading.lower().replace("’", "'"))) + " "
    kinds = {
        kind
        for kind, spec in book.sections.items()
        if any(f" {phrase} " in text for phrase in spec.headings)
    }
    if "nice_to_have" in kinds:
        kinds.discard("requirements")  # "Preferred skills" is not a must-have
    return kinds


# --- Inclusive language ----------------------------------------------------


@dataclass(frozen=True)
class Coding:
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    label: str  # "strongly masculine-coded", "neutral", ...


@dataclass(frozen=True)
class _WordList:
    words: frozenset[str]  # whole words (a plural -s also counts)
    stems: tuple[str, ...]  # word starts

    @classmethod
    def of(cls, entries: tuple[str, ...]) -> _WordList:
        cleaned = [e.strip().lower() for e in entries]
        return cls(
            frozenset(e for e in cleaned if not e.endswith("*")),
            tuple(e[:-1] for e in cleaned if e.endswith("*")),
        )

    def has(self, word: str) -> bool:
        return (
            word in self.words
            or (word.endswith("s") and word[:-1] in self.words)
            or word.startswith(self.stems)
        )


# Sets and stem tuples, not one big regex: compiling that cost more than checking a posting.
_LISTS: dict[int, tuple[_WordList, _WordList]] = {}
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _gender_lists(book: RuleBook) -> tuple[_WordList, _WordList]:
    key = id(book)
    if key not in _LISTS:
        _LISTS[key] = (_WordList.of(book.masculine), _WordList.of(book.feminine))
    return _LISTS[key]


def gendered_wording(scan: Scan) -> Coding:
    masculine_list, feminine_list = _gender_lists(scan.book)
    masculine: list[str] = []
    feminine: list[str] = []
    for block in scan.document.blocks:
        for match in _TOKEN.finditer(block.text):
            word = match.group()
            lowered = word.lower()
            if lowered in scan.book.gender_ignore:
                continue
            if masculine_list.has(lowered):
                kind = "masculine"
            elif feminine_list.has(lowered):
                kind = "feminine"
            else:
                continue
            (masculine if kind == "masculine" else feminine).append(word)
            scan.add(
                "gendered-word",
                f"{kind}-coded word {word!r}",
                block,
                word,
            )
    strongly = int(scan.book.rule("gendered-balance").settings.get("strongly", 4))
    difference = len(feminine) - len(masculine)
    if difference == 0:
        label = "neutral"
    else:
        side = "feminine" if difference > 0 else "masculine"
        label = f"{'strongly' if abs(difference) >= strongly else 'slightly'} {side}-coded"
    if difference < 0:
        scan.add(
            "gendered-balance",
            f"the posting is {label}: {len(masculine)} masculine-coded words "
            f"({_sample(masculine)}) against {len(feminine)} feminine-coded",
            None,
            ", ".join(dict.fromkeys(w.lower() for w in masculine)),
        )
    return Coding(tuple(masculine), tuple(feminine), label)


def _sample(found: list[str], limit: int = 6) -> str:
    unique = list(dict.fromkeys(w.lower() for w in found))
    more = f", +{len(unique) - limit} more" if len(unique) > limit else ""
    return ", ".join(unique[:limit]) + more


@dataclass
class _PhraseMatcher:
    keys: tuple[str, ...]  # a word of each spelling: a cheap test before the regex
    spellings: tuple[str, ...]
    compiled: re.Pattern[str] | None = None  # compiled on first need: most never are

    @property
    def pattern(self) -> re.Pattern[str]:
        if self.compiled is None:
            self.compiled = re.compile(
                "|".join(phrase_pattern(p) for p in self.spellings), re.IGNORECASE
            )
        return self.compiled


_MATCHERS: dict[int, list[_PhraseMatcher]] = {}


def _flat(phrase: str) -> str:
    return " ".join(re.split(r"[\s\-]+", phrase.rstrip("*").lower()))


def _rarest_word(phrase: str) -> str:
    """The longest word of a phrase, lowercased: likely the rarest, so the best filter."""
    found = re.findall(r"[^\W_]+", phrase.rstrip("*").lower())
    return max(found, key=len) if found else phrase.lower()


def _phrase_matchers(book: RuleBook) -> list[_PhraseMatcher]:
    key = id(book)
    if key not in _MATCHERS:
        _MATCHERS[key] = [
            _PhraseMatcher(tuple(_rarest_word(p) for p in entry.phrases), entry.phrases)
            for entry in book.phrases
        ]
    return _MATCHERS[key]


def phrases(scan: Scan) -> None:
    """Exclusionary and cliché phrases, each with its rewording."""
    if not (scan.on("exclusionary-language") or scan.on("cliche")):
        return
    # One alternation of every phrase is slow in Python's re; most phrases are absent,
    # and a substring test rules them out first.
    text = scan.document.text.lower()
    flat = " ".join(re.split(r"[\s\-]+", text))  # as phrase_pattern sees spaces and hyphens
    wanted = [
        (entry, matcher)
        for entry, matcher in zip(scan.book.phrases, _phrase_matchers(scan.book), strict=True)
        if any(k in text for k in matcher.keys)
        and any(_flat(p) in flat for p in matcher.spellings)  # compile only real candidates
    ]
    for block in scan.document.blocks:
        for entry, matcher in wanted:
            for match in matcher.pattern.finditer(block.text):
                what = "exclusionary wording" if entry.kind == "exclusionary-language" else "cliché"
                scan.add(
                    entry.kind,
                    f"{what} {match.group()!r}",
                    block,
                    match.group(),
                    suggestion=f"Say instead: {entry.instead}",
                    why=" ".join(entry.why.split()) if entry.why else None,
                )


# --- Pay transparency ------------------------------------------------------

REQUIREMENTS = {
    "pay_range": (
        "shows no pay range",
        "Add the pay range, with a minimum and a maximum (in jobgen: `pay:` for this role in "
        "the company profile).",
    ),
    "benefits": (
        "describes no benefits",
        "Add a Benefits section with a general description of benefits and other pay.",
    ),
    "application_deadline": (
        "does not say when applications close",
        "State the closing date (in jobgen: `valid_for_days` in the profile, or "
        "--valid-through DATE).",
    ),
}


def pay_transparency(scan: Scan) -> list[str] | None:
    """The ids of the laws that apply (None when the company is not known)."""
    company = scan.context.company
    if company is None:
        return None
    book = scan.book
    areas, unknown = pay_text.company_areas(company, book.places)
    for name in unknown:
        scan.add(
            "unknown-region",
            f"remote region {name!r} is not in the pay-transparency table, so its laws are "
            "not checked",
            None,
            name,
        )
    laws = pay_text.applicable_laws(
        book.laws, areas, company.employees, scan.context.date, book.law_ignore
    )
    if not laws:
        return []
    text_blocks = [b for b in scan.document.blocks if b.kind != "heading"]
    benefit_lines = {b.line for b in scan.blocks_of("benefits")}
    pay_blocks = [b for b in text_blocks if b.line not in benefit_lines]
    ranges = [(b, r) for b in pay_blocks for r in pay_text.pay_ranges(b.text)]
    has_pay = bool(ranges) or any(pay_text.MONEY.search(b.text) for b in scan.blocks_of("pay"))
    present = {
        "pay_range": has_pay,
        "benefits": bool(scan.blocks_of("benefits")),
        "application_deadline": _has_deadline(scan),
    }
    missing: dict[str, list[pay_text.Law]] = {}
    for law, _area in laws:
        for need in law.requires:
            if need in present and not present[need]:
                missing.setdefault(need, []).append(law)
    for need, needing in missing.items():
        problem, fix = REQUIREMENTS[need]
        scan.add(
            "pay-transparency",
            f"the posting {problem}; required in {_law_list(needing)}",
            None,
            None,
            suggestion=fix,
            source=_sources(needing),
        )
    closed = [law for law, _ in laws if "closed_range" in law.requires]
    if closed:
        for block in (b for b in pay_blocks if any(ch.isdigit() for ch in b.text)):
            for text in pay_text.open_ended(block.text):
                scan.add(
                    "pay-transparency",
                    f"open-ended pay {text!r}; {_law_list(closed)} require a minimum and a maximum",
                    block,
                    text,
                    suggestion="Give the range as a minimum and a maximum.",
                    source=_sources(closed),
                )
    for law, _ in laws:
        limit = law.range_width
        if "range_width" not in law.requires or not limit:
            continue
        for block, found in ranges:
            if found.currency != limit["currency"] or found.high.amount > limit["applies_up_to"]:
                continue
            width = found.high.amount - found.low.amount
            if width > limit["max"]:
                scan.add(
                    "pay-transparency",
                    f"the range {found.text!r} is {width:,.0f} wide; {law.jurisdiction} allows at "
                    f"most {limit['max']:,} {limit['currency']} for pay up to "
                    f"{limit['applies_up_to']:,}",
                    block,
                    found.text,
                    suggestion="Narrow the range.",
                    source=_sources([law]),
                )
    return [law.id for law, _ in laws]


def _law_list(laws: list[pay_text.Law]) -> str:
    """`Colorado`, `New York State and New York City`, `A, B and C`."""
    names = [law.jurisdiction for law in laws]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _sources(laws: list[pay_text.Law]) -> str:
    return "; ".join(f"{law.jurisdiction}: {law.law}, {law.source}" for law in laws)


_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)


def _has_deadline(scan: Scan) -> bool:
    phrases = scan.book.sections.get("application_deadline")
    wanted = phrases.phrases if phrases else ()
    for block in scan.document.prose:
        lowered = block.text.lower()
        if any(p in lowered for p in wanted) and _DATE.search(block.text):
            return True
    return False


# --- Structure -------------------------------------------------------------


def structure(scan: Scan) -> None:
    text = scan.document.text.lower()
    names = {"equal_opportunity": "equal-opportunity statement", "how_to_apply": "how to apply"}
    for kind in scan.book.required_sections:
        spec = scan.book.sections[kind]
        if scan.sections_of(kind) or any(p in text for p in spec.phrases):
            continue
        name = names.get(kind, kind.replace("_", " "))
        scan.add(
            "missing-section",
            f"no {name} section",
            None,
            suggestion=f"Add a section for {name}.",
        )
    sections = scan.document.sections
    for index, section in enumerate(sections):
        if section.blocks:
            continue
        below = []
        for later in sections[index + 1 :]:
            if later.level <= section.level:
                break
            below.append(later)
        if not any(s.blocks for s in below):
            scan.add("empty-section", f"the section {section.heading!r} is empty", section)


# --- Length and readability ------------------------------------------------


def word_count(scan: Scan, total: int) -> None:
    settings = scan.book.rule("word-count").settings
    low, high = int(settings.get("min", 0)), int(settings.get("max", 10**9))
    if total < low:
        scan.add("word-count", f"{total} words; the target is {low} to {high}", None)
    elif total > high:
        scan.add(
            "word-count",
            f"{total} words; the target is {low} to {high}",
            None,
            suggestion=f"Cut about {total - high} words: shorter lists, one idea per item.",
        )


def reading_ease(scan: Scan, ease: float | None) -> None:
    minimum = float(scan.book.rule("reading-ease").settings.get("min", 0))
    if ease is not None and ease < minimum:
        scan.add(
            "reading-ease",
            f"Flesch reading ease {ease:.0f}; the target is at least {minimum:g}",
            None,
        )


def long_sentences(scan: Scan) -> None:
    limit = int(scan.book.rule("long-sentence").settings.get("max_words", 35))
    for block, sentence in scan.sentences:
        count = len(words(sentence))
        if count > limit:
            scan.add(
                "long-sentence",
                f"a sentence of {count} words (limit {limit})",
                block,
                sentence,
            )


# --- Realistic requirements ------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
YEARS = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s*\+?\s*(?:or more\s+|plus\s+)?years?\b",
    re.IGNORECASE,
)


def years_asked(sentence: str) -> Iterator[tuple[int, re.Match[str]]]:
    """`5+ years`, `ten years`: the number and where it stands. Not "years old" and the like."""
    for match in YEARS.finditer(sentence):
        after = sentence[match.end() : match.end() + 12].lower()
        if after.startswith((" old", " ago", " of age")):
            continue
        raw = match.group("n").lower()
        yield int(raw) if raw.isdigit() else NUMBER_WORDS[raw], match


def many_requirements(scan: Scan) -> None:
    limit = int(scan.book.rule("many-requirements").settings.get("max", 10))
    for section in scan.sections_of("requirements"):
        count = len(section.items)
        if count > limit:
            scan.add(
                "many-requirements",
                f"{count} requirements under {section.heading!r} (limit {limit})",
                section,
            )


_PATTERNS: dict[int, re.Pattern[str]] = {}


def _technology_names(book: RuleBook) -> list[str]:
    return [name.lower().rstrip("*") for tech in book.technologies for name in tech.names]


def _technology_pattern(book: RuleBook) -> re.Pattern[str]:
    key = id(book)
    if key not in _PATTERNS:
        groups = [
            f"(?P<t{index}>{'|'.join(phrase_pattern(n) for n in tech.names)})"
            for index, tech in enumerate(book.technologies)
        ]
        _PATTERNS[key] = re.compile("|".join(groups) or "(?!)", re.IGNORECASE)
    return _PATTERNS[key]


def impossible_experience(scan: Scan) -> None:
    if not scan.on("impossible-experience"):
        return
    year = scan.context.date.year
    for block, sentence in scan.sentences:
        asked = list(years_asked(sentence))
        if not asked:
            continue
        lowered = sentence.lower()
        if not any(n in lowered for n in _technology_names(scan.book)):
            continue  # most sentences with years name no technology: skip the big regex
        pattern = _technology_pattern(scan.book)
        mentions = list(pattern.finditer(sentence))
        for number, match in asked:
            # The technology the years are for: the next one named, else the last before.
            after = [m for m in mentions if m.start() >= match.end()]
            before = [m for m in mentions if m.end() <= match.start()]
            found = after[0] if after else before[-1] if before else None
            if found is None or found.lastgroup is None:
                continue
            tech = scan.book.technologies[int(found.lastgroup[1:])]
            age = year - tech.since
            if number > age:
                scan.add(
                    "impossible-experience",
                    f"asks for {number} years of {tech.name}, which has existed for about "
                    f"{max(age, 0)} ({tech.since})",
                    block,
                    sentence,
                    source=f"{scan.book.rule('impossible-experience').source}: {tech.note}",
                )


def entry_level(scan: Scan) -> None:
    if not scan.on("entry-level-mismatch"):
        return
    settings = scan.book.rule("entry-level-mismatch").settings
    intro = [b.text for b in scan.document.blocks if not b.section][:3]
    head = " ".join([scan.document.title, *intro]).lower()
    entry_words = [w.lower() for w in settings.get("entry_words", ())]
    is_entry = scan.context.seniority == "entry" or any(
        re.search(phrase_pattern(w), head) for w in entry_words
    )
    if not is_entry:
        return
    most = int(settings.get("max_years", 2))
    for block, sentence in scan.sentences:
        for number, _ in years_asked(sentence):
            if number > most:
                scan.add(
                    "entry-level-mismatch",
                    f"an entry-level role asking for {number} years of experience",
                    block,
                    sentence,
                )
    requirement_blocks = scan.blocks_of("requirements") or scan.document.prose
    senior = [w.lower() for w in settings.get("senior_words", ())]
    for block in requirement_blocks:
        for word in senior:
            found = re.search(phrase_pattern(word), block.text, re.IGNORECASE)
            if found:
                scan.add(
                    "entry-level-mismatch",
                    f"an entry-level role asking for {found.group()!r}",
                    block,
                    found.group(),
                )
