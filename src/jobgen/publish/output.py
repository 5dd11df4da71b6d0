"""Write generated files so that nothing half-written is ever left behind.

A run writes every file into a hidden staging folder inside the output
folder. Only when all of them are complete are they renamed into place (a
rename is atomic on one filesystem, and the staging folder is on the same one);
any failure, or Ctrl-C, removes the staging folder and leaves earlier output
exactly as it was. Files in the output folder that the run does not write are
never touched.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from ..errors import STOP_SIGNALS, Interrupted, OutputError, display_path
from .journal import LOCK_NAME as LOCK_NAME  # re-exported: tests and tools look here
from .journal import (
    PREVIOUS_FOLDER,
    hold_staging_lock,
    kill_for_test,
    remove_abandoned_staging,
    remove_staging,
    write_journal,
)
from .journal import STAGING_PREFIX as STAGING_PREFIX
from .lock import output_lock
from .targets import OutputPaths, first_link, keep, link_error, make_folders, move
from .targets import _umask as _umask  # tests read the mode files get

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def posting_path(company_id: str, role_id: str, fmt: str) -> str:
    """`<company>/<role>.<format>` inside the output folder; ids are validated slugs."""
    return f"{company_id}/{role_id}.{fmt}"


@dataclass(frozen=True)
class FileRecord:
    """One written file, as the manifest lists it."""

    path: str  # relative to the output folder, with forward slashes
    bytes: int
    sha256: str


def write_staged(staging_dir: Path, relative: str, data: bytes) -> FileRecord:
    """Write one file into the staging folder (safe to call from worker processes).

    Not synced here: `Staging.commit` syncs the whole filesystem once, before the
    first rename, which costs one flush for the batch instead of one per file.
    """
    target = staging_dir / relative
    try:
        try:
            _write_new(target, data)
        except FileNotFoundError:  # its folder is not made yet (once per folder)
            if not staging_dir.is_dir():  # removed (by a stopped run, or by hand): not remade
                raise OutputError(_removed_text(staging_dir, relative)) from None
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_new(target, data)
    except OSError as error:
        if isinstance(error, FileExistsError) and target.is_file():
            reason = "the run writes two files of this name"  # never over a file of its own
        else:
            reason = _reason(error)
        raise OutputError(
            f"cannot write {relative} into the staging folder {display_path(staging_dir)}: "
            f"{reason}; no file was changed"
        ) from None
    return FileRecord(relative, len(data), hashlib.sha256(data).hexdigest())


def _write_new(target: Path, data: bytes) -> None:
    """Create `target` (never over an existing file) holding `data`."""
    handle = os.open(target, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        if not hasattr(os, "sync"):  # Windows: no filesystem-wide flush, so one per file
            os.fsync(handle)
    finally:
        os.close(handle)


def sync_filesystem(folder: Path) -> None:
    """Flush every file written on `folder`'s filesystem to disk: on Linux only that
    filesystem (syncfs, which also reports a write the disk failed), elsewhere all of
    them (sync)."""
    if sys.platform == "linux":
        import ctypes

        handle = os.open(folder, os.O_RDONLY)
        try:
            result = ctypes.CDLL(None, use_errno=True).syncfs(handle)
        except AttributeError:  # a libc without syncfs
            result, failure = -1, errno.ENOSYS
        else:
            failure = ctypes.get_errno()
        finally:
            os.close(handle)
        if result == 0:
            return
        if failure != errno.ENOSYS:
            raise OSError(failure, os.strerror(failure), str(folder))
    if hasattr(os, "sync"):  # else write_staged synced each file
        os.sync()


class Staging:
    """The staging folder of one run: `with Staging(out) as s: s.write(...); s.commit()`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir  # replaced by the real folder on entry
        self.written: list[str] = []
        self._created: list[Path] = []  # folders this run made; removed again on failure
        self._committed = False
        self._lock: int | None = None
        self._folder_lock = ExitStack()  # one run at a time in `out_dir` (lock.py)

    def __enter__(self) -> Staging:
        try:
            self._created = make_folders(self.out_dir)
            self._folder_lock.enter_context(output_lock(self.out_dir))
            remove_abandoned_staging(self.out_dir)  # first: roll back a killed run's renames
            self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out_dir))
            self._lock = hold_staging_lock(self.path)
        except BaseException as error:
            self._folder_lock.close()
            self._remove_created()
            if isinstance(error, OSError):
                raise _output_error(error, self.out_dir) from None
            raise
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            # A Ctrl-C while the staging folder goes (seconds, on a slow disk) waits for it:
            # cut short, it left the folder behind and said nothing was written after a commit.
            with deferred_interrupt():
                if self.path != self.out_dir:
                    remove_staging(self.path)
                if self._lock is not None:
                    os.close(self._lock)
                self._folder_lock.close()
                if not self._committed:
                    self._remove_created()
        except KeyboardInterrupt as interrupt:
            error = interrupt
            raise
        finally:
            if isinstance(error, KeyboardInterrupt):  # so the command can say what happened
                error.output_changed = self._committed  # type: ignore[attr-defined]
                error.output_dir = self.out_dir  # type: ignore[attr-defined]

    def write(self, relative: str, data: bytes) -> FileRecord:
        record = write_staged(self.path, relative, data)
        self.written.append(relative)
        return record

    def commit(
        self, relative_paths: Iterable[str] | None = None, remove: Iterable[str] = ()
    ) -> OutputPaths:
        """Move the staged files into the output folder, and delete the files of
        `remove` from it, in one step; returns the final paths of the files moved.

        Every folder is made and every target checked before the first rename.
        Each file it replaces or deletes is kept (as a hard link, or a copy) until
        all are done, so a rename that fails halfway (a read-only folder) is rolled
        back and the output is as it was. Ctrl-C waits until the renames are done.

        Nothing per file is held but its relative path (and a byte saying whether it
        was kept): a commit of a million files needs tens of MB, not gigabytes.
        """
        moved = list(self.written if relative_paths is None else relative_paths)
        every = [*moved, *remove]  # the moves first, then the removals
        kept, made = self._prepare(every, len(moved))
        out, staged = os.fspath(self.out_dir), os.fspath(self.path)
        with deferred_interrupt():
            entries = (
                (rel, f"{PREVIOUS_FOLDER}/{number}" if kept[number] else None)
                for number, rel in enumerate(every)
            )
            try:  # on disk before the first rename: a killed run is rolled back by the next
                sync_filesystem(self.path)  # every staged file, in one flush
                journal = write_journal(
                    self.path, entries, [_relative(f, self.out_dir) for f in made]
                )
            except OSError as error:
                raise _output_error(error, self.path) from None
            kill_for_test(0)
            for number, rel in enumerate(every):
                target = os.path.join(out, rel)
                try:
                    if number < len(moved):
                        move(os.path.join(staged, rel), target)  # atomic: on failure, as it was
                    else:
                        os.unlink(target)
                except OSError as error:
                    failed = self._roll_back(every[:number], kept)
                    journal.unlink()
                    raise _output_error(error, Path(target), failed) from None
                kill_for_test(number + 1)
            journal.unlink()
            # Inside the block: a Ctrl-C held back until here finds the files moved.
            self._committed = True
        self._remove_emptied(every[len(moved) :])
        return OutputPaths(self.out_dir, moved)

    def _remove_emptied(self, removed: list[str]) -> None:
        """The folders the removals left empty (a company whose pages all went): rmdir
        removes only an empty folder, never the output folder itself."""
        for folder in sorted({rel.rpartition("/")[0] for rel in removed} - {""}, reverse=True):
            with suppress(OSError):
                os.rmdir(self.out_dir / folder)

    def _prepare(self, every: list[str], moving: int) -> tuple[bytearray, list[Path]]:
        """Check every target, make the folders of the first `moving` (the moves), and
        keep each file that will be replaced or deleted in `.previous/N`; returns a
        byte per target (1: kept) and the folders made."""
        out = os.fspath(self.out_dir)
        previous = self.path / PREVIOUS_FOLDER
        links: dict[Path, Path | None] = {}  # folder -> the first link on its way, if any
        folders: set[str] = set()
        fresh: set[str] = set()  # folders this commit made: nothing in them to check
        kept = bytearray(len(every))
        made: list[Path] = []  # folders made for the targets (the journal lists them)
        current: Path | None = None
        kept_any = False
        try:
            for number, rel in enumerate(every):
                folder_name = rel.rpartition("/")[0]
                target = os.path.join(out, rel)
                if folder_name not in folders:  # once per folder, not per file
                    folder = self.out_dir / folder_name if folder_name else self.out_dir
                    link = first_link(self.out_dir, folder, links)
                    if link is not None:
                        raise link_error(Path(target), link)
                    if number < moving:
                        current = folder
                        new = make_folders(folder)
                        if new and new[-1] == folder:
                            fresh.add(folder_name)  # a first run: no file to look for
                        made += new
                    folders.add(folder_name)
                if folder_name in fresh:
                    continue
                current = Path(target)
                try:
                    info = os.lstat(target)
                except (FileNotFoundError, NotADirectoryError):
                    continue  # a new file
                if stat.S_ISLNK(info.st_mode):
                    raise link_error(current, current)
                if stat.S_ISDIR(info.st_mode) and number < moving:
                    raise IsADirectoryError(errno.EISDIR, "a folder has this name", target)
                if not kept_any:  # the first file kept: its folder
                    previous.mkdir(exist_ok=True)
                    kept_any = True
                keep(target, previous / str(number))
                kept[number] = 1
        except OSError as error:
            raise _output_error(error, current or self.out_dir) from None
        finally:
            self._created += made
        return kept, made

    def _roll_back(self, done: list[str], kept: bytearray) -> list[Path]:
        """Put back what the files replaced so far were; returns the ones that could not be."""
        failed = []
        for number in reversed(range(len(done))):
            target = self.out_dir / done[number]
            try:
                if kept[number]:
                    os.replace(self.path / PREVIOUS_FOLDER / str(number), target)
                else:
                    target.unlink()
            except OSError:
                failed.append(target)
        return failed

    def _remove_created(self) -> None:
        for folder in reversed(self._created):
            with suppress(OSError):  # rmdir only removes an empty folder
                folder.rmdir()


