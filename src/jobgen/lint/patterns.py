"""Lint's largest regular expressions, kept compiled between runs.

Python compiles a pattern in Python code, every run: pay's amounts, ranges and
open-ended pay alone cost ~7 ms of every `generate`, `lint` and `stage`. `compiled`
keeps what the compiler makes of a pattern (the regex engine's program, a list of
numbers, and its groups) in lint's cache folder (`inputs/data_cache.py`) and hands it
to the engine as `re.compile` does, which then only checks it. Any mismatch or failure
(no cache, a corrupt or foreign entry, a Python whose compiler is laid out otherwise)
falls back to `re.compile`, which gives the same pattern.

Each pattern is a file of its own, named after a digest of the pattern, in a folder
named after the exact Python build (its version and the engine's magic number): another
Python never reads them. A run reads only the patterns it uses: a phrase list's
alternations depend on the words of each block, and some are 50 KB of program, so one
file of every pattern ever met would grow with every new text and be read whole by
every start. New patterns are written when the process ends; past MAX_ENTRIES files,
the oldest are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import zlib
from typing import Any

from ..inputs.data_cache import cache_folder, drop_oldest, read_checked, write_checked

MAX_ENTRIES = 1_000  # files kept; the oldest written are removed past these
# New patterns a process keeps to write: one that meets more is meeting one-off texts
# (each phrase-list pattern is the alternation of the phrases a block may hold), and
# holding each one's program until the end would cost memory for nothing.
MAX_ADDED = 100
_folder: str | None = None  # this Python build's folder of patterns, found once
_found = False
_added: dict[str, list[Any]] = {}  # file name -> [key, entry], written when the process ends
_registered = False


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, from what an earlier run's compiler made of it."""
    flags = int(flags)
    key = f"{flags}:{source}"
    folder = _patterns_folder()
    if folder is None:  # no cache: nothing to read, nothing to keep
        return re.compile(source, flags)
    name = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    name += ".json"
    with contextlib.suppress(Exception):  # a foreign or damaged entry: compiled anew
        kept = read_checked(os.path.join(folder, name))
        if kept is not None and kept[0] == key:
            return _from_entry(source, kept[1])
    pattern, entry = _compile(source, flags)
    if entry is not None and len(_added) < MAX_ADDED:
        _added[name] = [key, entry]
        _keep_at_exit()
    return pattern


def _keep_at_exit() -> None:
    global _registered
    if not _registered:
        import atexit

        atexit.register(_save_added)
        _registered = True


def keep_in_worker() -> None:
    """In a worker process, which ends without running `atexit`: write what it compiles
    when it ends (multiprocessing runs its finalizers then), and leave what the parent
    compiled before the fork to the parent."""
    from multiprocessing import util

    _added.clear()
    util.Finalize(None, _save_added, exitpriority=0)


def _save_added() -> None:
    """Write the patterns this process compiled, once, when it ends: a batch that meets
    many new texts writes once."""
    if not _added or _folder is None:
        return
    with contextlib.suppress(OSError):
        if not os.path.isdir(_folder):
            with contextlib.suppress(OSError):  # the one file of every pattern, of before
                os.remove(f"{_folder}.json")
            os.makedirs(_folder, mode=0o700, exist_ok=True)
        for name, kept in _added.items():
            write_checked(os.path.join(_folder, name), kept)
        drop_oldest(_folder, MAX_ENTRIES, lambda name: name.endswith(".json"))
    _added.clear()


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


def _patterns_folder() -> str | None:
    """`lint-VERSION/patterns-BUILD/` in the cache (made when a pattern is first
    written); None without a cache, or on a Python whose engine cannot say its build."""
    global _folder, _found
    if _found:
        return _folder
    _found = True
    lint_folder = cache_folder()
    try:
        import _sre

        build = f"{sys.version}|{sys.implementation.name}|{_sre.MAGIC}|{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return None
    if lint_folder is not None:
        _folder = os.path.join(lint_folder, f"patterns-{zlib.crc32(build.encode()):08x}")
    return _folder
