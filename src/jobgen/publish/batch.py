"""Write a batch of postings: render (in worker processes), stage, index, manifest, commit.

Every file goes into one staging folder first (see `output.Staging`), so a
failure halfway, or Ctrl-C, leaves earlier output as it was. Workers render
and write their postings straight into the staging folder and send back only
sizes and hashes, so memory stays flat however large the batch is. Rendering
is deterministic, so `--jobs 4` writes the same bytes as `--jobs 1`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import JobgenError
from ..formats.markdown import word_count
from ..inputs.models import Posting
from ..inputs.stages import StagePlan
from ..inputs.workspace import Workspace
from .manifest import MANIFEST_NAME, manifest_bytes, stale_files
from .output import FileRecord, Staging, deferred_interrupt, posting_path, write_staged
from .pipeline import Generator, stop_if_blocked
from .records import PostingRecord

if TYPE_CHECKING:
    from ..lint import Linter

INDEX_NAME = "index.html"


@dataclass(frozen=True)
class BatchResult:
    records: list[PostingRecord]  # in plan order
    written: list[Path]  # every file, index pages and manifests included
    index_pages: list[Path]
    seconds: float
    removed: list[Path] = field(default_factory=list)  # stale postings of earlier runs (prune)
    kept: list[Path] = field(default_factory=list)  # stale ones not removed: edited since
    left: list[Path] = field(default_factory=list)  # stale ones left without --prune


Progress = Callable[[PostingRecord, int, int], None]  # (record, done, total)
Phase = Callable[[str, int | None], None]  # (what the run is doing now, how many to do)


def default_jobs() -> int:
    """The cores this process may use (not all of the machine's, in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def write_stage(
    workspace: Workspace,
    plans: Sequence[StagePlan],
    formats: Sequence[str],
    out_dir: Path,
    jobs: int = 1,
    progress: Progress | None = None,
    prune: bool = False,
    text_width: int = 72,
    linter: Linter | None = None,
    strict: bool = False,
    lint: str = "error",
    on_phase: Phase | None = None,
    extra_files: Callable[[dict[str, FileRecord]], dict[str, bytes]] | None = None,
) -> BatchResult:
    """Write every posting of every plan, with an index page and a manifest per company.

    With `prune`, files that a company's previous manifest lists and this run
    does not write (postings of a stage no longer asked for) are removed in the
    same step, unless they were changed since jobgen wrote them.

    With a `linter`, every posting is checked as it is rendered and a quality
    report is written beside each index page; a posting with a lint error fails
    the run (LintFailed) and nothing is written, unless `lint` is "warn"; with
    `strict`, a warning does too.

    `extra_files`, given each company's manifest (by company id), returns more files to
    commit with the postings, in the same step (a shard's record: see shards.py).
    """
    from . import plan_page

    start = time.perf_counter()
    phase = on_phase or (lambda name, total: None)
    phase("preparing", None)
    generator = Generator(workspace, text_width=text_width, linter=linter)
    postings = [posting for plan in plans for posting in plan.postings]
    # Template and Word-style problems show before any work.
    generator.prepare(formats, postings)
    for plan in plans:
        generator.renderer_for(plan.company).compile(plan_page.INDEX_TEMPLATE)
        if linter is not None:
            from .quality_page import QUALITY_TEMPLATE

            generator.renderer_for(plan.company).compile(QUALITY_TEMPLATE)
    with Staging(out_dir) as staging:
        phase("rendering", len(postings))
        records = _render_all(generator, workspace, postings, formats, staging.path, jobs, progress)
        stop_if_blocked([r.lint for r in records if r.lint is not None], lint, strict)
        phase("writing", None)
        paths = [file.path for record in records for file in record.files.values()]
        index_pages = []
        remove: list[str] = []  # earlier runs' files to delete (--prune)
        keep: list[str] = []  # theirs, changed since: never deleted
        left: list[str] = []  # theirs, left in place without --prune
        position = 0
        manifests: dict[str, FileRecord] = {}
        for plan in plans:
            plan_records = records[position : position + len(plan.postings)]
            position += len(plan.postings)
            renderer = generator.renderer_for(plan.company)
            page = plan_page.render_plan_page(plan, plan_records, renderer)
            index = staging.write(f"{plan.company.id}/{INDEX_NAME}", page.encode("utf-8"))
            quality = None
            if linter is not None:
                from .plan_page import QUALITY_NAME
                from .quality_page import render_quality_page

                report = render_quality_page(plan, plan_records, renderer, linter.book)
                quality = staging.write(f"{plan.company.id}/{QUALITY_NAME}", report.encode())
                paths.append(quality.path)
            manifest_path = f"{plan.company.id}/{MANIFEST_NAME}"
            own = {file.path for record in plan_records for file in record.files.values()}
            own |= {index.path, manifest_path, *([quality.path] if quality else [])}
            stale, edited = stale_files(out_dir, plan.company.id, own)
            if prune:
                remove += [entry["path"] for entry in stale]
                keep += edited
            else:  # left in place, and listed so that a later --prune finds them
                left += [entry["path"] for entry in stale]
            earlier = [{**e, "path": e["path"].removeprefix(f"{plan.company.id}/")} for e in stale]
            manifest = manifest_bytes(
                plan, plan_records, formats, index, quality, [] if prune else earlier
            )
            manifests[plan.company.id] = staging.write(manifest_path, manifest)
            paths += [index.path, manifest_path]
            index_pages.append(out_dir / index.path)
        for relative, data in (extra_files(manifests) if extra_files else {}).items():
            paths.append(staging.write(relative, data).path)
        written = staging.commit(paths, remove)
    seconds = time.perf_counter() - start
    removed, kept = [out_dir / p for p in remove], [out_dir / p for p in keep]
    return BatchResult(
        records, written, index_pages, seconds, removed, kept, [out_dir / p for p in left]
    )


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


