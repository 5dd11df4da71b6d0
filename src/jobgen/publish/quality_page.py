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
from .plan_page import (
    LINK_ORDER,
    STATE_GLYPHS,
    STATE_WORDS,
    lint_state,
    main_language,
    state_summary,
)

if TYPE_CHECKING:
    from ..inputs.stages import StagePlan
    from ..lint.book import RuleBook
    from ..lint.scan import Finding
    from ..render.local import Local
    from ..render.renderer import Renderer
    from .records import PostingRecord

QUALITY_TEMPLATE = "quality.html.j2"
BAR_WIDTH = 80  # pixels of the widest bar in the chart


def render_quality_page(
    plan: StagePlan, records: Sequence[PostingRecord], renderer: Renderer, book: RuleBook
) -> str:
    company = plan.company
    titles = {posting.name: posting.role.title for posting in plan.postings}
    local = renderer.local(main_language(plan))
    categories = [(c, local.pgettext("lint category", name)) for c, name in book.categories.items()]
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
                "coding": local.pgettext("gender coding", report.coding),
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
    for row in rows:
        row["state"] = lint_state(row["errors"], row["warnings"])
    most = max((c["count"] for row in rows for c in row["counts"]), default=0)
    for row in rows:
        for cell in row["counts"]:
            cell["bar"] = round(BAR_WIDTH * cell["count"] / most) if most else 0
    date = plan.postings[0].date if plan.postings else None
    context = {
        "title": local.gettext("Posting quality · %(company)s") % {"company": company.name},
        "lang": local.language,
        "local": local,
        "company": company,
        "brand": company.brand,
        "logo": logo(company),
        "stylesheet": renderer.stylesheet(),
        "date_text": local.date(date) if date else "",
        "categories": [{"id": c, "name": name} for c, name in categories],
        "rows": rows,
        "bar_width": BAR_WIDTH,
        "weights": book.score,
        "passed": sum(1 for row in rows if not row["errors"] and not row["warnings"]),
        "summary": _summary_bar([row["state"] for row in rows], local),
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


SUMMARY_WIDTH = 360  # pixels of the bar above the table


def _summary_bar(states: list[str], local: Local) -> dict[str, object]:
    """The postings by lint state as one bar: a part per state, sized by its count and
    labelled with a glyph and the count, so it reads without colour."""
    parts, x = [], 0
    shown = [(state, states.count(state)) for state in STATE_GLYPHS if states.count(state)]
    for number, (state, count) in enumerate(shown):
        last = number == len(shown) - 1
        # every part wide enough for its label; the last one takes what is left
        width = SUMMARY_WIDTH - x if last else max(48, round(SUMMARY_WIDTH * count / len(states)))
        parts.append(
            {
                "x": x,
                "width": width,
                "state": state,
                "label": f"{STATE_GLYPHS[state]} {count}",
                "title": f"{count} {local.gettext(STATE_WORDS[state])}",
            }
        )
        x += width
    return {"parts": parts, "width": SUMMARY_WIDTH, "text": state_summary(states, local)}
