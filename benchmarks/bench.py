"""How fast is jobgen? Every figure is a median of several runs, printed beside a
baseline measured in the same run on the same machine.

    python benchmarks/bench.py            # every part, ~15 minutes on 2 cores
    python benchmarks/bench.py --quick    # fewer runs and smaller batches, ~3 minutes
    python benchmarks/bench.py --part cold  # one part only (cold, bulk, memory, steps, pdf)

1. Cold start: whole processes against the import floor, a bare
   `python -c "import yaml, jinja2, markdown, click, docx"` (the libraries jobgen
   cannot avoid), run by the same interpreter, no shell in between.
2. Bulk: `jobgen stage` over a synthetic workspace (the 10 roles x N generated
   companies, lint on): ms per posting in md + html + docx with --jobs 1 and 2 and in
   all five formats, beside a Markdown-only run, and the cost per posting once started;
   beside the floor (benchmarks/floor.py) in one process and shared by two, which says
   how much faster two cores of this machine can be at all.
3. Memory: peak RSS of the largest process as the batch grows tenfold.
4. One posting, step by step, in process: load, validate, render, convert, write.
5. PDF (with `jobgen[pdf]` installed): the cost per posting of PDF beside the HTML page
   and Word, over every sample posting, and what the first PDF of a process costs.

A run of 100,000 postings and more is `benchmarks/scale.py`.

Child processes run without PYTHONDONTWRITEBYTECODE, as an installed jobgen does
(pip compiles the .pyc files), and with their own empty template cache where the
first run is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from floor import floor_in_processes, floor_per_posting

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATE = "2026-11-25"
FLOOR = "import yaml, jinja2, markdown, click, docx"
GENERATE = ("generate", "ai-ml-engineer", "--company", "furrowlight", "--date", DATE)
# The same role at a company with a German translation, in English and in German.
IN_ENGLISH = ("generate", "ai-ml-engineer", "--company", "carrowmere-health", "--date", DATE)
IN_GERMAN = (*IN_ENGLISH, "--language", "de-DE")
ROLE_IDS = sorted(p.stem for p in (ROOT / "roles").glob("*.yaml"))


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env["PYTHONPATH"] = str(ROOT / "src")
    env.pop("JOBGEN_WORKSPACE", None)
    return {**env, **extra}


def run_process(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB (the largest of the process and its workers)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed: {' '.join(args)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return seconds, usage.ru_maxrss


def median_call(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(label: str, value: str, note: str = "") -> None:
    print(f"   {label:<50} {value:>14}  {note}".rstrip())


# --- 1. Cold start ---------------------------------------------------------------


def cold_start(runs: int) -> None:
    print(f"1. Cold start: whole processes, median of {runs} runs")
    env = child_env()
    with tempfile.TemporaryDirectory() as out:
        cases = [
            ("python -c pass (the interpreter alone)", ["-c", "pass"]),
            ("import floor: " + FLOOR.removeprefix("import "), ["-c", FLOOR]),
            ("jobgen --help", ["-m", "jobgen", "--help"]),
            ("jobgen list roles", ["-m", "jobgen", "list", "roles"]),
            ("jobgen generate, Markdown only", ["-m", "jobgen", *GENERATE, "-f", "md", "-o", out]),
            ("jobgen generate, md + html + docx", ["-m", "jobgen", *GENERATE, "-o", out]),
            (
                "jobgen lint ai-ml-engineer -c furrowlight",
                ["-m", "jobgen", "lint", "ai-ml-engineer", "-c", "furrowlight"],
            ),
            (
                "jobgen generate at carrowmere-health, English",
                ["-m", "jobgen", *IN_ENGLISH, "-o", out],
            ),
            ("  same, in German (--language de-DE)", ["-m", "jobgen", *IN_GERMAN, "-o", out]),
        ]
        for _, args in cases:
            run_process(args, env)  # warm the file cache and write .pyc / template cache
        times: dict[str, list[float]] = {label: [] for label, _ in cases}
        for _ in range(runs):  # round by round: this machine's speed drifts within minutes
            for label, args in cases:
                times[label].append(run_process(args, env)[0])
        floor = statistics.median(times["import floor: " + FLOOR.removeprefix("import ")])
        for label, seconds_each in times.items():
            seconds = statistics.median(seconds_each)
            ratio = (
                f"{seconds / floor:.2f} x floor"
                if label.startswith(("import", "jobgen", " "))
                else ""
            )
            row(label, f"{seconds * 1000:.1f} ms", ratio)

        def first_run() -> float:  # an empty template cache: what the first run of the day costs
            with tempfile.TemporaryDirectory() as cache:
                args = ["-m", "jobgen", *GENERATE, "-o", out]
                return run_process(args, child_env(XDG_CACHE_HOME=cache))[0]

        seconds = statistics.median(first_run() for _ in range(runs))
        row("  same, first run (empty template cache)", f"{seconds * 1000:.1f} ms",
            f"{seconds / floor:.2f} x floor")  # fmt: skip

        # check: every file, template and posting of a copy of the workspace. Unchanged
        # files are answered from the kept report; after an edit of a role file or a
        # profile only its postings and plan pages are rendered; after an edit of any
        # other file (a template here) everything is. Each edit appends a comment.
        check_rows(runs)
    probe = (
        "import sys\nfrom jobgen.cli import main\n"
        "for args in (['--help'], ['list', 'roles']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "heavy = ('docx', 'lxml', 'markdown', 'nh3', 'jinja2')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, check=True, cwd=ROOT)  # fmt: skip
    heavy = result.stdout.strip().splitlines()[-1]
    print(f"   heavy modules imported by --help and list roles: {heavy}")


def check_rows(runs: int) -> None:
    """`jobgen check` in a copy of the samples with its own caches (a workspace as `jobgen
    init` makes it: its roles, profiles and posting template), edited between runs, and
    the import floor again (A B C D floor A B C D floor ...: the machine's load falls on
    every row alike)."""
    edits = {
        "  same, after editing one role file": ("roles/ai-ml-engineer.yaml", "# edit {}\n"),
        "  same, after editing one company profile": (
            "company_profiles/furrowlight.yaml",
            "# edit {}\n",
        ),
        "  same, after editing a shared template": ("templates/posting.md.j2", "{{# edit {} #}}\n"),
    }
    check = ["-m", "jobgen", "check"]
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder, "workspace")
        for name in ("roles", "company_profiles"):
            shutil.copytree(ROOT / name, workspace / name)
        (workspace / "templates").mkdir()  # the one override `jobgen init` makes
        shutil.copy(ROOT / "templates" / "posting.md.j2", workspace / "templates")
        shutil.copy(ROOT / "jobgen.yaml", workspace)
        env = child_env(XDG_CACHE_HOME=str(Path(folder, "cache")))
        run_process(check, env, workspace)  # the template and lint caches, warm
        unchanged = "jobgen check (files unchanged since the last)"
        times: dict[str, list[float]] = {unchanged: [], **{label: [] for label in edits}}
        floors = []
        for number in range(runs):
            times[unchanged].append(run_process(check, env, workspace)[0])
            for label, (name, line) in edits.items():
                with open(workspace / name, "a", encoding="utf-8") as file:
                    file.write(line.format(number))
                times[label].append(run_process(check, env, workspace)[0])
            floors.append(run_process(["-c", FLOOR], env)[0])
    floor = statistics.median(floors)
    row("  import floor, measured between the checks", f"{floor * 1000:.1f} ms", "1.00 x floor")
    for label, seconds in times.items():
        median = statistics.median(seconds)
        row(label, f"{median * 1000:.1f} ms", f"{median / floor:.2f} x floor")


# --- 2. Bulk ---------------------------------------------------------------------


def synthetic_workspace(folder: Path, companies: int) -> int:
    """A workspace with a stage of all ten roles and `companies` generated profiles."""
    (folder / "company_profiles").mkdir(parents=True)
    stages = (ROOT / "jobgen.yaml").read_text()
    extra = (
        "  - id: everything\n    name: Every role\n"
        "    description: All ten roles, for measuring.\n"
        f"    roles: [{', '.join(ROLE_IDS)}]\n"
    )
    (folder / "jobgen.yaml").write_text(stages.replace("defaults:", extra + "defaults:"))
    for folder_of_sample in (ROOT / "company_profiles").iterdir():  # logos the profiles name
        if folder_of_sample.is_dir():
            shutil.copytree(folder_of_sample, folder / "company_profiles" / folder_of_sample.name)
    samples = sorted((ROOT / "company_profiles").glob("*.yaml"))
    for number in range(companies):
        sample = samples[number % len(samples)]
        text = sample.read_text()
        name = next(line for line in text.splitlines() if line.startswith("name: "))
        text = text.replace(name, f"name: {name[6:]} {number:04}", 1)
        (folder / "company_profiles" / f"client-{number:04}.yaml").write_text(text)
    return companies * len(ROLE_IDS)


def bulk(runs: int, companies: int) -> None:
    """The issue's targets: ms per posting (md + html + docx, lint on, one job) at
    `companies` x 10 postings, with --jobs 2, in all five formats; against a
    Markdown-only run of the same batch, measured in the same run."""
    small = max(2, companies // 4)
    print(
        f"\n2. Bulk: jobgen stage over {len(ROLE_IDS)} roles x N synthetic companies, "
        f"lint on, median of {runs} runs"
    )
    env = child_env()
    three, five = "md,html,docx", "all"
    with tempfile.TemporaryDirectory() as temp:
        sizes = {}
        cases: list[tuple[int, int, str]] = []
        for count in (small, companies):
            sizes[count] = synthetic_workspace(Path(temp) / f"ws-{count}", count)
            cases += [(count, 1, three), (count, 2, three)]
            cases += [(count, 1, "md"), (count, 1, five)] if count == companies else []
        out = Path(temp) / "out"
        results: dict[tuple[int, int, str], list[float]] = {case: [] for case in cases}
        floors = []
        ceilings: dict[int, list[float]] = {1: [], 2: []}
        # A B C D floor A B C D floor ...: the machine's speed drifts within minutes
        # here, and the ratios between rows must not take the drift for a difference.
        for _ in range(runs):
            for count, jobs, formats in cases:
                args = ["-m", "jobgen", "-w", str(Path(temp) / f"ws-{count}"), "stage",
                        "everything", "--all-companies", "-j", str(jobs), "-q", "--date", DATE,
                        "-o", str(out),
                        *(arg for fmt in formats.split(",") for arg in ("-f", fmt))]  # fmt: skip
                shutil.rmtree(out, ignore_errors=True)
                results[(count, jobs, formats)].append(run_process(args, env)[0])
            postings = sorted(out.glob("*/*.md"))  # the round's last run: all five formats
            floors.append(floor_per_posting(postings, passes=1))
            for jobs in (1, 2):  # the machine's own ceiling for --jobs 2, this round
                ceilings[jobs].append(floor_in_processes(postings, jobs))
        figures = {case: statistics.median(seconds) for case, seconds in results.items()}
        big, little = sizes[companies], sizes[small]
        floor = statistics.median(floors)
        row(f"{len(postings)} postings, the floor: least md+html+docx work",
            f"{floor * 1000:.2f} ms", "a posting, one core (floor.py); 5 ms = 1.47 x")  # fmt: skip
        ceiling = statistics.median(ceilings[1]) / statistics.median(ceilings[2])
        row("the floor's work in 2 processes", f"{ceiling:.2f} x",
            "faster than in 1: the most --jobs 2 can gain on this machine")  # fmt: skip
        md_seconds = figures[(companies, 1, "md")]
        row(f"{big} postings, Markdown only, --jobs 1 (baseline)",
            f"{md_seconds / big * 1000:.2f} ms", "per posting, start-up included")  # fmt: skip
        per = {  # the cost of one more posting, from the two batch sizes
            jobs: (figures[(companies, jobs, three)] - figures[(small, jobs, three)])
            / (big - little)
            for jobs in (1, 2)
        }
        # Amdahl: --jobs 1's fixed part (start-up, planning, commit) stays serial, and
        # the rest splits over two processes at best as the floor's work does.
        one = figures[(companies, 1, three)]
        fixed = max(one - big * per[1], 0.0)
        bound = one / (fixed + (one - fixed) / ceiling)
        row("the most --jobs 2 can gain with jobgen's fixed part",
            f"{bound:.2f} x", f"{fixed * 1000:.0f} ms of --jobs 1 stays serial; "
            "the rest split as the floor's work is")  # fmt: skip
        for jobs, formats, label in ((1, three, "md+html+docx"), (2, three, "md+html+docx"),
                                     (1, five, "all five formats")):  # fmt: skip
            seconds = figures[(companies, jobs, formats)]
            note = f"per posting; {seconds / md_seconds:.2f} x the Markdown-only time"
            if formats == three:
                note += f"; {seconds / big / floor:.2f} x the floor"
            if jobs == 2:
                speedup = one / seconds
                note += f"; {speedup:.2f} x faster than --jobs 1, "
                note += f"{speedup / ceiling:.0%} of the floor's gain, {speedup / bound:.0%}"
                note += " of the bound"
            row(f"{big} postings, {label}, --jobs {jobs}", f"{seconds / big * 1000:.2f} ms", note)
        for jobs in (1, 2):
            row(f"once started: ms per posting, --jobs {jobs}", f"{per[jobs] * 1000:.2f} ms",
                f"({big} vs {little} postings, md+html+docx)")  # fmt: skip


def memory(sizes: tuple[int, int]) -> None:
    """Peak memory of the largest process (the parent, or a worker) as a batch grows
    tenfold: md + html + docx, lint on, --jobs 1 and 2; one run each."""
    print(f"\n3. Memory: peak RSS of the largest process, {sizes[0]} and {sizes[1]} companies")
    env = child_env()
    with tempfile.TemporaryDirectory() as temp:
        peaks: dict[tuple[int, int], float] = {}
        seconds: dict[tuple[int, int], float] = {}
        counts = {}
        for companies in sizes:
            workspace = Path(temp) / f"ws-{companies}"
            counts[companies] = synthetic_workspace(workspace, companies)
            for jobs in (1, 2):
                out = Path(temp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                args = ["-m", "jobgen", "-w", str(workspace), "stage", "everything", "-a",
                        "-f", "md", "-f", "html", "-f", "docx", "-j", str(jobs), "-q",
                        "--date", DATE, "-o", str(out)]  # fmt: skip
                seconds[(companies, jobs)], peak = run_process(args, env)
                peaks[(companies, jobs)] = peak / 1024
            shutil.rmtree(workspace)
        little, big = sizes
        for jobs in (1, 2):
            ratio = peaks[(big, jobs)] / peaks[(little, jobs)]
            row(f"--jobs {jobs}: {counts[big]} postings (baseline: {counts[little]})",
                f"{peaks[(big, jobs)]:.0f} MiB",
                f"{peaks[(little, jobs)]:.0f} MiB at {counts[little]}: {ratio:.2f} x")  # fmt: skip
        # One run each: a rough figure, but the only one of --jobs 2 past the first window
        # of plans (100 companies), where planning goes on while the workers render.
        speedup = seconds[(big, 1)] / seconds[(big, 2)]
        two = f"--jobs 1; --jobs 2 took {seconds[(big, 2)]:.1f} s, {speedup:.2f} x faster"
        row(f"  the same {counts[big]} postings, wall time", f"{seconds[(big, 1)]:.1f} s", two)


# --- 4. One posting, step by step -----------------------------------------------------


def steps(runs: int) -> None:
    from jobgen.formats import docx as docx_format
    from jobgen.formats import html as html_format
    from jobgen.formats.docx_reference import load_reference
    from jobgen.inputs import validate, yaml_read
    from jobgen.inputs.catalog import Catalog
    from jobgen.inputs.models import Company, Role
    from jobgen.inputs.nodes import Context
    from jobgen.inputs.tailor import make_posting
    from jobgen.inputs.workspace import Workspace, builtin_root
    from jobgen.lint import Linter, load_book
    from jobgen.publish.output import write_files
    from jobgen.publish.pipeline import Generator

    print(f"\n4. One posting, step by step (in process, median of {runs} runs)")
    workspace = Workspace(None, (builtin_root(),))
    config, roles, companies = Catalog(workspace).load(["ai-ml-engineer"], ["furrowlight"])
    role_path = ROOT / "roles" / "ai-ml-engineer.yaml"
    company_path = ROOT / "company_profiles" / "furrowlight.yaml"
    nodes = {path: yaml_read.read_node(path, []) for path in (role_path, company_path)}

    def build_models() -> None:
        for cls, path, ident in ((Role, role_path, "ai-ml-engineer"),
                                 (Company, company_path, "furrowlight")):  # fmt: skip
            validate.build(cls, nodes[path], Context(path), {"id": ident})

    generator = Generator(workspace)
    posting = make_posting(
        config, roles["ai-ml-engineer"], companies["furrowlight"], dt.date(2026, 11, 25)
    )
    markdown_text = generator.renderer.render_markdown(posting)
    fragment = html_format.safe_fragment(markdown_text)
    reference = load_reference(generator.renderer)
    files = generator.render(posting).files
    linter = Linter()
    sources = generator.sources(posting)
    with tempfile.TemporaryDirectory() as out:
        parts = [
            ("load: read and parse the YAML (role + profile)",
             lambda: [yaml_read.read_node(path, []) for path in nodes]),
            ("validate: YAML nodes -> typed models", build_models),
            ("render Markdown (Jinja)", lambda: generator.renderer.render_markdown(posting)),
            ("HTML: Markdown -> sanitized fragment",
             lambda: html_format.safe_fragment(markdown_text)),
            ("HTML: the page around it", lambda: html_format.render_page(posting, fragment,
                                                                          generator.renderer)),
            ("DOCX", lambda: docx_format.render_docx(posting, fragment, reference)),
            ("write 3 files (staging, fsync, rename)",
             lambda: write_files(Path(out), {f"p.{fmt}": data for fmt, data in files.items()})),
            ("lint: check the posting, point findings at files",
             lambda: linter.lint_posting(posting, markdown_text, sources)),
        ]  # fmt: skip
        total = 0.0
        for label, action in parts:
            seconds = median_call(action, runs)
            total += seconds
            row(label, f"{seconds * 1000:.2f} ms")
        row("total", f"{total * 1000:.2f} ms", f"= {1 / total:.0f} postings/s on one core")
        once = median_call(load_book, runs)
        row("  (once per run) lint: load the rule book", f"{once * 1000:.2f} ms")
    hostile_input_guards(generator, posting, runs)
    opening_against_role(workspace, runs)
    language_against_english(workspace, runs)


def opening_against_role(workspace: Any, runs: int) -> None:
    """A posting from an opening (tailored, with more sections) beside one from its role,
    same company, same formats: making the posting and rendering it."""
    from jobgen.inputs.catalog import Catalog
    from jobgen.inputs.tailor import make_posting
    from jobgen.publish.pipeline import Generator

    catalog = Catalog(workspace)
    config, roles, companies = catalog.load(["ai-ml-engineer"], ["furrowlight"])
    opening = catalog.load_openings(config, companies)["furrowlight"]["forecasting-ml-engineer"]
    role, company, date = roles["ai-ml-engineer"], companies["furrowlight"], dt.date(2026, 11, 25)
    generator = Generator(workspace)
    formats = ["md", "html", "docx"]

    def from_role() -> Any:
        return generator.render(make_posting(config, role, company, date), formats)

    def from_opening() -> Any:
        return generator.render(make_posting(config, role, company, date, opening=opening), formats)

    from jobgen.formats.markdown import word_count

    words = [word_count(make().markdown) for make in (from_role, from_opening)]
    base = median_call(from_role, runs)
    tailored = median_call(from_opening, runs)
    per_word = (tailored / words[1]) / (base / words[0])
    print("   a posting from an opening, beside one from its role (md + html + docx):")
    row("     from the role (ai-ml-engineer)", f"{base * 1000:.2f} ms", f"{words[0]} words")
    compared = f"{tailored / base:.2f} x the role's, {per_word:.2f} x per word"
    row("     from an opening (forecasting-ml-engineer)", f"{tailored * 1000:.2f} ms",
        f"{words[1]} words; {compared}")  # fmt: skip
    tailor = median_call(lambda: make_posting(config, role, company, date, opening=opening), runs)
    row("     of which tailoring the role to the opening", f"{tailor * 1e6:.0f} us")


def language_against_english(workspace: Any, runs: int) -> None:
    """The same posting in German beside English (md + html + docx, lint on): what
    the translation, the catalog and Babel's formats cost once a run has started."""
    from jobgen.inputs.stages import plan_postings
    from jobgen.lint import Linter
    from jobgen.publish.pipeline import Generator

    date = dt.date(2026, 11, 25)
    formats = ["md", "html", "docx"]
    generator = Generator(workspace, linter=Linter())
    from jobgen.formats.markdown import word_count

    timings, words = {}, {}
    for language in ("en-US", "de-DE"):
        _, [posting] = plan_postings(workspace, ["ai-ml-engineer"], ["carrowmere-health"], date,
                                     languages=(language,))  # fmt: skip
        words[language] = word_count(generator.render(posting, formats).markdown)  # warm
        timings[language] = median_call(lambda p=posting: generator.render(p, formats), runs)

        def plan(language: str = language) -> Any:
            return plan_postings(workspace, ["ai-ml-engineer"], ["carrowmere-health"], date,
                                 languages=(language,))  # fmt: skip

        timings[f"plan {language}"] = median_call(plan, max(3, runs // 4))
    english, german = timings["en-US"], timings["de-DE"]
    print("   a posting in German beside the same in English (md + html + docx, lint on):")
    per_word = (german / words["de-DE"]) / (english / words["en-US"])
    row("     in English (carrowmere-health, ai-ml-engineer)", f"{english * 1000:.2f} ms",
        f"{words['en-US']} words")  # fmt: skip
    ratios = f"{german / english:.2f} x English, {per_word:.2f} x per word"
    row("     in German (--language de-DE)", f"{german * 1000:.2f} ms",
        f"{words['de-DE']} words; {ratios}")  # fmt: skip
    plans = timings["plan de-DE"] / timings["plan en-US"]
    row("     reading and planning it, German against English",
        f"{timings['plan de-DE'] * 1000:.1f} ms", f"{plans:.2f} x English")  # fmt: skip


def hostile_input_guards(generator: Any, posting: Any, runs: int) -> None:
    """What the defences against hostile input cost a posting, beside what it costs
    to render one: the guard is armed once per posting, every value is escaped."""
    from jobgen.limits import render_guard
    from jobgen.render.context import escape_markdown

    def guard() -> None:
        with render_guard():
            pass

    role, company = posting.role, posting.company
    values = [role.title, role.summary, *role.responsibilities, *role.skills, *role.tools,
              company.about, company.mission, *company.benefits]  # fmt: skip
    whole = median_call(lambda: generator.render(posting, ["md", "html", "docx"]), runs)
    print("   of which, the defences against hostile input:")
    for label, action in (
        ("time and memory guard, armed and disarmed", guard),
        (f"Markdown escaping of {len(values)} values", lambda: list(map(escape_markdown, values))),
    ):
        seconds = median_call(action, runs * 5)
        row(f"     {label}", f"{seconds * 1e6:.0f} us", f"{seconds / whole:.1%} of a posting")


# --- 5. PDF against HTML and Word -------------------------------------------------------


def pdf_against_html_and_docx(passes: int) -> None:
    from jobgen.formats import docx as docx_format
    from jobgen.formats import html as html_format
    from jobgen.formats import pdf as pdf_format
    from jobgen.inputs.stages import plan_postings
    from jobgen.inputs.workspace import Workspace, builtin_root
    from jobgen.publish.pipeline import Generator

    workspace = Workspace(None, (builtin_root(),))
    _, postings = plan_postings(workspace, None, None, dt.date(2026, 11, 25))
    print(f"\n5. PDF beside HTML and Word: each of {len(postings)} sample postings once, as a")
    print(f"   batch makes them (Typst caches within a run), in {passes} fresh generators")
    times: dict[str, list[float]] = {"html": [], "docx": [], "pdf": []}
    firsts = []
    for _ in range(passes):
        generator = Generator(workspace)
        start = time.perf_counter()
        generator.render(postings[0], ["html", "docx", "pdf"])  # templates, fonts, worker
        firsts.append(time.perf_counter() - start)
        for posting in postings:
            renderer = generator.renderer_for(posting.company)
            local = renderer.local(posting.language)
            fragment = html_format.safe_fragment(renderer.render_markdown(posting))
            made = {
                "html": lambda p=posting, f=fragment, r=renderer: html_format.render_page(p, f, r),
                "docx": lambda p=posting, f=fragment, g=generator, lo=local: (
                    docx_format.render_docx(p, f, g.reference(p.company), lo)
                ),
                "pdf": lambda p=posting, f=fragment, g=generator, lo=local: pdf_format.render_pdf(
                    p, f, g.typesetter(p.company), lo
                ),
            }
            for fmt, action in made.items():
                start = time.perf_counter()
                action()
                times[fmt].append(time.perf_counter() - start)
    for fmt, seconds in times.items():
        median, high = statistics.median(seconds) * 1000, max(seconds) * 1000
        row(f"{fmt}: the fragment -> bytes, per posting", f"{median:.2f} ms", f"max {high:.1f} ms")
    row("first posting of a process, html+docx+pdf", f"{firsts[0] * 1000:.0f} ms",
        "(starts Typst's worker process)")  # fmt: skip
    later = statistics.median(firsts[1:] or firsts) * 1000
    row("first posting of a later generator", f"{later:.0f} ms", "(the worker is kept)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller batches")
    parser.add_argument("--companies", type=int, help="synthetic companies (default 80)")
    parser.add_argument(
        "--part",
        choices=("cold", "bulk", "memory", "steps", "pdf"),
        action="append",
        help="only this part",
    )
    args = parser.parse_args()
    runs = 3 if args.quick else 11
    companies = args.companies or (20 if args.quick else 80)
    parts = args.part or ("cold", "bulk", "memory", "steps", "pdf")
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores\n")
    if "cold" in parts:
        cold_start(runs)
    if "bulk" in parts:
        bulk(3 if args.quick else 5, companies)
    if "memory" in parts:
        memory((companies, companies * 10))
    if "steps" in parts:
        steps(runs * 20)
    if "pdf" in parts:
        pdf_against_html_and_docx(3 if args.quick else 5)
