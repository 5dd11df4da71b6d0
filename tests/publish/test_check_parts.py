"""After an edit of a role or a profile, `jobgen check` renders only what the edit can
change (check_parts.py), and says exactly what a check from scratch says: the same
lines in the same order and the same exit code, whatever the edit."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobgen.cli import main
from jobgen.inputs import company_parts, models
from jobgen.publish import check, check_parts

ROOT = Path(__file__).resolve().parents[2]
# A template line that fails at render time for a role whose title says BOOM: an edit of
# a role file that brings a render problem, and one that takes it away.
BOOM = '{% if "BOOM" in role.title %}{{ role.title.no_such_method() }}{% endif %}\n'


@pytest.fixture(scope="session")
def oracle_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of the checks from scratch: their compiled templates, models and lint
    data are kept from test to test, never their check parts or reports."""
    return tmp_path_factory.mktemp("oracle-cache")


def by_the_check_under_test(cache_home: Path) -> bool:
    return os.environ.get("XDG_CACHE_HOME") == str(cache_home) and not os.environ.get(
        "JOBGEN_NO_CACHE"
    )


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> list[str]:
    """The postings and hiring plans rendered (not taken from the kept parts) by checks
    with a cache; the check caches start empty (workspace_copy is at one path in every
    test of a process)."""
    for folder in (cache_home / "jobgen").glob("check-*"):
        shutil.rmtree(folder)
    found: list[str] = []
    render_posting, render_plan = check._render_posting, check._render_plan_page

    def posting(generator, posting):
        if by_the_check_under_test(cache_home):
            found.append(f"{posting.slug} {posting.role.id}")
        return render_posting(generator, posting)

    def plan(plan, generator):
        if by_the_check_under_test(cache_home):
            found.append(f"plan {plan.company.id}")
        return render_plan(plan, generator)

    monkeypatch.setattr(check, "_render_posting", posting)
    monkeypatch.setattr(check, "_render_plan_page", plan)
    return found


def run_check(workspace: Path, **env: str):
    result = CliRunner().invoke(main, ["-w", str(workspace), "check"], env=env)
    assert "Traceback" not in result.output, result.output
    return result


def same_as_from_scratch(workspace: Path, oracle: Path | None = None) -> tuple[int, str, str]:
    """The check, and the same check from scratch: every line the same. From scratch is
    with no check cache in `oracle` (the parts and reports this module tests), else
    with no cache at all (re-parsing every template, twice as slow); the caches of
    models, templates and lint are held to no cache in their own tests."""
    kept = run_check(workspace)
    if oracle is None:
        fresh = run_check(workspace, JOBGEN_NO_CACHE="1")
    else:
        for folder in (oracle / "jobgen").glob("check-*"):
            shutil.rmtree(folder)
        fresh = run_check(workspace, XDG_CACHE_HOME=str(oracle))
    said = (kept.exit_code, kept.stdout, kept.stderr)
    assert said == (fresh.exit_code, fresh.stdout, fresh.stderr)
    return said


def only_furrowlight(workspace: Path) -> None:
    """The workspace without the two larger companies (and their translations)."""
    profiles = workspace / "company_profiles"
    for company in ("brindle-ledger", "carrowmere-health"):
        (profiles / f"{company}.yaml").unlink()
        shutil.rmtree(profiles / company)
    for language in ("de-DE", "en-GB"):
        shutil.rmtree(profiles / language)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_role_edit_renders_that_role_only(workspace_copy, oracle_cache, rendered):
    first = same_as_from_scratch(workspace_copy, oracle_cache)
    assert first[0] == 0
    everything = list(rendered)
    rendered.clear()
    edit(
        workspace_copy / "roles" / "ai-ml-engineer.yaml",
        "title: AI/ML Engineer",
        "title: ML Engineer",
    )
    assert same_as_from_scratch(workspace_copy, oracle_cache)[0] == 0
    postings = [line for line in rendered if not line.startswith("plan ")]
    assert postings and all(line.endswith(" ai-ml-engineer") for line in postings)
    assert sorted(postings) == sorted(
        line for line in everything if line.endswith(" ai-ml-engineer") and "plan" not in line
    )
    assert [line for line in rendered if line.startswith("plan ")] == ["plan furrowlight"]


