"""Stage selection: which roles a stage run posts, in which order, for which companies."""

from __future__ import annotations

import pytest
from conftest import FIXED_DATE

from jobgen.errors import InputError, UsageError
from jobgen.inputs.stages import plan_stage, stages_up_to
from jobgen.inputs.workspace import find_workspace

EARLY = ["ai-ml-engineer", "ai-data-engineer"]
GROWTH = ["mlops-engineer", "nlp-llm-engineer", "ai-product-manager"]
ENTERPRISE = ["ai-architect", "ai-ethics-officer", "chief-ai-officer"]


def roles_of(plan) -> list[str]:
    """The roles a plan posts, in order (a role with two openings once)."""
    return list(dict.fromkeys(posting.role.id for posting in plan.postings))


def test_stages_follow_the_reference_article(catalog):
    config, _, _ = catalog
    assert [(s.id, list(s.roles)) for s in config.stages] == [
        ("early", EARLY),
        ("growth", GROWTH),
        ("enterprise", ENTERPRISE),
    ]


def test_stages_up_to(catalog):
    config, _, _ = catalog
    assert [s.id for s in stages_up_to(config, "growth", False)] == ["growth"]
    assert [s.id for s in stages_up_to(config, "growth", True)] == ["early", "growth"]
    assert [s.id for s in stages_up_to(config, "early", True)] == ["early"]


@pytest.mark.parametrize(
    ("stage", "cumulative", "expected"),
    [
        ("early", False, EARLY),
        ("growth", False, GROWTH),
        ("enterprise", False, ENTERPRISE),
        ("growth", True, EARLY + GROWTH),
        ("enterprise", True, EARLY + GROWTH + ENTERPRISE),
    ],
)
def test_named_stage(builtin_workspace, stage, cumulative, expected):
    _, [plan] = plan_stage(builtin_workspace, stage, ["furrowlight"], cumulative, FIXED_DATE)
    assert roles_of(plan) == expected
    assert plan.stage.id == stage and plan.cumulative is cumulative
    assert {p.stage.id for p in plan.postings} <= {s.id for s in plan.stages}


def test_enterprise_cumulative_is_eight_roles_each_under_its_own_stage(builtin_workspace):
    """Furrowlight's three early openings take the place of its two early roles' postings."""
    _, [plan] = plan_stage(builtin_workspace, "enterprise", ["furrowlight"], True, FIXED_DATE)
    assert len(roles_of(plan)) == 8 and len(plan.postings) == 9
    assert [p.stage.id for p in plan.postings] == ["early"] * 3 + ["growth"] * 3 + [
        "enterprise"
    ] * 3
    assert {p.date for p in plan.postings} == {FIXED_DATE}


def test_without_a_stage_each_company_gets_its_own(builtin_workspace):
    _, plans = plan_stage(builtin_workspace, None, None, False, FIXED_DATE)
    own = {plan.company.id: (plan.stage.id, roles_of(plan)) for plan in plans}
    assert own == {
        "brindle-ledger": ("growth", GROWTH),
        "carrowmere-health": ("enterprise", ENTERPRISE),
        "furrowlight": ("early", EARLY),
    }


def test_several_companies_keep_the_order_asked(builtin_workspace):
    _, plans = plan_stage(
        builtin_workspace, "early", ["furrowlight", "brindle-ledger"], False, FIXED_DATE
    )
    assert [plan.company.id for plan in plans] == ["furrowlight", "brindle-ledger"]


def test_unknown_stage_suggests_and_lists(builtin_workspace):
    with pytest.raises(UsageError, match=r"unknown stage 'grwoth'; did you mean 'growth'\?"):
        plan_stage(builtin_workspace, "grwoth", ["furrowlight"], False, FIXED_DATE)


def test_unknown_company_is_reported_before_loading(builtin_workspace):
    with pytest.raises(UsageError, match="unknown company 'furowlight'"):
        plan_stage(builtin_workspace, "early", ["furowlight"], False, FIXED_DATE)


def test_role_in_two_stages_is_posted_once(workspace_copy):
    config = workspace_copy / "jobgen.yaml"
    config.write_text(
        config.read_text().replace(
            "roles: [mlops-engineer, nlp-llm-engineer, ai-product-manager]",
            "roles: [mlops-engineer, ai-ml-engineer]",
        )
    )
    workspace = find_workspace(workspace_copy)
    _, [plan] = plan_stage(workspace, "growth", ["furrowlight"], True, FIXED_DATE)
    assert roles_of(plan) == [*EARLY, "mlops-engineer"]
    assert plan.postings[0].stage.id == "early"


def test_every_problem_of_the_run_is_listed_together(workspace_copy):
    """A broken role of the stage and a broken profile: both in one error."""
    role = workspace_copy / "roles" / "ai-data-engineer.yaml"
    role.write_text(role.read_text().replace("seniority: senior", "seniority: wizard"))
    profile = workspace_copy / "company_profiles" / "brindle-ledger.yaml"
    profile.write_text(profile.read_text().replace("employees: ", "employees: -"))
    with pytest.raises(InputError) as caught:
        plan_stage(find_workspace(workspace_copy), "early", None, False, FIXED_DATE)
    message = str(caught.value)
    assert "2 problems to fix" in message
    assert "ai-data-engineer.yaml:" in message and "seniority" in message
    assert "brindle-ledger.yaml:" in message and "employees" in message


def test_a_broken_role_outside_the_stage_does_not_block_it(workspace_copy):
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    role.write_text("title: [broken\n")
    _, [plan] = plan_stage(
        find_workspace(workspace_copy), "early", ["furrowlight"], False, FIXED_DATE
    )
    assert roles_of(plan) == EARLY


def test_without_a_stage_only_the_companies_own_stages_are_read(workspace_copy):
    """A broken growth role does not block a company whose own stage is early."""
    role = workspace_copy / "roles" / "mlops-engineer.yaml"
    role.write_text("titel: MLOps Engineer\n")
    _, [plan] = plan_stage(find_workspace(workspace_copy), None, ["furrowlight"], False, FIXED_DATE)
    assert roles_of(plan) == EARLY
    with pytest.raises(InputError, match=r"mlops-engineer\.yaml"):
        plan_stage(find_workspace(workspace_copy), None, ["brindle-ledger"], False, FIXED_DATE)


def test_a_workspace_without_profiles_says_how_to_add_one(tmp_path):
    (tmp_path / "jobgen.yaml").write_text("")
    with pytest.raises(UsageError, match="no company profiles; add one to company_profiles/"):
        plan_stage(find_workspace(tmp_path), "early", None, False, FIXED_DATE)
