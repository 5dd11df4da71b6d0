"""What the library's writers accept: inputs/arguments.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jobgen.errors import UsageError
from jobgen.inputs.arguments import (
    as_date,
    as_name,
    as_names,
    as_path,
    as_paths,
    as_workspace,
    checked_lint_mode,
    format_list,
    optional_names,
    optional_path,
)
from jobgen.inputs.format_names import EXTRA_FORMATS, FORMATS, expand_formats
from jobgen.inputs.workspace import Workspace


def test_a_date_as_python_or_as_the_command_line_writes_it():
    assert as_date("date", dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
    assert as_date("date", dt.datetime(2026, 12, 1, 23, 59)) == dt.date(2026, 12, 1)
    assert as_date("date", "2026-12-01") == dt.date(2026, 12, 1)
    assert as_date("date", None) is None
    for wrong in ("12/01/2026", "", 20261201, ["2026-12-01"]):
        with pytest.raises(UsageError, match=r"^valid_through: expected a date like 2026-12-01"):
            as_date("valid_through", wrong)


def test_one_name_or_several():
    assert as_names("ids", "ai-ml-engineer") == ["ai-ml-engineer"]  # not its letters
    assert as_names("ids", ("a", "b")) == ["a", "b"]
    assert optional_names("ids", None) is None
    assert as_name("company_id", "furrowlight") == "furrowlight"
    assert as_names("formats", iter(["md"])) == ["md"]
    for wrong in (None, 3, ["a", 3], {"a": 1}, b"md"):
        with pytest.raises(UsageError, match=r"^ids: expected a string or a list of strings"):
            as_names("ids", wrong)
    with pytest.raises(UsageError, match=r"^company_id: expected one id, as a string"):
        as_name("company_id", ["furrowlight"])


def test_a_path_as_a_string_or_a_path(tmp_path):
    assert as_path("out_dir", str(tmp_path)) == tmp_path
    assert as_path("out_dir", tmp_path) == tmp_path
    assert optional_path("out_dir", None) is None
    assert as_paths("folders", "a") == ["a"] and as_paths("folders", ["a", Path("b")]) == [
        "a",
        Path("b"),
    ]
    for wrong in (3, "", b"/tmp"):
        with pytest.raises(UsageError, match=r"^out_dir: expected a path"):
            as_path("out_dir", wrong)
    with pytest.raises(UsageError, match=r"^folders: expected a list of paths"):
        as_paths("folders", 3)


def test_a_workspace_or_its_folder(tmp_path):
    (tmp_path / "jobgen.yaml").write_text("stages: []\n")
    assert isinstance(as_workspace(str(tmp_path)), Workspace)
    assert as_workspace(tmp_path).root == tmp_path.resolve()
    found = as_workspace(tmp_path)
    assert as_workspace(found) is found
    with pytest.raises(UsageError, match=r"workspace folder .* does not exist"):
        as_workspace(tmp_path / "nowhere")
    with pytest.raises(UsageError, match=r"^workspace: expected a Workspace"):
        as_workspace(None)


def test_formats_as_the_command_reads_them():
    assert expand_formats(["all"]) == tuple(f for f in FORMATS if f not in EXTRA_FORMATS)
    assert expand_formats(["all", "pdf"]) == FORMATS
    assert format_list("html") == ["html"]
    assert format_list(["docx", "md", "md"]) == ["md", "docx"]
    assert format_list(None, ["md"]) == ["md"]
    with pytest.raises(UsageError, match=r"unknown format 'doc' \(did you mean docx\?\)"):
        format_list(["doc"])
    with pytest.raises(UsageError, match=r"^formats: expected a string or a list of strings"):
        format_list(3)  # type: ignore[arg-type]


def test_a_lint_mode_is_named():
    assert [checked_lint_mode(m) for m in ("error", "warn", "off")] == ["error", "warn", "off"]
    for wrong in (True, None, "ERROR"):
        with pytest.raises(UsageError, match=r"^lint: expected one of error, warn, off"):
            checked_lint_mode(wrong)


def test_the_format_type_names_every_format():
    import typing

    from jobgen.inputs.fields import Format

    assert typing.get_args(Format) == FORMATS
