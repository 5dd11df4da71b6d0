"""Job-ad law beyond pay: what the laws where a company hires ask a posting to say (is AI
used to screen applicants, is the vacancy real) or not to say (Canadian experience), and
titles that address every gender. Also which laws reach a posting at all, and how a
finding names them, for these rules and the pay rules alike.

The laws are data (lint/laws.yaml, read into the rule book); `laws.py` decides which
of them reach a company.
"""

from __future__ import annotations

import re

from ..inputs.models import Company
from . import laws as law_data
from . import memo
from .book import RuleBook
from .document import Block
from .laws import Area, LawMatch
from .scan import Scan

WHEN_DUE = {
    "interview": "before the interview",
    "negotiation": "before pay is negotiated",
    "contract": "before the contract",
    "employment": "before the job starts",
}


def laws_that_apply(scan: Scan) -> list[LawMatch] | None:
    """The laws that reach this posting (None when the company is not known); a remote
    region no table knows is reported, since its laws cannot be checked."""
    company = scan.context.company
    if company is None:
        return None
    book = scan.book
    areas, unknown = company_places(company, book)
    for name in unknown:
        scan.add(
            "unknown-region",
            f"remote region {name!r} is neither a country, a state nor a city jobgen knows, so "
            "its laws are not checked",
            None,
            name,
        )
    # Worked out once per company and dates: a batch posts ten roles at each company.
    context = scan.context
    key = (company.locations, company.remote_regions, company.employees, context.date)
    key += (context.valid_through,)
    table = memo.kept_on(book, "laws")
    found = table.get(key)
    if found is None:
        found = law_data.applicable_laws(
            book.laws, list(areas), company.employees, context.date, book.law_ignore,
            context.valid_through,
        )  # fmt: skip
        found = memo.keep(table, key, tuple(found), COMPANIES_KEPT)
    return list(found)


COMPANIES_KEPT = 256  # companies whose places and laws are kept, the oldest dropped first


def company_places(company: Company, book: RuleBook) -> tuple[tuple[Area, ...], tuple[str, ...]]:
    """`laws.company_areas`, worked out once per company's places (they alone decide it)."""
    key = (company.locations, company.remote_regions)
    table = memo.kept_on(book, "areas")
    found = table.get(key)
    if found is None:
        areas, unknown = law_data.company_areas(company, book.places)
        found = memo.keep(table, key, (tuple(areas), tuple(unknown)), COMPANIES_KEPT)
    return found


def report(
    scan: Scan,
    rule_id: str,
    matches: list[LawMatch],
    problem: str,
    fix: str,
    block: Block | None = None,
    text: str | None = None,
    at_most: str | None = None,
) -> None:
    """`problem` once for the laws in force (at the rule's severity), and once for each
    law that is coming or unsettled, as a warning that says when or what is unsettled."""
    settled = [m for m in matches if not m.upcoming and m.law.confirmed]
    if settled:
        scan.add(
            rule_id,
            f"{problem}; required in {law_list(settled)}",
            block,
            text,
            fix,
            source=sources(settled),
            at_most=at_most,
        )
    for match in (m for m in matches if m not in settled):
        law = match.law
        when, why = "", []
        if match.upcoming:
            closes = scan.context.valid_through
            when = f" from {law.effective.isoformat()}, before this posting closes on {closes}"
            why.append(f"{law.jurisdiction}'s law takes effect while this posting is open.")
        if not law.confirmed:
            why.append(f"Not settled: {law.unconfirmed}")
        verb = "requires" if law.confirmed else "may require"
        scan.add(
            rule_id,
            f"{problem}; {law.jurisdiction} {verb} it{when}",
            block,
            text,
            fix,
            why=" ".join(why),
            source=sources([match]),
            at_most=milder(at_most or "error", "warning"),
        )


def milder(first: str, second: str) -> str:
    order = ("error", "warning", "info")
    return max(first, second, key=order.index)


def law_list(matches: list[LawMatch]) -> str:
    """`Colorado`, `New York State and New York City`, `A, B and C`."""
    names = list(dict.fromkeys(m.law.jurisdiction for m in matches))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def sources(matches: list[LawMatch]) -> str:
    return "; ".join(f"{m.law.jurisdiction}: {m.law.law}, {m.law.source}" for m in matches)


