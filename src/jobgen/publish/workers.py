"""The worker processes of a stage run: tasks of whole companies, their results
collected in plan order.

Forked workers inherit the parent's compiled templates (no start-up per worker);
each task carries its companies' plans, so plans read after the fork reach them too.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import JobgenError
from ..inputs.stages import StagePlan
from ..inputs.workspace import Workspace
from .company import CompanyResult, CompanyTask, write_company
from .output import deferred_interrupt
from .pipeline import Generator
from .records import PostingRecord

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as EventType

    from ..lint import Linter

POSTINGS_PER_TASK = 16  # whole companies are grouped up to about this many postings


def company_groups(
    plans: Iterable[StagePlan], size: int, total: int | None = None, workers: int = 1
) -> Iterator[list[StagePlan]]:
    """Runs of whole companies of about `size` postings each; a company larger than
    that is a group of its own. Given the run's `total` of postings, groups shrink
    toward the end, down to one company each, so that when one of the `workers` takes
    the last group the others are not left waiting long for theirs."""
    group: list[StagePlan] = []
    count = 0
    left = total  # postings not yet handed out, when the run's total is known
    for plan in plans:
        group.append(plan)
        count += len(plan.postings)
        target = size if left is None else max(1, min(size, left // (workers * 4)))
        if count >= target:
            yield group
            if left is not None:
                left -= count
            group, count = [], 0
    if group:
        yield group


def write_in_workers(
    task: CompanyTask,
    workspace: Workspace,
    plans: Iterable[StagePlan],
    jobs: int,
    report: Callable[[PostingRecord], None],
    total: int | None,
) -> list[CompanyResult]:
    """Write every company of `plans` in `jobs` worker processes; `report` gets each
    posting's record in plan order."""
    # Small groups keep the progress bar moving and the cores busy to the end.
    size = max(1, min(POSTINGS_PER_TASK, (total or 10**9) // (jobs * 8)))
    results: list[CompanyResult] = []
    global _WORKER
    context = _process_context()
    # A task is whole companies: on Ctrl-C or an error, workers stop at the next posting
    # instead of finishing their company, so the run ends (and cleans up) soon.
    stop = context.Event()
    task = replace(task, stop=stop)
    _WORKER = task  # forked workers inherit it (compiled templates); spawned ones rebuild it
    generator = task.generator
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(
            workspace,
            task.formats,
            task.staging_dir,
            task.out_dir,
            task.prune,
            stop,
            os.getpid(),
            generator.text_width,
            generator.linter,
        ),
    )
    # Each task carries its companies' plans, so later windows reach workers forked
    # before they were read. At most a few tasks per worker wait: memory stays bounded,
    # and the parent reads the next window while the workers render.
    waiting: deque[Future[list[tuple[CompanyResult, list[PostingRecord]]]]] = deque()

    def collect() -> None:  # the oldest task: results and progress stay in plan order
        for summary, records in waiting.popleft().result():
            results.append(summary)
            for record in records:
                report(record)

    try:
        for group in company_groups(plans, size, total, jobs):
            waiting.append(pool.submit(_write_group, group))
            if len(waiting) >= jobs * 4:
                collect()
        while waiting:
            collect()
    except BrokenProcessPool:
        raise JobgenError(
            "a worker process stopped unexpectedly (out of memory?); nothing was written. "
            "Try again with --jobs 1"
        ) from None
    finally:
        stop.set()  # done, or stopped: either way no worker should start another posting
        # Wait for running groups (workers ignore Ctrl-C) so none writes after clean-up;
        # a second Ctrl-C must not cut the wait short, or they would write after it.
        with deferred_interrupt():
            pool.shutdown(wait=True, cancel_futures=True)
        _WORKER = None
    return results


_WORKER: CompanyTask | None = None


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
    out_dir: Path,
    prune: bool,
    stop: EventType,
    parent: int,
    text_width: int,
    linter: Linter | None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and cleans up
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers raise KeyboardInterrupt: not here
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent(parent)
    if linter is not None:
        from ..lint.patterns import keep_in_worker

        keep_in_worker()  # the patterns it compiles are kept for the next run too
    global _WORKER
    if _WORKER is None:  # a spawned worker: nothing inherited, build the generator here
        generator = Generator(workspace, text_width=text_width, linter=linter)
        generator.prepare(formats)  # the parent has checked every template already
        _WORKER = CompanyTask(generator, formats, staging_dir, out_dir, prune, stop)


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


def _write_group(plans: list[StagePlan]) -> list[tuple[CompanyResult, list[PostingRecord]]]:
    task = _WORKER
    assert task is not None
    found = []
    for plan in plans:
        records: list[PostingRecord] = []
        found.append((write_company(task, plan, records.append), records))
    return found
