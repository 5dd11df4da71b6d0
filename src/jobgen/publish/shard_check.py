"""`jobgen shards check` and `jobgen shards merge`: are the N shards of a run all there,
from one run, each company once, every file as its manifest says; then copy them
into one folder, all or nothing.

The shards may sit in one shared folder (each shard's record beside the others') or
in several (one per machine, downloaded as CI artifacts); the checks are the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import JobgenError, display_path
from ..inputs.arguments import as_path, as_paths
from ..inputs.fields import is_slug
from .manifest import MANIFEST_NAME, WRITTEN_NAME
from .output import Staging
from .shards import RECORD_NAME, SHARD_RECORD_VERSION, shard_of


@dataclass(frozen=True)
class ShardRecord:
    """One `jobgen-shard-K-of-N.json`, read and checked for shape."""

    path: Path
    folder: Path  # the output folder it sits in
    number: int
    count: int
    fingerprint: str
    companies: dict[str, dict[str, Any]]  # company id -> its manifest's path, bytes, sha256
    date: str = ""  # the posting date the run was given


@dataclass
class ShardSet:
    """What `check_shards` found: the records, the files they vouch for, the problems."""

    records: list[ShardRecord] = field(default_factory=list)
    # relative path -> (where it is, its sha256 as checked)
    files: dict[str, tuple[Path, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.records[0].count if self.records else 0

    def summary(self) -> str:
        """One line: the shards complete, or how many problems stop them being so."""
        if self.problems:
            said = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
            return f"{said}; the shards are not one complete run"
        companies = sum(len(r.companies) for r in self.records)
        folders = len({r.folder for r in self.records})
        where = "one folder" if folders == 1 else f"{folders} folders"
        return (
            f"{self.count} of {self.count} shards complete in {where}: "
            f"{companies} {'company' if companies == 1 else 'companies'}, "
            f"{len(self.files)} files, all as their manifests say"
        )


def check_shards(folders: list[Path] | list[str] | Path | str) -> ShardSet:
    """Read every shard record in `folders` and check the set: one fingerprint and one
    N, each shard 1..N exactly once, no company in two shards nor in the wrong one, and
    each company's manifest and every file it lists present with their size and sha256."""
    folders = [as_path("folders", path) for path in as_paths("folders", folders)]
    found = ShardSet()
    if not folders:
        found.problems.append("no folder given: name the folders the shards were written to")
    seen: set[Path] = set()
    for folder in folders:
        if not folder.is_dir():
            found.problems.append(f"{display_path(folder)}: no such folder")
            continue
        if folder.resolve() in seen:
            continue  # named twice: one folder's shards count once
        seen.add(folder.resolve())
        paths = _records_in(folder)
        if not paths:
            found.problems.append(
                f"{display_path(folder)}: no shard record (jobgen-shard-K-of-N.json); "
                "was it written by `jobgen stage --shard K/N`?"
            )
        for path in paths:
            record = _read_record(path, found.problems)
            if record is not None:
                found.records.append(record)
    if found.records:
        _check_set(found)
        for record in found.records:
            _check_files(record, found)
    return found


def merge_shards(
    folders: list[Path] | list[str] | Path | str, out_dir: Path | str
) -> tuple[ShardSet, list[Path]]:
    """Check the shards, then copy every company folder's files and the shard records
    into `out_dir` in one step (nothing is written if any check fails)."""
    found = check_shards(folders)
    out_dir = as_path("out_dir", out_dir)
    if found.problems:
        raise JobgenError(_problem_text(found))
    with Staging(out_dir) as staging:
        for relative, (source, sha256) in sorted(found.files.items()):
            if staging.write(relative, source.read_bytes()).sha256 != sha256:
                raise JobgenError(
                    f"{display_path(source)} changed while it was being merged; nothing was "
                    "merged (run `jobgen shards merge` again once the shards are complete)"
                )
        names = set()
        for record in found.records:
            names.add(staging.write(record.path.name, record.path.read_bytes()).path)
        # Records of another split left in OUT by an earlier merge would make OUT fail
        # `shards check`: they go in the same step (no company file is ever removed).
        old = [p.name for p in _records_in(out_dir) if p.name not in names]
        return found, staging.commit(remove=old)


def _records_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if RECORD_NAME.fullmatch(p.name) and p.is_file())


def _problem_text(found: ShardSet) -> str:
    lines = "\n".join(f"  {problem}" for problem in found.problems)
    return f"the shards do not make one complete run; nothing was merged:\n{lines}"


def _read_record(path: Path, problems: list[str]) -> ShardRecord | None:
    where = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problems.append(f"{where}: not a readable JSON file ({error})")
        return None
    if not isinstance(data, dict):
        problems.append(f"{where}: expected a JSON object")
        return None
    bad = []
    if data.get("shard_record_version") != SHARD_RECORD_VERSION:
        bad.append(f"shard_record_version: expected {SHARD_RECORD_VERSION}")
    for name in ("shard", "shards"):
        if not isinstance(data.get(name), int) or isinstance(data.get(name), bool):
            bad.append(f"{name}: expected a whole number")
    if not isinstance(data.get("fingerprint"), str):
        bad.append("fingerprint: expected a string")
    companies = data.get("companies")
    entries: dict[str, dict[str, Any]] = {}
    if not isinstance(companies, list):
        bad.append("companies: expected a list")
    else:
        for number, entry in enumerate(companies, 1):
            if not _company_entry_ok(entry):
                bad.append(
                    f"companies[{number}]: expected a company id (like furrowlight) and its "
                    "manifest (path ID/manifest.json, bytes, sha256)"
                )
            else:
                entries[entry["id"]] = entry["manifest"]
    if not bad:
        match = RECORD_NAME.fullmatch(path.name)
        assert match is not None
        if (int(match[1]), int(match[2])) != (data["shard"], data["shards"]):
            bad.append(
                f"shard, shards: the file name says {match[1]} of {match[2]}, "
                f"the file {data['shard']} of {data['shards']}"
            )
    if bad:
        problems.extend(f"{where}: {text}" for text in bad)
        return None
    return ShardRecord(
        path, path.parent, data["shard"], data["shards"], data["fingerprint"], entries,
        str(data.get("date", "")),
    )  # fmt: skip


