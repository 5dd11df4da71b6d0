"""`jobgen stage --shard K/N`: one of N independent runs, each writing some companies.

A company's shard is fixed by its id alone (sha256, not Python's `hash()`, which
changes with every process), so N copies of one command on N machines (a
Kubernetes indexed Job, a Slurm array, a CI matrix) split the companies between
them with no coordination, and each company's files are the bytes one unsharded
run writes. Beside its company folders, a shard writes its record,
`jobgen-shard-K-of-N.json` (not a hidden file: CI artifact uploads skip those),
naming what it wrote; `shard_check.py` checks and merges the records of all N.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..version import __version__
from .output import FileRecord

if TYPE_CHECKING:
    from ..inputs.workspace import Workspace

SHARD_RECORD_VERSION = 1
RECORD_NAME = re.compile(r"jobgen-shard-(\d+)-of-(\d+)\.json")
# Inputs every company's postings share: a change between shards makes them differ.
# (A company's own profile and templates reach only its own files, in one shard.)
SHARED_INPUTS = ("jobgen.yaml", "roles", "templates", "lint")
MAX_SHARDS = 1_000_000


@dataclass(frozen=True)
class Shard:
    """Shard `number` (from 1) of `count`."""

    number: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.count <= MAX_SHARDS or not 1 <= self.number <= self.count:
            raise ValueError(f"no shard {self.number} of {self.count}")

    @property
    def label(self) -> str:
        return f"{self.number}/{self.count}"

    @property
    def record_name(self) -> str:
        return f"jobgen-shard-{self.number}-of-{self.count}.json"

    def holds(self, company_id: str) -> bool:
        return shard_of(company_id, self.count) == self.number


def parse_shard(text: str) -> Shard:
    """`K/N` as typed after --shard; ValueError saying what was expected."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match is None:
        raise ValueError(f"expected K/N, two whole numbers like 2/3 (shard 2 of 3), got {text!r}")
    number, count = int(match[1]), int(match[2])
    if not 1 <= count <= MAX_SHARDS:
        raise ValueError(f"expected N from 1 to {MAX_SHARDS:,} shards in K/N, got {text!r}")
    if number == 0:
        raise ValueError(
            f"expected K from 1 to {count} in K/N, got {text!r}: shards count from 1 "
            "(from a 0-based index, write $((INDEX+1))/N)"
        )
    if number > count:
        raise ValueError(f"expected K from 1 to {count} in K/N (K ≤ N), got {text!r}")
    return Shard(number, count)


