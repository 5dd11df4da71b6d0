"""Sharding a stage run by company (`--shard K/N`): the partition, the record, and the
union of N shards byte-identical to one unsharded run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from schema_check import validate

from jobgen.cli import main
from jobgen.publish.shard_check import check_shards, merge_shards
from jobgen.publish.shards import RECORD_NAME, SHARD_SCHEMA, Shard, parse_shard, shard_of

ROOT = Path(__file__).resolve().parents[2]
DATE = "2026-11-25"
SAMPLES = ("brindle-ledger", "carrowmere-health", "furrowlight")


# --- the partition ---------------------------------------------------------------------


def test_assignments_are_pinned():
    """sha256 of the id, first 8 bytes big-endian, mod N, plus one: these numbers must
    never change, or shards of two jobgen versions would split companies differently."""
    assert [shard_of(f"client-{i:02}", 3) for i in range(12)] == [
        1,
        1,
        3,
        2,
        2,
        1,
        3,
        3,
        3,
        3,
        1,
        1,
    ]
    assert [shard_of(c, 2) for c in SAMPLES] == [2, 2, 2]
    assert [shard_of(c, 3) for c in SAMPLES] == [1, 1, 1]
    assert shard_of("acme", 7) == 3
    assert shard_of("acme", 1000) == 873
    assert shard_of("anything", 1) == 1


def test_assignment_is_the_same_in_another_process():
    """Not Python's hash(), which changes with PYTHONHASHSEED in every process."""
    program = "from jobgen.publish.shards import shard_of; print(shard_of('acme', 1000))"
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": ""}
        result = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
        )
        assert result.stdout.strip() == "873"


def test_every_company_falls_in_exactly_one_shard_and_spreads():
    ids = [f"company-{i}" for i in range(3000)]
    for count in (1, 2, 3, 10):
        shards = Counter(shard_of(i, count) for i in ids)
        assert set(shards) == set(range(1, count + 1))
        assert min(shards.values()) > len(ids) / count * 0.8  # roughly even


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0/3", "expected K from 1 to 3 in K/N, got '0/3': shards count from 1"),
        ("4/3", "expected K from 1 to 3 in K/N (K ≤ N), got '4/3'"),
        ("1/0", "expected N from 1 to 1,000,000 shards in K/N, got '1/0'"),
        ("a/3", "expected K/N, two whole numbers like 2/3 (shard 2 of 3), got 'a/3'"),
        ("2", "expected K/N, two whole numbers like 2/3 (shard 2 of 3), got '2'"),
        ("-1/3", "expected K/N, two whole numbers like 2/3 (shard 2 of 3), got '-1/3'"),
    ],
)
def test_bad_shard_values_say_what_was_expected(text, expected):
    with pytest.raises(ValueError) as caught:
        parse_shard(text)
    assert str(caught.value).startswith(expected)


def test_good_shard_values():
    assert parse_shard("2/3") == Shard(2, 3)
    assert parse_shard(" 1 / 1 ") == Shard(1, 1)
    assert Shard(2, 3).record_name == "jobgen-shard-2-of-3.json"
    assert RECORD_NAME.fullmatch(Shard(2, 3).record_name)


# --- byte identity ---------------------------------------------------------------------


def synthetic_workspace(folder: Path, companies: int = 12) -> Path:
    """The built-in stages and roles, and `companies` profiles made from the samples."""
    (folder / "company_profiles").mkdir(parents=True)
    shutil.copy(ROOT / "jobgen.yaml", folder / "jobgen.yaml")
    for sample in SAMPLES:  # the logos the profiles name
        shutil.copytree(ROOT / "company_profiles" / sample, folder / "company_profiles" / sample)
    samples = [ROOT / "company_profiles" / f"{c}.yaml" for c in SAMPLES]
    for number in range(companies):
        text = samples[number % len(samples)].read_text(encoding="utf-8")
        name = next(line for line in text.splitlines() if line.startswith("name: "))
        text = text.replace(name, f"{name} {number:02}", 1)
        (folder / "company_profiles" / f"client-{number:02}.yaml").write_text(text)
    return folder


