"""`index.html` of a stage run: the company's hiring plan, one card per posting.

A self-contained page like the postings (inline CSS from `style.css`, the
company's brand colours), rendered from `index.html.j2` so that recruiters can
restyle it like any other template. Links are relative: the company's folder
can be opened from disk, zipped or published as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import counted
from ..formats.logo import logo
from ..render.context import (
    EMPLOYMENT_WORDS,
    SENIORITY_WORDS,
    date_text,
    location_line,
    pay_range,
)

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..inputs.stages import StagePlan
    from ..render.renderer import Renderer
    from .records import PostingRecord

INDEX_TEMPLATE = "index.html.j2"
QUALITY_NAME = "quality.html"  # the quality report, beside the plan
FORMAT_LABELS = {
    "html": "Web page", "docx": "Word", "md": "Markdown", "txt": "Plain text", "json": "JSON",
}  # fmt: skip
LINK_ORDER = ("html", "docx", "md", "txt", "json")  # what a reader most likely wants first


def render_plan_page(plan: StagePlan, records: Sequence[PostingRecord], renderer: Renderer) -> str:
    company = plan.company
    by_id = {record.id: record for record in records}
    sections = []
    for stage in plan.stages:
        postings = [p for p in plan.postings if p.stage == stage]
        cards = [_card(posting, by_id[posting.id]) for posting in postings]
        if cards:
            sections.append({"stage": stage, "cards": cards})
    names = [stage.name for stage in plan.stages]
    stage_words = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
    date = plan.postings[0].date if plan.postings else None
    context = {
        "title": f"Hiring plan: {stage_words} · {company.name}",
        "lang": company.language,
        "company": company,
        "brand": company.brand,
        "logo": logo(company),
        "stylesheet": renderer.stylesheet(),
        "plan": {
            "stage": plan.stage,
            "stages": plan.stages,
            "stage_words": stage_words,
            "cumulative": plan.cumulative,
            "count": len(records),
            "hires": sum(posting.hire.headcount for posting in plan.postings),
            "date": date.isoformat() if date else "",
            "date_text": date_text(date, company.language) if date else "",
            "location": location_line(company),
            # the quality report lint wrote beside this page, when it did
            "quality": QUALITY_NAME if any(r.lint is not None for r in records) else None,
        },
        "sections": sections,
    }
    return renderer.render(INDEX_TEMPLATE, context)


def _card(posting: Posting, record: PostingRecord) -> dict[str, Any]:
    role, hire = posting.role, posting.hire
    files = [
        {
            "format": fmt,
            "label": FORMAT_LABELS[fmt],
            "href": record.files[fmt].path.rsplit("/", 1)[-1],
            "size": _size(record.files[fmt].bytes),
        }
        for fmt in LINK_ORDER
        if fmt in record.files
    ]
    return {
        "id": posting.id,
        "role": role,
        "opening": hire.opening is not None,
        "level": hire.level.name if hire.level else SENIORITY_WORDS[role.seniority],
        "team": hire.team,
        "reports_to": hire.reports_to,
        "headcount": hire.headcount,
        "seniority": SENIORITY_WORDS[role.seniority],
        "employment_type": EMPLOYMENT_WORDS[role.employment_type],
        "pay": [{"range": pay_range(pay), "where": pay.where} for pay in posting.pay],
        "summary": first_sentence(role.summary),
        "words": record.words,
        "warnings": list(record.warnings),
        "lint": _lint_line(posting.id, record),
        "href": files[0]["href"] if files else None,
        "files": files,
    }


def _lint_line(posting_id: str, record: PostingRecord) -> dict[str, Any] | None:
    """What lint found in the posting, linking to its part of the quality report."""
    report = record.lint
    if report is None:
        return None
    errors, warnings = report.count("error"), report.count("warning")
    found = [
        counted(errors, "error") if errors else "",
        counted(warnings, "warning") if warnings else "",
    ]
    return {
        "errors": errors,
        "warnings": warnings,
        "text": ", ".join(part for part in found if part) or "no errors or warnings",
        "href": f"{QUALITY_NAME}#{posting_id}-findings"
        if errors or warnings
        else f"{QUALITY_NAME}#{posting_id}",
    }


def first_sentence(text: str) -> str:
    """The text up to its first full stop followed by a space (all of it if none)."""
    match = re.search(r"[.!?](?=\s)", text)
    return text[: match.end()] if match else text


def _size(count: int) -> str:
    return f"{count} bytes" if count < 1024 else f"{count / 1024:.0f} KB"
