"""Pay transparency: what the laws where the company hires require a posting to show.

The laws are data (lint/laws.yaml, read into the rule book); `laws.py` decides
which reach a company, `pay.py` reads money out of text, and `rules_law.py` says
which law a finding comes from.
"""

from __future__ import annotations

import re

from ..inputs.company_parts import names_place
from ..inputs.regions import place_names
from . import memo
from . import pay as pay_text
from .laws import Area, LawMatch
from .patterns import compiled
from .rules_law import WHEN_DUE, company_places, needing, report
from .scan import Scan

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


def pay_transparency(scan: Scan, matches: list[LawMatch] | None) -> None:
    """What the pay laws that reach the posting ask it to show; where none asks for the
    range, a warning that it is missing (rule no-pay-range)."""
    text_blocks = [b for b in scan.document.blocks if b.kind != "heading"]
    benefit_lines = {b.line for b in scan.blocks_of("benefits")}
    pay_blocks = [b for b in text_blocks if b.line not in benefit_lines]
    in_pay_section = any(pay_text.MONEY.search(b.text) for b in scan.blocks_of("pay"))
    # Without a law only whether there is pay matters: the ranges themselves are not read.
    # (A range has a digit on each side: most blocks have none, and are passed over.)
    digits = [b for b in pay_blocks if _DIGIT.search(b.text)]
    ranges = [(b, r) for b in digits for r in pay_text.ranges_in(b.text)] if matches else []
    has_pay = (
        in_pay_section
        or bool(ranges)
        or (not matches and any(pay_text.ranges_in(b.text) for b in digits))
    )
    if not has_pay and not needing(matches or [], "pay_range"):
        scan.add("no-pay-range", "the posting shows no pay range")
    if not matches:
        return
    present = {
        "pay_range": has_pay,
        "benefits": bool(scan.blocks_of("benefits")),
        "application_deadline": _has_deadline(scan),
    }
    for need, (problem, fix) in REQUIREMENTS.items():
        if not present[need]:
            report(scan, "pay-transparency", needing(matches, need), f"the posting {problem}", fix)
    if not has_pay:
        for match in needing(matches, "pay_to_applicants"):
            due = WHEN_DUE.get(match.law.pay_to_applicants_by or "", "in good time")
            report(
                scan,
                "pay-transparency",
                [match],
                f"the posting shows no pay, which applicants must get {due}",
                "Show the pay range in the posting: the simplest way to give it to everyone.",
                at_most="info",
            )
    if has_pay:
        pay_by_place(scan, needing(matches, "pay_range"))
    if closed := needing(matches, "closed_range"):
        # (Money needs a decimal digit: a block with none has no open-ended pay.)
        for block in digits:
            for text in pay_text.open_ended(block.text):
                report(
                    scan,
                    "pay-transparency",
                    closed,
                    f"open-ended pay {text!r}, with no minimum or no maximum",
                    "Give the range as a minimum and a maximum.",
                    block,
                    text,
                )
    for match in needing(matches, "range_width"):
        limit = match.law.range_width
        if not limit:
            continue
        for block, found in ranges:
            if found.currency != limit["currency"] or found.high.amount > limit["applies_up_to"]:
                continue
            width = found.high.amount - found.low.amount
            if width > limit["max"]:
                report(
                    scan,
                    "pay-transparency",
                    [match],
                    f"the range {found.text!r} is {width:,.0f} wide, over "
                    f"{limit['max']:,} {limit['currency']} (for pay up to "
                    f"{limit['applies_up_to']:,})",
                    "Narrow the range.",
                    block,
                    found.text,
                )


def pay_by_place(scan: Scan, matches: list[LawMatch]) -> None:
    """A law that wants pay shown for a place the posting's ranges leave out: ranges only
    for Austin, TX, in a posting that a Berlin office (or remote work from Austria) brings
    under a pay law, show Berlin's candidates someone else's pay."""
    places = scan.context.pay_places
    company = scan.context.company
    if not matches or not places or None in places or company is None:
        return  # unknown, no pay (reported above), or one range for every place
    areas, _ = company_places(company, scan.book)
    offices = [area for area in areas if not area.remote]
    laws_by_gap: dict[tuple[Area, ...], list[LawMatch]] = {}
    for match in matches:
        gaps = tuple(
            area
            for area in areas
            if match.law.covers(area)
            and not any(_pays_in(area, where, offices) for where in places)
        )
        if gaps:
            laws_by_gap.setdefault(gaps, []).append(match)
    given = [place for place in places if place]
    for gaps, laws in laws_by_gap.items():
        named = " or ".join(f"remote work from {a.label}" if a.remote else a.label for a in gaps)
        listed = ", ".join(given[:-1]) + " and " + given[-1] if len(given) > 1 else given[0]
        report(
            scan,
            "pay-transparency",
            laws,
            f"the posting shows no pay range for {named} (its ranges are for {listed})",
            f"Add a range for {gaps[0].label} (in jobgen: an entry under `pay:` for this role "
            f"with `where: {gaps[0].label}`), or one range without `where` for every place.",
        )


def _pays_in(area: Area, where: str | None, offices: list[Area]) -> bool:
    """Is a range for `where` one for `area`: does it name the area's city, state or
    country, or say "remote" (for remote work)? A range for an office also serves remote
    work from the region around it: Toronto's for remote work from Ontario."""
    if where is None or any(names_place(name, where) for name in _names(area)):
        return True
    return area.remote and any(
        _inside(office, area) and names_place(office.city or "", where) for office in offices
    )


def _names(area: Area) -> list[str]:
    """How a range's `where` may name an area: Toronto, ON, Ontario, CA, Canada."""
    names = [area.label, area.city, *place_names(area.country, area.region)]
    names += ["remote", "anywhere"] if area.remote else []
    return [name for name in names if name]


def _inside(office: Area, area: Area) -> bool:
    """Is the office inside the (remote) area?"""
    if area.everywhere:
        return True
    if area.countries:
        return office.country in area.countries
    return office.country == area.country and area.region in (None, office.region)


_DIGIT = compiled(r"\d")
_DATE = compiled(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)


def _has_deadline(scan: Scan) -> bool:
    phrases = scan.book.sections.get("application_deadline")
    wanted = phrases.phrases if phrases else ()

    def says_deadline(text: str) -> bool:
        lowered = text.lower()
        return any(p in lowered for p in wanted) and _DATE.search(text) is not None

    table = memo.kept_on(scan.book, "deadline")  # a role's blocks recur at every company
    return any(memo.known(table, block.text, says_deadline) for block in scan.prose)
