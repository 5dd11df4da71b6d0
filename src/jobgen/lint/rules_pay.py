"""Pay transparency: what the laws where the company hires require a posting to show.

The laws and places are data (lint/pay-transparency.yaml, read into the rule
book); `pay.py` reads money out of text and decides which laws apply.
"""

from __future__ import annotations

import re

from . import pay as pay_text
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
