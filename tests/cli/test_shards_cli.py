"""`jobgen stage --shard K/N` and `jobgen shards check|merge` on the command line."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobgen.cli import main

DATE = "2026-11-25"


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> Path:
    """The built-in samples in 2 shards (all three fall in shard 2 of 2), Markdown only."""
    top = tmp_path_factory.mktemp("shards")
    for number in (1, 2):
        result = invoke(
            "stage", "early", "-a", "-f", "md", "--date", DATE, "-j", "1", "--shard",
            f"{number}/2", "-o", str(top / f"s{number}"),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    return top


@pytest.fixture
def copy(shards, tmp_path) -> Path:
    shutil.copytree(shards, tmp_path / "c")
    return tmp_path / "c"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0/3", "expected K from 1 to 3 in K/N, got '0/3': shards count from 1 (from a 0-based "
         "index, write $((INDEX+1))/N)"),
        ("4/3", "expected K from 1 to 3 in K/N (K ≤ N), got '4/3'"),
        ("1/0", "expected N from 1 to 1,000,000 shards in K/N, got '1/0'"),
        ("two/3", "expected K/N, two whole numbers like 2/3 (shard 2 of 3), got 'two/3'"),
    ],
)  # fmt: skip
def test_a_bad_shard_is_a_usage_error(value, expected, tmp_path):
    result = invoke("stage", "-a", "--shard", value, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "Invalid value for '--shard'" in result.stderr
    assert expected in " ".join(result.stderr.split())
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_company_fails_in_every_shard(tmp_path):
    result = invoke("stage", "-c", "furrowlite", "--shard", "1/2", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown company 'furrowlite'" in result.stderr


def test_check_passes_with_a_one_line_summary(shards):
    result = invoke("shards", "check", str(shards / "s1"), str(shards / "s2"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "2 of 2 shards complete in 2 folders: 3 companies, 16 files, all as their manifests say\n"
    )


def test_merge_then_check_the_merged_folder(shards, tmp_path):
    result = invoke("shards", "merge", str(shards / "s1"), str(shards / "s2"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"; merged 18 files into {tmp_path}\n")
    assert invoke("shards", "check", str(tmp_path)).exit_code == 0


def problems(*folders: Path) -> list[str]:
    result = invoke("shards", "check", *map(str, folders))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("; the shards are not one complete run")
    return lines[:-1]


def test_check_names_a_missing_shard(shards):
    assert problems(shards / "s2") == ["error: missing shard 1 of 2"]


def test_check_names_a_duplicate_shard(copy):
    shutil.copytree(copy / "s2", copy / "again")
    found = problems(copy / "s1", copy / "s2", copy / "again")
    assert found == [
        f"error: shard 2 of 2 appears 2 times: {copy}/s2/jobgen-shard-2-of-2.json, "
        f"{copy}/again/jobgen-shard-2-of-2.json"
    ]


def test_check_names_shards_of_different_runs(copy, tmp_path):
    result = invoke(
        "stage", "early", "-a", "-f", "md", "--date", "2026-11-26", "-j", "1", "--shard", "1/2",
        "-o", str(tmp_path / "later"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found = problems(tmp_path / "later", copy / "s2")
    assert len(found) == 1
    assert found[0].startswith(
        "error: shards of different runs (their posting dates differ: 2026-11-25 in "
        f"{copy}/s2/jobgen-shard-2-of-2.json; 2026-11-26 in "
        f"{tmp_path}/later/jobgen-shard-1-of-2.json): "
    ), found[0]
    assert (
        "later/jobgen-shard-1-of-2.json" in found[0] and "s2/jobgen-shard-2-of-2.json" in found[0]
    )
    result = invoke(  # the same date, another option: the record cannot say which
        "stage", "early", "-a", "-f", "md", "-f", "html", "--date", "2026-11-25", "-j", "1",
        "--shard", "1/2", "-o", str(tmp_path / "other"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [other] = problems(tmp_path / "other", copy / "s2")
    assert other.startswith(
        "error: shards of different runs (other options, date, inputs or jobgen version): "
    )


def test_check_names_shards_of_different_splits(copy, shards):
    other = copy / "s2" / "jobgen-shard-2-of-2.json"
    data = json.loads(other.read_text())
    other.rename(copy / "s2" / "jobgen-shard-3-of-3.json")
    (copy / "s2" / "jobgen-shard-3-of-3.json").write_text(
        json.dumps({**data, "shard": 3, "shards": 3})
    )
    found = problems(copy / "s1", copy / "s2")
    assert found[0] == (
        f"error: shards of different splits: N=2 in {copy}/s1/jobgen-shard-1-of-2.json; "
        f"N=3 in {copy}/s2/jobgen-shard-3-of-3.json"
    )


def test_check_names_a_tampered_file(copy):
    page = copy / "s2" / "furrowlight" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"<html", b"<HTML", 1))  # same size
    (copy / "s2" / "brindle-ledger" / "ai-ml-engineer.md").unlink()
    manifest = copy / "s2" / "carrowmere-health" / "manifest.json"
    manifest.write_text(manifest.read_text() + " ")
    assert problems(copy / "s1", copy / "s2") == [
        f"error: {copy}/s2/brindle-ledger/ai-ml-engineer.md: missing (its manifest lists it)",
        f"error: {copy}/s2/carrowmere-health/manifest.json: "
        f"{manifest.stat().st_size} bytes, expected {manifest.stat().st_size - 1} (changed?)",
        f"error: {copy}/s2/furrowlight/index.html: its sha256 is not the one recorded "
        "(changed since written)",
    ]


def test_check_names_a_company_in_the_wrong_shard_and_a_bad_record(copy):
    record = copy / "s2" / "jobgen-shard-2-of-2.json"
    data = json.loads(record.read_text())
    first = copy / "s1" / "jobgen-shard-1-of-2.json"
    first.write_text(
        json.dumps({**json.loads(first.read_text()), "companies": data["companies"][:1]})
    )
    record.write_text('{"shard": "two"}')
    assert problems(copy / "s1", copy / "s2") == [
        f"error: {record}: shard_record_version: expected 1",
        f"error: {record}: shard: expected a whole number",
        f"error: {record}: shards: expected a whole number",
        f"error: {record}: fingerprint: expected a string",
        f"error: {record}: companies: expected a list",
        "error: missing shard 2 of 2",
        f"error: {first}: company brindle-ledger belongs to shard 2 of 2, not 1",
        f"error: {copy}/s1/brindle-ledger/manifest.json: missing (its shard record lists it)",
    ]


def test_check_of_a_folder_without_shards(tmp_path):
    assert problems(tmp_path) == [
        f"error: {tmp_path}: no shard record (jobgen-shard-K-of-N.json); was it written by "
        "`jobgen stage --shard K/N`?"
    ]


def test_check_of_a_folder_that_is_not_there_is_a_usage_error(shards, tmp_path):
    result = invoke("shards", "check", str(shards / "s1"), str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert f"no such folder: {tmp_path}/nowhere" in result.stderr


def test_one_problem_is_one_problem(shards):
    result = invoke("shards", "check", str(shards / "s2"))
    assert result.stderr.splitlines()[-1] == "1 problem; the shards are not one complete run"


def test_merge_writes_nothing_when_a_check_fails(shards, tmp_path):
    result = invoke("shards", "merge", str(shards / "s2"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the shards do not make one complete run; nothing was merged:\n"
        "  missing shard 1 of 2\n"
    )
    assert not (tmp_path / "out").exists()


def test_check_refuses_paths_in_a_record_or_a_manifest(copy):
    """Records and manifests may come from elsewhere (CI artifacts): no path leaves the
    folder, so merge can never write outside OUT."""
    record = copy / "s2" / "jobgen-shard-2-of-2.json"
    data = json.loads(record.read_text())
    evil = {
        "id": "../evil",
        "manifest": {"path": "../evil/manifest.json", "bytes": 1, "sha256": ""},
    }
    record.write_text(json.dumps({**data, "companies": [*data["companies"], evil]}))
    found = problems(copy / "s1", copy / "s2")
    assert found == [
        f"error: {record}: companies[4]: expected a company id (like furrowlight) and its "
        "manifest (path ID/manifest.json, bytes, sha256)",
        "error: missing shard 2 of 2",  # a record with a problem does not count
    ]
    record.write_text(json.dumps(data))
    manifest = copy / "s2" / "furrowlight" / "manifest.json"
    text = manifest.read_text().replace('"path": "index.html"', '"path": "../../index.html"')
    manifest.write_text(text)
    for entry in data["companies"]:
        if entry["id"] == "furrowlight":
            entry["manifest"]["bytes"] = len(text.encode())
            entry["manifest"]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    record.write_text(json.dumps(data))
    assert problems(copy / "s1", copy / "s2") == [
        f"error: {manifest}: lists '../../index.html', not a file name jobgen writes "
        "(expected a name like ai-ml-engineer.md, flat in the company folder)"
    ]


def test_merge_replaces_the_records_of_an_earlier_split(shards, tmp_path):
    (tmp_path / "jobgen-shard-1-of-5.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("mine")
    result = invoke("shards", "merge", str(shards / "s1"), str(shards / "s2"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "jobgen-shard-1-of-2.json",
        "jobgen-shard-2-of-2.json",
        "notes.txt",
    ]
    assert invoke("shards", "check", str(tmp_path)).exit_code == 0
