"""`jobgen stage` on the command line: choices, progress, summary, exit codes, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobgen.cli import main
from jobgen.publish.output import STAGING_PREFIX

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, **kwargs):
    result = runner.invoke(main, list(args), catch_exceptions=False, **kwargs)
    assert "Traceback" not in result.output
    return result


def test_own_stage_of_one_company(runner, tmp_path):
    result = invoke(
        runner, "stage", "-c", "furrowlight", "-o", str(tmp_path), "--date", "2026-11-25"
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # not a terminal: a line per phase and per posting, in plan order, then the summary;
    # the company's openings take the place of their roles' postings
    assert [re.sub(r"\d+ words", "N words", line) for line in lines[:6]] == [
        "reading files",
        "rendering 3 postings",
        "furrowlight/forecasting-ml-engineer: rendered md html docx (N words)",
        "furrowlight/imagery-ml-engineer: rendered md html docx (N words)",
        "furrowlight/field-data-engineer: rendered md html docx (N words)",
        "writing files",
    ]
    assert lines[6].startswith("3 postings, 12 files in ")
    folder = tmp_path / "furrowlight"
    assert lines[6].endswith(
        f"hiring plan: {folder}/index.html, quality report: {folder}/quality.html"
    )
    assert len(lines) == 7


def test_named_stage_cumulative_several_companies(runner, tmp_path):
    result = invoke(
        runner, "stage", "growth", "--cumulative", "-c", "furrowlight", "-c", "carrowmere-health",
        "-f", "html", "-o", str(tmp_path), "-j", "2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "13 postings, 19 files in " in result.stdout
    for company, postings in (("furrowlight", 6), ("carrowmere-health", 7)):
        names = sorted(p.name for p in (tmp_path / company).iterdir())
        assert len(names) == postings + 3 and names[-1] == "quality.html"
        manifest = json.loads((tmp_path / company / "manifest.json").read_text())
        assert manifest["stages"] == ["early", "growth"]
    assert not (tmp_path / "brindle-ledger").exists()


def test_all_companies_and_quiet(runner, tmp_path):
    result = invoke(runner, "stage", "early", "--all-companies", "-q", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert result.output == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brindle-ledger", "carrowmere-health", "furrowlight",
    ]  # fmt: skip


def test_progress_bar_on_a_terminal(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("jobgen.cli.progress._is_terminal", lambda: True)
    result = invoke(runner, "stage", "early", "-c", "furrowlight", "-o", str(tmp_path), "-j", "1")
    assert result.exit_code == 0
    assert "reading   " in result.stdout  # from the first second: the files read
    assert "rendering [########................] 1/3 postings" in result.stdout
    assert "rendering [########################] 3/3 postings" in result.stdout
    assert "writing " in result.stdout
    assert "furrowlight/forecasting-ml-engineer:" not in result.stdout  # no plain lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name a company with --company ID (or --all-companies); the workspace has "),
        (["-c", "furrowlight", "--all-companies"], "use --company or --all-companies, not both"),
        (["grwoth", "-c", "furrowlight"], "unknown stage 'grwoth'; did you mean 'growth'?"),
        (["-c", "furowlight"], "unknown company 'furowlight'; did you mean 'furrowlight'?"),
        (["-c", "furrowlight", "-j", "0"], "Invalid value for '--jobs': expected 1 or more"),
        (["-c", "furrowlight", "-f", "rtf"], "Invalid value for '--format' / '-f'"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(runner, tmp_path, args, message):
    result = invoke(runner, "stage", *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_stage_lists_the_stages(runner, tmp_path):
    result = invoke(runner, "stage", "late", "-c", "furrowlight", "-o", str(tmp_path))
    assert "known stages: early, growth, enterprise" in result.stderr


def test_invalid_profile_fails_before_anything_is_written(runner, workspace_copy, tmp_path):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    profile.write_text(profile.read_text().replace("stage: early", "stage: seed"))
    out = tmp_path / "out"
    result = invoke(runner, "-w", str(workspace_copy), "stage", "--all-companies", "-o", str(out))
    assert result.exit_code == 2
    assert "furrowlight.yaml:" in result.stderr and "'seed'" in result.stderr
    assert not out.exists()


def test_warnings_go_to_stderr(runner, workspace_copy, tmp_path):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text()
    start = text.index("  ai-data-engineer:")
    end = text.index("\n  ", start + 20)
    while text[end + 3] == " ":  # skip the indented lines of this entry
        end = text.index("\n  ", end + 1)
    profile.write_text(text[:start] + text[end + 1 :])
    args = ["-w", str(workspace_copy), "stage", "-c", "furrowlight", "-o", str(tmp_path)]
    result = invoke(runner, *args, "--lint", "warn")  # a law broken, written all the same
    assert result.exit_code == 0, result.output
    assert (
        "lint error: furrowlight/field-data-engineer: pay-transparency: the posting shows no pay "
        "range; required in Colorado" in result.stderr
    )
    quiet = invoke(runner, *args, "-q", "--lint", "warn")
    assert quiet.output == ""


def test_a_law_broken_stops_the_stage_before_it_writes(runner, workspace_copy, tmp_path):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text()
    start = text.index("  ai-data-engineer:")
    end = text.index("  ai-ethics-officer:")
    profile.write_text(text[:start] + text[end:])  # no pay for the data engineer
    out = tmp_path / "out"
    result = invoke(runner, "-w", str(workspace_copy), "stage", "-c", "furrowlight", "-o", str(out))
    assert result.exit_code == 1
    assert "lint found errors in 1 posting; nothing was written:" in result.stderr
    assert (
        "error: furrowlight/field-data-engineer: pay-transparency: the posting shows no "
        "pay range; required in Colorado" in result.stderr
    )
    assert "fix: Add the pay range" in result.stderr and "Traceback" not in result.output
    assert not out.exists()
    off = invoke(runner, "-w", str(workspace_copy), "stage", "-c", "furrowlight", "-o", str(out),
                 "--lint", "off")  # fmt: skip
    assert off.exit_code == 0 and not (out / "furrowlight" / "quality.html").exists()


def test_markdown_only_stage_does_not_import_python_docx(tmp_path):
    probe = (
        "import sys\n"
        "from jobgen.cli import main\n"
        f"args = ['stage', 'early', '-c', 'furrowlight', '-f', 'md', '-q', '-o', {str(tmp_path)!r}]"
        "\n"
        "try:\n"
        "    main(args)\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('HEAVY', [m for m in ('docx', 'markdown', 'nh3', 'typst') if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=tmp_path)  # fmt: skip
    assert "HEAVY []" in result.stdout
    assert (tmp_path / "furrowlight" / "forecasting-ml-engineer.md").is_file()


def start_big_batch(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """A real `jobgen stage -j 2` over 480 postings, with earlier output in the output
    folder, returned once it is under way: its workers have staged 4 postings (each
    posting rendered before the signal costs CPU and tests nothing more)."""
    workspace = tmp_path / "ws"
    (workspace / "company_profiles").mkdir(parents=True)
    (workspace / "jobgen.yaml").write_text("")
    source = (ROOT / "company_profiles" / "furrowlight.yaml").read_text()
    for number in range(60):
        (workspace / "company_profiles" / f"client-{number:02}.yaml").write_text(source)
    out = tmp_path / "out"
    (out / "client-00").mkdir(parents=True)
    (out / "client-00" / "ai-ml-engineer.md").write_text("earlier output")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jobgen", "-w", str(workspace), "stage", "enterprise",
         "--cumulative", "--all-companies", "-j", "2", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        staging = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
        if staging and len(list(staging[0].rglob("*.docx"))) >= 4:
            return process, out
        time.sleep(0.02)
    process.kill()
    pytest.fail("the batch never got going")


def only_earlier_output(out: Path) -> bool:
    found = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    earlier = (out / "client-00" / "ai-ml-engineer.md").read_text() == "earlier output"
    return found == ["client-00", "client-00/ai-ml-engineer.md"] and earlier


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_interrupted_real_process_cleans_up(tmp_path, signum):
    """Ctrl-C, a cancelled CI job or a closed terminal mid-batch: exit 130, old output
    intact, no staging folder, no traceback from the parent or the workers."""
    process, out = start_big_batch(tmp_path)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum, stderr
    assert stderr.strip().endswith(f"interrupted: nothing was written; {out} is as it was")
    assert "Traceback" not in stderr
    assert only_earlier_output(out)


def test_killed_process_leaves_no_workers_and_the_next_run_sweeps(tmp_path):
    process, out = start_big_batch(tmp_path)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    process.kill()  # SIGKILL: no chance to clean up
    process.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    # zombies of a dead parent are reaped by init; a live worker would still be running
    alive = [pid for pid in workers if _running(pid)]
    assert not alive, f"workers outlived their parent: {alive}"
    assert any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
    result = CliRunner().invoke(main, ["stage", "early", "-c", "furrowlight", "-q", "-o", str(out)])
    assert result.exit_code == 0
    assert not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_output_piped_into_head_still_writes_everything(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = (
        f"{sys.executable} -m jobgen stage enterprise --cumulative --all-companies -j 1 "
        f'-o {out} | head -1; echo "status=${{PIPESTATUS[0]}}"'
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env)
    assert result.stdout.splitlines()[-1] == "status=0", result.stderr
    assert result.stderr == ""
    assert len(list(out.rglob("*.docx"))) == 27


def test_closed_stdout_still_writes_everything(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = f"{sys.executable} -m jobgen stage early -c furrowlight -o {out} >&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "furrowlight" / "manifest.json").is_file()


def test_a_failure_after_progress_lines_says_nothing_was_written(runner, workspace_copy, tmp_path):
    (workspace_copy / "templates" / "posting.md.j2").write_text(
        '{% extends "default:posting.md.j2" %}\n{% block footer %}\n'
        '{{ 1 // 0 if role.id == "ai-data-engineer" else "" }}\n{% endblock %}\n'
    )
    result = invoke(runner, "-w", str(workspace_copy), "stage", "early", "-c", "furrowlight",
                    "-j", "1", "-o", str(tmp_path / "out"))  # fmt: skip
    assert result.exit_code == 2
    assert "\nfurrowlight/forecasting-ml-engineer: rendered md html docx" in result.stdout
    assert "(nothing was written; earlier output is as it was)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_workspace_option_after_the_command_and_only_its_own_companies(runner, tmp_path):
    """An agency's workspace: `-w` works after `stage` too, and `--all-companies` means
    the workspace's profiles, never the built-in samples."""
    workspace = tmp_path / "ws"
    (workspace / "company_profiles").mkdir(parents=True)
    (workspace / "jobgen.yaml").write_text("")
    sample = (ROOT / "company_profiles" / "furrowlight.yaml").read_text()
    (workspace / "company_profiles" / "acme.yaml").write_text(sample)
    out = tmp_path / "out"
    result = invoke(runner, "stage", "-w", str(workspace), "-a", "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["acme"]
    assert result.stdout.splitlines()[-1].startswith("2 postings, 9 files in ")


def test_summary_uses_the_singular_for_one(runner, tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "jobgen.yaml").write_text(
        "stages:\n  - id: solo\n    name: Solo\n    description: One role.\n"
        "    roles: [ai-ml-engineer]\n"
    )
    shutil.copytree(ROOT / "company_profiles", workspace / "company_profiles")
    shutil.rmtree(workspace / "company_profiles" / "furrowlight" / "openings")
    edit = workspace / "company_profiles" / "furrowlight.yaml"
    edit.write_text(edit.read_text().replace("stage: early", "stage: solo"))
    result = invoke(
        runner,
        "-w",
        str(workspace),
        "stage",
        "-c",
        "furrowlight",
        "-f",
        "md",
        "-o",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("1 posting, 4 files in ")


def test_an_empty_output_folder_name_is_refused(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "stage", "-c", "furrowlight", "-o", "")
    assert result.exit_code == 2
    assert "expected a folder, got an empty name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_progress_line_has_phases_counts_and_the_time_left(monkeypatch):
    from jobgen.cli.progress import Progress

    monkeypatch.setattr("jobgen.cli.progress._is_terminal", lambda: False)
    progress = Progress()
    now = [100.0]
    progress.clock = lambda: now[0]
    progress.start = 100.0
    progress.phase("reading", None)
    for _ in range(12):
        progress.read()
    assert progress.line() == "reading   12 files  0 s"
    progress.phase("rendering", 40)
    now[0] = 110.0
    progress.done = 10  # ten postings in ten seconds: thirty more take about thirty
    assert progress.line() == (
        "rendering [######..................] 10/40 postings  10 s, about 30 s left"
    )
    progress.phase("writing", None)
    assert progress.line() == "writing     10 s"
    progress.close()


def test_ctrl_c_while_rendering_says_the_output_is_as_it_was(runner, tmp_path, monkeypatch):
    import jobgen.publish.company as company

    out = tmp_path / "out"
    (out / "furrowlight").mkdir(parents=True)
    (out / "furrowlight" / "ai-ml-engineer.md").write_text("earlier output")
    real = company.render_one
    calls = []

    def interrupted_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(company, "render_one", interrupted_on_the_second)
    result = invoke(runner, "stage", "early", "-c", "furrowlight", "-j", "1", "-o", str(out))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == (
        f"interrupted: nothing was written; {out} is as it was"
    )
    assert [p.name for p in out.rglob("*")] == ["furrowlight", "ai-ml-engineer.md"]


def test_ctrl_c_held_until_the_files_are_moved_says_they_were_written(
    runner, tmp_path, monkeypatch
):
    from jobgen.publish.output import Staging

    real = Staging.commit

    def commit_then_interrupt(self, *args, **kwargs):
        real(self, *args, **kwargs)
        raise KeyboardInterrupt  # as a Ctrl-C held back by the commit arrives after it

    monkeypatch.setattr(Staging, "commit", commit_then_interrupt)
    stage_interrupted_after_writing(runner, tmp_path / "out")


def stage_interrupted_after_writing(runner, out: Path) -> None:
    result = invoke(runner, "stage", "early", "-c", "furrowlight", "-j", "1", "-o", str(out))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == (
        f"interrupted after the files were written to {out}"
    )
    assert (out / "furrowlight" / "index.html").is_file()


def test_ctrl_c_while_the_staging_folder_goes_waits_and_says_the_files_were_written(
    runner, tmp_path, monkeypatch
):
    """On a slow disk the staging folder (the files a --prune run replaced) takes seconds
    to remove: a Ctrl-C then left it behind and said nothing was written."""
    import signal

    from jobgen.publish import output

    real = output.remove_staging

    def interrupted_meanwhile(folder):
        os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, in the middle of the removal
        real(folder)

    monkeypatch.setattr(output, "remove_staging", interrupted_meanwhile)
    out = tmp_path / "out"
    stage_interrupted_after_writing(runner, out)
    assert sorted(p.name for p in out.iterdir()) == ["furrowlight"]  # no staging, no lock


def test_prune_finds_what_a_run_without_it_left_and_says_what_it_did(runner, tmp_path):
    out = tmp_path / "out"
    args = ["-c", "furrowlight", "-o", str(out), "-f", "md", "--date", "2026-11-25"]
    assert invoke(runner, "stage", "growth", "--cumulative", *args, "-q").exit_code == 0
    early = invoke(runner, "stage", "early", *args)  # without --prune: the others stay
    assert early.exit_code == 0
    assert (
        "note: 3 files an earlier run wrote stay in " in early.stderr
        and '(listed under "earlier" in manifest.json); --prune removes them' in early.stderr
    )
    manifest = json.loads((out / "furrowlight" / "manifest.json").read_text())
    assert [e["path"] for e in manifest["earlier"]] == [
        "ai-product-manager.md", "mlops-engineer.md", "nlp-llm-engineer.md",
    ]  # fmt: skip
    pruned = invoke(runner, "stage", "early", *args, "--prune")
    assert pruned.stdout.count("(an earlier run's, not part of this one)") == 3
    assert not (out / "furrowlight" / "mlops-engineer.md").exists()
    again = invoke(runner, "stage", "early", *args, "--prune")
    assert (
        "--prune: nothing to remove; the last manifest.json of each company lists no "
        "file this run leaves out" in again.stdout
    )


def test_a_posting_edited_before_a_run_without_prune_is_still_kept_by_a_later_prune(
    runner, tmp_path
):
    """Edit, a plain run, then --prune: the edited posting is kept with the warning, as if
    --prune had come straight after the edit (it used to drop out of the manifest)."""
    out = tmp_path / "out"
    args = ["-c", "furrowlight", "-o", str(out), "-f", "md", "--date", "2026-11-25"]
    assert invoke(runner, "stage", "growth", "--cumulative", *args, "-q").exit_code == 0
    edited = out / "furrowlight" / "mlops-engineer.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "A line of my own.\n", "utf-8")
    early = invoke(runner, "stage", "early", *args)
    assert early.exit_code == 0
    assert (
        'note: 3 files an earlier run wrote stay in out/furrowlight (listed under "earlier" in '
        "manifest.json); --prune removes them, except 1 file changed since, which it keeps"
    ) in early.stderr.replace(str(tmp_path) + "/", "")
    manifest = json.loads((out / "furrowlight" / "manifest.json").read_text())
    assert [e["path"] for e in manifest["earlier"]] == [
        "ai-product-manager.md", "mlops-engineer.md", "nlp-llm-engineer.md",
    ]  # fmt: skip
    assert invoke(runner, "stage", "early", *args).exit_code == 0  # one more run between
    pruned = invoke(runner, "stage", "early", *args, "--prune")
    assert pruned.exit_code == 0
    assert pruned.stdout.count("(an earlier run's, not part of this one)") == 2
    assert "warning: kept " in pruned.stderr and "mlops-engineer.md" in pruned.stderr
    assert edited.read_text(encoding="utf-8").endswith("A line of my own.\n")


def test_a_role_now_posted_through_an_opening_for_one_office_is_said(
    runner, workspace_copy, tmp_path
):
    """An opening for New York alone takes the place of the role's posting: the run says
    that London gets none, and that the role's earlier files stay."""
    out = tmp_path / "out"
    args = ["-w", str(workspace_copy), "stage", "growth", "-c", "brindle-ledger", "-f", "md"]
    args += ["-o", str(out), "--date", "2026-11-25"]
    openings = workspace_copy / "company_profiles" / "brindle-ledger" / "openings"
    opening = openings / "underwriting-llm-engineer.yaml"
    kept = opening.read_text(encoding="utf-8")
    opening.unlink()
    assert invoke(runner, *args).exit_code == 0  # the role's own posting
    assert (out / "brindle-ledger" / "nlp-llm-engineer.md").is_file()
    opening.write_text(kept, encoding="utf-8")  # its locations: [New York]
    again = invoke(runner, *args)
    assert again.exit_code == 0, again.output
    assert (
        "note: brindle-ledger/nlp-llm-engineer is now posted only as underwriting-llm-engineer, "
        "with no posting for London, United Kingdom; the earlier nlp-llm-engineer files stay "
        "until --prune"
    ) in again.stderr
