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

from ..formats.logo import logo
from ..inputs.messages import N_
from ..render.context import SENIORITY_WORDS
from ..render.local import EMPLOYMENT_WORDS, Local

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..inputs.stages import StagePlan
    from ..render.renderer import Renderer
    from .records import PostingRecord

INDEX_TEMPLATE = "index.html.j2"
QUALITY_NAME = "quality.html"  # the quality report, beside the plan
FORMAT_LABELS = {
    "html": N_("Web page"), "docx": N_("Word"), "md": N_("Markdown"), "txt": N_("Plain text"),
    "json": N_("JSON"), "pdf": N_("PDF"),
}  # fmt: skip
LINK_ORDER = ("html", "pdf", "docx", "md", "txt", "json")  # what a reader most likely wants first
# A posting's lint state, as the pictures show it: a shape as well as a colour.
STATE_GLYPHS = {"clean": "✓", "warning": "!", "error": "✕"}
STATE_WORDS = {
    "clean": N_("without issues"), "warning": N_("with warnings"), "error": N_("with errors"),
}  # fmt: skip
# Counts, as messages (jobgen's messages have no plural forms: one message per form).
COUNTED = {
    "posting": (N_("%(count)s posting"), N_("%(count)s postings")),
    "error": (N_("%(count)s error"), N_("%(count)s errors")),
    "warning": (N_("%(count)s warning"), N_("%(count)s warnings")),
}
ENGLISH = Local.english()


def counted_in(local: Local, count: int, noun: str) -> str:
    """`3 postings`, `1 error`, in the page's language."""
    one, many = COUNTED[noun]
    return local.gettext(one if count == 1 else many) % {"count": count}


TILES_PER_ROW = 20


def main_language(plan: StagePlan) -> str:
    """The language of a company's own pages: its first posting language."""
    company = plan.company
    return (company.languages or (company.language,))[0]


