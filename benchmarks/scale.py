"""Does a stage run of 100,000 postings fit in bounded memory and disk? And what would a
million cost? One run at a tenth of the size and one at full size, Markdown only, over a
synthetic workspace (the 10 roles x N generated companies), lint on, every core.

    python benchmarks/scale.py                    # 1,000 then 10,000 companies: ~15 min
    python benchmarks/scale.py --companies 2000   # 200 then 2,000 companies

Prints wall time, postings per second, peak memory of the largest process, the disk
the output takes (staging holds nothing more: its files are renamed into place), and
a straight-line extrapolation to a million postings from the two runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench import DATE, child_env, row, run_process, synthetic_workspace


def disk_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def one_run(temp: Path, companies: int, jobs: int) -> tuple[int, float, float, int]:
    """(postings, seconds, peak MiB, output bytes) of one stage run."""
    workspace = temp / f"ws-{companies}"
    postings = synthetic_workspace(workspace, companies)
    out = temp / "out"
    args = ["-m", "jobgen", "-w", str(workspace), "stage", "everything", "--all-companies",
            "-f", "md", "-j", str(jobs), "-q", "--date", DATE, "-o", str(out)]  # fmt: skip
    seconds, peak = run_process(args, child_env())
    size = disk_bytes(out)
    shutil.rmtree(out)
    shutil.rmtree(workspace)
    return postings, seconds, peak / 1024, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=10_000, help="the full run's companies")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores, --jobs {args.jobs}\n")
    with tempfile.TemporaryDirectory() as folder:
        small = one_run(Path(folder), max(1, args.companies // 10), args.jobs)
        big = one_run(Path(folder), args.companies, args.jobs)
    for postings, seconds, peak, size in (small, big):
        row(f"{postings:,} postings, Markdown only, lint on", f"{seconds:.1f} s",
            f"{postings / seconds:.0f} postings/s; peak {peak:.0f} MiB; "
            f"output {size / 2**20:.0f} MiB")  # fmt: skip
    (n1, t1, m1, _), (n2, t2, m2, d2) = small, big
    per_posting = (t2 - t1) / (n2 - n1)
    memory_slope = (m2 - m1) / (n2 - n1)
    million = 1_000_000
    print(f"\n   peak memory at {n2:,} postings: {m2 / m1:.2f} x the peak at {n1:,}")
    row("extrapolated to 1,000,000 postings", f"{(t1 + per_posting * (million - n1)) / 60:.0f} min",
        f"peak ~{m1 + memory_slope * (million - n1):.0f} MiB; "
        f"output ~{d2 / n2 * million / 2**30:.1f} GiB")  # fmt: skip


if __name__ == "__main__":
    main()
