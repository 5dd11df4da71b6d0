"""A stage over many companies: read a window of companies at a time, written by
groups of whole companies, with the same bytes as a run that reads them all first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXED_DATE, ROOT
from test_batch import snapshot

from jobgen.errors import InputError
from jobgen.inputs import stages
from jobgen.inputs.stages import iter_stage_plans, plan_stage
from jobgen.inputs.workspace import find_workspace
from jobgen.publish.batch import write_stage
from jobgen.publish.workers import company_groups

FORMATS = ("md", "html")


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """Seven companies (copies of the samples, renamed), each at its own stage."""
    folder = tmp_path_factory.mktemp("many")
    shutil.copy(ROOT / "jobgen.yaml", folder / "jobgen.yaml")
    profiles = folder / "company_profiles"
    shutil.copytree(ROOT / "company_profiles", profiles)
    samples = sorted(profiles.glob("*.yaml"))
    for number in range(4):
        text = samples[number % len(samples)].read_text()
        (profiles / f"client-{number}.yaml").write_text(text.replace("name: ", "name: Co ", 1))
    return folder


def test_windows_write_the_same_bytes_as_one_read(many, tmp_path, monkeypatch):
    workspace = find_workspace(many)
    _, plans = plan_stage(workspace, None, None, False, FIXED_DATE)
    assert len(plans) == 7
    write_stage(workspace, plans, FORMATS, tmp_path / "whole")
    monkeypatch.setattr(stages, "PLAN_WINDOW", 2)  # four windows: 2, 2, 2, 1
    for jobs in (1, 2):
        lazy = iter_stage_plans(workspace, None, None, False, FIXED_DATE)
        result = write_stage(workspace, lazy, FORMATS, tmp_path / f"windows-{jobs}", jobs=jobs)
        assert result.postings == sum(len(plan.postings) for plan in plans)
        assert [c.company for c in result.companies] == [plan.company.id for plan in plans]
        assert snapshot(tmp_path / f"windows-{jobs}") == snapshot(tmp_path / "whole")


def test_a_problem_in_a_later_window_writes_nothing(many, tmp_path, monkeypatch):
    broken = tmp_path / "ws"
    shutil.copytree(many, broken)
    profile = broken / "company_profiles" / "furrowlight.yaml"  # the last of seven, by name
    profile.write_text(profile.read_text().replace("stage: ", "stage: sideways-", 1))
    monkeypatch.setattr(stages, "PLAN_WINDOW", 3)
    workspace = find_workspace(broken)
    out = tmp_path / "out"
    (out / "notes.txt").parent.mkdir()
    (out / "notes.txt").write_text("mine")
    lazy = iter_stage_plans(workspace, None, None, False, FIXED_DATE)
    with pytest.raises(InputError, match=r"furrowlight\.yaml"):
        write_stage(workspace, lazy, FORMATS, out, jobs=2)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_groups_are_whole_companies_of_about_the_size_asked(many):
    _, plans = plan_stage(find_workspace(many), "enterprise", None, True, FIXED_DATE)
    sizes = [len(plan.postings) for plan in plans]
    groups = list(company_groups(plans, 12))
    assert [plan for group in groups for plan in group] == plans  # all, in order
    for group in groups[:-1]:
        count = sum(len(plan.postings) for plan in group)
        assert count >= 12 and count - len(group[-1].postings) < 12
    assert [len(group) for group in company_groups(plans, 1)] == [1] * len(sizes)


def test_groups_shrink_to_single_companies_toward_the_end_of_a_known_total(many):
    _, plans = plan_stage(find_workspace(many), "enterprise", None, True, FIXED_DATE)
    total = sum(len(plan.postings) for plan in plans)
    groups = list(company_groups(plans, total, total, 1))  # at first, a quarter of all
    assert [plan for group in groups for plan in group] == plans  # all, in order
    assert len(groups[-1]) == 1 and len(groups[-2]) == 1  # the last ones: a company each
    assert max(len(group) for group in groups) > 1  # larger while much is left
