"""One company's part of a stage run: its postings rendered and written into the
staging folder with its hiring plan, quality report and manifest, and the summary the
run keeps of it. Runs in a worker process, or in the run's own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.markdown import word_count
from ..inputs.models import Posting
from ..inputs.stages import StagePlan
from .manifest import MANIFEST_NAME, manifest_bytes, stale_files
from .output import FileRecord, posting_path, write_staged
from .pipeline import Generator
from .records import PostingRecord

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as EventType

    from ..lint import PostingReport

INDEX_NAME = "index.html"


@dataclass(frozen=True)
class CompanyResult:
    """What the parent keeps of one company's part of a run: its files' paths and what
    the run says at the end, not a record per posting."""

    company: str
    postings: int
    paths: tuple[str, ...]  # every file staged for it, relative to the output folder
    index: str  # its hiring plan, relative to the output folder
    manifest: FileRecord  # its manifest.json
    stale: tuple[str, ...]  # files its last manifest lists and this run does not write
    edited: tuple[str, ...]  # of those, the ones changed since: never deleted
    warnings: tuple[str, ...]  # distinct, in the order met
    flagged: tuple[PostingReport, ...]  # lint reports with an error or a warning
    flawed: int  # postings with a lint error
    closed: tuple[tuple[str, str], ...] = ()  # openings left out: (id, their valid_through)
    uncovered: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()  # StagePlan's


@dataclass(frozen=True)
class CompanyTask:
    """What writing a company needs, the same for every company of a run."""

    generator: Generator
    formats: tuple[str, ...]
    staging_dir: Path
    out_dir: Path
    prune: bool
    stop: EventType | None = None  # set by the parent when the run stops (Ctrl-C, an error)


class Stopped(Exception):
    """A worker gave up its task because the run was stopped."""


def write_company(
    task: CompanyTask, plan: StagePlan, on_posting: Callable[[PostingRecord], None]
) -> CompanyResult:
    """Render the company's postings and write them, its hiring plan, its quality report
    and its manifest into the staging folder; `on_posting` gets each posting's record
    (without its lint report) as soon as it is written."""
    from . import plan_page

    generator, company_id = task.generator, plan.company.id
    records = []
    for posting in plan.postings:
        if task.stop is not None and task.stop.is_set():  # the run was stopped: no more work
            raise Stopped
        records.append(render_one(generator, posting, task.formats, task.staging_dir))
        on_posting(replace(records[-1], lint=None))
    renderer = generator.renderer_for(plan.company)
    page = plan_page.render_plan_page(plan, records, renderer)
    index = write_staged(task.staging_dir, f"{company_id}/{INDEX_NAME}", page.encode("utf-8"))
    quality = None
    if generator.linter is not None:
        from .quality_page import render_quality_page

        report = render_quality_page(plan, records, renderer, generator.linter.book)
        quality_path = f"{company_id}/{plan_page.QUALITY_NAME}"
        quality = write_staged(task.staging_dir, quality_path, report.encode())
    manifest_path = f"{company_id}/{MANIFEST_NAME}"
    paths = [file.path for record in records for file in record.files.values()]
    paths += [*([quality.path] if quality else []), index.path, manifest_path]
    stale, edited = stale_files(task.out_dir, company_id, set(paths))
    # Without --prune, stale files stay in place and are listed, so a later --prune finds
    # them; the ones changed by hand since too (as they were written), so that it keeps
    # them and says so, however many runs come between.
    earlier = [] if task.prune else [
        {**entry, "path": entry["path"].removeprefix(f"{company_id}/")}
        for entry in sorted([*stale, *edited], key=lambda entry: entry["path"])
    ]  # fmt: skip
    manifest = manifest_bytes(plan, records, task.formats, index, quality, earlier)
    manifest_file = write_staged(task.staging_dir, manifest_path, manifest)
    reports = [record.lint for record in records if record.lint is not None]
    summary = CompanyResult(
        company_id,
        len(records),
        tuple(paths),
        index.path,
        manifest_file,
        tuple(entry["path"] for entry in stale),
        tuple(entry["path"] for entry in edited),
        tuple(dict.fromkeys(w for record in records for w in record.warnings)),
        tuple(r for r in reports if r.count("error") or r.count("warning")),
        sum(1 for r in reports if r.count("error")),
        tuple((o.id, o.valid_through.isoformat() if o.valid_through else "") for o in plan.closed),
        plan.uncovered,
    )
    return summary


def render_one(
    generator: Generator, posting: Posting, formats: Sequence[str], staging_dir: Path
) -> PostingRecord:
    """Render one posting and write its files into the staging folder."""
    rendered = generator.render(posting, formats)
    files = {
        fmt: write_staged(staging_dir, posting_path(posting.company.id, posting.name, fmt), data)
        for fmt, data in rendered.files.items()
    }
    stage = posting.stage.id if posting.stage else None
    return PostingRecord(
        posting.company.id,
        posting.name,
        posting.role.id,
        stage,
        rendered.lint.words if rendered.lint else word_count(rendered.markdown),
        files,
        tuple(rendered.warnings),
        rendered.lint,
    )
