"""A run killed (SIGKILL, as by a power loss) at any step of its renames is rolled back
by the next run into the folder, from the journal it wrote first (issue 19, finding 2)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from jobgen.publish.journal import JOURNAL_NAME, KILL_AFTER_RENAMES
from jobgen.publish.lock import LOCK_FILE
from jobgen.publish.output import STAGING_PREFIX, remove_abandoned_staging, write_files

pytest.importorskip("fcntl", reason="finding a killed run's staging folder needs POSIX locks")

BEFORE = {"acme/a.md": b"old a", "acme/b.md": b"old b", "acme/gone.md": b"old gone"}
WRITE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from jobgen.publish.output import Staging\n"
    "with Staging(Path(sys.argv[1])) as staging:\n"
    "    for name, data in [('acme/a.md', b'new a'), ('acme/b.md', b'new b'),\n"
    "                       ('new/c.md', b'new c')]:\n"
    "        staging.write(name, data)\n"
    "    staging.commit(remove=['acme/gone.md'])\n"
)
RENAMES = 4  # three files moved in, one removed


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != LOCK_FILE  # a killed run leaves its lock file
    }


def run_killed_after(out, renames):
    env = {**os.environ, KILL_AFTER_RENAMES: str(renames)}
    return subprocess.run([sys.executable, "-c", WRITE, str(out)], env=env, check=False)


@pytest.mark.parametrize("renames", range(RENAMES + 1))
def test_a_run_killed_after_any_rename_is_rolled_back_by_the_next(tmp_path, renames, capfd):
    out = tmp_path / "out"
    write_files(out, BEFORE)
    assert run_killed_after(out, renames).returncode == -signal.SIGKILL
    [staging] = out.glob(f"{STAGING_PREFIX}*")
    assert (staging / JOURNAL_NAME).exists()
    capfd.readouterr()
    write_files(out, {"notes.md": b"the next run"})
    err = capfd.readouterr().err
    assert f"note: an earlier run was stopped while writing {out}" in err
    assert "rolled back; the folder is as before it" in err
    assert snapshot(out) == {**BEFORE, "notes.md": b"the next run"}
    assert sorted(p.name for p in out.iterdir()) == ["acme", "notes.md"]  # no new/, no staging


def test_a_killed_run_without_a_journal_yet_changed_nothing(tmp_path):
    out = tmp_path / "out"
    write_files(out, BEFORE)
    env = {**os.environ, KILL_AFTER_RENAMES: "-1"}  # never: the run completes
    subprocess.run([sys.executable, "-c", WRITE, str(out)], env=env, check=True)
    assert snapshot(out) == {"acme/a.md": b"new a", "acme/b.md": b"new b", "new/c.md": b"new c"}


def test_the_sweep_rolls_back_before_it_removes_a_journaled_folder(tmp_path):
    out = tmp_path / "out"
    write_files(out, BEFORE)
    run_killed_after(out, 2)
    assert snapshot(out)["acme/a.md"] == b"new a"  # half new
    remove_abandoned_staging(out)
    assert snapshot(out) == BEFORE
