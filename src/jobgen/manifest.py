"""`manifest.json`: what a stage run wrote for one company, for people and for scripts.

Paths are relative to the company's folder, so the folder can be moved or
published as it is. Nothing in it depends on the time of the run or on the
number of worker processes: the same inputs give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .output import FileRecord

if TYPE_CHECKING:
    from .batch import PostingRecord
    from .stages import StagePlan

MANIFEST_VERSION = 1


def manifest_data(
    plan: StagePlan,
    records: Sequence[PostingRecord],
    formats: Sequence[str],
    index: FileRecord,
) -> dict[str, Any]:
    company = plan.company
    date = plan.postings[0].date.isoformat() if plan.postings else None
    titles = {posting.role.id: posting.role.title for posting in plan.postings}
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
        "postings": [
            {
                "role": record.role,
                "title": titles[record.role],
                "stage": record.stage,
                "words": record.words,
                "files": {fmt: _file(file, company.id) for fmt, file in record.files.items()},
                "warnings": list(record.warnings),
            }
            for record in records
        ],
    }


def manifest_bytes(
    plan: StagePlan,
    records: Sequence[PostingRecord],
    formats: Sequence[str],
    index: FileRecord,
) -> bytes:
    data = manifest_data(plan, records, formats, index)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _file(record: FileRecord, company_id: str) -> dict[str, Any]:
    return {
        "path": record.path.removeprefix(f"{company_id}/"),
        "bytes": record.bytes,
        "sha256": record.sha256,
    }
