"""How fast is one posting? Prints medians, each beside a baseline measured in the same run.

    python benchmarks/bench_posting.py [--runs N]

1. Start-up: whole `jobgen` processes against the import floor, a bare
   `python -c "import yaml, jinja2, markdown, click, docx"` (the libraries
   jobgen cannot avoid), run by the same interpreter.
2. Where one posting's milliseconds go: load, render Markdown, HTML, DOCX, write.
3. Throughput: every built-in role x company in all formats, in one process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jobgen.catalog import Catalog  # noqa: E402
from jobgen.formats import docx as docx_format  # noqa: E402
from jobgen.formats import html as html_format  # noqa: E402
from jobgen.output import posting_path, write_files  # noqa: E402
from jobgen.pipeline import Generator, make_posting  # noqa: E402
from jobgen.workspace import Workspace, builtin_root  # noqa: E402

DATE = dt.date(2026, 11, 25)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(*args: str) -> Callable[[], object]:
    command = [sys.executable, *args]
    return lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def start_up(runs: int) -> None:
    print(f"1. Start-up: whole processes, median of {runs} runs")
    with tempfile.TemporaryDirectory() as out:
        cases = [
            ("python -c pass (interpreter only)", process("-c", "pass")),
            ("import floor: yaml, jinja2, markdown, click, docx", process("-c", FLOOR)),
            ("jobgen --help", process("-m", "jobgen", "--help")),
            ("jobgen list roles", process("-m", "jobgen", "list", "roles")),
            (
                "jobgen generate (md only)",
                process("-m", "jobgen", *GENERATE, "-f", "md", "-o", out),
            ),
            ("jobgen generate (md, html, docx)", process("-m", "jobgen", *GENERATE, "-o", out)),
        ]
        floor = None
        for label, action in cases:
            action()  # warm the file cache
            seconds = median_seconds(action, runs)
            floor = seconds if label.startswith("import floor") else floor
            ratio = f"{seconds / floor:5.2f} x floor" if floor else ""
            print(f"   {label:<52} {seconds * 1000:7.1f} ms  {ratio}".rstrip())


FLOOR = "import yaml, jinja2, markdown, click, docx"
GENERATE = ("generate", "ai-ml-engineer", "--company", "furrowlight", "--date", "2026-11-25")


def stages(runs: int) -> None:
    print(f"\n2. One posting, step by step (in process, median of {runs} runs)")
    workspace = Workspace(None, (builtin_root(),))
    catalog = Catalog(workspace)
    config, roles, companies = catalog.load(["ai-ml-engineer"], ["furrowlight"])
    generator = Generator(workspace)
    posting = make_posting(config, roles["ai-ml-engineer"], companies["furrowlight"], DATE)
    markdown_text = generator.renderer.render_markdown(posting)
    fragment = html_format.safe_fragment(markdown_text)
    reference = docx_format.load_reference(generator.renderer)
    files = generator.render(posting).files
    with tempfile.TemporaryDirectory() as out:
        steps = [
            ("load + validate (config, 1 role, 1 profile)",
             lambda: Catalog(workspace).load(["ai-ml-engineer"], ["furrowlight"])),
            ("render Markdown (Jinja)", lambda: generator.renderer.render_markdown(posting)),
            ("Markdown -> sanitized HTML", lambda: html_format.safe_fragment(markdown_text)),
            ("HTML page", lambda: html_format.render_page(posting, fragment, generator.renderer)),
            ("DOCX", lambda: docx_format.render_docx(posting, fragment, reference)),
            ("write 3 files atomically",
             lambda: write_files({Path(out) / f"p.{fmt}": data for fmt, data in files.items()})),
        ]  # fmt: skip
        total = 0.0
        for label, action in steps:
            seconds = median_seconds(action, runs)
            total += seconds
            print(f"   {label:<52} {seconds * 1000:7.2f} ms")
        print(f"   {'total':<52} {total * 1000:7.2f} ms")


def throughput(rounds: int) -> None:
    workspace = Workspace(None, (builtin_root(),))
    config, roles, companies = Catalog(workspace).load()
    generator = Generator(workspace)
    pairs = [(r, c) for c in companies.values() for r in roles.values()]

    def md_only() -> None:
        for role, company in pairs:
            generator.render(make_posting(config, role, company, DATE), ["md"])

    def all_formats() -> None:
        with tempfile.TemporaryDirectory() as out:
            files = {}
            for role, company in pairs:
                rendered = generator.render(make_posting(config, role, company, DATE))
                for fmt, data in rendered.files.items():
                    files[posting_path(Path(out), company.id, role.id, fmt)] = data
            write_files(files)

    print(f"\n3. Throughput: {len(pairs)} postings per round, median of {rounds} rounds")
    md = median_seconds(md_only, rounds)
    full = median_seconds(all_formats, rounds)
    print(f"   {'Markdown only (baseline)':<52} {len(pairs) / md:7.0f} postings/s")
    print(f"   {'md + html + docx, written':<52} {len(pairs) / full:7.0f} postings/s"
          f"  ({full / md:.1f} x the Markdown-only time)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    start_up(args.runs)
    stages(args.runs * 10)
    throughput(max(3, args.runs // 3))
