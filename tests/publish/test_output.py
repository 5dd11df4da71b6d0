"""Atomic writes: all files or none, never a half-written file, no staging left behind."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
from pathlib import Path

import pytest

from jobgen.errors import OutputError
from jobgen.publish import output
from jobgen.publish.output import STAGING_PREFIX, Staging, posting_path, write_files


def listing(folder: Path) -> list[str]:
    """Every file and folder below `folder`, hidden ones too, relative and sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_posting_path():
    assert posting_path("acme", "ai-architect", "docx") == "acme/ai-architect.docx"


def test_writes_files_and_creates_folders(tmp_path):
    assert write_files(tmp_path, {"a/b.md": b"hello"}) == [tmp_path / "a" / "b.md"]
    target = tmp_path / "a" / "b.md"
    assert target.read_bytes() == b"hello"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not mkstemp's private mode
    assert listing(tmp_path) == ["a", "a/b.md"]  # no staging folder left


def test_creates_a_missing_output_folder(tmp_path):
    write_files(tmp_path / "new" / "out", {"x.md": b"x"})
    assert (tmp_path / "new" / "out" / "x.md").read_bytes() == b"x"


def test_records_size_and_hash(tmp_path):
    with Staging(tmp_path) as staging:
        record = staging.write("acme/x.md", b"hello")
        staging.commit()
    assert record.path == "acme/x.md" and record.bytes == 5
    assert record.sha256 == hashlib.sha256(b"hello").hexdigest()


def test_failure_leaves_earlier_output_untouched(tmp_path, monkeypatch):
    (tmp_path / "x.md").write_bytes(b"old x")
    (tmp_path / "y.md").write_bytes(b"old y")
    real_write, written = output._write_new, []

    def disk_full_on_second_file(target, data):
        written.append(data)
        if len(written) == 2:  # tests run as root: simulate the OS error instead
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(target, data)

    monkeypatch.setattr(output, "_write_new", disk_full_on_second_file)
    with pytest.raises(OutputError, match=r"cannot write y\.md .*: No space left on device"):
        write_files(tmp_path, {"x.md": b"new x", "y.md": b"new y"})
    assert (tmp_path / "x.md").read_bytes() == b"old x"
    assert (tmp_path / "y.md").read_bytes() == b"old y"
    assert listing(tmp_path) == ["x.md", "y.md"]


def test_a_failed_flush_before_the_renames_changes_nothing(tmp_path, monkeypatch):
    """The disk may report a lost write only when the batch is flushed (syncfs): that is
    before the first rename, so the output stays as it was."""
    (tmp_path / "x.md").write_bytes(b"old x")
    flushed = []

    def disk_full(folder):
        flushed.append(folder)
        raise OSError(errno.EIO, "Input/output error", str(folder))

    monkeypatch.setattr(output, "sync_filesystem", disk_full)
    with pytest.raises(OutputError, match="Input/output error; no file was changed"):
        write_files(tmp_path, {"x.md": b"new x", "y/z.md": b"z"})
    assert len(flushed) == 1
    assert listing(tmp_path) == ["x.md"]
    assert (tmp_path / "x.md").read_bytes() == b"old x"


def test_the_batch_is_flushed_once_before_the_first_rename(tmp_path, monkeypatch):
    order = []
    real_sync, real_replace = output.sync_filesystem, os.replace
    monkeypatch.setattr(output, "sync_filesystem", lambda f: order.append("sync") or real_sync(f))
    monkeypatch.setattr(os, "replace", lambda a, b: order.append("rename") or real_replace(a, b))
    write_files(tmp_path, {"a.md": b"a", "b/c.md": b"c", "b/d.md": b"d"})
    assert order == ["sync", "rename", "rename", "rename"]


