"""Atomic writes: all files or none, and never a half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobgen.errors import OutputError
from jobgen.output import posting_path, write_files


def test_posting_path(tmp_path):
    assert posting_path(tmp_path, "acme", "ai-architect", "docx") == (
        tmp_path / "acme" / "ai-architect.docx"
    )


def test_writes_files_and_creates_folders(tmp_path):
    target = tmp_path / "a" / "b.md"
    assert write_files({target: b"hello"}) == [target]
    assert target.read_bytes() == b"hello"
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
    assert [p.name for p in target.parent.iterdir()] == ["b.md"]  # no temporary left


def test_failure_leaves_earlier_output_untouched(tmp_path, monkeypatch):
    first, second = tmp_path / "x.md", tmp_path / "y.md"
    first.write_bytes(b"old x")
    second.write_bytes(b"old y")
    real_fsync, synced = os.fsync, []

    def disk_full_on_second_file(fd):
        synced.append(fd)
        if len(synced) == 2:  # tests run as root: simulate the OS error instead
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_on_second_file)
    with pytest.raises(OutputError, match=r"cannot write .*y\.md: No space left on device"):
        write_files({first: b"new x", second: b"new y"})
    assert first.read_bytes() == b"old x" and second.read_bytes() == b"old y"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "y.md"]


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("I am a file")
    with pytest.raises(OutputError, match="cannot write"):
        write_files({blocker / "acme" / "role.md": b"x"})
    assert blocker.read_text() == "I am a file"


def test_target_that_is_a_folder(tmp_path):
    (tmp_path / "role.md").mkdir()
    with pytest.raises(OutputError, match="a folder has this name"):
        write_files({tmp_path / "role.md": b"x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["role.md"]


def test_rename_failure_removes_temporaries(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="Permission denied"):
        write_files({tmp_path / "a.md": b"a", tmp_path / "b.md": b"b"})
    assert list(Path(tmp_path).iterdir()) == []
