"""`write_stage`: postings, index page and manifest, written all together or not at all."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import FIXED_DATE
from page_reader import read

from jobgen.errors import OutputError, TemplateProblem
from jobgen.inputs.stages import plan_stage
from jobgen.inputs.workspace import find_workspace
from jobgen.publish import output
from jobgen.publish.batch import write_stage
from jobgen.publish.output import STAGING_PREFIX

FORMATS = ("md", "html", "docx")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones too) with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(workspace, out: Path, stage="enterprise", companies=None, cumulative=True, **kwargs):
    _, plans = plan_stage(workspace, stage, companies, cumulative, FIXED_DATE)
    return write_stage(workspace, plans, kwargs.pop("formats", FORMATS), out, **kwargs)


@pytest.fixture(scope="module")
def enterprise_all(tmp_path_factory, builtin_workspace):
    """Enterprise, cumulative, for every built-in company, in one process."""
    out = tmp_path_factory.mktemp("stage")
    return out, run(builtin_workspace, out)


# Enterprise, cumulative: each company's eight stage roles, its openings in their place
# (Furrowlight has two openings of the AI/ML Engineer role, so nine postings).
# Carrowmere's Berlin opening is published in German and English: two postings.
POSTINGS = {"brindle-ledger": 8, "carrowmere-health": 10, "furrowlight": 9}


def test_writes_every_posting_index_and_manifest(enterprise_all):
    out, result = enterprise_all
    assert result.postings == sum(POSTINGS.values())
    for company, count in POSTINGS.items():
        names = sorted(p.name for p in (out / company).iterdir())
        assert len(names) == count * 3 + 2
        assert "index.html" in names and "manifest.json" in names
    assert len(result.written) == sum(POSTINGS.values()) * 3 + 6
    assert result.index_pages == [
        out / c / "index.html" for c in ("brindle-ledger", "carrowmere-health", "furrowlight")
    ]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left


def test_manifest_hashes_and_sizes_match_the_files(enterprise_all):
    out, _ = enterprise_all
    manifest = json.loads((out / "furrowlight" / "manifest.json").read_text())
    assert manifest["company"] == {"id": "furrowlight", "name": "Furrowlight"}
    assert manifest["stage"] == "enterprise" and manifest["cumulative"] is True
    assert manifest["stages"] == ["early", "growth", "enterprise"]
    assert manifest["date"] == "2026-11-25" and manifest["formats"] == list(FORMATS)
    assert [(p["id"], p["role"]) for p in manifest["postings"]][:3] == [
        ("forecasting-ml-engineer", "ai-ml-engineer"),
        ("imagery-ml-engineer", "ai-ml-engineer"),
        ("field-data-engineer", "ai-data-engineer"),
    ]
    opening = manifest["postings"][0]["opening"]
    assert opening == {
        "requisition_id": "FL-2026-07", "level": "senior", "team": opening["team"],
        "reports_to": "Head of Data Science", "headcount": 1,
    }  # fmt: skip
    assert manifest["postings"][-1]["opening"] is None  # a role's own posting
    entries = [manifest["index"]] + [
        file for posting in manifest["postings"] for file in posting["files"].values()
    ]
    assert len(entries) == 1 + 9 * 3
    for entry in entries:
        data = (out / "furrowlight" / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_manifest_word_counts_and_warnings(enterprise_all):
    out, _ = enterprise_all
    postings = json.loads((out / "furrowlight" / "manifest.json").read_text())["postings"]
    for posting in postings:
        markdown = (out / "furrowlight" / posting["files"]["md"]["path"]).read_text()
        assert 0.8 * len(markdown.split()) < posting["words"] <= len(markdown.split())
        assert posting["stage"] in ("early", "growth", "enterprise")
        assert isinstance(posting["warnings"], list)


def test_index_page_lists_every_posting_with_working_links(enterprise_all):
    out, _ = enterprise_all
    company = out / "brindle-ledger"
    page = read((company / "index.html").read_text())
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    local = [href for href in links if not href.startswith("https://")]
    manifest = json.loads((company / "manifest.json").read_text())
    expected = {file["path"] for p in manifest["postings"] for file in p["files"].values()}
    assert set(local) == expected  # every file linked, nothing else
    for href in local:
        assert (company / href).is_file()  # relative and working from the folder
    text = " ".join(page.text)
    for posting in manifest["postings"]:
        assert posting["title"] in text
    assert "$175,000 – $235,000 per year" in text and "£85,000 – £115,000 per year" in text
    assert [h for h in page.headings if "plan" in h] == ["Hiring plan: Early-stage to Enterprise"]
    assert {"Early-stage", "Growth-stage", "Enterprise"} <= set(page.headings)


def test_index_page_is_self_contained_and_branded(enterprise_all):
    out, _ = enterprise_all
    html = (out / "furrowlight" / "index.html").read_text()
    page = read(html)
    assert not [t for t, a in page.tags if t in ("script", "img", "link", "iframe")]
    assert 'name="viewport"' in html and "--brand: #" in html and ".plan-card" in html


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path, builtin_workspace):
    one = run(builtin_workspace, tmp_path / "one", companies=None, jobs=1)
    two = run(builtin_workspace, tmp_path / "two", companies=None, jobs=2)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert one.companies == two.companies


def test_progress_reports_every_posting_in_both_modes(tmp_path, builtin_workspace):
    for jobs in (1, 2):
        seen: list[tuple[str, int, int]] = []

        def note(record, done, total, seen=seen):
            seen.append((record.id, done, total))

        run(builtin_workspace, tmp_path / str(jobs), companies=["furrowlight"], jobs=jobs,
            progress=note)  # fmt: skip
        assert [done for _, done, _ in seen] == list(range(1, 10))
        assert {total for _, _, total in seen} == {9}
        assert [posting for posting, _, _ in seen][:3] == [
            "forecasting-ml-engineer", "imagery-ml-engineer", "field-data-engineer",
        ]  # fmt: skip


def test_template_error_in_one_role_leaves_old_output_and_no_staging(workspace_copy, tmp_path):
    workspace = find_workspace(workspace_copy)
    out = tmp_path / "out"
    run(workspace, out, companies=["furrowlight"])
    before = snapshot(out)
    (workspace_copy / "templates" / "posting.md.j2").write_text(
        '{% extends "default:posting.md.j2" %}\n{% block footer %}\n'
        '{{ 1 // 0 if role.id == "nlp-llm-engineer" else "" }}\n{% endblock %}\n'
    )
    for jobs in (1, 2):
        with pytest.raises(
            TemplateProblem, match=r"posting\.md\.j2:3 \(workspace template\): ZeroDivisionError"
        ):
            run(workspace, out, companies=["furrowlight", "brindle-ledger"], jobs=jobs)
        assert snapshot(out) == before


def test_full_disk_halfway_leaves_old_output_and_no_staging(
    tmp_path, builtin_workspace, monkeypatch
):
    out = tmp_path / "out"
    run(builtin_workspace, out, stage="early", cumulative=False, companies=["furrowlight"])
    before = snapshot(out)
    real_write, calls = output._write_new, []

    def fills_up(target, data):
        calls.append(target)
        if len(calls) > 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(target, data)

    monkeypatch.setattr(output, "_write_new", fills_up)
    with pytest.raises(OutputError, match="No space left on device; no file was changed"):
        run(builtin_workspace, out, companies=["furrowlight"], jobs=1)
    assert snapshot(out) == before


def test_failure_in_a_fresh_folder_leaves_nothing(tmp_path, builtin_workspace, monkeypatch):
    monkeypatch.setattr(output, "_write_new", _disk_full)
    with pytest.raises(OutputError):
        run(builtin_workspace, tmp_path / "new" / "out", companies=["furrowlight"], jobs=2)
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_mid_batch_removes_staging(tmp_path, builtin_workspace):
    out = tmp_path / "out"
    (out / "furrowlight").mkdir(parents=True)
    (out / "furrowlight" / "notes.txt").write_text("mine")

    def interrupt(record, done, total):
        if done == 3:
            assert any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
            raise KeyboardInterrupt

    for jobs in (1, 2):
        with pytest.raises(KeyboardInterrupt):
            run(builtin_workspace, out, companies=["furrowlight"], jobs=jobs, progress=interrupt)
        assert snapshot(out) == {"furrowlight/notes.txt": b"mine"}


def test_files_the_run_does_not_write_are_left_alone(tmp_path, builtin_workspace):
    out = tmp_path / "out"
    (out / "furrowlight").mkdir(parents=True)
    (out / "furrowlight" / "prompt-engineer.md").write_text("from generate")
    run(builtin_workspace, out, stage="early", cumulative=False, companies=["furrowlight"])
    assert (out / "furrowlight" / "prompt-engineer.md").read_text() == "from generate"


def test_markdown_only_run_links_markdown(tmp_path, builtin_workspace):
    run(builtin_workspace, tmp_path, stage="early", cumulative=False,
        companies=["furrowlight"], formats=("md",))  # fmt: skip
    page = read((tmp_path / "furrowlight" / "index.html").read_text())
    local = [a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("https:")]
    assert sorted(set(local)) == [
        "field-data-engineer.md", "forecasting-ml-engineer.md", "imagery-ml-engineer.md",
    ]  # fmt: skip
    manifest = json.loads((tmp_path / "furrowlight" / "manifest.json").read_text())
    assert [list(p["files"]) for p in manifest["postings"]] == [["md"]] * 3


def _disk_full(target: Path, data: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_spawned_workers_write_the_same_bytes(tmp_path, builtin_workspace, monkeypatch):
    """macOS and Windows start workers fresh (spawn) instead of forking the parent."""
    import multiprocessing

    from jobgen.publish import workers

    run(builtin_workspace, tmp_path / "fork", stage="early", cumulative=False, jobs=2)
    monkeypatch.setattr(workers, "_process_context", lambda: multiprocessing.get_context("spawn"))
    run(builtin_workspace, tmp_path / "spawn", stage="early", cumulative=False, jobs=2)
    assert snapshot(tmp_path / "fork") == snapshot(tmp_path / "spawn")


# --- --prune ------------------------------------------------------------------------------


def test_prune_removes_an_earlier_runs_postings_and_keeps_edited_and_foreign_files(
    tmp_path, builtin_workspace
):
    out = tmp_path / "out"
    run(builtin_workspace, out, stage="growth", companies=["brindle-ledger"], formats=("md",))
    folder = out / "brindle-ledger"
    (folder / "credit-mlops-engineer.md").write_text("edited by hand")
    (folder / "notes.md").write_text("mine")
    result = run(builtin_workspace, out, stage="early", cumulative=False,
                 companies=["brindle-ledger"], formats=("md",), prune=True)  # fmt: skip
    assert sorted(p.name for p in result.removed) == [
        "ai-product-manager.md", "underwriting-llm-engineer.md",
    ]  # fmt: skip
    assert [p.name for p in result.kept] == ["credit-mlops-engineer.md"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "ai-data-engineer.md", "ai-ml-engineer.md", "credit-mlops-engineer.md", "index.html",
        "manifest.json", "notes.md",
    ]  # fmt: skip


def test_without_prune_earlier_postings_stay(tmp_path, builtin_workspace):
    out = tmp_path / "out"
    run(builtin_workspace, out, stage="growth", companies=["brindle-ledger"], formats=("md",))
    result = run(builtin_workspace, out, stage="early", cumulative=False,
                 companies=["brindle-ledger"], formats=("md",))  # fmt: skip
    assert result.removed == []
    assert (out / "brindle-ledger" / "credit-mlops-engineer.md").exists()


def test_prune_never_follows_a_manifest_outside_the_company_folder(tmp_path, builtin_workspace):
    out = tmp_path / "out"
    (out / "furrowlight").mkdir(parents=True)
    victim = out / "keep-me.md"
    victim.write_text("x")
    digest = hashlib.sha256(b"x").hexdigest()
    entries = [{"path": name, "sha256": digest} for name in ("../keep-me.md", "/etc/hosts")]
    (out / "furrowlight" / "manifest.json").write_text(
        json.dumps({"index": entries[0], "postings": [{"files": {"md": entries[1]}}]})
    )
    result = run(builtin_workspace, out, stage="early", cumulative=False,
                 companies=["furrowlight"], formats=("md",), prune=True)  # fmt: skip
    assert result.removed == [] and victim.read_text() == "x"


def test_a_failed_removal_rolls_back_the_whole_commit(tmp_path, builtin_workspace, monkeypatch):
    out = tmp_path / "out"
    run(builtin_workspace, out, stage="growth", companies=["brindle-ledger"], formats=("md",))
    before = snapshot(out)
    real_unlink = os.unlink

    def failing_unlink(path, *args, **kwargs):
        if Path(path).parts[-2:] == ("brindle-ledger", "underwriting-llm-engineer.md"):
            raise OSError(errno.EACCES, "Permission denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", failing_unlink)
    with pytest.raises(OutputError, match=r"underwriting-llm-engineer\.md: Permission denied"):
        run(builtin_workspace, out, stage="early", cumulative=False,
            companies=["brindle-ledger"], formats=("md",), prune=True)  # fmt: skip
    monkeypatch.undo()
    assert snapshot(out) == before


def test_text_is_wrapped_at_the_workspace_s_width_unless_told(workspace_copy, tmp_path):
    """The library's write_stage wrapped at 72 whatever jobgen.yaml said (the command
    passed the width; a Python caller got the default)."""
    from jobgen.inputs.workspace import find_workspace

    config = workspace_copy / "jobgen.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("defaults:\n", "defaults:\n  text_width: 40\n", 1))
    workspace = find_workspace(workspace_copy)

    def wrapped(out: Path) -> list[str]:  # the lines of text a reader reads, in every file
        return [
            line
            for path in out.rglob("*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()[2:]  # not the title
            if " " in line.strip()  # not an address, which is never broken
        ]

    run(workspace, tmp_path / "a", "early", ["furrowlight"], False, formats=("txt",))
    assert max(map(len, wrapped(tmp_path / "a"))) <= 40
    run(workspace, tmp_path / "b", "early", ["furrowlight"], False, formats=("txt",), text_width=60)
    assert 40 < max(map(len, wrapped(tmp_path / "b"))) <= 60
