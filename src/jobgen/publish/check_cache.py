"""What `jobgen check` said of a workspace, kept for the next check of the same files.

`check` renders every posting of the workspace (~1 s); run again on files that have not
changed, by the same jobgen with the same libraries, from the same folder, it can only
say the same. The report of a clean check is kept under
$XDG_CACHE_HOME/jobgen/check-VERSION/ (or ~/.cache), in a file named after a checksum of
everything the check read or could read:

- every file of each layer's `jobgen.yaml`, `roles/`, `company_profiles/`, `templates/`,
  `lint/` and `fonts/`: its path and a checksum of its bytes (a new, removed or renamed
  file changes the listing, an edited one its checksum);
- the files a profile points at outside those folders (its `templates:` folder, its
  logo), recorded with the report and checked again before it is believed;
- jobgen's own code (each file's size and time), the installed distributions (their
  names and versions), Python's version, the current folder (paths in messages are
  relative to it), the languages asked, and the environment variables jobgen reads.

A workspace holding anything it cannot take a checksum of cheaply (a FIFO, a link to a
folder, more than MAX_FILES files or MAX_BYTES bytes) is checked every time. Only a
clean check is kept: problems are always worked out afresh. Whatever goes wrong with
the cache (a read-only home, a corrupt or foreign file) costs only the check itself.
JOBGEN_NO_CACHE=1 turns it off. It imports nothing but the standard library, so a check
whose files have not changed never loads Jinja, Markdown or YAML. After an edit, the
check takes what did not change from `check_parts.py`, whose keys `split_key` makes.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..inputs.data_cache import (
    distributions,
    drop_oldest,
    read_checked,
    versioned_folder,
    write_checked,
)
from ..version import __version__

FORMAT = 1  # of the entries: changed when what an entry holds changes
FOLDERS = ("roles", "company_profiles", "templates", "lint", "fonts")
FILES = ("jobgen.yaml",)
UNIT_FOLDERS = ("roles", "company_profiles")  # their YAML files are check_parts.py's units
MAX_FILES = 5_000  # past these a workspace is checked every time
MAX_BYTES = 50_000_000
ENVIRONMENT = ("HOME", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "SOURCE_DATE_EPOCH", "TZ")
PARTS = "parts-"  # check_parts.py's files, beside the reports
KEPT = 16  # entries kept: one per workspace (and folder and options) checked lately


class _Unsure(Exception):
    """Something in the workspace cannot be taken a checksum of: no caching."""


def entry(layers: Sequence[Path], languages: Sequence[str]) -> tuple[str, str] | None:
    """Where the report of a check of these files is kept, and the key it must hold;
    None without a cache, or for a workspace that is checked every time. Taken before
    the check runs, so a file edited while it runs is a different key next time."""
    folder = _folder()
    if folder is None:
        return None
    try:
        key = _key(layers, languages)
        name = f"{zlib.crc32(key.encode()):08x}.json"  # a name no UTF-8 can write: not kept
    except (OSError, _Unsure, RecursionError, ValueError):  # UnicodeError is a ValueError
        return None
    return os.path.join(folder, name), key


def lookup(found: tuple[str, str] | None) -> tuple[str, list[str]] | None:
    """The summary and warnings of the last clean check of exactly these files, or None."""
    if found is None:
        return None
    path, key = found
    try:
        kept = read_checked(path)
        if kept is None or kept["key"] != key:
            return None
        if _sources_key(kept["sources"]) != kept["sources_key"]:
            return None
        summary, warnings = kept["summary"], kept["warnings"]
        if not isinstance(summary, str) or not all(isinstance(w, str) for w in warnings):
            return None
    except (OSError, ValueError, KeyError, TypeError, _Unsure, RecursionError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when older entries are dropped
    return summary, list(warnings)


def store(
    found: tuple[str, str] | None,
    summary: str,
    warnings: Sequence[str],
    sources: Iterable[Path] = (),
) -> None:
    """Keep a clean check's report; `sources` are the files and folders outside the
    layers' folders that the check read (a profile's templates folder and logo)."""
    if found is None:
        return
    path, key = found
    try:
        named = sorted({os.path.abspath(source) for source in sources})
        kept = {
            "key": key,
            "sources": named,
            "sources_key": _sources_key(named),
            "summary": summary,
            "warnings": list(warnings),
        }
    except (OSError, _Unsure, RecursionError, ValueError):
        return
    write_checked(path, kept)  # whole or not at all; nothing for a name UTF-8 cannot write
    drop_old(os.path.dirname(path))


def _folder() -> str | None:
    return versioned_folder("check")


def _key(layers: Sequence[Path], languages: Sequence[str]) -> str:
    """Everything a clean check's report depends on, as one string (checksums of files,
    not their bytes): two runs with the same key say the same."""
    return "\n".join(_lines(layers, languages, [MAX_FILES, MAX_BYTES]))


def split_key(
    layers: Sequence[Path], languages: Sequence[str]
) -> tuple[str, dict[str, str]] | None:
    """The key of everything but the role files and company profiles (what every posting
    depends on), and a line per role file and profile (`{absolute path: line}`), for
    `check_parts.py`; None where `entry` would be None."""
    try:
        shared: list[str] = []
        units: dict[str, str] = {}
        for line in _lines(layers, languages, [MAX_FILES, MAX_BYTES]):
            path = _unit_path(line, layers)
            if path is None:
                shared.append(line)
            else:
                units[path] = line
        key = "\n".join(shared)
        key.encode()  # a name UTF-8 cannot write: no key
    except (OSError, _Unsure, RecursionError, ValueError):
        return None
    return key, units


def sources_key(sources: Iterable[str]) -> str | None:
    """The key of the files and folders profiles point at (their logo, their templates
    folder), None if one cannot be taken a checksum of."""
    try:
        key = _sources_key(sorted({os.path.abspath(source) for source in sources}))
        key.encode()
    except (OSError, _Unsure, RecursionError, ValueError):
        return None
    return key


def _unit_path(line: str, layers: Sequence[Path]) -> str | None:
    """The absolute path of a role file or profile (a YAML file directly in a layer's
    `roles/` or `company_profiles/`) that `line` names, else None."""
    if not line.startswith("file "):
        return None
    path = line[5:].rsplit(" ", 2)[0]
    folder, name = os.path.split(path)
    if not os.path.normcase(name).endswith((".yaml", ".yml")):
        return None
    parent, kind = os.path.split(folder)
    if kind not in UNIT_FOLDERS or parent not in {os.fspath(layer) for layer in layers}:
        return None
    return os.path.abspath(path)


def _lines(layers: Sequence[Path], languages: Sequence[str], budget: list[int]) -> list[str]:
    lines = [
        f"format {FORMAT} jobgen {__version__} python {sys.version} {sys.executable}",
        f"cwd {os.getcwd()}",
        f"languages {json.dumps(list(languages))}",
        *(f"env {name}={os.environ.get(name)!r}" for name in ENVIRONMENT),
        *(f"env {n}={v!r}" for n, v in sorted(os.environ.items()) if n.startswith("JOBGEN_")),
        *_code(),
        *distributions(),
    ]
    for layer in layers:
        lines.append(f"layer {os.path.abspath(layer)}")
        for name in FILES:
            lines.extend(_tree(os.path.join(layer, name), budget))
        for name in FOLDERS:
            lines.extend(_tree(os.path.join(layer, name), budget))
    return lines


def _sources_key(sources: Sequence[str]) -> str:
    budget = [MAX_FILES, MAX_BYTES]
    return "\n".join(line for source in sources for line in _tree(source, budget))


def _tree(path: str, budget: list[int]) -> list[str]:
    """A line per file at or under `path`: its path and a checksum of its bytes."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return [f"none {path}"]
    if stat.S_ISLNK(info.st_mode):
        info = os.stat(path)  # a link to a file is read through; to a folder, not followed
        if not stat.S_ISREG(info.st_mode):
            raise _Unsure(path)
    if stat.S_ISDIR(info.st_mode):
        with os.scandir(path) as scan:
            names = sorted(entry.name for entry in scan)
        budget[0] -= len(names)
        if budget[0] < 0:
            raise _Unsure(path)
        lines = [f"dir {path}"]
        for name in names:
            if name != "__pycache__":
                lines.extend(_tree(os.path.join(path, name), budget))
        return lines
    if not stat.S_ISREG(info.st_mode):
        raise _Unsure(path)  # a FIFO would block, a device never end
    budget[1] -= info.st_size
    if budget[1] < 0:
        raise _Unsure(path)
    with open(path, "rb") as handle:
        data = handle.read()
    return [f"file {path} {len(data)} {zlib.crc32(data):08x}"]


def _code() -> list[str]:
    """jobgen's own files, by size and time: a changed jobgen says things differently."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    lines = []
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f not in ("__pycache__", "_builtin"))
        for name in sorted(files):
            info = os.stat(os.path.join(folder, name))
            lines.append(f"code {folder}/{name} {info.st_size} {info.st_mtime_ns}")
    return lines


def drop_old(folder: str, parts: bool = False, kept: int = KEPT) -> None:
    """Only the `kept` most recently used reports (or check_parts.py's files) are kept."""
    drop_oldest(
        folder, kept, lambda name: name.endswith(".json") and name.startswith(PARTS) == parts
    )
