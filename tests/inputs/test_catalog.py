"""Catalog.load: the files a command needs, every problem in them reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_helpers import (
    COMPANY_IDS,
    ROLE_IDS,
    edit,
    where,
    ws_fixture,  # noqa: F401
)

from jobgen.errors import InputError, UsageError
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.models import Company, Role, WorkspaceConfig
from jobgen.inputs.workspace import find_workspace


def catalog(root: Path) -> Catalog:
    return Catalog(find_workspace(root))


def input_error(root: Path, **ids) -> InputError:
    with pytest.raises(InputError) as caught:
        catalog(root).load(**ids)
    return caught.value


def usage_error(root: Path, **ids) -> str:
    with pytest.raises(UsageError) as caught:
        catalog(root).load(**ids)
    assert caught.value.exit_code == 2
    return str(caught.value)


# --- A valid workspace ------------------------------------------------------------------


def test_loads_everything_by_default(ws):
    config, roles, companies = catalog(ws).load()
    assert isinstance(config, WorkspaceConfig)
    assert list(roles) == ROLE_IDS and all(isinstance(r, Role) for r in roles.values())
    assert list(companies) == COMPANY_IDS
    assert all(isinstance(c, Company) for c in companies.values())


def test_the_builtin_workspace_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config, roles, companies = Catalog(find_workspace(Path(__file__).parents[2])).load()
    assert len(roles) == len(ROLE_IDS) and len(companies) == len(COMPANY_IDS)
    assert config.stage("early") is not None


def test_loads_only_the_files_asked_for(ws):
    edit(ws / "roles" / "mlops-engineer.yaml", "title:", "titel:")  # broken, but not asked for
    (ws / "company_profiles" / "Bad Name.yaml").write_text("x: 1\n", encoding="utf-8")
    config, roles, companies = catalog(ws).load(["ai-ml-engineer"], ["furrowlight"])
    assert list(roles) == ["ai-ml-engineer"]
    assert list(companies) == ["furrowlight"]
    assert config.stage("early").roles == ("ai-ml-engineer", "ai-data-engineer")


def test_empty_lists_load_only_the_config(ws):
    config, roles, companies = catalog(ws).load([], [])
    assert roles == {} and companies == {} and config.stages


def test_workspace_files_are_the_ones_loaded(ws):
    edit(ws / "roles" / "ai-ml-engineer.yaml", "title: AI/ML Engineer", "title: ML Engineer")
    _, roles, _ = catalog(ws).load(["ai-ml-engineer"], [])
    assert roles["ai-ml-engineer"].title == "ML Engineer"


def test_a_workspace_role_and_stage_can_be_referenced(ws):
    (ws / "roles" / "ai-ml-engineer.yaml").rename(ws / "roles" / "quantum-engineer.yaml")
    edit(ws / "jobgen.yaml", "id: early", "id: seed")
    edit(ws / "jobgen.yaml", "roles: [ai-ml-engineer,", "roles: [quantum-engineer,")
    company = ws / "company_profiles" / "furrowlight.yaml"
    edit(company, "stage: early", "stage: seed")
    edit(company, "  ai-ml-engineer:\n", "  quantum-engineer:\n")
    # The other companies still name the early stage and the ai-ml-engineer role.
    config, roles, companies = catalog(ws).load(None, ["furrowlight"])
    assert "quantum-engineer" in roles and "ai-ml-engineer" in roles  # the built-in one too
    assert companies["furrowlight"].stage == "seed"
    assert config.stage("seed") is not None


# --- Unknown ids --------------------------------------------------------------------------


def test_an_unknown_role_suggests_one_and_lists_them_all(ws):
    message = usage_error(ws, role_ids=["ai-ml-enginer"])
    assert message == (
        "unknown role 'ai-ml-enginer'; did you mean 'ai-ml-engineer'?\n"
        f"known roles: {', '.join(ROLE_IDS)}"
    )


def test_an_unknown_company_suggests_one_and_lists_them_all(ws):
    message = usage_error(ws, role_ids=["ai-ml-engineer"], company_ids=["furowlight"])
    assert message == (
        "unknown company 'furowlight'; did you mean 'furrowlight'?\n"
        f"known companies: {', '.join(COMPANY_IDS)}"
    )


def test_an_unknown_id_with_nothing_close_only_lists_them(ws):
    message = usage_error(ws, company_ids=["acme"])
    assert message == f"unknown company 'acme'\nknown companies: {', '.join(COMPANY_IDS)}"


@pytest.mark.parametrize("wanted", ["../x", "../roles/ai-ml-engineer", "/etc/passwd", ""])
def test_ids_that_are_paths_are_unknown(ws, wanted):
    message = usage_error(ws, role_ids=[wanted])
    assert message.startswith(f"unknown role {wanted!r}")


def test_asking_for_a_file_whose_name_is_not_an_id_names_the_file(ws):
    (ws / "roles" / "My Role.yaml").write_text("title: x\n", encoding="utf-8")
    (problem,) = input_error(ws, role_ids=["My Role"], company_ids=[]).problems
    assert problem.file.name == "My Role.yaml"
    assert "the file name must be a lowercase id" in problem.message


def test_unknown_ids_are_reported_before_any_file_is_read(ws):
    edit(ws / "roles" / "ai-ml-engineer.yaml", "title:", "titel:")
    assert usage_error(ws, role_ids=["ai-ml-engineer", "nope"]).startswith("unknown role 'nope'")


# --- Problems in files ------------------------------------------------------------------


def test_all_problems_of_several_files_are_reported_at_once(ws):
    role = edit(ws / "roles" / "ai-ml-engineer.yaml", "title:", "titel:")
    edit(role, "seniority: senior", "seniority: seior")
    furrowlight = edit(ws / "company_profiles" / "furrowlight.yaml", "min: 145000", "min: lots")
    brindle = ws / "company_profiles" / "brindle-ledger.yaml"
    brindle.write_text("", encoding="utf-8")
    other_role = ws / "roles" / "prompt-engineer.yaml"
    other_role.write_bytes(b"title: \xff\n")

    error = input_error(ws)
    assert {p.file for p in error.problems} == {role, furrowlight, brindle, other_role}
    assert [str(p) for p in error.problems] == [
        "ws/roles/ai-ml-engineer.yaml:3:1: titel: unknown field (did you mean 'title'?)",
        "ws/roles/ai-ml-engineer.yaml:9:12: seniority: expected one of entry, mid, senior, staff, "
        "lead, principal, executive; got 'seior' (did you mean 'senior'?)",
        "ws/roles/prompt-engineer.yaml:1: the file is not UTF-8 text; save it as UTF-8",
        "ws/company_profiles/brindle-ledger.yaml: the file is empty",
        "ws/company_profiles/furrowlight.yaml:{}:{}: pay.ai-ml-engineer.min: "
        "expected a number, got 'lots'".format(*where(furrowlight, "lots")),
    ]
    assert str(error).splitlines()[0] == "5 problems to fix:"
    assert str(error).splitlines()[1:] == [f"  {p}" for p in error.problems]
    assert error.exit_code == 2


def test_a_broken_config_is_reported_with_the_other_files(ws):
    edit(ws / "jobgen.yaml", "id: early", "id: Early")
    edit(ws / "roles" / "ai-ml-engineer.yaml", "seniority: senior", "seniority: seior")
    error = input_error(ws)
    assert [(p.file.name, p.field) for p in error.problems] == [
        ("jobgen.yaml", "stages[0].id"),
        ("ai-ml-engineer.yaml", "seniority"),
    ]  # and no "no stage with id 'early'" for the companies: the stages are unknown


def test_a_file_name_that_is_not_an_id_is_reported_when_loading_all(ws):
    role = ws / "roles" / "ai-ml-engineer.yaml"
    role.rename(ws / "roles" / "AI ML.yaml")
    error = input_error(ws)
    assert [str(p) for p in error.problems] == [
        "ws/roles/AI ML.yaml: the file name must be a lowercase id of letters, digits and "
        "single hyphens followed by .yaml (like ai-ml-engineer.yaml), got 'AI ML.yaml'"
    ]


def test_a_role_removed_from_the_workspace_falls_back_to_the_builtin_one(ws):
    (ws / "roles" / "ai-ml-engineer.yaml").unlink()
    _, roles, _ = catalog(ws).load(["ai-ml-engineer"], [])
    assert roles["ai-ml-engineer"].title == "AI/ML Engineer"


# --- References between files ----------------------------------------------------------------


def test_pay_for_an_unknown_role(ws):
    company = edit(
        ws / "company_profiles" / "furrowlight.yaml", "  ai-ml-engineer:\n", "  ai-ml-enginer:\n"
    )
    error = input_error(ws, company_ids=["furrowlight"])
    (problem,) = error.problems
    line, column = where(company, "ai-ml-enginer:")
    assert (problem.file, problem.line, problem.column) == (company, line, column)
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:{line}:{column}: pay.ai-ml-enginer: "
        "no role with id 'ai-ml-enginer' (did you mean 'ai-ml-engineer'?)"
    )


def test_an_unknown_role_in_a_stage(ws):
    config = edit(ws / "jobgen.yaml", "ai-data-engineer]", "data-wizard]")
    error = input_error(ws, role_ids=[], company_ids=[])
    (problem,) = error.problems
    line, column = where(config, "data-wizard")
    assert str(problem) == (
        f"ws/jobgen.yaml:{line}:{column}: stages[0].roles[1]: "
        f"no role with id 'data-wizard'; known: {', '.join(ROLE_IDS)}"
    )


@pytest.mark.parametrize(
    ("stage", "hint"),
    [("erly", " (did you mean 'early'?)"), ("scaleup", "; known: early, enterprise, growth")],
)
def test_an_unknown_stage_in_a_company(ws, stage, hint):
    company = edit(ws / "company_profiles" / "furrowlight.yaml", "stage: early", f"stage: {stage}")
    error = input_error(ws, role_ids=[], company_ids=["furrowlight"])
    (problem,) = error.problems
    assert str(problem) == (
        f"ws/company_profiles/furrowlight.yaml:4:8: stage: no stage with id {stage!r}{hint}"
    )
    assert problem.file == company and problem.field == "stage"


def test_references_are_checked_against_every_role_even_when_loading_a_few(ws):
    _, roles, companies = catalog(ws).load(["ai-ml-engineer"], ["furrowlight"])
    assert set(companies["furrowlight"].pay) - set(roles)  # pays for roles not loaded
    edit(
        ws / "company_profiles" / "furrowlight.yaml", "  prompt-engineer:\n", "  prompt-enginer:\n"
    )
    error = input_error(ws, role_ids=["ai-ml-engineer"], company_ids=["furrowlight"])
    assert [p.field for p in error.problems] == ["pay.prompt-enginer"]


def test_file_problems_and_reference_problems_come_together(ws):
    edit(ws / "company_profiles" / "furrowlight.yaml", "stage: early", "stage: erly")
    edit(ws / "company_profiles" / "brindle-ledger.yaml", "country: US", "country: us")
    error = input_error(ws, role_ids=[])
    assert sorted((p.file.name, p.field) for p in error.problems) == [
        ("brindle-ledger.yaml", "locations[0].country"),
        ("furrowlight.yaml", "stage"),
    ]
