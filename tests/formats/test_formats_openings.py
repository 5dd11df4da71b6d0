"""The sample openings in every format, read back with a parser for each: the new
sections, the JSON-LD of one hire, the stack's choice of tools, a body of their own."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from conftest import FIXED_DATE
from page_reader import read
from pypdf import PdfReader
from schema_check import validate

from jobgen.formats.posting_schema import JOB_POSTING_SCHEMA, POSTING_SCHEMA
from jobgen.inputs.format_names import FORMATS
from jobgen.inputs.stages import plan_postings
from jobgen.inputs.tailor import make_posting
from jobgen.publish.pipeline import Generator

NEW_SECTIONS = ["The job at a glance", "What success looks like", "Visa and relocation",
                "How we hire"]  # fmt: skip
SAMPLE_OPENINGS = {
    "furrowlight": ["field-data-engineer", "forecasting-ml-engineer", "imagery-ml-engineer"],
    "brindle-ledger": [
        "credit-mlops-engineer", "fair-lending-ethics-officer", "underwriting-llm-engineer",
    ],
    "carrowmere-health": ["chief-ai-officer", "claims-ai-architect", "prior-auth-nlp-engineer"],
}  # fmt: skip


@pytest.fixture(scope="module")
def rendered(builtin_workspace):
    """Every sample opening in all five formats, by (company, opening)."""
    generator = Generator(builtin_workspace)
    found = {}
    for company, openings in SAMPLE_OPENINGS.items():
        _, postings = plan_postings(builtin_workspace, openings, [company], FIXED_DATE)
        for posting in postings:
            found[company, posting.id] = generator.render(posting, FORMATS)
    return found


def job_posting(html: bytes) -> dict:
    match = re.search(rb'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.S)
    return json.loads(match.group(1))


def word_text(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_every_format_shows_the_new_sections(rendered):
    for (_, opening), result in rendered.items():
        hire = result.posting.hire
        page = read(result.files["html"].decode())
        assert [h for h in page.headings if h in NEW_SECTIONS] == NEW_SECTIONS, opening
        paragraphs = word_text(result.files["docx"])
        headings = [text for style, text in paragraphs if style == "Heading 1"]
        assert all(section in headings for section in NEW_SECTIONS), opening
        steps = [text for style, text in paragraphs if style == "List Number"]
        assert len(steps) == len(hire.interview)
        assert all(
            text.startswith(step.step) for text, step in zip(steps, hire.interview, strict=True)
        )
        bullets = [text for style, text in paragraphs if style == "List Bullet"]
        assert f"Level: {hire.level.name}. {hire.level.scope}" in bullets
        assert f"Team: {hire.team}" in bullets and f"You report to: {hire.reports_to}" in bullets
        text = result.files["txt"].decode()
        assert "The job at a glance\n-------------------" in text
        assert re.search(r"^1\. ", text, re.M)
        for item in (*hire.outcomes.first_90_days, *hire.outcomes.first_year):
            assert item.split()[0] in text and item in " ".join(text.split())


def test_the_json_carries_every_field_and_fits_its_schema(rendered):
    for (company, opening), result in rendered.items():
        document = json.loads(result.files["json"])
        validate(document, POSTING_SCHEMA)
        hire = result.posting.hire
        assert document["id"] == f"{company}/{opening}" and document["opening"] == opening
        assert document["level"]["id"] == hire.level.id and document["team"] == hire.team
        assert document["reports_to"] == hire.reports_to
        assert document["requisition_id"] == hire.requisition_id
        assert document["headcount"] == hire.headcount
        assert document["outcomes"]["first_year"] == list(hire.outcomes.first_year)
        assert [step["step"] for step in document["interview"]] == [s.step for s in hire.interview]
        assert document["visa_sponsorship"]["offered"] == hire.visa_sponsorship.offered
        assert document["occupation"]["code"] == result.posting.role.occupation.code


def test_the_json_ld_is_the_hires(rendered):
    data = job_posting(rendered["furrowlight", "forecasting-ml-engineer"].files["html"])
    validate(data, JOB_POSTING_SCHEMA)
    assert data["title"] == "Senior ML Engineer, Irrigation Forecasting"
    assert data["identifier"]["value"] == "FL-2026-07"
    assert data["url"] == "https://furrowlight.example/careers/forecasting-ml-engineer"
    assert data["directApply"] is True
    assert data["experienceRequirements"] == {
        "@type": "OccupationalExperienceRequirements", "monthsOfExperience": 60,
    }  # fmt: skip
    assert data["occupationalCategory"]["codeValue"] == "15-2051.00"
    imagery = job_posting(rendered["furrowlight", "imagery-ml-engineer"].files["html"])
    assert imagery["baseSalary"]["value"]["minValue"] == 120000  # the opening's own pay
    assert imagery["directApply"] is False  # no page of its own: the careers page is not one
    assert imagery["experienceRequirements"]["monthsOfExperience"] == 24


def test_an_opening_in_one_office_is_posted_there_only(rendered):
    result = rendered["brindle-ledger", "underwriting-llm-engineer"]
    data = job_posting(result.files["html"])
    assert data["jobLocation"]["address"]["addressLocality"] == "New York"
    assert data["baseSalary"]["currency"] == "USD"
    assert "London" not in result.markdown.split("## About")[0]  # the line under the title
    assert "London" not in result.markdown.split("## Pay")[1].split("##")[0]
    assert "- **Hiring:** 2 people" in result.markdown


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_azure_company_never_names_a_competing_cloud(builtin_workspace, fmt):
    """Carrowmere Health runs Azure and PyTorch: its AI/ML Engineer names Azure ML, and
    neither SageMaker nor Vertex AI nor TensorFlow, in every format and in the JSON-LD."""
    _, [posting] = plan_postings(
        builtin_workspace, ["ai-ml-engineer"], ["carrowmere-health"], FIXED_DATE
    )
    data = Generator(builtin_workspace).render(posting, [fmt]).files[fmt]
    if fmt == "docx":
        text = "\n".join(t for _, t in word_text(data))
    elif fmt == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode()
    if fmt == "html":
        assert "Azure ML" in json.dumps(job_posting(data))
    assert "Azure ML" in text
    for rival in ("SageMaker", "Vertex", "TensorFlow"):
        assert rival not in text, rival


def test_an_openings_body_is_its_own(builtin_workspace, catalog, rendered):
    """At least a third of an opening's role lines (from the role's summary to its pay)
    are not in the role's own posting at the same company."""
    config, roles, companies = catalog
    generator = Generator(builtin_workspace)

    def body(markdown: str) -> list[str]:
        part = markdown.split("## The role", 1)[1].split("## Pay", 1)[0]
        return [line for line in part.splitlines() if line.strip() and not line.startswith("#")]

    for (company, _), result in rendered.items():
        role = roles[result.posting.role.id]
        generic = make_posting(config, role, companies[company], FIXED_DATE)
        own = body(result.markdown)
        theirs = set(body(generator.render(generic, ["md"]).markdown))
        new = [line for line in own if line not in theirs]
        assert len(new) >= len(own) / 3, (company, result.posting.id)