def test_a_profile_edit_renders_that_company_only(workspace_copy, oracle_cache, rendered):
    same_as_from_scratch(workspace_copy, oracle_cache)
    everything = [line for line in rendered if line.startswith("brindle-ledger/")]
    rendered.clear()
    edit(workspace_copy / "company_profiles" / "brindle-ledger.yaml", "\npay:\n", "\n# x\npay:\n")
    same_as_from_scratch(workspace_copy, oracle_cache)
    assert sorted(rendered) == sorted([*everything, "plan brindle-ledger"])


def test_a_shared_file_renders_everything(workspace_copy, oracle_cache, rendered):
    same_as_from_scratch(workspace_copy, oracle_cache)
    everything = sorted(rendered)
    rendered.clear()
    with (workspace_copy / "templates" / "posting.md.j2").open("a") as template:
        template.write("{# edited #}\n")
    same_as_from_scratch(workspace_copy, oracle_cache)
    assert sorted(rendered) == everything


def test_a_render_problem_brought_and_taken_away_by_a_role_edit(
    workspace_copy, oracle_cache, rendered
):
    with (workspace_copy / "templates" / "posting.md.j2").open("a") as template:
        template.write(BOOM)
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    assert same_as_from_scratch(workspace_copy, oracle_cache)[0] == 0
    edit(role, "title: Prompt Engineer", "title: Prompt Engineer BOOM")
    broken = same_as_from_scratch(workspace_copy, oracle_cache)
    assert broken[0] == 2 and "while rendering" in broken[2] and "ok:" not in broken[1]
    rendered.clear()
    assert same_as_from_scratch(workspace_copy, oracle_cache) == broken  # problems are never kept
    assert rendered and all(line.endswith(" prompt-engineer") for line in rendered)
    edit(role, "title: Prompt Engineer BOOM", "title: Prompt Engineer")
    assert same_as_from_scratch(workspace_copy, oracle_cache)[0] == 0


def test_a_warning_brought_and_taken_away_by_a_profile_edit(workspace_copy, oracle_cache, rendered):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text(encoding="utf-8")
    assert same_as_from_scratch(workspace_copy, oracle_cache)[0] == 0
    start = text.index("  ai-ml-engineer:\n")
    end = text.index("  mlops-engineer:\n", start)
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    warned = same_as_from_scratch(workspace_copy, oracle_cache)
    assert "furrowlight: no pay range for ai-ml-engineer" in warned[2]
    profile.write_text(text, encoding="utf-8")
    assert "no pay range" not in same_as_from_scratch(workspace_copy, oracle_cache)[2]


def test_files_deleted_added_and_renamed(workspace_copy, oracle_cache, rendered):
    same_as_from_scratch(workspace_copy, oracle_cache)
    roles, profiles = workspace_copy / "roles", workspace_copy / "company_profiles"
    (roles / "mlops-engineer.yaml").unlink()  # the built-in one is used instead
    same_as_from_scratch(workspace_copy, oracle_cache)
    shutil.copy(roles / "prompt-engineer.yaml", roles / "prompt-engineer-two.yaml")
    assert "ok: 11 roles" in same_as_from_scratch(workspace_copy, oracle_cache)[1]
    (profiles / "furrowlight.yaml").rename(profiles / "furrowlight-farms.yaml")
    same_as_from_scratch(workspace_copy, oracle_cache)
    (profiles / "furrowlight-farms.yaml").rename(profiles / "furrowlight.yaml")
    rendered.clear()
    same_as_from_scratch(workspace_copy, oracle_cache)  # as two checks ago: every part was kept
    assert rendered == []


