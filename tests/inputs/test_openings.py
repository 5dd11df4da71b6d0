"""Openings: what each field does to the posting, the company's stack, stages with and
without openings. (Their validation errors: test_openings_validation.py.)"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import FIXED_DATE

from jobgen.errors import UsageError
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.stages import plan_postings, plan_stage
from jobgen.inputs.tailor import either, make_posting
from jobgen.inputs.workspace import find_workspace


def write_opening(workspace: Path, company: str, opening_id: str, text: str) -> Path:
    folder = workspace / "company_profiles" / company / "openings"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{opening_id}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def posting_of(workspace: Path, opening_id: str, company: str = "brindle-ledger", **kwargs):
    _, [posting] = plan_postings(find_workspace(workspace), [opening_id], [company], FIXED_DATE)
    return posting


def set_stack(workspace: Path, company: str, stack: str) -> None:
    profile = workspace / "company_profiles" / f"{company}.yaml"
    lines = [line for line in profile.read_text().splitlines() if not line.startswith("stack:")]
    profile.write_text("\n".join([*lines, f"stack: {stack}", ""]))


# --- What an opening changes ----------------------------------------------------------------


def test_an_opening_named_after_its_role_needs_no_role_field(workspace_copy):
    write_opening(workspace_copy, "brindle-ledger", "ai-architect", "team: Platform\n")
    posting = posting_of(workspace_copy, "ai-architect")
    assert posting.role.id == "ai-architect" and posting.id == "ai-architect"
    assert posting.hire.opening == "ai-architect" and posting.hire.team == "Platform"


def test_title_comes_from_the_level_unless_given(workspace_copy):
    write_opening(workspace_copy, "brindle-ledger", "a", "role: ai-ml-engineer\nlevel: staff\n")
    write_opening(workspace_copy, "brindle-ledger", "b", "role: ai-ml-engineer\nlevel: mid\n")
    write_opening(workspace_copy, "brindle-ledger", "c", "role: ai-ml-engineer\n")
    write_opening(workspace_copy, "brindle-ledger", "d", "role: ai-ml-engineer\ntitle: ML Lead\n")
    titles = {i: posting_of(workspace_copy, i).role.title for i in "abcd"}
    assert titles == {
        "a": "Staff AI/ML Engineer",
        "b": "AI/ML Engineer",  # mid-level has no prefix
        "c": "Senior AI/ML Engineer",  # the role's own level (seniority: senior)
        "d": "ML Lead",
    }
    staff = posting_of(workspace_copy, "a")
    assert staff.hire.level.id == "staff" and staff.role.seniority == "staff"
    assert posting_of(workspace_copy, "c").hire.level.id == "senior"


def test_the_hire_fields_reach_the_posting(workspace_copy):
    write_opening(
        workspace_copy,
        "brindle-ledger",
        "risk-ml",
        """\
        role: ai-ml-engineer
        team: Credit risk
        reports_to: Head of Credit
        requisition_id: R-1
        headcount: 3
        outcomes:
          first_90_days: [Ship a model.]
        interview:
          - Call with the manager (30 minutes)
          - step: Case study
            who: two engineers
            length: 60 minutes
        visa_sponsorship: no
        relocation: {offered: yes, note: Up to a month of housing.}
        travel: Rarely.
        on_call: One week in eight.
        valid_through: 2027-01-15
        """,
    )
    hire = posting_of(workspace_copy, "risk-ml").hire
    assert (hire.team, hire.reports_to, hire.requisition_id, hire.headcount) == (
        "Credit risk", "Head of Credit", "R-1", 3,
    )  # fmt: skip
    assert hire.outcomes.first_90_days == ("Ship a model.",) and hire.outcomes.first_year == ()
    assert [(s.step, s.who, s.length) for s in hire.interview] == [
        ("Call with the manager (30 minutes)", None, None),
        ("Case study", "two engineers", "60 minutes"),
    ]
    assert hire.visa_sponsorship.offered is False and hire.visa_sponsorship.note is None
    assert hire.relocation.offered is True and hire.relocation.note == "Up to a month of housing."
    assert (hire.travel, hire.on_call) == ("Rarely.", "One week in eight.")
    assert posting_of(workspace_copy, "risk-ml").valid_through == dt.date(2027, 1, 15)


def test_lists_are_added_to_or_replaced_and_texts_replaced(workspace_copy, catalog):
    _, roles, _ = catalog
    role = roles["ai-ml-engineer"]
    write_opening(
        workspace_copy,
        "brindle-ledger",
        "x",
        """\
        role: ai-ml-engineer
        summary: Only this.
        why_it_matters: Because.
        responsibilities: [One more.]
        skills: {replace: [Just this skill.]}
        nice_to_have: {replace: [A nicety.]}
        tools: [Snowflake]
        """,
    )
    tailored = posting_of(workspace_copy, "x").role
    assert tailored.summary == "Only this." and tailored.why_it_matters == "Because."
    assert tailored.responsibilities == (*role.responsibilities, "One more.")
    assert tailored.skills == ("Just this skill.",)
    assert tailored.nice_to_have == ("A nicety.",)
    assert tailored.tools[-1] == "Snowflake"


def test_offices_pay_and_apply_page_are_the_openings(workspace_copy):
    write_opening(
        workspace_copy,
        "brindle-ledger",
        "london-only",
        """\
        role: mlops-engineer
        locations: [london]
        apply_url: https://brindleledger.example/jobs/7
        """,
    )
    write_opening(
        workspace_copy,
        "brindle-ledger",
        "own-pay",
        """\
        role: mlops-engineer
        work_model: remote
        pay: {currency: USD, min: 100000, max: 120000, period: year}
        """,
    )
    london = posting_of(workspace_copy, "london-only")
    assert [loc.city for loc in london.company.locations] == ["London"]
    assert [r.where for r in london.pay] == ["London, United Kingdom"]  # New York's range gone
    assert london.company.apply.url == "https://brindleledger.example/jobs/7"
    assert london.company.apply.direct is True and london.hire.apply_url.endswith("/jobs/7")
    own = posting_of(workspace_copy, "own-pay")
    assert own.company.work_model == "remote"
    assert [(r.min, r.max) for r in own.pay] == [(100000, 120000)]
    assert own.company.apply.direct is False  # the company's page is not this job's application


def test_an_opening_keeps_the_ranges_naming_its_office_by_city_state_or_country(workspace_copy):
    profile = workspace_copy / "company_profiles" / "brindle-ledger.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "where: London, United Kingdom" in text
    profile.write_text(text.replace("where: London, United Kingdom", "where: United Kingdom"))
    write_opening(
        workspace_copy,
        "brindle-ledger",
        "london-only",
        "role: mlops-engineer\nlocations: [London]\n",
    )
    london = posting_of(workspace_copy, "london-only")
    assert [r.where for r in london.pay] == ["United Kingdom"]  # by country; New York's gone


def test_what_a_company_says_of_a_role_applies_to_its_postings_and_openings_win(
    workspace_copy,
):
    profile = workspace_copy / "company_profiles" / "brindle-ledger.yaml"
    profile.write_text(
        profile.read_text() + "roles:\n  ai-ml-engineer:\n    team: Cash flow\n"
        "    visa_sponsorship: yes\n    skills: [Knows small businesses.]\n"
    )
    write_opening(workspace_copy, "brindle-ledger", "x", "role: ai-ml-engineer\nteam: Credit\n")
    generic = posting_of(workspace_copy, "ai-ml-engineer")
    assert generic.hire.team == "Cash flow" and generic.hire.visa_sponsorship.offered
    assert generic.role.skills[-1] == "Knows small businesses." and generic.hire.opening is None
    opening = posting_of(workspace_copy, "x")
    assert opening.hire.team == "Credit" and opening.hire.visa_sponsorship.offered
    assert opening.role.skills[-1] == "Knows small businesses."


def test_a_command_line_closing_date_wins_over_the_openings(workspace_copy):
    write_opening(workspace_copy, "brindle-ledger", "x", "role: ai-ml-engineer\n"
                  "valid_through: 2027-01-15\n")  # fmt: skip
    _, [posting] = plan_postings(
        find_workspace(workspace_copy), ["x"], ["brindle-ledger"], FIXED_DATE, dt.date(2027, 3, 1)
    )
    assert posting.valid_through == dt.date(2027, 3, 1)


# --- The company's stack ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stack", "tools", "skill"),
    [
        ("[Azure, PyTorch]", ["Python", "PyTorch", "Azure ML"], "Working knowledge of Azure ML."),
        ("[GCP]", ["Python", "PyTorch", "TensorFlow", "Google Vertex AI"], None),  # an alias
        ("[AWS SageMaker, Azure ML]", None, "Working knowledge of AWS SageMaker or Azure ML."),
        ("[Kubernetes]", None, "Working knowledge of AWS SageMaker, Google Vertex AI or Azure ML."),
    ],
)
def test_the_stack_keeps_the_tools_the_company_runs(workspace_copy, stack, tools, skill):
    set_stack(workspace_copy, "brindle-ledger", stack)
    role = posting_of(workspace_copy, "ai-ml-engineer").role
    if tools is not None:
        assert list(role.tools) == tools
    if skill is not None:
        assert skill in role.skills


def test_either_names_a_set_as_role_files_write_it():
    assert either(["A"]) == "A" and either(["A", "B"]) == "A or B"
    assert either(["A", "B", "C"]) == "A, B or C"


def test_a_workspace_can_add_a_platform(workspace_copy):
    config = workspace_copy / "jobgen.yaml"
    config.write_text(
        config.read_text()
        + "  - name: Acme Cloud\n    tools: [Google Vertex AI]\n"  # a list under platforms:
    )
    set_stack(workspace_copy, "brindle-ledger", "[Acme Cloud]")
    role = posting_of(workspace_copy, "ai-ml-engineer").role
    assert "AWS SageMaker" not in role.tools and "Google Vertex AI" in role.tools


# --- Stages -------------------------------------------------------------------------------------


def test_a_stage_posts_openings_in_place_of_their_role_and_the_rest_as_roles(builtin_workspace):
    _, [plan] = plan_stage(builtin_workspace, "growth", ["brindle-ledger"], False, FIXED_DATE)
    assert [(p.id, p.role.id) for p in plan.postings] == [
        ("credit-mlops-engineer", "mlops-engineer"),
        ("underwriting-llm-engineer", "nlp-llm-engineer"),
        ("ai-product-manager", "ai-product-manager"),
    ]


def test_a_stage_without_openings_posts_its_roles(workspace_copy):
    shutil.rmtree(workspace_copy / "company_profiles" / "brindle-ledger" / "openings")
    _, [plan] = plan_stage(find_workspace(workspace_copy), "growth", ["brindle-ledger"], False,
                           FIXED_DATE)  # fmt: skip
    assert [p.id for p in plan.postings] == [
        "mlops-engineer", "nlp-llm-engineer", "ai-product-manager",
    ]  # fmt: skip
    assert all(p.hire.opening is None and p.hire.level is None for p in plan.postings)


def test_a_closed_opening_is_left_out_of_a_stage_and_refused_by_generate(workspace_copy):
    write_opening(workspace_copy, "brindle-ledger", "old", "role: ai-product-manager\n"
                  "valid_through: 2026-10-01\n")  # fmt: skip
    workspace = find_workspace(workspace_copy)
    _, [plan] = plan_stage(workspace, "growth", ["brindle-ledger"], False, FIXED_DATE)
    assert [o.id for o in plan.closed] == ["old"]
    assert "old" not in [p.id for p in plan.postings]
    assert "ai-product-manager" not in [p.id for p in plan.postings]  # the role has an opening
    with pytest.raises(UsageError, match="closed on 2026-10-01, before the posting date"):
        plan_postings(workspace, ["old"], ["brindle-ledger"], FIXED_DATE)


def test_openings_are_loaded_for_each_company(builtin_workspace):
    catalog = Catalog(builtin_workspace)
    config, _, companies = catalog.load([], None)
    found = catalog.load_openings(config, companies)
    assert {company: len(openings) for company, openings in found.items()} == {
        "brindle-ledger": 3, "carrowmere-health": 4, "furrowlight": 3,
    }  # fmt: skip


def test_a_generic_posting_knows_nothing_of_a_hire(catalog):
    config, roles, companies = catalog
    posting = make_posting(config, roles["ai-ml-engineer"], companies["furrowlight"], FIXED_DATE)
    assert posting.hire.opening is None and posting.hire.team is None
    assert posting.id == "ai-ml-engineer" and posting.slug == "furrowlight/ai-ml-engineer"


def test_a_platform_named_one_way_matches_a_role_that_names_it_another(workspace_copy):
    """A stack's `Google Cloud` is the AI Architect role's `GCP` (an alias)."""
    set_stack(workspace_copy, "brindle-ledger", "[Google Cloud]")
    role = posting_of(workspace_copy, "ai-architect").role
    assert list(role.tools) == ["GCP"]
    assert "Deep knowledge of cloud architecture on GCP." in role.skills