def needing(matches: list[LawMatch], requirement: str) -> list[LawMatch]:
    return [m for m in matches if requirement in m.law.requires]


# --- What a posting must say, or must not ----------------------------------------------


def job_ad_law(scan: Scan, matches: list[LawMatch]) -> None:
    if not scan.on("job-ad-law") or not matches:
        return
    says_ai = _says(scan, "ai_screening")
    if (ontario := needing(matches, "ai_screening_statement")) and not says_ai:
        report(
            scan,
            "job-ad-law",
            ontario,
            "the posting does not say whether AI is used to screen, assess or select applicants",
            "Say it in the profile (hiring: ai_screening: no, or used: true with the tool "
            "and what it does); jobgen writes the statement.",
        )
    notice = needing(matches, "ai_notice")
    if notice and not says_ai:
        used = scan.context.ai_screening_used
        if used:
            report(
                scan,
                "job-ad-law",
                notice,
                "the company uses AI in hiring, but the posting does not say so",
                "Keep the statement jobgen writes from hiring.ai_screening in the posting.",
            )
        elif used is None:
            report(
                scan,
                "job-ad-law",
                notice,
                "the profile does not say whether AI screens applicants, and notice is due "
                "where it does",
                "Set hiring.ai_screening in the profile: no, or used: true with the tool.",
                at_most="warning",
            )
    if (vacancy := needing(matches, "vacancy_statement")) and not _says(scan, "vacancy"):
        report(
            scan,
            "job-ad-law",
            vacancy,
            "the posting does not say whether it is for an existing vacancy",
            "Set hiring.vacancy in the profile or vacancy in the opening: existing, new or "
            "pipeline; jobgen writes the statement.",
        )
    _local_experience(scan, needing(matches, "no_local_experience"))
    _title(scan, needing(matches, "gender_neutral_title"))


def _says(scan: Scan, kind: str) -> bool:
    phrases = scan.book.sections.get(kind)
    return phrases is not None and scan.says(phrases.phrases)


def _local_experience(scan: Scan, matches: list[LawMatch]) -> None:
    for match in matches:
        phrases = match.law.local_experience_phrases
        table = memo.kept_on(scan.book, "local experience")
        pattern = table.get(phrases)
        if pattern is None:  # compiled once per law, not per posting
            words = "|".join(re.escape(p.lower()) for p in phrases)
            pattern = memo.keep(table, phrases, re.compile(rf"\b(?:{words})\b") if words else False)
        if not pattern:
            continue
        for block in scan.prose:
            found = pattern.search(block.text.lower())
            if found:
                words = block.text[found.start() : found.end()]
                report(
                    scan,
                    "job-ad-law",
                    [match],
                    f"asks for {words!r}",
                    "Ask for the skill or the licence itself, wherever it was gained.",
                    block,
                    words,
                )


# The mark each job market usually puts after a title (lint/gendered-titles.yaml has all).
USUAL_MARKS = {"de": "(m/w/d)", "fr": "(H/F)", "pl": "(k/m)", "it": "(m/f)", "nl": "(m/v/x)"}


def _title(scan: Scan, matches: list[LawMatch]) -> None:
    """A title that names one gender (chairman, waitress), or in a language whose job
    nouns are gendered, one without a mark like (m/w/d): a heuristic, so a warning."""
    if not matches:
        return
    titles = scan.book.gendered_titles
    title = scan.document.title
    lowered = f" {title.lower()} "
    table = memo.kept_on(scan.book, "gendered title words")  # a role's title recurs
    gendered = memo.known(
        table,
        lowered,
        lambda text: tuple(w for w in titles.words if re.search(rf"\b{re.escape(w)}\b", text)),
    )
    language = (scan.context.language or "").split("-")[0].lower()
    unmarked = language in titles.marked_languages and not any(
        mark in lowered for mark in titles.marks
    )
    if gendered:
        problem = f"the title {title!r} names one gender ({', '.join(gendered)})"
    elif unmarked:
        mark = USUAL_MARKS.get(language, "(m/w/d)")
        problem = f"the title {title!r} has no mark for every gender, like {mark}"
    else:
        return
    report(
        scan,
        "job-ad-law",
        matches,
        problem,
        "Use a neutral title, or add the mark your language uses: (m/w/d), (k/m), (H/F).",
        text=title,
        at_most="warning",
    )
