"""Realistic requirements: how many are asked, years of a technology older than it
is, and an entry-level role that asks for seniority."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from ..errors import counted
from . import memo
from .book import RuleBook
from .document import Block
from .memo import per_text
from .patterns import compiled
from .phrasing import phrase_pattern
from .readability import sentences
from .scan import Scan

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    # German and French, for "zehn Jahre Erfahrung" and "dix ans d'expérience"
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "douze": 12, "quinze": 15, "vingt": 20,
}  # fmt: skip
# "5+ years", in German "5 Jahre" (or "Jahren"), in French "5 ans" (or "années").
YEARS = compiled(
    rf"\b(?P<n>\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s*\+?\s*(?:or more\s+|plus\s+)?"
    r"(?P<unit>years?|jahre?n?|ans|années)\b",
    re.IGNORECASE,
)


def years_asked(sentence: str) -> Iterator[tuple[int, re.Match[str]]]:
    """`5+ years`, `ten years`: the number and where it stands. Not "years old" and the like."""
    return iter(_years_asked(sentence))


YearsAsked = tuple[tuple[int, re.Match[str]], ...]


@per_text  # each sentence is read by two rules, and recurs across companies
def _years_asked(sentence: str) -> YearsAsked:
    return tuple(_each_year_asked(sentence))


def _each_year_asked(sentence: str) -> Iterator[tuple[int, re.Match[str]]]:
    for match in YEARS.finditer(sentence):
        after = sentence[match.end() : match.end() + 24].lower()
        if after.startswith((" old", " ago", " of age", " alt", " jung")):
            continue
        if match.group("unit").lower() in ("ans", "années") and "exp" not in after:
            continue  # "25 ans" is an age, "5 ans d'expérience" is not
        raw = match.group("n").lower()
        yield int(raw) if raw.isdigit() else NUMBER_WORDS[raw], match


def _asking_years(scan: Scan) -> Iterator[tuple[Block, str, YearsAsked]]:
    """Each sentence of the prose that asks for years, with its block and the years."""
    table = memo.kept_on(scan.book, "years asked")
    for block in scan.prose:
        found = table.get(block.text)  # (most blocks: kept, and asking none)
        if found is None:
            found = memo.known(table, block.text, _in_block)
        for sentence, asked in found:
            yield block, sentence, asked


def _in_block(text: str) -> tuple[tuple[str, YearsAsked], ...]:
    """The sentences of a block that ask for years (few do), with what they ask."""
    return tuple((s, asked) for s in sentences(text) if (asked := _years_asked(s)))


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


def technology_pattern(book: RuleBook) -> re.Pattern[str]:
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
    names = scan.book.technology_names
    table = memo.kept_on(scan.book, "names a technology")
    for block, sentence, asked in _asking_years(scan):
        if not memo.known(table, sentence, lambda text: any(n in text.lower() for n in names)):
            continue  # most sentences with years name no technology: skip the big regex
        pattern = technology_pattern(scan.book)
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
                    f"asks for {counted(number, 'year')} of {tech.name}, which has existed "
                    f"for {_age(age)} (since {tech.since})",
                    block,
                    sentence,
                    source=f"{scan.book.rule('impossible-experience').source}: {tech.note}",
                )


def _patterns(
    book: RuleBook, phrases: tuple[str, ...], flags: int = 0
) -> tuple[re.Pattern[str], ...]:
    """`phrases` as patterns, compiled once per book (each posting asks for them)."""
    table = memo.kept_on(book, "phrase patterns")
    found = table.get((phrases, flags))
    if found is None:
        patterns = tuple(re.compile(phrase_pattern(p), flags) for p in phrases)
        found = memo.keep(table, (phrases, flags), patterns)
    return found


def _age(years: int) -> str:
    return "less than a year" if years < 1 else f"about {counted(years, 'year')}"


def entry_level(scan: Scan) -> None:
    if not scan.on("entry-level-mismatch"):
        return
    settings = scan.book.rule("entry-level-mismatch").settings
    is_entry = scan.context.seniority == "entry"
    if not is_entry:
        intro = list(islice((b.text for b in scan.document.blocks if not b.section), 3))
        head = " ".join([scan.document.title, *intro]).lower()
        entry_words = tuple(w.lower() for w in settings.get("entry_words", ()))
        patterns = _patterns(scan.book, entry_words)
        table = memo.kept_on(scan.book, "entry-level head")  # a role's title and intro recur
        is_entry = memo.known(table, head, lambda text: any(p.search(text) for p in patterns))
    if not is_entry:
        return
    most = int(settings.get("max_years", 2))
    for block, sentence, asked in _asking_years(scan):
        for number, _ in asked:
            if number > most:
                scan.add(
                    "entry-level-mismatch",
                    f"an entry-level role asking for {counted(number, 'year')} of experience",
                    block,
                    sentence,
                )
    requirement_blocks = scan.blocks_of("requirements") or scan.prose
    senior = [w.lower() for w in settings.get("senior_words", ())]
    patterns = _patterns(scan.book, tuple(senior), re.IGNORECASE)
    table = memo.kept_on(scan.book, "senior words")  # a role's requirements recur

    def senior_words(text: str) -> tuple[str, ...]:
        return tuple(found.group() for pattern in patterns if (found := pattern.search(text)))

    for block in requirement_blocks:
        for words in memo.known(table, block.text, senior_words):
            scan.add(
                "entry-level-mismatch",
                f"an entry-level role asking for {words!r}",
                block,
                words,
            )
