"""The JSON Schema of a careers site's `jobs.json` (`jobgen schema jobs`)."""

from __future__ import annotations

from typing import Any, get_args

from ..inputs.fields import EmploymentType, Seniority, WorkModel
from .feeds import JOBS_VERSION

_DATE = {"type": "string", "format": "date"}
_URL = {"type": "string", "format": "uri"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {"type": "object", "additionalProperties": False}
    if description:
        found["description"] = description
    return {**found, "required": list(properties), "properties": properties}


_JOB = _object(
    {
        "id": {
            "type": "string",
            "description": "unique in the list: COMPANY/ID, and .LANG when in several languages",
        },
        "url": {**_URL, "description": "its page on the site"},
        "title": {"type": "string"},
        "language": {"type": "string", "description": "BCP 47, like en-US or de-DE"},
        "alternates": {
            "type": "array",
            "description": "its pages in every language it is published in (itself too)",
            "items": _object({"language": {"type": "string"}, "url": _URL}),
        },
        "company": _object({"id": {"type": "string"}, "name": {"type": "string"}, "website": _URL}),
        "role": {"type": "string", "description": "the role file's id"},
        "opening": _nullable({"type": "string"}),
        "requisition_id": _nullable({"type": "string"}),
        "team": _nullable({"type": "string"}),
        "level": _nullable({"type": "string"}),
        "seniority": {"enum": list(get_args(Seniority))},
        "employment_type": {"enum": list(get_args(EmploymentType))},
        "work_model": {"enum": list(get_args(WorkModel))},
        "locations": {
            "type": "array",
            "items": _object(
                {
                    "city": {"type": "string"},
                    "region": _nullable({"type": "string"}),
                    "country": {"type": "string", "description": "ISO 3166-1 alpha-2"},
                }
            ),
        },
        "remote_regions": {"type": "array", "items": {"type": "string"}},
        "pay": {
            "type": "array",
            "items": _object(
                {
                    "min": {"type": "number"},
                    "max": {"type": "number"},
                    "currency": {"type": "string", "description": "ISO 4217"},
                    "period": {"enum": ["year", "month", "hour"]},
                    "where": _nullable({"type": "string"}),
                }
            ),
        },
        "summary": {"type": "string", "description": "its first sentence"},
        "description": {
            "type": "string",
            "description": "the posting as HTML of p, ul, li, h1-h5, strong, em and br",
        },
        "date_posted": {**_DATE, "description": "the day the posting was first published"},
        "updated": {**_DATE, "description": "the day its page last changed"},
        "valid_through": _nullable(_DATE),
        "apply": _object({"url": {"type": "string"}, "email": _nullable({"type": "string"})}),
        "pdf": _nullable(_URL),
    }
)

JOBS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"https://jobgen.example/schemas/jobs-{JOBS_VERSION}.json",
    "title": "jobgen jobs",
    "description": "Every open position of a careers site, written by `jobgen site` as "
    "jobs.json. `version` changes when a field changes meaning or goes; new fields may "
    "be added within a version.",
    **_object(
        {
            "version": {"const": JOBS_VERSION},
            "generator": {"type": "string"},
            "base_url": _URL,
            "date": {**_DATE, "description": "the build date"},
            "jobs": {"type": "array", "items": _JOB},
        }
    ),
}
