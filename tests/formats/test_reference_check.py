"""A reference.docx whose bytes passed the check once is not opened again."""

from __future__ import annotations

import pytest

from jobgen.errors import TemplateProblem
from jobgen.formats import docx_reference
from jobgen.formats.docx_reference import Reference, check_reference
from jobgen.inputs.workspace import builtin_root


@pytest.fixture
def opened(monkeypatch) -> list[Reference]:
    """The references open_reference is asked to open (python-docx), in order."""
    seen: list[Reference] = []
    real = docx_reference.open_reference
    monkeypatch.setattr(docx_reference, "open_reference", lambda r: seen.append(r) or real(r))
    return seen


def builtin_reference() -> Reference:
    path = builtin_root() / "templates" / "reference.docx"
    return Reference(path, path.read_bytes())


def test_checked_once_then_remembered_by_its_bytes(tmp_path, monkeypatch, opened):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    check_reference(builtin_reference())
    check_reference(builtin_reference())
    assert len(opened) == 1
    [marker] = (tmp_path / "cache" / "jobgen").glob("docx-*/checked-*")
    assert marker.read_bytes() == b""

    edited = builtin_reference()
    edited = Reference(edited.path, edited.data + b"\0")  # other bytes: checked afresh
    check_reference(edited)
    assert len(opened) == 2


def test_a_failed_check_is_never_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    broken = Reference(tmp_path / "reference.docx", b"not a zip")
    for _ in range(2):
        with pytest.raises(TemplateProblem, match="not a Word document"):
            check_reference(broken)
    assert not list((tmp_path / "cache").glob("jobgen/docx-*/checked-*"))


def test_without_a_cache_every_check_opens_the_file(monkeypatch, opened):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    check_reference(builtin_reference())
    check_reference(builtin_reference())
    assert len(opened) == 2
