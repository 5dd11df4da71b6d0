"""Lint's largest regular expressions, kept compiled between runs.

Python compiles a pattern in Python code, every run: pay's amounts, ranges and
open-ended pay alone cost ~7 ms of every `generate`, `lint` and `stage`. `compiled`
keeps what the compiler makes of a pattern (the regex engine's program, a list of
numbers, and its groups) in lint's cache folder (`inputs/data_cache.py`) and hands it
to the engine as `re.compile` does, which then only checks it. New patterns are added
to the file when the process ends, up to MAX_ENTRIES. The entries are named
after the exact Python build (its version and the engine's magic number): another
Python never reads them. Any mismatch or failure (no cache, a corrupt or foreign
file, a Python whose compiler is laid out otherwise) falls back to `re.compile`,
which gives the same pattern.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import zlib
from typing import Any

from ..inputs.data_cache import cache_folder, write_checked

MAX_ENTRIES = 2_000  # past these, new patterns are compiled each run and not kept
_loaded: dict[str, Any] | None = None  # the entries of this Python build, read once
_path: str | None = None
_added = False  # entries to write when the process ends


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, from what an earlier run's compiler made of it."""
    flags = int(flags)
    entries = _entries()
    key = f"{flags}:{source}"
    entry = entries.get(key)
    if entry is not None:
        with contextlib.suppress(Exception):  # a foreign or damaged entry: compiled anew
            return _from_entry(source, entry)
    pattern, entry = _compile(source, flags)
    if entry is not None and _path is not None and len(entries) < MAX_ENTRIES:
        entries[key] = entry
        _keep_at_exit()
    return pattern


def _keep_at_exit() -> None:
    """New entries are written once, when the process ends: a batch that meets many
    new texts (a phrase list's patterns depend on the words of a block) writes once."""
    global _added
    if not _added:
        import atexit

        atexit.register(_save_added)
        _added = True


def _save_added() -> None:
    global _added
    if _added and _path is not None and _loaded is not None:
        _save(_path, _loaded)
    _added = False


def _compile(source: str, flags: int) -> tuple[re.Pattern[str], list[Any] | None]:
    """The pattern, and what to keep of it (None where this Python's compiler is not
    laid out as 3.11's to 3.13's are)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = [
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            groupindex,
            indexgroup,
        ]
        pattern = _from_entry(source, entry)
        expected = re.compile(source, flags)
        if (pattern.flags, pattern.groups, pattern.groupindex) != (
            expected.flags,
            expected.groups,
            expected.groupindex,
        ):
            return expected, None
        return pattern, entry
    except Exception:
        return re.compile(source, flags), None


def _from_entry(source: str, entry: list[Any]) -> re.Pattern[str]:
    import _sre

    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(source, final_flags, code, groups, groupindex, tuple(indexgroup))


def _entries() -> dict[str, Any]:
    global _loaded, _path
    if _loaded is not None:
        return _loaded
    _loaded = {}
    folder = cache_folder()
    if folder is None:
        return _loaded
    try:
        import _sre

        build = f"{sys.version}|{sys.implementation.name}|{_sre.MAGIC}|{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return _loaded
    _path = os.path.join(folder, f"patterns-{zlib.crc32(build.encode()):08x}.json")
    try:
        with open(_path, encoding="utf-8") as handle:
            checksum, _, text = handle.read().partition("\n")
        if checksum == f"{zlib.crc32(text.encode()):08x}":
            found = json.loads(text)
            if isinstance(found, dict):
                _loaded = found
    except (OSError, ValueError):
        pass
    return _loaded


def _save(path: str, entries: dict[str, Any]) -> None:
    write_checked(path, entries)