def stage(*args: str, workspace: Path | None = None) -> str:
    extra = ["-w", str(workspace)] if workspace else []
    result = CliRunner().invoke(
        main, [*extra, "stage", "-a", "--date", DATE, "-j", "1", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the shard records, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not RECORD_NAME.fullmatch(path.name)
    }


@pytest.mark.parametrize("synthetic", [False, True], ids=["samples", "12-companies"])
def test_union_of_three_shards_is_one_unsharded_run(tmp_path, synthetic):
    """The issue's test: N=3 shards in three folders, merged, byte for byte the same
    files as one unsharded run; the same three shards into one folder check out too.
    (The samples all fall in shard 1 of 3; the 12 companies fill every shard.)"""
    workspace = synthetic_workspace(tmp_path / "ws") if synthetic else None
    # Every format but pdf on the samples; the 12 companies' early stage in fewer, for speed
    args = ["early", "-f", "md", "-f", "json"] if synthetic else ["-f", "all"]
    stage(*args, "-o", str(tmp_path / "whole"), workspace=workspace)
    folders = [tmp_path / f"shard-{k}" for k in (1, 2, 3)]
    for number, folder in enumerate(folders, 1):
        out = stage(*args, "--shard", f"{number}/3", "-o", str(folder), workspace=workspace)
        assert f"shard {number}/3: " in out
        if synthetic:  # the samples' shard 1 is all of them: one folder adds nothing
            stage(*args, "--shard", f"{number}/3", "-o", str(tmp_path / "one"), workspace=workspace)
    whole = tree(tmp_path / "whole")
    companies = {path.split("/")[0] for path in whole}
    assert len(companies) == (12 if synthetic else 3)
    if synthetic:  # every shard has some: the split is tested, not only its edge
        assert all(any(p.is_dir() for p in folder.iterdir()) for folder in folders)
    # each shard alone: its companies' files, exactly as the whole run wrote them
    for folder in folders:
        part = tree(folder)
        assert part == {path: whole[path] for path in part}
    merged = tmp_path / "merged"
    found, _ = merge_shards(folders, merged)
    assert found.problems == []
    assert tree(merged) == whole
    assert sorted(p.name for p in merged.glob("jobgen-shard-*")) == [
        f"jobgen-shard-{k}-of-3.json" for k in (1, 2, 3)
    ]
    if not synthetic:
        return
    # three shards into one shared folder: the same files, and a complete set
    assert tree(tmp_path / "one") == whole
    one = check_shards([tmp_path / "one"])
    assert one.problems == []
    assert one.summary().startswith("3 of 3 shards complete in one folder: ")


def test_an_empty_shard_writes_only_its_record(tmp_path):
    out = stage("-f", "md", "--shard", "2/3", "-o", str(tmp_path))
    assert "shard 2/3: none of the 3 companies falls in it; wrote only " in out
    assert [p.name for p in tmp_path.iterdir()] == ["jobgen-shard-2-of-3.json"]
    record = json.loads((tmp_path / "jobgen-shard-2-of-3.json").read_text())
    assert record["companies"] == [] and (record["shard"], record["shards"]) == (2, 3)


def test_the_record_names_each_company_and_its_manifest(tmp_path):
    stage("early", "-f", "md", "--shard", "1/1", "-o", str(tmp_path))
    record = json.loads((tmp_path / "jobgen-shard-1-of-1.json").read_text())
    assert list(record) == [
        "shard_record_version", "generator", "shard", "shards", "fingerprint", "date",
        "formats", "companies",
    ]  # fmt: skip
    assert record["date"] == DATE and record["formats"] == ["md"]
    assert [c["id"] for c in record["companies"]] == list(SAMPLES)
    manifest = record["companies"][0]["manifest"]
    data = (tmp_path / manifest["path"]).read_bytes()
    assert manifest["path"] == "brindle-ledger/manifest.json" and manifest["bytes"] == len(data)
    validate(record, SHARD_SCHEMA, formats=True)


def test_a_shard_reads_only_its_own_profiles(tmp_path):
    """Filtering comes before reading: a broken profile in another shard is not read."""
    workspace = synthetic_workspace(tmp_path / "ws", 4)  # client-00, -01 in 1/3; -03 in 2/3
    (workspace / "company_profiles" / "client-03.yaml").write_text("name: [unclosed\n")
    stage("-f", "md", "--shard", "1/3", "-o", str(tmp_path / "out"), workspace=workspace)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == [
        "client-00",
        "client-01",
    ]


def test_three_shards_at_once_into_one_shared_folder(tmp_path):
    """As on a shared filesystem: three processes started together; the output folder's
    lock lets one commit at a time, and the set checks out as one run."""
    workspace = synthetic_workspace(tmp_path / "ws", 6)
    out = tmp_path / "shared"
    args = ["-w", str(workspace), "stage", "early", "-a", "-f", "md", "--lint", "off"]
    args += ["--date", DATE, "-j", "1", "-q", "-o", str(out)]
    runs = [
        subprocess.Popen([sys.executable, "-m", "jobgen", *args, "--shard", f"{k}/3"])
        for k in (1, 2, 3)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0]
    found = check_shards([out])
    assert found.problems == []
    assert len({p.name for p in out.iterdir() if p.is_dir()}) == 6


def test_a_file_changed_between_check_and_merge_stops_the_merge(tmp_path, monkeypatch):
    from jobgen.errors import JobgenError
    from jobgen.publish import shard_check

    stage("early", "-f", "md", "--shard", "1/1", "-o", str(tmp_path / "s"))
    checked = shard_check.check_shards

    def then_changed(folders: list[Path]) -> shard_check.ShardSet:
        found = checked(folders)
        page = tmp_path / "s" / "furrowlight" / "index.html"
        page.write_bytes(page.read_bytes() + b" ")  # as a shard still writing would
        return found

    monkeypatch.setattr(shard_check, "check_shards", then_changed)
    with pytest.raises(JobgenError, match=r"index\.html changed while it was being merged"):
        merge_shards([tmp_path / "s"], tmp_path / "out")
    assert not (tmp_path / "out").exists()