def test_a_broken_file_then_mended(workspace_copy, oracle_cache, rendered):
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    same_as_from_scratch(workspace_copy, oracle_cache)
    edit(role, "seniority: senior", "seniority: seniox")
    assert same_as_from_scratch(workspace_copy, oracle_cache)[0] == 2
    edit(role, "seniority: seniox", "seniority: senior")
    rendered.clear()
    assert same_as_from_scratch(workspace_copy, oracle_cache)[0] == 0
    assert rendered == []  # the report was kept whole


def test_no_cache_renders_everything(workspace_copy, rendered, monkeypatch):
    same_as_from_scratch(workspace_copy)
    postings = [line for line in rendered if not line.startswith("plan ")]
    calls = []
    counted = check._render_posting
    monkeypatch.setattr(check, "_render_posting", lambda g, p: calls.append(p) or counted(g, p))
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    run_check(workspace_copy)
    assert len(calls) == len(postings)


def test_a_corrupt_parts_file_is_not_believed(workspace_copy, oracle_cache, rendered, cache_home):
    same_as_from_scratch(workspace_copy, oracle_cache)
    for kept in (cache_home / "jobgen").glob("check-*/parts-*.json"):
        kept.write_text(kept.read_text().replace('"parts"', '"parts" '))  # checksum off
    edit(workspace_copy / "roles" / "ai-ml-engineer.yaml", "title: AI/ML Engineer", "title: X")
    count = len(rendered)
    same_as_from_scratch(workspace_copy, oracle_cache)
    assert len(rendered) == 2 * count


def test_nothing_is_kept_when_a_file_changes_while_the_check_runs(
    workspace_copy, rendered, cache_home, monkeypatch
):
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    render = check._render_posting

    def edited_meanwhile(generator, posting):
        with role.open("a") as file:
            file.write("# edited while the check ran\n")
        return render(generator, posting)

    monkeypatch.setattr(check, "_render_posting", edited_meanwhile)
    run_check(workspace_copy)
    assert not list((cache_home / "jobgen").glob("check-*/parts-*.json"))


def test_a_word_reference_that_passed_is_not_opened_again(
    workspace_copy, oracle_cache, rendered, monkeypatch, cache_home
):
    from jobgen.formats import docx_reference

    for marker in cache_home.glob("jobgen/docx-*/checked-*"):  # earlier tests' checks
        marker.unlink()
    opened: list[Path] = []
    real = docx_reference.open_reference
    monkeypatch.setattr(
        docx_reference, "open_reference", lambda ref: opened.append(ref.path) or real(ref)
    )
    template = workspace_copy / "templates" / "posting.md.j2"
    reference = workspace_copy / "templates" / "reference.docx"
    assert run_check(workspace_copy).exit_code == 0
    assert opened == [reference]
    with template.open("a") as file:
        file.write("{# edited #}\n")  # every posting is checked again, but not the reference
    assert run_check(workspace_copy).exit_code == 0
    assert opened == [reference]
    reference.write_bytes(reference.read_bytes() + b"x")  # still a zip: opened again
    assert run_check(workspace_copy).exit_code == 0
    assert opened == [reference] * 2
    reference.write_bytes(b"not a zip")  # a problem: said by every check, as from scratch
    for _ in range(2):
        broken = same_as_from_scratch(workspace_copy, oracle_cache)
        assert broken[0] == 2 and "reference.docx: not a Word document" in broken[2]


def test_the_parts_files_are_bounded(workspace_copy, rendered, cache_home):
    only_furrowlight(workspace_copy)  # each edit below renders every posting again
    template = workspace_copy / "templates" / "posting.md.j2"
    for number in range(check_parts.KEPT + 2):
        with template.open("a") as file:
            file.write(f"{{# {number} #}}\n")
        run_check(workspace_copy)
    assert len(list((cache_home / "jobgen").glob("check-*/parts-*.json"))) == check_parts.KEPT


def test_every_field_of_a_posting_is_in_its_digest():
    """The key of a posting is a checksum of its repr: no field may leave it."""
    for module in (models, company_parts):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value):
                assert all(f.repr for f in dataclasses.fields(value)), value


