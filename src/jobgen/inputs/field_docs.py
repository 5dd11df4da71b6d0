"""What each field of the input files is for, in one line, with an example: the
`description` and `examples` of every property of the JSON Schemas.

One mapping, by model and field name, worded after docs/input-files.md. A
field whose type has an example of its own (a country code, a URL: the `Check`
in `fields.py`) may give its description alone; an object's example is made of
its fields' (`json_schema.model_example`). The rules of `lint:` are described
from lint/rules.yaml. Only `json_schema.py` imports this module, so reading a
file never pays for the words; tests/inputs/test_json_schema.py fails on a
field with no description or example, and on a description of a field that is
gone.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .company_parts import AiScreening, Apply, Brand, CompanyValue, Hiring, Location, PayRange
from .lint_settings import LintConfig
from .models import Company, Market, MarketFact, Occupation, Role, SalaryFigure
from .openings import Opening
from .role_context import Answer, InterviewStep, Outcomes, RoleContext, TextList
from .workspace_docs import WORKSPACE_DOCS, rule_description

NO_EXAMPLE: Any = object()  # the field's type gives the example


class Doc(NamedTuple):
    text: str  # one line: what the field is for
    example: Any = NO_EXAMPLE  # a realistic value, as JSON


# A description alone, or (description, example); jobgen.yaml's are in workspace_docs.py.
DOCS: dict[type, dict[str, str | tuple[str, Any]]] = {
    Role: {
        "title": ("The job title, as the posting shows it.", "AI/ML Engineer"),
        "language": (
            "The language the role's text is written in (default: en-US); its translations"
            " sit in roles/LANG/ under the same file name.",
            "en-US",
        ),
        "summary": (
            "One paragraph on what the person in this role does.",
            "You will build the machine learning at the heart of our product.",
        ),
        "seniority": ("How senior the role is, for lint and the posting's JSON.", "senior"),
        "employment_type": ("The kind of employment the posting offers.", "full-time"),
        "responsibilities": (
            "What the person does: 6 to 8 sentences, each starting with a verb.",
            ["Design, train and evaluate models and AI systems built for production."],
        ),
        "skills": (
            "The skills the role requires, each as the posting should say it.",
            ["Strong Python, with hands-on model building in PyTorch or TensorFlow."],
        ),
        "why_it_matters": (
            "One paragraph on why this hire matters now.",
            "Every feature on this year's roadmap depends on models that work in production.",
        ),
        "tools": (
            "Tools and platforms the posting names, by short name.",
            ["PyTorch", "TensorFlow"],
        ),
        "nice_to_have": (
            "Optional extras: what helps but is not required.",
            ["Experience turning a proof of concept into a product feature."],
        ),
        "market": "Market figures from the reference article, each with its source.",
        "alternatives": (
            "Sets of tools of which a company uses one; its stack picks which a posting names.",
            [["PyTorch", "TensorFlow"]],
        ),
        "occupation": "The closest O*NET-SOC occupation, for search engines (JSON-LD).",
    },
    Market: {
        "facts": "Demand figures and other facts, printed in postings with their source.",
        "salary": (
            "A salary figure: context for the hiring manager, never printed in postings.",
            {
                "currency": "USD",
                "period": "year",
                "min": 90000,
                "max": 400000,
                "source": "Durapid (2026)",
            },
        ),
    },
    MarketFact: {
        "text": (
            "The fact, as a sentence a posting can print.",
            "LinkedIn ranked AI Engineer the fastest-growing US job title for 2026.",
        ),
        "source": ("Where the fact comes from.", "LinkedIn, via Durapid (2026)"),
    },
    SalaryFigure: {
        "currency": "The currency of the figures, as an ISO 4217 code.",
        "period": ("What the figures are paid per: year, month or hour.", "year"),
        "source": ("Where the figure comes from.", "Durapid (2026)"),
        "min": ("The bottom of the band; give min and max, a median or an average.", 90000),
        "max": ("The top of the band.", 400000),
        "median": ("The median, if the source gives one.", 150000),
        "average": ("The average, if the source gives one.", 160000),
        "max_open": ('True when the source gives the top as open-ended, like "$400,000+".', True),
        "note": ("What the figure covers.", "Depends on experience and specialization."),
    },
    Occupation: {
        "code": "The occupation's O*NET-SOC code.",
        "title": ("The occupation's O*NET-SOC title.", "Data Scientists"),
    },
    Company: {
        "name": ("The company's name, as postings show it.", "Furrowlight"),
        "stage": "The id of the company's hiring stage in jobgen.yaml.",
        "industry": ("The company's industry, in a few words.", "Agricultural climate tech"),
        "website": "The company's website.",
        "employees": ("How many people the company employs; many job-ad laws depend on it.", 23),
        "about": (
            "A paragraph about the company.",
            "Furrowlight helps farms in the western US work out when and how much to irrigate.",
        ),
        "mission": ("The company's mission.", "Help every farm grow more food with less water."),
        "benefits": (
            "What the company offers beyond pay, one benefit an item.",
            ["16 weeks of fully paid parental leave for every new parent."],
        ),
        "work_model": ("Where the team works: remote, hybrid or onsite.", "hybrid"),
        "locations": "The company's offices; a hybrid or onsite company needs one.",
        "apply": (
            "How to apply: a URL, an email address or both.",
            {"url": "https://example.com/careers", "email": "jobs@example.com"},
        ),
        "equal_opportunity": (
            "The equal-opportunity statement postings end with.",
            "Furrowlight is an equal opportunity employer.",
        ),
        "brand": "The colours, font and logo of the pages and Word files.",
        "pay": "The pay for each role the company hires, by role id: one range or a list.",
        "language": (
            "The language the profile is written in, and its postings' unless languages says"
            " otherwise (BCP 47; default: en).",
            "de-DE",
        ),
        "languages": (
            "Publish every posting in each of these languages (the first is the main one);"
            " each other language needs a translation of the profile in company_profiles/LANG/.",
            ["de-DE", "en-GB"],
        ),
        "values": "The company's values, each with a name and what it means.",
        "work_model_note": (
            "One sentence on how the team works.",
            "We work remotely across the US, with shared hours of 11 a.m. to 3 p.m. Eastern.",
        ),
        "remote_regions": (
            "Where remote applicants may live: countries, states, EU or Worldwide.",
            ["United States"],
        ),
        "templates": (
            "The company's own template folder, relative to this file (default: ID/templates).",
            "acme/templates",
        ),
        "valid_for_days": "Postings close this many days after their date (--valid-through wins).",
        "stack": (
            "The platforms and tools the company runs; postings name these.",
            ["Google Cloud", "PyTorch", "BigQuery"],
        ),
        "roles": (
            "What the company says of a role for all its openings of it, by role id.",
            {"ai-ml-engineer": {"team": "Search", "visa_sponsorship": False}},
        ),
        "hiring": "What job-ad laws ask postings to say: the vacancy and AI screening.",
    },
    Location: {
        "city": ("The office's city.", "Boulder"),
        "country": "The office's country, as an ISO 3166 code.",
        "region": (
            "The state or province, as a code or a name (checked in the US and Canada).",
            "CO",
        ),
    },
    PayRange: {
        "currency": "The currency of the range, as an ISO 4217 code.",
        "min": ("The bottom of the range.", 145000),
        "max": ("The top of the range.", 190000),
        "period": ("What the amounts are paid per: year, month or hour.", "year"),
        "where": (
            "The office or remote region this range is for; it must name one of the company's.",
            "London, UK",
        ),
        "equity": ("Equity on top of the pay, in words.", "0.15% to 0.40% in stock options"),
    },
    CompanyValue: {
        "name": ("The value's name.", "Plain numbers"),
        "description": (
            "What the value means in practice.",
            "We show our inputs and our uncertainty so growers can trust a forecast.",
        ),
    },
    Apply: {
        "url": ("The page where applicants apply.", "https://example.com/careers"),
        "email": "The address applicants write to.",
        "instructions": (
            "What to send, and anything else applicants should know.",
            "Send your resume and a note on a time you made messy data useful.",
        ),
        "direct": ("True when the URL starts an application for this very job.", False),
    },
    Brand: {
        "color": 'The colour of headings and accents, quoted: "#RRGGBB".',
        "font": "The font family of the pages and Word files.",
        "accent": ('An optional second colour, quoted: "#RRGGBB".', "#F2A900"),
        "logo": ("A PNG, JPEG or GIF logo under 1 MB, relative to this file.", "acme/logo.png"),
        "logo_url": ("The logo on the web, for search engines.", "https://example.com/logo.png"),
    },
    AiScreening: {
        "used": ("Whether AI software screens, assesses or selects applicants.", True),
        "tool": (
            "The product, named in the posting; required when used.",
            "Ashby's application review",
        ),
        "decides": (
            "What it does, said after the tool's name; required when used.",
            "ranks applications for a recruiter",
        ),
        "contact": ("Whom applicants may ask about it: an email or a page.", "privacy@example.com"),
    },
    Hiring: {
        "ai_screening": (
            "Whether AI screens applicants: no, or the tool and what it does.",
            {
                "used": True,
                "tool": "Ashby's application review",
                "decides": "ranks applications for a recruiter",
            },
        ),
        "vacancy": (
            "Whether postings are for an existing vacancy, a new one or a pipeline.",
            "existing",
        ),
    },
    RoleContext: {
        "summary": (
            "Replaces the role's summary.",
            "You will build the models that tell a grower how much water each field needs.",
        ),
        "why_it_matters": (
            "Replaces the role's paragraph on why this hire matters.",
            "A forecast built on a broken probe gives a grower the wrong advice.",
        ),
        "responsibilities": (
            "Added to the role's responsibilities; {replace: [...]} takes their place.",
            ["Compare each forecast with what the probes later record."],
        ),
        "skills": (
            "Added to the role's skills; {replace: [...]} takes their place.",
            {"replace": ["Strong Python and PyTorch, with time-series forecasting in production."]},
        ),
        "nice_to_have": (
            "Added to the role's extras; {replace: [...]} takes their place.",
            ["Knowledge of hydrology."],
        ),
        "tools": ("Added to the role's tools; {replace: [...]} takes their place.", ["BigQuery"]),
        "team": ("The team the hire joins.", "Forecasting, three engineers and an agronomist"),
        "reports_to": ("Whom the hire reports to.", "Head of Data Science"),
        "outcomes": "What success looks like, after 90 days and after a year.",
        "interview": (
            "The interview steps, in order; a step may be one line.",
            [
                "Call with our CTO (30 minutes)",
                {"step": "Pipeline design session", "who": "two engineers", "length": "60 minutes"},
            ],
        ),
        "visa_sponsorship": (
            "Whether the job sponsors a visa: yes, no, or {offered, note}.",
            False,
        ),
        "relocation": (
            "Whether the job helps with a move: yes, no, or {offered, note}.",
            {"offered": True, "note": "Up to $5,000 toward a move to Boulder."},
        ),
        "travel": ("How much travel the job asks for.", "Two visits a season to pilot farms."),
        "on_call": ("The on-call duty, if any.", "One week in six, for the data pipelines."),
        "vacancy": ("Existing, new or pipeline (default: the company's hiring:).", "new"),
        "ai_screening": ("Whether AI screens applicants (default: the company's hiring:).", False),
    },
    TextList: {
        "add": ("Items added to the role's list.", ["Knowledge of hydrology."]),
        "replace": ("Items that take the place of the role's list.", ["Experience with BigQuery."]),
    },
    Outcomes: {
        "first_90_days": (
            "What the hire has done after 90 days.",
            ["Every probe that stops sending data raises an alert within an hour."],
        ),
        "first_year": (
            "What the hire has done after a year.",
            ["The nightly forecast runs for every farm."],
        ),
    },
    InterviewStep: {
        "step": ("What happens in this step.", "Pipeline design session"),
        "who": ("Whom the applicant meets.", "two engineers from the team"),
        "length": ("How long it takes.", "60 minutes"),
    },
    Answer: {
        "offered": ("Whether it is offered.", True),
        "note": ("What is offered, or its limits.", "H-1B transfers only"),
    },
    Opening: {
        "role": "The role this is an opening of (default: the file's name).",
        "language": (
            "The language the opening is written in, and its posting's (default: the company's).",
            "de-DE",
        ),
        "languages": (
            "Publish this opening's posting in each of these languages (default: the"
            " company's); each other language needs a translation in openings/LANG/.",
            ["de-DE", "en-GB"],
        ),
        "title": (
            "The posting's title (default: the level's prefix and the role's title).",
            "Senior ML Engineer, Irrigation Forecasting",
        ),
        "level": "A level id of jobgen.yaml (default: the first at the role's seniority).",
        "requisition_id": (
            "Your applicant tracking system's id; unique per company.",
            "FL-2026-07",
        ),
        "headcount": "How many people this opening hires.",
        "locations": ("Some of the company's offices, by city (default: all).", ["Boulder"]),
        "work_model": ("Remote, hybrid or onsite (default: the company's).", "remote"),
        "remote_regions": ("Where remote applicants may live (default: the company's).", ["EU"]),
        "pay": "Replaces the company's pay for the role: one range or a list.",
        "apply_url": ("This job's own page to apply on.", "https://example.com/jobs/42"),
        "valid_through": ("The last day to apply (--valid-through overrides it).", "2027-01-31"),
    },
    **WORKSPACE_DOCS,
}


def field_doc(cls: type, name: str) -> Doc | None:
    """The description and example of field `name` of model `cls` (or of a base class)."""
    if cls is LintConfig:
        return Doc(rule_description(name))
    for owner in cls.__mro__:
        entry = DOCS.get(owner, {}).get(name)
        if entry is not None:
            return Doc(entry) if isinstance(entry, str) else Doc(*entry)
    return None
