"""One run at a time in each output folder.

Every command that writes into a folder holds an exclusive lock on a hidden file
in it (`.jobgen-lock`) from before it reads what is there (manifests, earlier
files) until its files are in place. A second run waits up to
`limits.MAX_LOCK_WAIT_SECONDS`, then stops with who holds the lock. The lock is
`flock`, which the system releases when its holder dies (even by SIGKILL), so a
lock file left by a killed run is simply taken over. The holder writes its pid,
command line and start time into the file, for the waiting run's message; it
removes the file when it is done.

Worker processes (`--jobs`) never take the lock: they write only into the
staging folder of a run that holds it. On Windows (no `fcntl`) there is no lock.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import OutputBusy, display_path
from ..limits import MAX_LOCK_WAIT_SECONDS

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".jobgen-lock"
# For tests only: wait this many seconds instead of MAX_LOCK_WAIT_SECONDS.
WAIT_VARIABLE = "JOBGEN_TEST_LOCK_WAIT"
_POLL_SECONDS = 0.05

_held: dict[str, tuple[int, int]] = {}  # real path of a folder -> (pid, nesting depth)


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the block (again, if this process has it)."""
    if fcntl is None:
        yield
        return
    key = os.path.realpath(out_dir)
    pid, depth = _held.get(key, (0, 0))
    if pid == os.getpid():  # a nested write into the same folder by this process
        _held[key] = (pid, depth + 1)
        try:
            yield
        finally:
            _held[key] = (pid, depth)
        return
    handle = _acquire(out_dir / LOCK_FILE, out_dir)
    _held[key] = (os.getpid(), 1)
    try:
        yield
    finally:
        del _held[key]
        _release(out_dir / LOCK_FILE, handle)


def _wait_seconds() -> float:
    value = os.environ.get(WAIT_VARIABLE)
    return float(value) if value else MAX_LOCK_WAIT_SECONDS


def _acquire(path: Path, out_dir: Path) -> int:
    deadline = time.monotonic() + _wait_seconds()
    waited = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            holder = holder_text(path)
            if time.monotonic() >= deadline:
                raise OutputBusy(
                    f"cannot write into {display_path(out_dir)}: {holder} is writing into it; "
                    f"waited {_wait_seconds():g} s for it to finish. Run again when it has "
                    "finished (or stop it); no file was changed"
                ) from None
            if not waited:
                waited = True
                print(f"note: waiting for {holder} to finish writing", file=sys.stderr)
            time.sleep(_POLL_SECONDS)
            continue
        except BaseException:
            os.close(handle)
            raise
        # The holder before us may have removed the file between our open and our lock:
        # then we locked a file nobody else will see, so start again.
        try:
            same = os.stat(path).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(handle)
            continue
        _record_holder(handle)
        return handle


def _release(path: Path, handle: int) -> None:
    with suppress(OSError):  # a read-only folder: the next run takes the file over
        path.unlink(missing_ok=True)  # still locked: nobody can take this file now
    os.close(handle)


def _record_holder(handle: int) -> None:
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "?"
    record = {"pid": os.getpid(), "command": command, "since": time.time()}
    with suppress(OSError):  # only for the message of a run that waits
        os.ftruncate(handle, 0)
        os.write(handle, json.dumps(record).encode("utf-8"))


def holder_text(path: Path) -> str:
    """Who holds the lock at `path`, in words: "jobgen run 123 (`jobgen stage`) since …"."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        pid, command, since = int(record["pid"]), str(record["command"]), float(record["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return "another jobgen run"
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(since))
    ago = max(0, round(time.time() - since))
    return f"another jobgen run (pid {pid}: `{command}`, started {started}, {ago} s ago)"
