"""Write a batch of postings: render (in worker processes), stage, index, manifest, commit.

Every file goes into one staging folder first (see `output.Staging`), so a
failure halfway, or Ctrl-C, leaves earlier output as it was. Each company is written
whole (company.py): its postings, hiring plan, quality report and manifest go straight
into the staging folder, in a worker process (workers.py) or this one, and only a
summary per company (`CompanyResult`) comes back, so the parent's memory grows with
the companies, not the postings, and the per-company pages are made in parallel too.
Plans may come from an iterator that reads companies a window at a time. Rendering
is deterministic, so `--jobs 4` writes the same bytes as `--jobs 1`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs import stages
from ..inputs.arguments import as_path, as_workspace, checked_lint_mode, format_list
from ..inputs.stages import StagePlan
from ..inputs.workspace import Workspace
from .company import INDEX_NAME as INDEX_NAME  # re-exported: where callers found it
from .company import CompanyResult, CompanyTask, write_company
from .output import FileRecord, Staging
from .pipeline import Generator, stop_if_blocked
from .records import PostingRecord

if TYPE_CHECKING:
    from ..lint import Linter, PostingReport


@dataclass(frozen=True)
class BatchResult:
    companies: list[CompanyResult]  # in plan order
    written: list[Path]  # every file, index pages and manifests included
    index_pages: list[Path]
    seconds: float
    removed: list[Path] = field(default_factory=list)  # stale postings of earlier runs (prune)
    kept: list[Path] = field(default_factory=list)  # stale ones not removed: edited since
    left: list[Path] = field(default_factory=list)  # stale ones left without --prune
    left_changed: list[Path] = field(default_factory=list)  # of those, changed: --prune keeps

    @property
    def postings(self) -> int:
        return sum(company.postings for company in self.companies)

    @property
    def warnings(self) -> list[str]:
        return list(dict.fromkeys(w for company in self.companies for w in company.warnings))

    @property
    def flagged(self) -> list[PostingReport]:
        """Lint reports of the postings with an error or a warning, in plan order."""
        return [report for company in self.companies for report in company.flagged]

    @property
    def flawed(self) -> int:
        """Postings written with a lint error (--lint warn)."""
        return sum(company.flawed for company in self.companies)


Progress = Callable[[PostingRecord, int, int], None]  # (record, done, total or 0)
Phase = Callable[[str, int | None], None]  # (what the run is doing now, how many to do)


def default_jobs() -> int:
    """The cores this process may use (not all of the machine's, in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def write_stage(
    workspace: Workspace | str | Path,
    plans: Iterable[StagePlan],
    formats: Sequence[str] | str,
    out_dir: Path | str,
    jobs: int = 1,
    progress: Progress | None = None,
    prune: bool = False,
    text_width: int | None = None,
    linter: Linter | None = None,
    strict: bool = False,
    lint: str = "error",
    on_phase: Phase | None = None,
    extra_files: Callable[[dict[str, FileRecord]], dict[str, bytes]] | None = None,
) -> BatchResult:
    """Write every posting of every plan, with an index page and a manifest per company.

    `plans` may be a list, or an iterator that plans companies as they are taken
    (`inputs.stages.iter_stage_plans`): the run then holds only a window of companies
    at a time, however many there are.

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
    start = time.perf_counter()
    checked_lint_mode(lint)
    formats = format_list(formats)
    workspace, out_dir = as_workspace(workspace), as_path("out_dir", out_dir)
    phase = on_phase or (lambda name, total: None)
    phase("preparing", None)
    if text_width is None:  # jobgen.yaml's, as the command passes it
        from ..inputs.catalog import Catalog

        text_width = Catalog(workspace).load([], [])[0].defaults.text_width
    generator = Generator(workspace, text_width=text_width, linter=linter)
    total = sum(len(plan.postings) for plan in plans) if isinstance(plans, Sequence) else None
    remaining = iter(plans)
    # Template and Word-style problems show before any work (of a later window: before
    # any of its work, and still before anything is written).
    first = _prepared(generator, formats, list(islice(remaining, stages.PLAN_WINDOW)))
    windows = chain(
        [first], (_prepared(generator, formats, window) for window in _windows(remaining))
    )
    del first  # each window's plans are let go as they are written (_each_plan)
    with Staging(out_dir) as staging:
        phase("rendering", total)
        task = CompanyTask(generator, tuple(formats), staging.path, out_dir, prune)
        companies = _write_all(task, workspace, windows, jobs, progress, total)
        stop_if_blocked([r for c in companies for r in c.flagged], lint, strict)
        phase("writing", None)
        paths = [path for company in companies for path in company.paths]
        remove = [path for c in companies if prune for path in c.stale]  # earlier runs' files
        left = [path for c in companies if not prune for path in c.stale]  # in place, listed
        changed = [path for c in companies if not prune for path in c.edited]
        keep = [path for c in companies if prune for path in c.edited]  # changed: never deleted
        manifests = {company.company: company.manifest for company in companies}
        for relative, data in (extra_files(manifests) if extra_files else {}).items():
            paths.append(staging.write(relative, data).path)
        written = staging.commit(paths, remove)
    seconds = time.perf_counter() - start
    return BatchResult(
        companies,
        written,
        [out_dir / company.index for company in companies],
        seconds,
        [out_dir / p for p in remove],
        [out_dir / p for p in keep],
        [out_dir / p for p in left],
        [out_dir / p for p in changed],
    )


def _windows(plans: Iterator[StagePlan]) -> Iterator[list[StagePlan]]:
    while window := list(islice(plans, stages.PLAN_WINDOW)):
        yield window
        del window  # not held while the next window is read


def _each_plan(windows: Iterable[list[StagePlan]]) -> Iterator[StagePlan]:
    """The plans of every window in order, each taken out of its window as it is
    handed on: a window's plans (~25 KB a company) go as soon as they are written,
    and are not held while the next window is read."""
    for window in windows:
        window.reverse()
        while window:
            yield window.pop()


def _prepared(
    generator: Generator, formats: Sequence[str], plans: list[StagePlan]
) -> list[StagePlan]:
    """`plans`, once every template and Word reference their companies use compiles."""
    from . import plan_page

    generator.prepare(formats, [posting for plan in plans for posting in plan.postings])
    for renderer in dict.fromkeys(generator.renderer_for(plan.company) for plan in plans):
        renderer.compile(plan_page.INDEX_TEMPLATE)
        if generator.linter is not None:
            from .quality_page import QUALITY_TEMPLATE

            renderer.compile(QUALITY_TEMPLATE)
    return plans


def _write_all(
    task: CompanyTask,
    workspace: Workspace,
    windows: Iterable[list[StagePlan]],
    jobs: int,
    progress: Progress | None,
    total: int | None,
) -> list[CompanyResult]:
    done = 0

    def report(record: PostingRecord) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(record, done, total or 0)  # 0: not known yet

    plans = _each_plan(windows)
    if jobs <= 1 or (total is not None and total <= 1):
        return [write_company(task, plan, report) for plan in plans]
    from .workers import write_in_workers

    return write_in_workers(task, workspace, plans, jobs, report, total)