def test_a_digest_is_the_same_in_every_process(tmp_path):
    probe = (
        "from jobgen.inputs.workspace import find_workspace\n"
        "from jobgen.inputs.catalog import Catalog\n"
        "from jobgen.inputs.stages import plan_company\n"
        "from jobgen.publish.check import CHECK_DATE\n"
        "from jobgen.publish.check_parts import digest\n"
        "catalog = Catalog(find_workspace(None))\n"
        "config, roles, companies = catalog.load()\n"
        "openings = catalog.load_openings(config, companies)\n"
        "for company in companies.values():\n"
        "    stage = config.stage(company.stage)\n"
        "    print(digest(plan_company(config, company, (stage,), roles,"
        " openings[company.id], CHECK_DATE)))\n"
    )
    said = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path)}
        env.pop("JOBGEN_WORKSPACE", None)
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
            cwd=ROOT, env=env,
        )  # fmt: skip
        said.add(result.stdout)
    assert len(said) == 1


Edit = Callable[[Path], None]


def _role_title(number: int) -> Edit:
    def change(ws: Path) -> None:
        path = ws / "roles" / "ai-data-engineer.yaml"
        text = path.read_text(encoding="utf-8")
        first = text.index("title: ")
        end = text.index("\n", first)
        path.write_text(f"{text[:first]}title: Data Engineer {number}{text[end:]}", "utf-8")

    return change


def _boom(ws: Path) -> None:
    path = ws / "roles" / "prompt-engineer.yaml"
    text = path.read_text(encoding="utf-8")
    if "BOOM" in text:
        path.write_text(text.replace(" BOOM", ""), "utf-8")
    else:
        path.write_text(text.replace("title: Prompt Engineer", "title: Prompt Engineer BOOM"))


def _no_pay(ws: Path) -> None:
    path = ws / "company_profiles" / "furrowlight.yaml"
    text = path.read_text(encoding="utf-8")
    if "  ai-ml-engineer:\n" in text:
        start = text.index("  ai-ml-engineer:\n")
        path.write_text(text[:start] + text[text.index("  mlops-engineer:\n", start) :])
    else:
        shutil.copy(ROOT / "company_profiles" / "furrowlight.yaml", path)


def _toggle(relative: str, other: str) -> Edit:
    def move(ws: Path) -> None:
        here, there = ws / relative, ws / other
        if here.exists():
            here.rename(there)
        elif there.exists():
            there.rename(here)

    return move


def _shared(ws: Path) -> None:
    with (ws / "company_profiles" / "de-DE" / "carrowmere-health.yaml").open("a") as file:
        file.write("# edited\n")


def _remove_role(ws: Path) -> None:
    path = ws / "roles" / "nlp-llm-engineer.yaml"
    if path.exists():
        path.unlink()
    else:
        shutil.copy(ROOT / "roles" / "nlp-llm-engineer.yaml", path)


EDITS: list[Edit] = [
    _role_title(1),
    _role_title(2),
    _boom,
    _no_pay,
    _toggle("company_profiles/brindle-ledger.yaml", "company_profiles/brindle-ledger-2.yaml"),
    _toggle("roles/ai-architect.yaml", "roles/ai-architect-2.yaml"),
    _remove_role,
    _shared,
]


@pytest.mark.slow
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(range(len(EDITS))), min_size=2, max_size=6))
def test_any_sequence_of_edits_says_what_a_check_from_scratch_says(
    workspace_copy, cache_home, edits
):
    for folder in (cache_home / "jobgen").glob("check-*"):
        shutil.rmtree(folder)
    for name in ("roles", "company_profiles", "templates"):  # one path: compiled once
        shutil.rmtree(workspace_copy / name)
        shutil.copytree(ROOT / name, workspace_copy / name)
    with (workspace_copy / "templates" / "posting.md.j2").open("a") as template:
        template.write(BOOM)
    same_as_from_scratch(workspace_copy)
    for number in edits:
        EDITS[number](workspace_copy)
        same_as_from_scratch(workspace_copy)
