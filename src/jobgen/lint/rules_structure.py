"""Structure, length and readability: required and empty sections, word count,
reading ease, long sentences."""

from __future__ import annotations

from . import memo
from .book import SectionKind
from .document import Block
from .readability import FORMULAS, count_words
from .scan import Scan


def structure(scan: Scan) -> None:
    names = {"equal_opportunity": "equal-opportunity statement", "how_to_apply": "how to apply"}
    for kind in scan.book.required_sections:
        spec = scan.book.sections[kind]
        if scan.sections_of(kind) or scan.says(spec.phrases):
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


def generic_posting(scan: Scan) -> None:
    """A posting that does not say who the hire works with and for, or what success
    looks like: headings or words of the `team`, `reporting_line`, `outcomes` kinds."""
    if not scan.on("generic-posting"):
        return
    missing = [
        what
        for kind, what in (
            ("team", "the team"),
            ("reporting_line", "whom the hire reports to"),
            ("outcomes", "what success looks like"),
        )
        if not scan.sections_of(kind) and not _says(scan, scan.book.sections.get(kind))
    ]
    if missing:
        said = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} or {missing[-1]}"
        scan.add("generic-posting", f"a generic posting: it does not say {said}", None)


def _says(scan: Scan, kind: SectionKind | None) -> bool:
    return kind is not None and scan.says(kind.phrases)


def starter_text(scan: Scan) -> None:
    """Text left from `jobgen init`'s example profile, as written."""
    if not scan.on("starter-text"):
        return
    phrases = scan.book.rule("starter-text").settings.get("phrases", ())
    table = memo.kept_on(scan.book, "starter")
    for block in scan.document.blocks:
        found = memo.known(table, block.text, lambda text: tuple(p for p in phrases if p in text))
        for phrase in found:
            scan.add("starter-text", f"text from the example workspace: {phrase!r}", block, phrase)


# --- Length and readability ------------------------------------------------


def word_count(scan: Scan, total: int) -> None:
    """The posting's length, less the notices a law or the company requires (equal
    opportunity, AI screening, the vacancy): they cannot be cut, so they do not count."""
    settings = scan.book.rule("word-count").settings
    low, high = int(settings.get("min", 0)), int(settings.get("max", 10**9))
    counted = total - sum(count_words(b.text) for b in notice_blocks(scan))
    said = f"{counted} words" + (
        f" (besides {total - counted} of notices)" if counted < total else ""
    )
    if counted < low:
        scan.add("word-count", f"{said}; the target is {low} to {high}", None)
    elif counted > high:
        scan.add(
            "word-count",
            f"{said}; the target is {low} to {high}",
            None,
            suggestion=f"Cut about {counted - high} words: shorter lists, one idea per item.",
        )


def notice_blocks(scan: Scan) -> list[Block]:
    """The equal-opportunity section, and the statements on AI screening and the vacancy."""
    kinds = [scan.book.sections.get(k) for k in ("ai_screening", "vacancy")]
    phrases = [p for kind in kinds if kind for p in kind.phrases]
    table = memo.kept_on(scan.book, "notice")  # a role's blocks recur at every company
    said = [
        b
        for b in scan.prose
        if memo.known(table, b.text, lambda text: _holds(text.lower(), phrases))
    ]
    return list({b.line: b for b in [*scan.blocks_of("equal_opportunity"), *said]}.values())


def _holds(lowered: str, phrases: list[str]) -> bool:
    return any(p in lowered for p in phrases)


def reading_ease(scan: Scan, ease: float | None) -> None:
    minimum = float(scan.book.rule("reading-ease").settings.get("min", 0))
    if ease is not None and ease < minimum:
        scan.add(
            "reading-ease",
            f"{FORMULAS[scan.book.language][0]} {ease:.0f}; the target is at least {minimum:g}",
            None,
        )


def long_sentences(scan: Scan) -> None:
    limit = int(scan.book.rule("long-sentence").settings.get("max_words", 35))
    for block, sentence, count in scan.sentences:
        if count > limit:
            scan.add(
                "long-sentence",
                f"a sentence of {count} words (limit {limit})",
                block,
                sentence,
            )