def test_failure_removes_the_folders_it_made(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_write_new", _disk_full)
    with pytest.raises(OutputError, match="no file was changed"):
        write_files(tmp_path / "out", {"acme/x.md": b"x"})
    assert listing(tmp_path) == []


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("I am a file")
    with pytest.raises(OutputError, match=r"out is a file where a folder is needed"):
        write_files(blocker, {"acme/role.md": b"x"})
    assert blocker.read_text() == "I am a file"


def test_company_folder_that_is_a_file(tmp_path):
    (tmp_path / "acme").write_text("I am a file")
    with pytest.raises(
        OutputError, match=r"acme is a file where a folder is needed; no file was changed"
    ):
        write_files(tmp_path, {"a.md": b"a", "acme/role.md": b"x"})
    assert listing(tmp_path) == ["acme"]


def test_target_that_is_a_folder(tmp_path):
    (tmp_path / "role.md").mkdir()
    with pytest.raises(OutputError, match="a folder has this name"):
        write_files(tmp_path, {"a.md": b"a", "role.md": b"x"})
    assert listing(tmp_path) == ["role.md"]


def test_rename_failure_reports_and_cleans_up(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="Permission denied; no file was changed"):
        write_files(tmp_path, {"a.md": b"a", "b.md": b"b"})
    assert listing(tmp_path) == []


def test_move_across_filesystems_copies(tmp_path, monkeypatch):
    real_replace = os.replace

    def cross_device(src, dst):
        if STAGING_PREFIX in str(src):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", cross_device)
    write_files(tmp_path, {"acme/a.md": b"a"})
    assert (tmp_path / "acme" / "a.md").read_bytes() == b"a"
    assert listing(tmp_path) == ["acme", "acme/a.md"]


def test_error_inside_the_block_removes_staging(tmp_path):
    (tmp_path / "keep.md").write_bytes(b"keep")
    with pytest.raises(RuntimeError), Staging(tmp_path) as staging:
        staging.write("keep.md", b"new")
        raise RuntimeError("a template failed")
    assert listing(tmp_path) == ["keep.md"]
    assert (tmp_path / "keep.md").read_bytes() == b"keep"


def test_ctrl_c_during_the_renames_waits_for_them(tmp_path, monkeypatch):
    real_replace, calls = os.replace, []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # arrives mid-batch
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files(tmp_path, {"a.md": b"a", "b.md": b"b", "c.md": b"c"})
    assert listing(tmp_path) == ["a.md", "b.md", "c.md"]  # all moved, then interrupted


def _disk_full(target: Path, data: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _umask() -> int:
    return output._umask()


def test_rename_failing_halfway_rolls_back_every_file(tmp_path, monkeypatch):
    """A folder that refuses new files (read-only, immutable) after others were replaced."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "old.md").write_bytes(b"old a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "old.md").write_bytes(b"old b")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.md")}
    real_replace = os.replace

    def refuse_folder_b(src, dst):
        if Path(dst).parent.name == "b" and STAGING_PREFIX in str(src):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_folder_b)
    files = {"a/old.md": b"new a", "a/new.md": b"brand new", "b/old.md": b"new b"}
    with pytest.raises(OutputError, match=r"b/old\.md: Permission denied; no file was changed"):
        write_files(tmp_path, files)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.md")} == before
    assert listing(tmp_path) == ["a", "a/old.md", "b", "b/old.md"]


def test_a_failed_roll_back_names_what_is_left(tmp_path, monkeypatch):
    (tmp_path / "keep.md").write_bytes(b"old")
    real_replace, calls = os.replace, []

    def fail_then_fail_again(src, dst):
        calls.append(dst)
        if len(calls) >= 2:  # the second file, and then the roll-back of the first
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_then_fail_again)
    with pytest.raises(OutputError, match=r"could not be put back: \S*keep\.md$"):
        write_files(tmp_path, {"keep.md": b"new", "other.md": b"x"})


def test_abandoned_staging_folders_are_swept_live_ones_kept(tmp_path):
    import subprocess
    import sys

    pytest.importorskip("fcntl", reason="the sweep needs POSIX file locks")
    abandoned = tmp_path / f"{STAGING_PREFIX}killed"
    (abandoned / "acme").mkdir(parents=True)
    (abandoned / output.LOCK_NAME).write_text("")
    (abandoned / "acme" / "half.docx").write_bytes(b"PK")
    unknown = tmp_path / f"{STAGING_PREFIX}no-lock"  # not provably ours: kept
    unknown.mkdir()
    live = tmp_path / f"{STAGING_PREFIX}running"
    live.mkdir()
    (live / output.LOCK_NAME).write_text("")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys, time\n"
         f"fd = os.open({str(live / output.LOCK_NAME)!r}, os.O_RDWR)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        write_files(tmp_path, {"x.md": b"x"})
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            f"{STAGING_PREFIX}no-lock", f"{STAGING_PREFIX}running", "x.md",
        ]  # fmt: skip
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("removed", ["output", "staging"])
def test_a_folder_removed_mid_run_is_said_not_a_stopped_run(tmp_path, removed):
    """Issue 19, finding 3: nothing stopped the run; say what happened instead."""
    import shutil

    out = tmp_path / "out"
    with pytest.raises(OutputError) as caught, Staging(out) as staging:
        shutil.rmtree(out if removed == "output" else staging.path)
        staging.write("acme/a.md", b"a")
    message = str(caught.value)
    assert "stopped" not in message
    assert f"the {removed} folder" in message and "was removed while the run was writing" in message


def test_a_staging_folder_loses_its_journal_first_and_its_lock_last(tmp_path, monkeypatch):
    """Killed while its staging folder goes, a run leaves a folder that still has its lock
    file (so the next run can judge it, and remove it) and no journal (nothing to roll
    back: the renames were done)."""
    from jobgen.publish import journal

    folder = tmp_path / f"{STAGING_PREFIX}done"
    (folder / journal.PREVIOUS_FOLDER).mkdir(parents=True)
    (folder / journal.PREVIOUS_FOLDER / "0").write_bytes(b"old")
    (folder / "acme").mkdir()
    (folder / "acme" / "x.md").write_bytes(b"x")
    for name in (journal.LOCK_NAME, journal.JOURNAL_NAME, "note.txt"):
        (folder / name).write_text("")
    gone: list[str] = []
    real_unlink, real_rmtree = os.unlink, journal.shutil.rmtree
    monkeypatch.setattr(
        os, "unlink", lambda p, *a, **k: gone.append(Path(p).name) or real_unlink(p, *a, **k)
    )
    monkeypatch.setattr(
        journal.shutil, "rmtree", lambda p, **k: gone.append(Path(p).name) or real_rmtree(p, **k)
    )
    journal.remove_staging(folder)
    assert not folder.exists()
    top = [name for name in gone if name not in ("0", "x.md")]  # not the subfolders' files
    assert top[0] == journal.JOURNAL_NAME and top[-1] == journal.LOCK_NAME
    assert sorted(top[1:-1]) == sorted([journal.PREVIOUS_FOLDER, "acme", "note.txt"])


def test_a_link_named_like_a_staging_folder_is_never_followed(tmp_path):
    """rmtree refused a link; the removal that replaced it must too: the folder it points
    at is someone else's, lock file or not."""
    from jobgen.publish import journal

    target = tmp_path / "precious"
    target.mkdir()
    for name in (journal.LOCK_NAME, "thesis.md"):
        (target / name).write_text("mine")
    link = tmp_path / "out" / f"{STAGING_PREFIX}link"
    link.parent.mkdir()
    link.symlink_to(target)
    journal.remove_staging(link)
    output.remove_abandoned_staging(tmp_path / "out")
    assert sorted(p.name for p in target.iterdir()) == [journal.LOCK_NAME, "thesis.md"]
