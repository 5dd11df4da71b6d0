"""jobgen's own lint data: the rules, word lists, laws and technologies in the
built-in `lint/` folder, read as plain YAML.

They are jobgen's files and trusted, so they are not validated field by field
like a workspace's; a broken installation still fails with the file's name,
not a traceback. `lint/book.py` builds the rule book from them; the catalog
reads the law ids to check the ones jobgen.yaml names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import JobgenError
from .data_cache import cached_parse
from .workspace import builtin_root

LINT_FOLDER = "lint"


class LintDataError(JobgenError):
    """A built-in lint data file is missing or malformed (a broken installation)."""

    exit_code = 2


def data_folder() -> Path:
    return builtin_root() / LINT_FOLDER


def read_lint_data(name: str) -> Any:
    """The parsed `lint/<name>.yaml` (kept parsed between runs: `data_cache.py`);
    LintDataError if it cannot be read."""
    path = data_folder() / f"{name}.yaml"
    try:
        source = path.read_bytes()
        return cached_parse(name, source, _parse)
    except (OSError, _Unreadable) as error:
        raise LintDataError(f"{path}: cannot read jobgen's lint data: {error}") from None


class _Unreadable(Exception):
    """The YAML of a lint data file is broken."""


def _parse(source: bytes) -> Any:
    import yaml  # only when the data is not in the cache (~15 ms of start-up otherwise)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(source.decode("utf-8"), Loader=loader)
    except yaml.YAMLError as error:
        raise _Unreadable(error) from None


def law_ids() -> set[str]:
    """The ids of the job-ad laws jobgen knows (`jobgen lint --list-laws`)."""
    return {entry["id"] for entry in read_lint_data("laws")["laws"]}


def slot_names() -> set[str]:
    """The {slots} a lint phrase may name (`slots:` of lint/exclusionary-language.yaml)."""
    return set(read_lint_data("exclusionary-language").get("slots") or {})
