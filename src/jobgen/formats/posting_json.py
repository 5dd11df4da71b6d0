"""`--format json`: one posting as one JSON document, for an applicant tracking system.

The schema.org JobPosting (as in the web page) plus the posting's sections as
structured fields, and the house-styled Markdown. Its published JSON Schema is
`posting_schema.POSTING_SCHEMA` (`jobgen schema posting`); a test validates
every built-in posting against it, so the two cannot drift.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ..render.local import Local
from .jobposting import job_posting
from .json_text import dumps
from .posting_schema import FORMAT_NAME, FORMAT_VERSION

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..inputs.role_context import Answer


def posting_document(
    posting: Posting, markdown: str, fragment: str, local: Local | None = None
) -> dict[str, Any]:
    """The JSON document of one posting; `local` words its texts in its language."""
    local = local or Local.english(posting.language)
    role, company, hire = posting.role, posting.company, posting.hire
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "id": f"{company.id}/{posting.id}",
        "opening": hire.opening,
        "language": posting.language,
        "languages": list(posting.languages),
        "title": role.title,
        "role": {
            "id": role.id,
            "title": role.title,
            "seniority": role.seniority,
            "employment_type": role.employment_type,
        },
        "company": {
            "id": company.id,
            "name": company.name,
            "website": company.website,
            "industry": company.industry,
            "employees": company.employees,
            "about": company.about,
            "mission": company.mission,
            "values": [{"name": v.name, "description": v.description} for v in company.values],
        },
        "occupation": (
            {"code": role.occupation.code, "title": role.occupation.title}
            if role.occupation
            else None
        ),
        "level": (
            {
                "id": hire.level.id,
                "name": hire.level.name,
                "years": hire.level.years,
                "scope": hire.level.scope,
            }
            if hire.level
            else None
        ),
        "team": hire.team,
        "reports_to": hire.reports_to,
        "requisition_id": hire.requisition_id,
        "headcount": hire.headcount,
        "stage": posting.stage.id if posting.stage else None,
        "date_posted": posting.date.isoformat(),
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "work_model": company.work_model,
        "work_model_note": company.work_model_note,
        "location": local.location_line(company),
        "locations": [
            {"city": loc.city, "region": loc.region, "country": loc.country}
            for loc in company.locations
        ],
        "remote_regions": list(company.remote_regions),
        "remote_areas": [
            {"name": area.name, "kind": area.kind, "code": area.code}
            for area in company.remote_areas
        ],
        "summary": role.summary,
        "responsibilities": list(role.responsibilities),
        "skills": list(role.skills),
        "tools": list(role.tools),
        "nice_to_have": list(role.nice_to_have),
        "why_it_matters": role.why_it_matters,
        "market_facts": [
            {"text": fact.text, "source": fact.source}
            for fact in (role.market.facts if role.market else ())
        ],
        "outcomes": (
            {
                "first_90_days": list(hire.outcomes.first_90_days),
                "first_year": list(hire.outcomes.first_year),
            }
            if hire.outcomes
            else None
        ),
        "interview": [
            {"step": step.step, "who": step.who, "length": step.length} for step in hire.interview
        ],
        "visa_sponsorship": _answer(hire.visa_sponsorship),
        "relocation": _answer(hire.relocation),
        "travel": hire.travel,
        "on_call": hire.on_call,
        "vacancy": hire.vacancy,
        "ai_screening": _fields(hire.ai_screening) if hire.ai_screening is not None else None,
        "benefits": list(company.benefits),
        "pay": [
            {
                "where": pay.where,
                "currency": pay.currency,
                "min": pay.min,
                "max": pay.max,
                "period": pay.period,
                "equity": pay.equity,
                "text": local.pay_range(pay),
            }
            for pay in posting.pay
        ],
        "apply": {
            "url": company.apply.url,
            "email": company.apply.email,
            "instructions": company.apply.instructions,
            "direct": company.apply.direct,
        },
        "equal_opportunity": company.equal_opportunity,
        "markdown": markdown,
        "job_posting": job_posting(posting, fragment),
    }


def _fields(flat: Any) -> dict[str, Any]:
    """`dataclasses.asdict` of a dataclass whose fields hold no other (a fifth of the time)."""
    return {field.name: getattr(flat, field.name) for field in dataclasses.fields(flat)}


def _answer(answer: Answer | None) -> dict[str, Any] | None:
    return None if answer is None else {"offered": answer.offered, "note": answer.note}


def to_bytes(document: dict[str, Any]) -> bytes:
    return (dumps(document) + "\n").encode("utf-8")
