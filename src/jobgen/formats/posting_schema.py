"""The JSON Schema of `--format json` (`jobgen schema posting`), with the schema of
the schema.org JobPosting inside it. Change it with `posting_json.py`: a test
validates every built-in posting against it."""

from __future__ import annotations

from typing import Any

FORMAT_NAME = "jobgen.posting"
FORMAT_VERSION = 1

_TEXT = {"type": "string", "minLength": 1}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_TEXTS = {"type": "array", "items": _TEXT}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _record_or_null(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An object with exactly these fields, every one present, or null."""
    record = {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }
    return {"oneOf": [record, {"type": "null"}], **extra}


_ANSWER = _record_or_null({"offered": {"type": "boolean"}, "note": _TEXT_OR_NULL})


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [item, {"type": "array", "items": item, "minItems": 2}]}


_PLACE = {
    "type": "object",
    "required": ["@type", "address"],
    "properties": {
        "@type": {"const": "Place"},
        "address": {
            "type": "object",
            "required": ["@type", "addressLocality", "addressCountry"],
            "properties": {
                "@type": {"const": "PostalAddress"},
                "addressLocality": _TEXT,
                "addressRegion": _TEXT,
                "addressCountry": {"type": "string", "pattern": "^[A-Z]{2}$"},
            },
        },
    },
}
JOB_POSTING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A schema.org JobPosting with Google's required properties.",
    "required": ["@context", "@type", "title", "description", "datePosted", "hiringOrganization"],
    "properties": {
        "@context": {
            "oneOf": [
                {"const": "https://schema.org"},
                {
                    "type": "object",
                    "description": "schema.org, and the language of the texts (BCP 47)",
                    "required": ["@vocab", "@language"],
                    "properties": {
                        "@vocab": {"const": "https://schema.org/"},
                        "@language": {"type": "string"},
                    },
                },
            ]
        },
        "@type": {"const": "JobPosting"},
        "title": _TEXT,
        "description": {"type": "string", "description": "HTML: p, ul, li, h1-h5, strong, em, br"},
        "datePosted": _DATE,
        "validThrough": _DATE,
        "employmentType": {"enum": ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"]},
        "hiringOrganization": {
            "type": "object",
            "required": ["@type", "name", "sameAs"],
            "properties": {
                "@type": {"const": "Organization"},
                "name": _TEXT,
                "sameAs": {"type": "string", "format": "uri"},
                "logo": {"type": "string", "format": "uri"},
            },
        },
        "url": {"type": "string", "format": "uri"},
        "experienceRequirements": {
            "type": "object",
            "required": ["@type", "monthsOfExperience"],
            "properties": {
                "@type": {"const": "OccupationalExperienceRequirements"},
                "monthsOfExperience": {"type": "integer", "minimum": 1},
            },
        },
        "occupationalCategory": {
            "type": "object",
            "required": ["@type", "codeValue", "name", "inCodeSet"],
            "properties": {
                "@type": {"const": "CategoryCode"},
                "codeValue": {"type": "string"},
                "name": _TEXT,
                "inCodeSet": {
                    "type": "object",
                    "properties": {"@type": {"const": "CategoryCodeSet"}, "name": _TEXT},
                },
            },
        },
        "identifier": {
            "type": "object",
            "required": ["@type", "name", "value"],
            "properties": {"@type": {"const": "PropertyValue"}, "name": _TEXT, "value": _TEXT},
        },
        "industry": _TEXT,
        "directApply": {"type": "boolean"},
        "jobLocation": _one_or_many(_PLACE),
        "jobLocationType": {"const": "TELECOMMUTE"},
        "applicantLocationRequirements": _one_or_many(
            {
                "type": "object",
                "required": ["@type", "name"],
                "properties": {
                    "@type": {"enum": ["Country", "State", "AdministrativeArea"]},
                    "name": _TEXT,
                },
            }
        ),
        "baseSalary": {
            "type": "object",
            "required": ["@type", "currency", "value"],
            "properties": {
                "@type": {"const": "MonetaryAmount"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                "value": {
                    "type": "object",
                    "required": ["@type", "minValue", "maxValue", "unitText"],
                    "properties": {
                        "@type": {"const": "QuantitativeValue"},
                        "minValue": {"type": "number", "exclusiveMinimum": 0},
                        "maxValue": {"type": "number", "exclusiveMinimum": 0},
                        "unitText": {"enum": ["YEAR", "MONTH", "HOUR"]},
                    },
                },
            },
        },
    },
    "anyOf": [{"required": ["jobLocation"]}, {"required": ["jobLocationType"]}],
}
POSTING_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://jobgen.example/schemas/posting-1.json",
    "title": "jobgen posting",
    "description": "One job posting written by `jobgen generate -f json`.",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT_NAME},
        "version": {"const": FORMAT_VERSION},
        "id": {"type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$"},
        "opening": {
            "type": ["string", "null"],
            "description": "The opening's id; null for a role's own posting.",
        },
        "language": {
            "type": "string",
            "description": "The language the posting is written in (BCP 47), like de-DE.",
        },
        "languages": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Every language the posting is published in, this one too; "
            "empty when it is published in one only.",
        },
        "title": _TEXT,
        "role": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "seniority", "employment_type"],
            "properties": {
                "id": _TEXT,
                "title": _TEXT,
                "seniority": {
                    "enum": ["entry", "mid", "senior", "staff", "lead", "principal", "executive"]
                },
                "employment_type": {
                    "enum": ["full-time", "part-time", "contract", "temporary", "internship"]
                },
            },
        },
        "company": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "id",
                "name",
                "website",
                "industry",
                "employees",
                "about",
                "mission",
                "values",
            ],
            "properties": {
                "id": _TEXT,
                "name": _TEXT,
                "website": _TEXT,
                "industry": _TEXT,
                "employees": {"type": "integer", "minimum": 1},
                "about": _TEXT,
                "mission": _TEXT,
                "values": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name", "description"],
                        "properties": {"name": _TEXT, "description": _TEXT},
                    },
                },
            },
        },
        "occupation": _record_or_null(
            {
                "code": {"type": "string", "pattern": r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"},
                "title": _TEXT,
            },
            description="The role's O*NET-SOC occupation.",
        ),
        "level": _record_or_null(
            {
                "id": _TEXT,
                "name": _TEXT,
                "years": {"type": "integer", "minimum": 0},
                "scope": _TEXT,
            },
            description="The opening's level; null for a role's own posting.",
        ),
        "team": _TEXT_OR_NULL,
        "reports_to": _TEXT_OR_NULL,
        "requisition_id": _TEXT_OR_NULL,
        "headcount": {"type": "integer", "minimum": 1},
        "stage": {
            "type": ["string", "null"],
            "description": "The hiring stage of jobgen.yaml that lists this role, if any.",
        },
        "date_posted": _DATE,
        "valid_through": {"oneOf": [_DATE, {"type": "null"}]},
        "work_model": {"enum": ["remote", "hybrid", "onsite"]},
        "work_model_note": _TEXT_OR_NULL,
        "location": _TEXT,
        "locations": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["city", "region", "country"],
                "properties": {"city": _TEXT, "region": _TEXT_OR_NULL, "country": _TEXT},
            },
        },
        "remote_regions": _TEXTS,
        "remote_areas": {  # the same places, as ISO 3166 reads them
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "kind", "code"],
                "properties": {
                    "name": _TEXT,
                    "kind": {"enum": ["country", "subdivision", "union", "everywhere", "other"]},
                    "code": {
                        "oneOf": [
                            {"type": "string", "pattern": "^[A-Z]{2}(-[A-Z0-9]{1,3})?$"},
                            {"type": "null"},
                        ]
                    },
                },
            },
        },
        "summary": _TEXT,
        "responsibilities": {**_TEXTS, "minItems": 1},
        "skills": {**_TEXTS, "minItems": 1},
        "tools": _TEXTS,
        "nice_to_have": _TEXTS,
        "why_it_matters": _TEXT,
        "market_facts": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "source"],
                "properties": {"text": _TEXT, "source": _TEXT},
            },
        },
        "outcomes": _record_or_null({"first_90_days": _TEXTS, "first_year": _TEXTS}),
        "interview": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["step", "who", "length"],
                "properties": {"step": _TEXT, "who": _TEXT_OR_NULL, "length": _TEXT_OR_NULL},
            },
        },
        "visa_sponsorship": _ANSWER,
        "relocation": _ANSWER,
        "travel": _TEXT_OR_NULL,
        "on_call": _TEXT_OR_NULL,
        "vacancy": {"enum": ["existing", "new", "pipeline", None]},
        "ai_screening": _record_or_null(
            {
                "used": {"type": "boolean"},
                "tool": _TEXT_OR_NULL,
                "decides": _TEXT_OR_NULL,
                "contact": _TEXT_OR_NULL,
            }
        ),
        "benefits": _TEXTS,
        "pay": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["where", "currency", "min", "max", "period", "equity", "text"],
                "properties": {
                    "where": _TEXT_OR_NULL,
                    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                    "min": {"type": "number", "exclusiveMinimum": 0},
                    "max": {"type": "number", "exclusiveMinimum": 0},
                    "period": {"enum": ["year", "month", "hour"]},
                    "equity": _TEXT_OR_NULL,
                    "text": _TEXT,
                },
            },
        },
        "apply": {
            "type": "object",
            "additionalProperties": False,
            "required": ["url", "email", "instructions", "direct"],
            "properties": {
                "url": _TEXT_OR_NULL,
                "email": _TEXT_OR_NULL,
                "instructions": _TEXT_OR_NULL,
                "direct": {"type": "boolean"},
            },
        },
        "equal_opportunity": _TEXT,
        "markdown": _TEXT,
        "job_posting": JOB_POSTING_SCHEMA,
    },
}
POSTING_SCHEMA["required"] = list(POSTING_SCHEMA["properties"])  # every field, always
