"""jobgen's own YAML data (lint's rule book and laws) kept parsed between runs, as JSON.

Parsing lint's ~140 KB of YAML costs ~15 ms of every `jobgen lint`, `stage` and
`generate` with libyaml (several times that without it); reading the same data back
as JSON costs ~1 ms. Each file is cached
under $XDG_CACHE_HOME/jobgen/lint-VERSION/ (or ~/.cache), in a file named after a
checksum of its bytes, so an edited file is parsed again and a cache written by
another jobgen is never read. The data is plain (mappings, lists, strings, numbers,
dates) and kept as JSON, never pickle: loading it runs no code, whoever wrote the
folder. Whatever goes wrong (a read-only home, a full disk, a corrupt or foreign
file) costs only the parse. Set JOBGEN_NO_CACHE=1 to do without.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import zlib
from collections.abc import Callable
from typing import Any

from ..version import __version__

_DATE = "$date"  # how a date is written in JSON: {"$date": "2026-01-01"}


def cached_parse(name: str, source: bytes, parse: Callable[[bytes], Any]) -> Any:
    """`parse(source)`, or what it gave for the same bytes on an earlier run; `name`
    names the file (like `de/sections`) in the cache."""
    folder = _folder()
    if folder is None:
        return parse(source)
    stem = name.replace("/", "--")
    path = os.path.join(folder, f"{stem}-{zlib.crc32(source):08x}-{len(source)}.json")
    try:
        # The first line is a checksum of the rest: a file cut short or changed since
        # (a crash, a full disk, another program) is parsed again, not half-believed.
        kept = read_checked(path, _decode)
        if kept is not None:
            return kept
    except (ValueError, TypeError):
        pass  # unreadable: parse, and write it again
    data = parse(source)
    _write(path, stem, data)
    return data


def cache_folder() -> str | None:
    """The cache folder, made if need be; None without one (or with JOBGEN_NO_CACHE).
    lint keeps its compiled patterns there too (`lint/patterns.py`)."""
    return _folder()


def _folder() -> str | None:
    """The cache folder, made if need be; None without one (or with JOBGEN_NO_CACHE)."""
    return versioned_folder("lint")


def versioned_folder(kind: str) -> str | None:
    """`$XDG_CACHE_HOME/jobgen/KIND-VERSION`, made if need be (another version's folder of
    that kind is removed: it is never read again); None without one (a read-only home,
    or JOBGEN_NO_CACHE): the caller then works everything out each time."""
    if os.environ.get("JOBGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "jobgen", f"{kind}-{__version__}")
    if not os.path.isdir(folder):
        _remove_other_versions(os.path.dirname(folder), f"{kind}-")
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        except OSError:
            return None
    return folder


def distributions() -> list[str]:
    """The installed distributions and their versions (PyYAML, Jinja, Babel, Typst's
    extra...), a line per site-packages folder: what a cache of their results keys on."""
    import sys

    lines = []
    for entry in sys.path:
        if os.path.basename(entry) in ("site-packages", "dist-packages"):
            with contextlib.suppress(OSError):
                names = sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".pth")))
                lines.append(f"site {entry} {' '.join(names)}")
    return lines


def drop_oldest(folder: str, kept: int, wanted: Callable[[str], bool]) -> None:
    """Of the files of `folder` whose name is `wanted`, only the `kept` most recently
    written (or touched) stay."""
    with contextlib.suppress(OSError):
        entries = [entry for entry in os.scandir(folder) if wanted(entry.name)]
        if len(entries) <= kept:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for old in entries[kept:]:
            with contextlib.suppress(OSError):
                os.remove(old.path)


def read_checked(path: str, object_hook: Callable[[dict[str, Any]], Any] | None = None) -> Any:
    """What `write_checked` wrote at `path`, or None when it is missing or unreadable, or
    was cut short or changed since (its checksum line does not match): never half-believed.
    JSON's ValueError, and whatever `object_hook` raises, reach the caller."""
    try:
        with open(path, encoding="utf-8") as handle:
            checksum, _, text = handle.read().partition("\n")
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return None
    if checksum != f"{zlib.crc32(text.encode()):08x}":
        return None
    return json.loads(text, object_hook=object_hook)


def write_checked(path: str, entries: object, sort_keys: bool = False) -> None:
    """`entries` as JSON after a checksum line, written whole or not at all: another
    jobgen reads the old file or this one. Nothing is written for a text UTF-8 cannot
    hold (a lone surrogate), nor on a write that fails: a cache never fails a run."""
    try:
        text = json.dumps(entries, ensure_ascii=False, sort_keys=sort_keys)
        data = f"{zlib.crc32(text.encode()):08x}\n{text}".encode()
    except ValueError:
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


def _write(path: str, stem: str, data: Any) -> None:
    """Keep `data` at `path` if JSON gives it back exactly (else it is parsed each time),
    written whole or not at all, and drop the entries of the file's earlier contents."""
    try:
        text = json.dumps(data, ensure_ascii=False, default=_encode)
        if json.loads(text, object_hook=_decode) != data:
            return  # something JSON cannot tell apart (a number as a key): not cached
    except (TypeError, ValueError, RecursionError):
        return
    folder = os.path.dirname(path)
    with contextlib.suppress(OSError):
        for old in os.listdir(folder):
            if old.startswith(f"{stem}-") and old.count("-") == stem.count("-") + 2:
                os.remove(os.path.join(folder, old))
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(f"{zlib.crc32(text.encode()):08x}\n{text}")
        os.replace(temporary, path)  # another jobgen reads the old file or this one
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


def _encode(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {_DATE: value.isoformat()}
    raise TypeError(f"not kept in the cache: {type(value).__name__}")


def _decode(mapping: dict[str, Any]) -> object:
    if len(mapping) == 1 and _DATE in mapping:
        return dt.date.fromisoformat(mapping[_DATE])
    return mapping


def _remove_other_versions(parent: str, prefix: str) -> None:
    """Another jobgen's cache is never read again (its folder name differs)."""
    import shutil

    with contextlib.suppress(OSError):
        for name in os.listdir(parent):
            if name.startswith(prefix):
                shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
