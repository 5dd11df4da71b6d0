"""One run at a time in an output folder: a second run waits, then names the holder;
a lock left by a killed run is taken over (issue 19, finding 1)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from jobgen.cli import main
from jobgen.errors import OutputBusy
from jobgen.publish.lock import LOCK_FILE, WAIT_VARIABLE
from jobgen.publish.output import Staging, write_files

pytest.importorskip("fcntl", reason="the output folder lock needs POSIX file locks")

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from jobgen.publish.output import Staging\n"
    "with Staging(Path(sys.argv[1])) as staging:\n"
    "    staging.write('held.md', b'held')\n"
    "    print('locked', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
    "    staging.commit()\n"
)


def hold(out, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_run_waits_then_names_the_holder(tmp_path, monkeypatch):
    monkeypatch.setenv(WAIT_VARIABLE, "0.3")
    holder = hold(tmp_path, 30)
    try:
        start = time.monotonic()
        with pytest.raises(OutputBusy) as caught:
            write_files(tmp_path, {"x.md": b"x"})
        assert time.monotonic() - start >= 0.3
        message = str(caught.value)
        assert f"pid {holder.pid}" in message and "-c" in message and "s ago" in message
        assert "waited 0.3 s" in message and "no file was changed" in message
        assert caught.value.exit_code == 2
        assert not (tmp_path / "x.md").exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_second_run_goes_on_once_the_first_is_done(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv(WAIT_VARIABLE, "20")
    holder = hold(tmp_path, 0.3)
    try:
        write_files(tmp_path, {"x.md": b"x"})
    finally:
        holder.wait()
    assert "note: waiting for another jobgen run" in capfd.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.md", "x.md"]  # no lock file


def test_the_lock_of_a_killed_run_is_taken_over(tmp_path, monkeypatch):
    monkeypatch.setenv(WAIT_VARIABLE, "5")
    holder = hold(tmp_path, 30)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (tmp_path / LOCK_FILE).exists()
    start = time.monotonic()
    write_files(tmp_path, {"x.md": b"x"})
    assert time.monotonic() - start < 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


def test_a_nested_write_into_the_same_folder_does_not_wait_for_itself(tmp_path, monkeypatch):
    monkeypatch.setenv(WAIT_VARIABLE, "0.2")
    with Staging(tmp_path) as outer:
        outer.write("a.md", b"a")
        write_files(tmp_path, {"b.md": b"b"})
        outer.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_stage_exits_2_naming_the_run_that_holds_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(WAIT_VARIABLE, "0.2")
    holder = hold(tmp_path, 30)
    try:
        result = CliRunner().invoke(
            main, ["stage", "-c", "furrowlight", "-o", str(tmp_path), "--date", "2026-11-25"]
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2, result.output
    assert f"pid {holder.pid}" in result.stderr
    assert not (tmp_path / "furrowlight").exists()
