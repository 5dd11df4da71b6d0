"""What a careers site costs: `jobgen site` per posting, beside the same postings written
as `generate` writes them, measured in the same run on the same machine (medians).

    python benchmarks/site.py            # 7 runs of each
    python benchmarks/site.py --quick    # 3 runs

The postings are those the built-in workspace's site publishes (every company). The
baseline renders each in md and html with lint on and writes the files all or nothing,
as `jobgen generate -f md -f html` does; the site adds the posting pages, the indexes,
the sitemap, the feeds and the manifest; --pdf adds a PDF of each posting (with
`jobgen[pdf]` installed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DAY = dt.date(2026, 12, 7)
BASE = "https://jobs.example.com/"


def median_seconds(action: Callable[[Path], object], runs: int) -> float:
    """The median wall time of `action(folder)`, each run into a new empty folder."""
    times = []
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="jobgen-bench-"))
        try:
            start = time.perf_counter()
            action(folder / "out")
            times.append(time.perf_counter() - start)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return statistics.median(times)


def main(runs: int) -> None:
    from jobgen.inputs.catalog import Catalog
    from jobgen.inputs.workspace import Workspace, builtin_root
    from jobgen.lint import Linter
    from jobgen.publish.output import posting_path, write_files
    from jobgen.publish.pipeline import Generator
    from jobgen.publish.site import build_site

    workspace = Workspace(None, (builtin_root(),))
    config, _, _ = Catalog(workspace).load([], [])
    probe = Path(tempfile.mkdtemp()) / "site"
    postings = [entry.posting for entry in build_site(workspace, BASE, probe, DAY).postings]
    shutil.rmtree(probe.parent)
    count = len(postings)

    def generate(out: Path) -> None:
        generator = Generator(workspace, linter=Linter(config.lint))
        files = {}
        for posting in postings:
            rendered = generator.render(posting, ["md", "html"])
            for fmt, data in rendered.files.items():
                files[posting_path(posting.company.id, posting.name, fmt)] = data
        write_files(out, files)

    def site(out: Path, pdf: bool = False) -> None:
        build_site(workspace, BASE, out, DAY, linter=Linter(config.lint), pdf=pdf)

    rows = [("generate -f md -f html (the baseline)", median_seconds(generate, runs))]
    rows.append(("site", median_seconds(site, runs)))
    try:
        import typst  # noqa: F401
    except ImportError:
        print("(no PDF row: pip install 'jobgen[pdf]')")
    else:
        rows.append(("site --pdf", median_seconds(lambda out: site(out, pdf=True), runs)))
    baseline = rows[0][1]
    print(f"{count} postings, lint on, median of {runs} runs, each into an empty folder\n")
    for label, seconds in rows:
        per = seconds / count * 1000
        print(f"{label:<40} {seconds:6.2f} s  {per:6.1f} ms a posting  {seconds / baseline:5.2f} x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 7")
    main(3 if parser.parse_args().quick else 7)