def shard_of(company_id: str, count: int) -> int:
    """The shard (from 1) of `count` that writes `company_id`: the first 8 bytes of the
    id's sha256 as a big-endian number, modulo `count`. The same on every machine,
    process and Python version, and it depends on nothing but the id and `count`."""
    digest = hashlib.sha256(company_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def shard_companies(
    company_ids: Iterable[str], known: Mapping[str, object], shard: Shard, builtins: bool
) -> list[str]:
    """The companies of `company_ids` that `shard` writes. Every id is checked against
    `known` first, so a typo fails in every shard, not only in the one it falls in."""
    from ..inputs.catalog import require_known

    wanted = list(dict.fromkeys(company_ids))
    require_known("company", wanted, dict(known), builtins)
    return [company_id for company_id in wanted if shard.holds(company_id)]


def fingerprint(
    shared_roots: Sequence[Path], options: Mapping[str, Any], company_ids: Sequence[str]
) -> str:
    """What every shard of one run must agree on: jobgen's version, the options, the
    whole list of companies being split, and the bytes of the shared inputs under
    `shared_roots` (the workspace's own layers; the built-ins are the version's)."""
    digest = hashlib.sha256()
    head = {"jobgen": __version__, "options": dict(options), "companies": sorted(company_ids)}
    digest.update(json.dumps(head, sort_keys=True, default=str).encode("utf-8"))
    for root in shared_roots:
        for name in SHARED_INPUTS:
            top = root / name
            files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
            for path in files:
                if any(part.startswith(".") for part in path.relative_to(root).parts):
                    continue  # editor swap files and caches are not inputs
                relative = path.relative_to(root).as_posix()
                digest.update(f"\0{relative}\0{path.stat().st_size}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def record_bytes(
    shard: Shard,
    run_fingerprint: str,
    date: str,
    formats: Sequence[str],
    manifests: Mapping[str, FileRecord],
) -> bytes:
    """The shard record: which companies the shard wrote, each with its manifest's size
    and sha256 (the manifest holds those of every other file of the company)."""
    data = {
        "shard_record_version": SHARD_RECORD_VERSION,
        "generator": f"jobgen {__version__}",
        "shard": shard.number,
        "shards": shard.count,
        "fingerprint": run_fingerprint,
        "date": date,
        "formats": list(formats),
        "companies": [
            {"id": company_id, "manifest": _file(record)}
            for company_id, record in sorted(manifests.items())
        ],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _file(record: FileRecord) -> dict[str, Any]:
    return {"path": record.path, "bytes": record.bytes, "sha256": record.sha256}


class ShardRun:
    """One shard of a `stage` run: the companies it writes, read from the workspace's
    list of profiles (no profile is parsed), and the record it commits with them."""

    def __init__(self, workspace: Workspace, shard: Shard, company_ids: list[str] | None) -> None:
        from ..inputs.workspace import PROFILES

        self.workspace, self.shard = workspace, shard
        known = workspace.files(PROFILES)
        if company_ids is None and not known:
            raise UsageError(
                "the workspace has no company profiles; add one to company_profiles/ "
                "(`jobgen init DIR` makes a workspace with an example)"
            )
        self.split = list(known) if company_ids is None else list(dict.fromkeys(company_ids))
        self.company_ids = shard_companies(self.split, known, shard, workspace.root is None)
        self.written: list[str] = []

    def record_maker(
        self, options: Mapping[str, Any], formats: Sequence[str], date: str
    ) -> Callable[[dict[str, FileRecord]], dict[str, bytes]]:
        """What `write_stage(extra_files=...)` calls with each company's manifest."""
        # The workspace's own layers: the built-ins are jobgen's version, in the options.
        run = fingerprint(self.workspace.layers[:-1], options, self.split)

        def make(manifests: dict[str, FileRecord]) -> dict[str, bytes]:
            self.written = sorted(manifests)
            return {self.shard.record_name: record_bytes(self.shard, run, date, formats, manifests)}

        return make

    def summary(self, out_dir: Path) -> str:
        from ..errors import counted, display_path

        record = display_path(out_dir / self.shard.record_name)
        of = counted(len(self.split), "company", "companies")
        if not self.written:
            return f"shard {self.shard.label}: none of the {of} falls in it; wrote only {record}"
        names = ", ".join(self.written[:5]) + (", …" if len(self.written) > 5 else "")
        return f"shard {self.shard.label}: {len(self.written)} of the {of} ({names}); {record}"


def _file_schema(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "description": description,
        "required": ["path", "bytes", "sha256"],
        "properties": {
            "path": {"type": "string", "description": "relative to the output folder"},
            "bytes": {"type": "integer", "minimum": 0},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
    }


RECORD_FIELDS = ("shard_record_version", "generator", "shard", "shards", "fingerprint", "date")
RECORD_FIELDS += ("formats", "companies")
SHARD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"https://jobgen.example/schemas/shard-{SHARD_RECORD_VERSION}.json",
    "title": "jobgen shard",
    "description": "What one shard of a stage run wrote (`jobgen stage --shard K/N`), as "
    "OUT/jobgen-shard-K-of-N.json; `jobgen shards check` and `merge` read it.",
    "type": "object",
    "additionalProperties": False,
    "required": [*RECORD_FIELDS],
    "properties": {
        "shard_record_version": {"const": SHARD_RECORD_VERSION},
        "generator": {"type": "string", "description": "jobgen and its version"},
        "shard": {"type": "integer", "minimum": 1, "description": "K: this shard, from 1"},
        "shards": {"type": "integer", "minimum": 1, "maximum": MAX_SHARDS, "description": "N"},
        "fingerprint": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "sha256 of what every shard of one run shares: jobgen's version, "
            "the options, the companies split, the workspace's shared input files",
        },
        "date": {"type": "string", "format": "date", "description": "the posting date"},
        "formats": {"type": "array", "items": {"type": "string"}},
        "companies": {
            "type": "array",
            "description": "the companies this shard wrote, by id",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "manifest"],
                "properties": {
                    "id": {"type": "string"},
                    "manifest": _file_schema("the company's manifest.json, which lists the rest"),
                },
            },
        },
    },
}