def _render_all(
    generator: Generator,
    workspace: Workspace,
    postings: list[Posting],
    formats: Sequence[str],
    staging_dir: Path,
    jobs: int,
    progress: Progress | None,
) -> list[PostingRecord]:
    total = len(postings)
    workers = min(jobs, total)
    if workers <= 1:
        records = []
        for posting in postings:
            records.append(render_one(generator, posting, formats, staging_dir))
            if progress:
                progress(records[-1], len(records), total)
        return records

    # Small chunks keep the progress bar moving; more than one per task saves messages.
    size = max(1, min(16, total // (workers * 8)))
    chunks = [(start, min(start + size, total)) for start in range(0, total, size)]
    results: list[list[PostingRecord]] = [[] for _ in chunks]
    global _WORKER
    # Forked workers inherit this: the compiled templates and the postings themselves,
    # so a task is just a range of positions. Spawned workers get it from initargs.
    _WORKER = _WorkerState(generator, tuple(formats), staging_dir, postings)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=_process_context(),
        initializer=_start_worker,
        initargs=(
            workspace,
            tuple(formats),
            staging_dir,
            postings,
            os.getpid(),
            generator.text_width,
            generator.linter,
        ),
    )
    try:
        futures: dict[Future[list[PostingRecord]], int] = {
            pool.submit(_render_chunk, start, stop): number
            for number, (start, stop) in enumerate(chunks)
        }
        # Report in plan order, as soon as every earlier chunk is in: logs read the same
        # on every run, whatever order the workers finish in.
        finished = [False] * len(chunks)
        reported = done = 0
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            finished[futures[future]] = True
            while reported < len(chunks) and finished[reported]:
                for record in results[reported]:
                    done += 1
                    if progress:
                        progress(record, done, total)
                reported += 1
    except BrokenProcessPool:
        raise JobgenError(
            "a worker process stopped unexpectedly (out of memory?); nothing was written. "
            "Try again with --jobs 1"
        ) from None
    finally:
        # Wait for running chunks (workers ignore Ctrl-C) so none writes after clean-up;
        # a second Ctrl-C must not cut the wait short, or they would write after it.
        with deferred_interrupt():
            pool.shutdown(wait=True, cancel_futures=True)
        _WORKER = None
    return [record for chunk in results for record in chunk]


@dataclass(frozen=True)
class _WorkerState:
    generator: Generator
    formats: tuple[str, ...]
    staging_dir: Path
    postings: list[Posting]


_WORKER: _WorkerState | None = None


def _process_context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's compiled templates and imports: no start-up per worker.
    # macOS lacks a safe fork, Windows any fork: there workers start fresh.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker(
    workspace: Workspace,
    formats: tuple[str, ...],
    staging_dir: Path,
    postings: list[Posting],
    parent: int,
    text_width: int,
    linter: Linter | None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and cleans up
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers raise KeyboardInterrupt: not here
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent(parent)
    global _WORKER
    if _WORKER is None:  # a spawned worker: nothing inherited, build the generator here
        generator = Generator(workspace, text_width=text_width, linter=linter)
        generator.prepare(formats)  # the parent has checked every template already
        _WORKER = _WorkerState(generator, formats, staging_dir, postings)


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel end this worker when the parent dies (even by SIGKILL),
    instead of leaving it waiting forever for work."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _render_chunk(start: int, stop: int) -> list[PostingRecord]:
    state = _WORKER
    assert state is not None
    return [
        render_one(state.generator, posting, state.formats, state.staging_dir)
        for posting in state.postings[start:stop]
    ]