def _company_entry_ok(entry: object) -> bool:
    # A record may come from elsewhere (a CI artifact): an id is a slug, never a path.
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return False
    if not is_slug(entry["id"]):
        return False
    manifest = entry.get("manifest")
    return (
        isinstance(manifest, dict)
        and manifest.get("path") == f"{entry['id']}/{MANIFEST_NAME}"
        and isinstance(manifest.get("bytes"), int)
        and isinstance(manifest.get("sha256"), str)
    )


def _check_set(found: ShardSet) -> None:
    records, problems = found.records, found.problems
    counts = sorted({r.count for r in records})
    if len(counts) > 1:
        problems.append(
            "shards of different splits: "
            + "; ".join(
                f"N={n} in {', '.join(display_path(r.path) for r in records if r.count == n)}"
                for n in counts
            )
        )
    prints = sorted({r.fingerprint for r in records})
    if len(prints) > 1:
        groups = "; ".join(
            f"{p[:12]}… in {', '.join(display_path(r.path) for r in records if r.fingerprint == p)}"
            for p in prints
        )
        dates = sorted({r.date for r in records})
        why = "other options, date, inputs or jobgen version"
        if len(dates) > 1:  # the one difference a record can name: say it
            why = "their posting dates differ: " + "; ".join(
                f"{d} in {', '.join(display_path(r.path) for r in records if r.date == d)}"
                for d in dates
            )
        problems.append(f"shards of different runs ({why}): {groups}")
    if len(counts) == 1:
        count = counts[0]
        numbers: dict[int, list[ShardRecord]] = {}
        for record in records:
            numbers.setdefault(record.number, []).append(record)
        missing = [str(n) for n in range(1, count + 1) if n not in numbers]
        if missing:
            problems.append(f"missing shard {', '.join(missing)} of {count}")
        for number, twins in sorted(numbers.items()):
            if len(twins) > 1:
                problems.append(
                    f"shard {number} of {count} appears {len(twins)} times: "
                    + ", ".join(display_path(r.path) for r in twins)
                )
    owners: dict[str, list[ShardRecord]] = {}
    for record in records:
        for company_id in record.companies:
            owners.setdefault(company_id, []).append(record)
            if shard_of(company_id, record.count) != record.number:
                problems.append(
                    f"{display_path(record.path)}: company {company_id} belongs to shard "
                    f"{shard_of(company_id, record.count)} of {record.count}, not {record.number}"
                )
    for company_id, where in sorted(owners.items()):
        if len({r.number for r in where}) > 1:  # the same shard twice is said above
            problems.append(
                f"company {company_id} is in more than one shard: "
                + ", ".join(display_path(r.path) for r in where)
            )


def _check_files(record: ShardRecord, found: ShardSet) -> None:
    """The company's manifest as the record says, and every file it lists as it says."""
    for company_id, entry in record.companies.items():
        manifest_path = record.folder / entry["path"]
        data = _matching(manifest_path, entry, found.problems, "its shard record")
        if data is None:
            continue
        found.files[entry["path"]] = (manifest_path, entry["sha256"])
        try:
            manifest = json.loads(data)
            listed = [manifest["index"], manifest.get("quality")]
            listed += [f for p in manifest["postings"] for f in p["files"].values()]
        except (ValueError, KeyError, TypeError, AttributeError):
            found.problems.append(f"{display_path(manifest_path)}: not a jobgen manifest")
            continue
        for file in filter(None, listed):
            name = file.get("path") if isinstance(file, dict) else None
            if not isinstance(name, str) or not WRITTEN_NAME.fullmatch(name):
                found.problems.append(
                    f"{display_path(manifest_path)}: lists {name!r}, not a file name jobgen "
                    "writes (expected a name like ai-ml-engineer.md, flat in the company folder)"
                )
                continue
            relative = f"{company_id}/{name}"
            path = record.folder / relative
            if _matching(path, file, found.problems, "its manifest") is not None:
                found.files[relative] = (path, file["sha256"])


def _matching(path: Path, entry: dict[str, Any], problems: list[str], lister: str) -> bytes | None:
    """The bytes of `path` when its size and sha256 are the entry's, else a problem."""
    where = display_path(path)
    try:
        if path.is_symlink() or path.parent.is_symlink() or not path.is_file():
            problems.append(f"{where}: missing ({lister} lists it)")
            return None
        if path.stat().st_size != entry.get("bytes"):
            size = path.stat().st_size
            problems.append(f"{where}: {size} bytes, expected {entry.get('bytes')} (changed?)")
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(f"{where}: cannot read it ({error.strerror or error})")
        return None
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        problems.append(f"{where}: its sha256 is not the one recorded (changed since written)")
        return None
    return data
