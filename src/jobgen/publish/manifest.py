"""`manifest.json`: what a stage run wrote for one company, for people and for scripts.

Paths are relative to the company's folder, so the folder can be moved or
published as it is. Nothing in it depends on the time of the run or on the
number of worker processes: the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..formats.json_text import dumps
from ..version import __version__
from .output import FileRecord

if TYPE_CHECKING:
    from ..inputs.models import Hire
    from ..inputs.stages import StagePlan
    from .records import PostingRecord

MANIFEST_VERSION = 1
MANIFEST_NAME = "manifest.json"
# What a manifest may name for removal: a file jobgen writes, flat in the company folder.
# A posting's file: its id, the language when it is published in several, the format.
WRITTEN_NAME = re.compile(
    r"[a-z0-9][a-z0-9-]*(?:\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?\.(?:md|html|docx|json|txt|pdf)"
)


def manifest_data(
    plan: StagePlan,
    records: Sequence[PostingRecord],
    formats: Sequence[str],
    index: FileRecord,
    quality: FileRecord | None = None,
    earlier: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    company = plan.company
    date = plan.postings[0].date.isoformat() if plan.postings else None
    postings = {posting.name: posting for posting in plan.postings}
    return {
        "manifest_version": MANIFEST_VERSION,
        "generator": f"jobgen {__version__}",
        "company": {"id": company.id, "name": company.name},
        "stage": plan.stage.id,
        "stages": [stage.id for stage in plan.stages],
        "cumulative": plan.cumulative,
        "date": date,
        "formats": list(formats),
        "index": _file(index, company.id),
        "quality": _file(quality, company.id) if quality else None,
        "postings": [
            {
                "id": record.id,
                "role": record.role,
                "title": postings[record.id].role.title,
                "language": postings[record.id].language,
                "opening": _opening(postings[record.id].hire),
                "stage": record.stage,
                "words": record.words,
                "files": {fmt: _file(file, company.id) for fmt, file in record.files.items()},
                "warnings": list(record.warnings),
                "lint": _lint(record),
            }
            for record in records
        ],
        # Files earlier runs wrote that this one left in place (it was not --prune):
        # listed so that a later --prune can still remove them.
        "earlier": list(earlier),
    }


def _opening(hire: Hire) -> dict[str, Any] | None:
    """What a script wants of an opening: who, at which level, how many."""
    if hire.opening is None:
        return None
    return {
        "requisition_id": hire.requisition_id,
        "level": hire.level.id if hire.level else None,
        "team": hire.team,
        "reports_to": hire.reports_to,
        "headcount": hire.headcount,
    }


def _lint(record: PostingRecord) -> dict[str, Any] | None:
    report = record.lint
    if report is None:
        return None
    return {
        "score": report.score,
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "reading_ease": report.reading_ease,
        "gender_coding": report.coding,
        "laws": report.laws,
    }


def manifest_bytes(
    plan: StagePlan,
    records: Sequence[PostingRecord],
    formats: Sequence[str],
    index: FileRecord,
    quality: FileRecord | None = None,
    earlier: Sequence[dict[str, Any]] = (),
) -> bytes:
    data = manifest_data(plan, records, formats, index, quality, earlier)
    # json.dumps(data, indent=2, ensure_ascii=False), the same text written faster
    return (dumps(data) + "\n").encode("utf-8")


def _file(record: FileRecord, company_id: str) -> dict[str, Any]:
    return {
        "path": record.path.removeprefix(f"{company_id}/"),
        "bytes": record.bytes,
        "sha256": record.sha256,
    }


def stale_files(
    out_dir: Path, company_id: str, written: set[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What the company's previous manifest lists (its postings, pages and `earlier`
    files) that this run does not write: (entries of the files as jobgen wrote them,
    which --prune removes; entries of the files changed since, which are kept), each
    as the manifest recorded it, with `path` relative to `out_dir`, sorted by path.
    Anything else in the folder is never named."""
    try:
        data = json.loads((out_dir / company_id / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], []  # no earlier run, or not a manifest we can trust
    if not isinstance(data, dict):
        return [], []
    entries = [data.get("index"), data.get("quality")]
    for posting in data.get("postings", []) if isinstance(data.get("postings"), list) else []:
        files = posting.get("files") if isinstance(posting, dict) else None
        entries += list(files.values()) if isinstance(files, dict) else []
    entries += data.get("earlier", []) if isinstance(data.get("earlier"), list) else []
    unchanged: dict[str, dict[str, Any]] = {}
    changed: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        if not WRITTEN_NAME.fullmatch(entry["path"]):
            continue
        relative = f"{company_id}/{entry['path']}"
        target = out_dir / relative
        if relative in written or target.is_symlink() or not target.is_file():
            continue
        # A size other than the one recorded means changed, without reading the file:
        # the manifest may come with the workspace and name a huge (sparse) file.
        same = target.stat().st_size == entry.get("bytes") and (
            hashlib.sha256(target.read_bytes()).hexdigest() == entry.get("sha256")
        )
        (unchanged if same else changed)[relative] = {**entry, "path": relative}
    return [unchanged[k] for k in sorted(unchanged)], [changed[k] for k in sorted(changed)]