def _relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `{relative path: bytes}` under `out_dir`, every file or none."""
    with Staging(out_dir) as staging:
        for relative, data in files.items():
            staging.write(relative, data)
        return staging.commit()


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM, SIGHUP) until the block ends, so a rename batch is
    never cut in half."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda signum, frame: caught.append(signum))
        for signum in STOP_SIGNALS
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if caught:
        raise Interrupted(caught[0])


def _removed_text(staging_dir: Path, relative: str) -> str:
    """Say which folder vanished under a running write (a stopped run's workers too)."""
    which = "staging" if staging_dir.parent.is_dir() else "output"
    folder = staging_dir if which == "staging" else staging_dir.parent
    return (
        f"cannot write {relative}: the {which} folder {display_path(folder)} was removed "
        "while the run was writing into it; nothing was written"
    )


def _reason(error: OSError) -> str:
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        blocking = _blocking_file(Path(error.filename)) if error.filename else None
        if blocking is not None:
            return f"{display_path(blocking)} is a file where a folder is needed"
        return "a file is in the way where a folder is needed"
    return error.strerror or str(error)


def _blocking_file(path: Path) -> Path | None:
    """The file at `path` or above it that stops a folder from being made there."""
    for candidate in (path, *path.parents):
        if candidate.is_file():
            return candidate
    return None


def _output_error(error: OSError, where: Path, not_restored: Sequence[Path] = ()) -> OutputError:
    outcome = "no file was changed"
    if not_restored:  # the roll-back itself failed: say exactly what is left new
        names = ", ".join(display_path(p) for p in not_restored)
        outcome = f"these files are new and could not be put back: {names}"
    return OutputError(f"cannot write {display_path(where)}: {_reason(error)}; {outcome}")