def render_plan_page(plan: StagePlan, records: Sequence[PostingRecord], renderer: Renderer) -> str:
    company = plan.company
    local = renderer.local(main_language(plan))
    by_id = {record.id: record for record in records}
    # A warning every posting has (the house CSS) is about the run: said once, not per card.
    shared = set.intersection(*(set(r.warnings) for r in records)) if len(records) > 1 else set()
    sections = []
    for stage in plan.stages:
        postings = [p for p in plan.postings if p.stage == stage]
        cards = [
            _card(posting, by_id[posting.name], shared, renderer.local(posting.language), local)
            for posting in postings
        ]
        if cards:
            shown = {
                "id": stage.id,
                "name": local.pgettext("stage", stage.name),
                "description": local.pgettext("stage", stage.description),
            }
            picture = _stage_picture(cards, local)
            sections.append({"stage": shown, "cards": cards, "lint": picture})
    names = [local.pgettext("stage", stage.name) for stage in plan.stages]
    stage_words = (
        names[0]
        if len(names) == 1
        else local.gettext("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    )
    date = plan.postings[0].date if plan.postings else None
    context = {
        "title": local.gettext("Hiring plan: %(stage)s · %(company)s")
        % {"stage": stage_words, "company": company.name},
        "lang": local.language,
        "local": local,
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
            "date_text": local.date(date) if date else "",
            "location": local.location_line(company),
            # the quality report lint wrote beside this page, when it did
            "quality": QUALITY_NAME if any(r.lint is not None for r in records) else None,
        },
        "sections": sections,
        "warnings": [w for w in records[0].warnings if w in shared] if shared else [],
    }
    return renderer.render(INDEX_TEMPLATE, context)


def _card(
    posting: Posting, record: PostingRecord, shared: set[str], local: Local, page: Local
) -> dict[str, Any]:
    """One posting's card: its words in its own language, lint's in the page's."""
    role, hire = posting.role, posting.hire
    files = [
        {
            "format": fmt,
            "label": local.gettext(FORMAT_LABELS[fmt]),
            "href": record.files[fmt].path.rsplit("/", 1)[-1],
            "size": size_text(record.files[fmt].bytes, page),
        }
        for fmt in LINK_ORDER
        if fmt in record.files
    ]
    return {
        "id": posting.name,
        "role": role,
        "opening": hire.opening is not None,
        "language": posting.language,
        "level": hire.level.name if hire.level else local.gettext(SENIORITY_WORDS[role.seniority]),
        "team": hire.team,
        "reports_to": hire.reports_to,
        "headcount": hire.headcount,
        "seniority": local.gettext(SENIORITY_WORDS[role.seniority]),
        "employment_type": local.gettext(EMPLOYMENT_WORDS[role.employment_type]),
        "pay": [
            {"range": local.pay_range(pay), "where": local.where(pay.where, posting.company)}
            for pay in posting.pay
        ],
        "summary": first_sentence(role.summary),
        "words": record.words,
        "warnings": [w for w in record.warnings if w not in shared],
        "lint": _lint_line(posting.name, record, page),
        "href": files[0]["href"] if files else None,
        "files": files,
    }


def lint_state(errors: int, warnings: int) -> str:
    return "error" if errors else "warning" if warnings else "clean"


def state_summary(states: list[str], local: Local = ENGLISH) -> str:
    """`3 postings: 2 without issues, 1 with warnings`."""
    counts = [(states.count(s), local.gettext(STATE_WORDS[s])) for s in STATE_GLYPHS]
    parts = ", ".join(f"{n} {words}" for n, words in counts if n)
    return f"{counted_in(local, len(states), 'posting')}: {parts}"


def _stage_picture(cards: list[dict[str, Any]], local: Local) -> dict[str, Any] | None:
    """One tile per posting, marked with its lint state, in rows of TILES_PER_ROW."""
    if any(card["lint"] is None for card in cards):
        return None
    tiles = []
    for number, card in enumerate(cards):
        state = card["lint"]["state"]
        row, column = divmod(number, TILES_PER_ROW)
        tiles.append(
            {
                "x": column * 26,
                "y": row * 26,
                "state": state,
                "glyph": STATE_GLYPHS[state],
                "title": local.pgettext("label", "%(label)s:") % {"label": card["role"].title}
                + f" {card['lint']['text']}",
            }
        )
    rows = (len(cards) + TILES_PER_ROW - 1) // TILES_PER_ROW
    return {
        "tiles": tiles,
        "width": min(len(cards), TILES_PER_ROW) * 26,
        "height": rows * 26,
        "text": state_summary([card["lint"]["state"] for card in cards], local),
    }


def _lint_line(posting_id: str, record: PostingRecord, local: Local) -> dict[str, Any] | None:
    """What lint found in the posting, linking to its part of the quality report."""
    report = record.lint
    if report is None:
        return None
    errors, warnings = report.count("error"), report.count("warning")
    kinds = ((errors, "error"), (warnings, "warning"))
    found = [counted_in(local, n, kind) for n, kind in kinds if n]
    anchor = f"{posting_id}-findings" if found else posting_id
    return {
        "errors": errors,
        "warnings": warnings,
        "state": lint_state(errors, warnings),
        "text": ", ".join(found) or local.gettext("no errors or warnings"),
        "href": f"{QUALITY_NAME}#{anchor}",
    }


def first_sentence(text: str) -> str:
    """The text up to its first full stop followed by a space (all of it if none)."""
    match = re.search(r"[.!?](?=\s)", text)
    return text[: match.end()] if match else text


def size_text(count: int, local: Local = ENGLISH) -> str:
    """`812 bytes`, `23 KB` (`23 Ko` in French)."""
    if count < 1024:
        return local.gettext(N_("%(size)s bytes")) % {"size": count}
    return local.gettext(N_("%(size)s KB")) % {"size": f"{count / 1024:.0f}"}
