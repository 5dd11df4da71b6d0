"""The console command ends its process without the interpreter's teardown, and only
when nothing visible is lost: atexit handlers run, output is flushed, the exit status
is kept; a thread still running, a tracer or a message as the status take the
normal exit."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jobgen.cli import quick_exit


class Ended(Exception):
    pass


@pytest.fixture
def ends(monkeypatch: pytest.MonkeyPatch) -> list:
    """What exit_now did, in order: ("handlers",) and ("exit", status)."""
    said: list = []

    def exit_(status: int) -> None:
        said.append(("exit", status))
        raise Ended

    monkeypatch.setattr(quick_exit.os, "_exit", exit_)
    monkeypatch.setattr(quick_exit.atexit, "_run_exitfuncs", lambda: said.append(("handlers",)))
    monkeypatch.setattr(quick_exit.sys, "gettrace", lambda: None)  # coverage, a debugger
    monkeypatch.setattr(quick_exit.sys, "getprofile", lambda: None)
    return said


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (256, 0), (-1, 255)])
def test_the_exit_status_is_what_python_would_give(ends, code, status):
    with pytest.raises(Ended):
        quick_exit.exit_now(code)
    assert ends == [("handlers",), ("exit", status)]


def test_a_message_as_the_status_takes_the_normal_exit(ends):
    quick_exit.exit_now("error: something")
    assert ends == []


def test_a_tracer_or_a_profiler_takes_the_normal_exit(ends, monkeypatch):
    monkeypatch.setattr(quick_exit.sys, "gettrace", lambda: print)
    quick_exit.exit_now(0)
    monkeypatch.setattr(quick_exit.sys, "gettrace", lambda: None)
    monkeypatch.setattr(quick_exit.sys, "getprofile", lambda: print)
    quick_exit.exit_now(0)
    assert ends == []


def test_a_thread_still_running_takes_the_normal_exit(ends):
    release = threading.Event()
    worker = threading.Thread(target=release.wait)  # not a daemon: the exit waits for it
    worker.start()
    try:
        quick_exit.exit_now(0)
    finally:
        release.set()
        worker.join()
    assert ends == []


def test_an_output_that_cannot_be_flushed_takes_the_normal_exit(ends, monkeypatch):
    class Broken:
        closed = False

        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(quick_exit.sys, "stdout", Broken())
    quick_exit.exit_now(0)
    assert ends == [("handlers",)]  # and Python's own exit reports the pipe


PROGRAM = """
import atexit, pathlib, sys, threading, time
marks = pathlib.Path(sys.argv[1])
atexit.register(lambda: (marks / "atexit").write_text("ran"))
class Teardown:  # freed only by the interpreter's teardown
    def __del__(self):
        (marks / "teardown").write_text("ran")
kept = Teardown()
if sys.argv[2] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.3), (marks / "thread").write_text("ran"))).start()
sys.argv = ["jobgen", *sys.argv[3:]]
from jobgen.cli import run
run()
"""


def run_jobgen(tmp_path: Path, mode: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path), mode, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_real_process_keeps_its_output_status_and_exit_handlers(tmp_path):
    done = run_jobgen(tmp_path, "-", "list", "roles")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].startswith("ai-architect")  # piped: flushed at the end
    assert len(done.stdout.splitlines()) == 10
    assert (tmp_path / "atexit").read_text() == "ran"
    assert not (tmp_path / "teardown").exists()  # the quick exit was taken

    failed = run_jobgen(tmp_path, "-", "generate", "no-such-role", "--company", "furrowlight")
    assert failed.returncode == 2
    assert "unknown role" in failed.stderr


def test_a_real_process_waits_for_a_thread_still_running(tmp_path):
    done = run_jobgen(tmp_path, "thread", "--help")
    assert done.returncode == 0
    assert (tmp_path / "thread").read_text() == "ran"
    assert (tmp_path / "atexit").read_text() == "ran"
    assert (tmp_path / "teardown").read_text() == "ran"  # the normal exit
