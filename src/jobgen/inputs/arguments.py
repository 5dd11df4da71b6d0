"""What the library's writers accept, read as the command line reads its options.

A Python caller passes what is natural to them: a folder as a string or a Path, a
date as a `date` or `"2026-12-01"`, one id as a string or several as a list. Each
is turned into what jobgen works with here, once, at the entry point; anything else
is a UsageError that names the argument, never a TypeError from deep inside.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError, closest
from .format_names import ALL, FORMATS, expand_formats

if TYPE_CHECKING:
    from .workspace import Workspace

LINT_MODES = ("error", "warn", "off")


def checked_lint_mode(lint: object) -> str:
    """The writers' `lint=`: a mode jobgen knows, else a UsageError; never read as off
    (`lint=True` once wrote postings that break a pay law)."""
    if not isinstance(lint, str) or lint not in LINT_MODES:
        raise UsageError(f"lint: expected one of {', '.join(LINT_MODES)}, got {lint!r}")
    return lint


def format_list(formats: Iterable[str] | str | None, default: Iterable[str] = ()) -> list[str]:
    """The formats asked for, in jobgen's order: `all` is every one without an extra, a
    name alone is a list of one; an unknown name is a UsageError, never dropped."""
    if formats is None:
        return list(default)
    asked = as_names("formats", formats)
    known = [*FORMATS, ALL]
    for name in asked:
        if name not in known:
            near = closest(name, known)
            hint = f" (did you mean {near}?)" if near else ""
            raise UsageError(f"formats: unknown format {name!r}{hint}; known: {', '.join(known)}")
    return list(expand_formats(asked)) or list(default)


def as_names(argument: str, value: object) -> list[str]:
    """Ids, languages or formats: one as a string, or several (a list, a tuple...)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        found = list(value)
        if all(isinstance(item, str) for item in found):
            return found
    raise UsageError(f"{argument}: expected a string or a list of strings, got {value!r}")


def as_name(argument: str, value: object) -> str:
    """One id, as a string."""
    if isinstance(value, str):
        return value
    raise UsageError(f"{argument}: expected one id, as a string, got {value!r}")


def optional_names(argument: str, value: object) -> list[str] | None:
    return None if value is None else as_names(argument, value)


def as_path(argument: str, value: object) -> Path:
    """A folder or file: a Path, or a string naming one."""
    if isinstance(value, (str, os.PathLike)) and os.fspath(value):
        return Path(value)
    raise UsageError(f"{argument}: expected a path (a str or a pathlib.Path), got {value!r}")


def as_paths(argument: str, value: object) -> list[object]:
    """Several folders: a list or tuple of them (one alone is a list of one)."""
    if isinstance(value, (str, os.PathLike)):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise UsageError(f"{argument}: expected a list of paths, got {value!r}")


def optional_path(argument: str, value: object) -> Path | None:
    return None if value is None else as_path(argument, value)


def as_date(argument: str, value: object) -> dt.date | None:
    """A date, or one written as the command line takes it (2026-12-01)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise UsageError(f"{argument}: expected a date like 2026-12-01, got {value!r}")


def as_workspace(value: object) -> Workspace:
    """A Workspace, or the folder of one (as `-w` names it)."""
    from .workspace import Workspace, find_workspace

    if isinstance(value, Workspace):
        return value
    if isinstance(value, (str, os.PathLike)):
        return find_workspace(as_path("workspace", value))
    raise UsageError(
        f"workspace: expected a Workspace (jobgen.find_workspace()) or its folder, got {value!r}"
    )
