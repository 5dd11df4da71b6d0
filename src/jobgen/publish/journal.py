"""The commit journal: what a run's renames will change, so a killed run can be undone.

Before the first rename, `Staging.commit` keeps every file it will replace or delete
in the staging folder's `.previous/` and writes (and fsyncs) `journal.json`: each
target, and its kept copy or `null` if the run creates it. The journal is removed
once the last rename is done. A staging folder that still has one belongs to a run
that was killed (SIGKILL, power loss) somewhere in its renames: the next run that
writes into the folder rolls it back, before anything else: every target is put back
from its copy, every file the run created is removed, and so are the folders it made.

It also finds such folders: each run holds a lock on a file in its staging folder
while it lives (`hold_staging_lock`), and `remove_abandoned_staging` rolls back and
removes the folders whose lock is free.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path

from ..errors import OutputError, display_path

try:
    import fcntl
except ImportError:  # Windows: abandoned staging folders are not swept
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX = ".jobgen-staging-"
LOCK_NAME = ".lock"  # inside the staging folder: held while the run lives
JOURNAL_NAME = "journal.json"  # inside the staging folder
PREVIOUS_FOLDER = ".previous"  # inside the staging folder: what the run replaced
# For tests only: JOBGEN_TEST_KILL_AFTER_RENAMES=N makes a commit kill its own process
# with SIGKILL (as a power loss would stop it) after N renames, to test the roll-back.
KILL_AFTER_RENAMES = "JOBGEN_TEST_KILL_AFTER_RENAMES"


def write_journal(
    staging_dir: Path,
    entries: Iterable[tuple[str, str | None]],
    folders: Sequence[str],
) -> Path:
    """Write `[(target, kept copy or None)]` (paths relative to the output folder and
    the staging folder) and the folders the commit made; on disk before it returns.
    The entries are written as they come, never held as a list."""
    path = staging_dir / JOURNAL_NAME
    partial = staging_dir / (JOURNAL_NAME + ".part")
    with open(partial, "w", encoding="utf-8") as stream:
        # The same JSON as json.dump({"entries": [...], "folders": [...]}), a line at a time
        stream.write('{"entries": [')
        for number, entry in enumerate(entries):
            stream.write((", " if number else "") + json.dumps(list(entry)))
        stream.write(f'], "folders": {json.dumps(list(folders))}}}')
        stream.flush()
        os.fsync(stream.fileno())
    _sync_folder(staging_dir / PREVIOUS_FOLDER)  # the kept copies' names, before the journal
    os.rename(partial, path)  # a journal is whole or absent
    _sync_folder(staging_dir)
    return path


def roll_back(out_dir: Path, staging_dir: Path) -> list[str]:
    """Undo the renames of the journal in `staging_dir`; returns the targets that
    could not be put back (the journal is then left for another try)."""
    record = json.loads((staging_dir / JOURNAL_NAME).read_text(encoding="utf-8"))
    failed = []
    for target_name, kept_name in reversed(record["entries"]):
        target = out_dir / target_name
        try:
            if kept_name is None:  # the run created it (or had not yet)
                target.unlink(missing_ok=True)
                continue
            kept = staging_dir / kept_name
            if kept.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(kept, target)
            elif not target.exists():
                failed.append(target_name)  # neither copy nor file: cannot be put back
        except OSError:
            failed.append(target_name)
    for folder in reversed(record["folders"]):
        with suppress(OSError):  # not empty (something else is in it) or already gone
            (out_dir / folder).rmdir()
    if not failed:
        (staging_dir / JOURNAL_NAME).unlink()
    return failed


def recover(out_dir: Path, staging_dir: Path) -> None:
    """Roll back a killed run's commit and say so in one line on stderr."""
    failed = roll_back(out_dir, staging_dir)
    where = display_path(out_dir)
    if failed:
        raise OutputError(
            f"an earlier run was stopped while writing {where}, and its changes could not be "
            f"rolled back: {', '.join(failed)}; the earlier files are in "
            f"{display_path(staging_dir / PREVIOUS_FOLDER)} (see its {JOURNAL_NAME})"
        )
    print(
        f"note: an earlier run was stopped while writing {where}: its changes were rolled "
        "back; the folder is as before it",
        file=sys.stderr,
    )


def kill_for_test(renames: int) -> None:
    """The test hook of KILL_AFTER_RENAMES; nothing unless the variable is set."""
    wanted = os.environ.get(KILL_AFTER_RENAMES)
    if wanted is not None and int(wanted) == renames:
        os.kill(os.getpid(), signal.SIGKILL)


def has_journal(staging_dir: Path) -> bool:
    return (staging_dir / JOURNAL_NAME).exists()


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder
    with suppress(OSError):
        os.fsync(handle)
    os.close(handle)


def remove_abandoned_staging(out_dir: Path) -> list[Path]:
    """Remove staging folders left by runs that were killed (SIGKILL, power loss),
    after rolling back the renames of one that was killed in its commit (journal.py).

    A run holds an exclusive lock on a file in its staging folder for as long
    as it (or one of its workers) lives; a folder whose lock can be taken has
    no owner left. Folders without a lock file are left alone.
    """
    if fcntl is None:
        return []
    removed = []
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        try:
            handle = os.open(folder / LOCK_NAME, os.O_RDWR)
        except OSError:
            continue  # no lock file: not ours to judge (or being created right now)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            continue  # its run is still going
        try:
            if has_journal(folder):
                recover(out_dir, folder)
        except BaseException:
            os.close(handle)
            raise
        remove_staging(folder)
        os.close(handle)
        removed.append(folder)
    return removed


def remove_staging(folder: Path) -> None:
    """Remove a staging folder: its journal first (a half-removed folder is never rolled
    back), its lock file last, so that a removal cut short (kill -9) leaves a folder the
    next run can take the lock of, and remove. A link of that name is never followed."""
    if os.path.islink(folder):  # not a folder jobgen made: its target is someone's
        return
    with suppress(OSError):
        (folder / JOURNAL_NAME).unlink(missing_ok=True)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name == LOCK_NAME:
            continue
        with suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
    with suppress(OSError):
        os.unlink(folder / LOCK_NAME)
        os.rmdir(folder)


def hold_staging_lock(staging_dir: Path) -> int | None:
    if fcntl is None:
        return None
    handle = os.open(staging_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle
