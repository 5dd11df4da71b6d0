"""An office job also open to remote workers: every format says both, and the JSON-LD
carries the office and TELECOMMUTE with where applicants may live."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
from conftest import FIXED_DATE
from page_reader import read
from samples import profile

from jobgen.inputs.format_names import FORMATS
from jobgen.inputs.stages import plan_postings
from jobgen.inputs.workspace import find_workspace
from jobgen.publish.pipeline import Generator

LINE = "Hybrid · Berlin, Germany or Vienna, Austria; or remote (Germany, Austria or Netherlands)"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("remote")
    (root / "jobgen.yaml").write_text("")
    profiles = root / "company_profiles"
    (profiles / "kieferwerk" / "openings").mkdir(parents=True)
    (profiles / "kieferwerk.yaml").write_text(
        profile(
            remote_regions="[Germany, Austria, NL]",
            locations="  - {city: Berlin, country: DE}\n  - {city: Vienna, country: AT}",
        )
    )
    # An opening in Vienna only, open to remote workers in the EU.
    (profiles / "kieferwerk" / "openings" / "vienna-ml.yaml").write_text(
        "role: ai-ml-engineer\nlocations: [Vienna]\nremote_regions: [EU]\n"
    )
    return find_workspace(root)


def _render(workspace, posting_id: str):
    _, [posting] = plan_postings(workspace, [posting_id], ["kieferwerk"], FIXED_DATE)
    return Generator(workspace).render(posting, FORMATS)


def _job_posting(html: bytes) -> dict:
    match = re.search(rb'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.S)
    return json.loads(match.group(1))


def test_every_format_says_the_office_and_the_remote_part(workspace):
    result = _render(workspace, "ai-ml-engineer")
    assert LINE in result.markdown
    assert LINE in " ".join(read(result.files["html"].decode()).text)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(result.files["docx"])).paragraphs]
    assert any(LINE in text for text in paragraphs)
    assert LINE in " ".join(result.files["txt"].decode().split())  # wrapped at 80 columns
    data = json.loads(result.files["json"])
    assert (data["work_model"], data["location"]) == ("hybrid", LINE)
    assert data["remote_regions"] == ["Germany", "Austria", "NL"]
    assert data["remote_areas"][2] == {"name": "Netherlands", "kind": "country", "code": "NL"}


def test_the_json_ld_carries_the_office_and_telecommute(workspace):
    job = _job_posting(_render(workspace, "ai-ml-engineer").files["html"])
    cities = [place["address"]["addressLocality"] for place in job["jobLocation"]]
    assert cities == ["Berlin", "Vienna"]
    assert job["jobLocationType"] == "TELECOMMUTE"
    assert job["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "Germany"},
        {"@type": "Country", "name": "Austria"},
        {"@type": "Country", "name": "Netherlands"},
    ]


def test_an_opening_has_its_own_office_and_remote_regions(workspace):
    result = _render(workspace, "vienna-ml")
    assert "Hybrid · Vienna, Austria; or remote (EU)" in result.markdown
    job = _job_posting(result.files["html"])
    assert job["jobLocation"]["address"]["addressLocality"] == "Vienna"
    assert job["applicantLocationRequirements"] == {"@type": "AdministrativeArea", "name": "EU"}


def test_a_hybrid_job_without_remote_regions_stays_as_it_was(builtin_workspace):
    _, [posting] = plan_postings(
        builtin_workspace, ["mlops-engineer"], ["brindle-ledger"], FIXED_DATE
    )
    result = Generator(builtin_workspace).render(posting, ["md", "html"])
    assert "Hybrid · New York, NY or London, United Kingdom ·" in result.markdown
    assert "jobLocationType" not in _job_posting(result.files["html"])
