"""`quality.html` of a stage run: how each posting scored in `jobgen lint`.

One row per posting (score, counts per category, words, reading ease, a small
bar chart), then each posting's errors and warnings with what to do. Rendered
from `quality.html.j2` with the company's stylesheet, like the hiring plan.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..formats.logo import logo
from ..render.context import date_text
from .plan_page import LINK_ORDER

if TYPE_CHECKING:
    from ..inputs.stages import StagePlan
    from ..lint.book import RuleBook
    from ..lint.scan import Finding
    from ..render.renderer import Renderer
    from .records import PostingRecord

QUALITY_TEMPLATE = "quality.html.j2"
BAR_WIDTH = 120  # pixels of the widest bar in the chart


def render_quality_page(
    plan: StagePlan, records: Sequence[PostingRecord], renderer: Renderer, book: RuleBook
) -> str:
    company = plan.company
    titles = {posting.id: posting.role.title for posting in plan.postings}
    categories = list(book.categories.items())
    rows = []
    for record in records:
        report = record.lint
        if report is None:
            continue
        counts = report.by_category()
        links = [
            record.files[fmt].path.rsplit("/", 1)[-1] for fmt in LINK_ORDER if fmt in record.files
        ]
        rows.append(
            {
                "role": record.id,
                "title": titles[record.id],
                "href": links[0] if links else None,
                "score": report.score,
                "words": report.words,
                "reading_ease": report.reading_ease,
                "coding": report.coding,
                "laws": report.laws or [],
                "errors": report.count("error"),
                "warnings": report.count("warning"),
                "infos": report.count("info"),
                "counts": [
                    {"id": c, "name": name, "count": counts.get(c, 0)} for c, name in categories
                ],
                "findings": [_shown(f) for f in report.findings if f.severity != "info"],
            }
        )
    most = max((c["count"] for row in rows for c in row["counts"]), default=0)
    for row in rows:
        for cell in row["counts"]:
            cell["bar"] = round(BAR_WIDTH * cell["count"] / most) if most else 0
    date = plan.postings[0].date if plan.postings else None
    context = {
        "title": f"Posting quality · {company.name}",
        "lang": company.language,
        "company": company,
        "brand": company.brand,
        "logo": logo(company),
        "stylesheet": renderer.stylesheet(),
        "date_text": date_text(date, company.language) if date else "",
        "categories": [{"id": c, "name": name} for c, name in categories],
        "rows": rows,
        "bar_width": BAR_WIDTH,
        "weights": book.score,
        "passed": sum(1 for row in rows if not row["errors"] and not row["warnings"]),
    }
    return renderer.render(QUALITY_TEMPLATE, context)


def _shown(finding: Finding) -> dict[str, object]:
    """A finding for the page: its texts' `code` spans (rule messages are written for a
    terminal, in Markdown) as <code>, the rest escaped."""
    return {
        **dataclasses.asdict(finding),
        **{name: _code_spans(getattr(finding, name)) for name in ("message", "why", "suggestion")},
    }


def _code_spans(text: str | None) -> Markup | None:
    if text is None:
        return None
    parts = str(escape(text)).split("`")
    if len(parts) % 2 == 0:  # an odd backtick: leave the text as it is
        return Markup(escape(text))
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))
