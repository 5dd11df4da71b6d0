"""Roles, profiles, openings and jobgen.yaml kept checked between runs, as JSON.

Reading a profile costs ~3 ms: PyYAML composes it, its nesting is measured, and every
field is checked with its position. A run that reads 80 profiles spends a quarter of a
second on that before any posting is rendered, and a `generate` imports PyYAML (~15 ms)
for two files. A file that was read without a problem is kept under
$XDG_CACHE_HOME/jobgen/models-VERSION/ (or ~/.cache): the model it gave, the references
it makes to other files (role and stage ids), and the position of its fields when asked.

A translation (translations.py) is kept the same way, keyed also by a checksum of the
model it translates and the two languages, so a posting in German needs no PyYAML either.

It is used again only when all of these are the same:
- the file's path and a BLAKE2 checksum of its bytes, the model asked for and its id;
- jobgen's code that reads inputs and lint's data (each file's size and time), Python,
  the installed distributions (PyYAML's version among them);
- every file or folder the file points at (a logo, a templates folder): where its path
  leads now, and for a file its size and time. A logo replaced by a broken one is
  checked again.

A file with a problem is never kept: problems are always worked out afresh. The entry is
JSON, never pickle: loading it builds only jobgen's own model classes (dataclasses of
`jobgen.inputs` and `jobgen.errors`, named in the entry) and runs no other code,
whoever wrote the folder. Whatever goes wrong (a read-only home, a full disk, a corrupt
or foreign entry) costs only the reading. JOBGEN_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..fast_dataclass import dataclass
from ..limits import MAX_FILE_BYTES
from .data_cache import (
    distributions,
    drop_oldest,
    read_checked,
    versioned_folder,
    write_checked,
)
from .workspace import builtin_root

FORMAT = 2  # of the entries: changed when what an entry holds changes
# Entries kept in the folder (8-13 KB each on disk: ~26 MB); the oldest go past it. A
# run that reads more files than that writes none past the first KEPT: the cache could
# not hold its files anyway, and each run would otherwise rewrite thousands of entries.
KEPT = 2_000
_PATH_TYPE = type(Path())
_PLAIN = (str, int, float, bool, type(None))
_OWN_MODULES = "jobgen.inputs."  # the only classes an entry may name (and jobgen.errors)


class _NotKept(Exception):
    """A value the cache cannot give back exactly: the file is read each time."""


@dataclass
class Kept:
    """What reading a file gave: its model, references and field positions."""

    model: Any
    references: list[Any]
    places: dict[str, Any] | None
    local_files: list[tuple[str, str, str, int, int]]  # as nodes.Context.local_files
    missing: tuple[str, ...] = ()  # of a translation: the source's text it does not give


@dataclass
class Ticket:
    """A file not found in the cache: its bytes as read, to be parsed, and where and
    under which key what they give is kept. The model is kept under the checksum of the
    very bytes it was made from, even if the file changes while it is read."""

    name: str
    key: str
    data: bytes


_writes = 0  # entries this process wrote
_lookups = 0  # files this process looked up
_code_key: str | None = None


def lookup(kind: type, path: Path, extra: dict[str, Any], places: bool) -> Kept | Ticket | None:
    """What reading `path` as `kind` gave before, if nothing it depends on has changed;
    else a Ticket with the file's bytes, to parse and `store`; None without a cache (or
    for a file that is not a plain one of at most MAX_FILE_BYTES: read_node explains)."""
    global _lookups
    _lookups += 1
    ticket = _ticket(kind, path, extra, places)
    if ticket is None:
        return None
    try:
        entry = read_checked(ticket.name, _decode)
        if entry is None or entry["key"] != ticket.key:
            return ticket
        if not _same_local_files(path, entry["local_files"]):
            return ticket
        return Kept(
            entry["model"],
            entry["references"],
            entry["places"],
            entry["local_files"],
            entry["missing"],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, _NotKept):
        return ticket


def store(ticket: Ticket, kept: Kept) -> None:
    """Keep what parsing the ticket's bytes gave, if it can be given back exactly."""
    global _writes
    if _lookups > KEPT:
        return
    entry = {
        "key": ticket.key,
        "model": kept.model,
        "references": kept.references,
        "places": kept.places,
        "local_files": kept.local_files,
        "missing": kept.missing,
    }
    try:
        encoded = _encode(entry)
        text = json.dumps(encoded, ensure_ascii=False)
        if json.loads(text, object_hook=_decode) != entry:
            return  # something the encoding does not give back equal: read each time
    except (_NotKept, ValueError, TypeError, RecursionError):
        return
    _writes += 1
    write_checked(ticket.name, encoded)
    if _writes % 500 == 0:  # only runs that read many new files make the folder grow
        drop_oldest(os.path.dirname(ticket.name), KEPT, lambda name: name.endswith(".json"))


def digest(model: Any) -> str | None:
    """A checksum of everything `model` holds, to key what is made from it (a
    translation over it); None for a model the cache cannot hold."""
    try:
        text = json.dumps(_encode(model), ensure_ascii=False)
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _ticket(kind: type, path: Path, extra: dict[str, Any], places: bool) -> Ticket | None:
    """The file's bytes, its entry's file and the key the entry must hold; None with no
    cache or no plain file."""
    folder = versioned_folder("models")
    if folder is None:
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None  # read_node explains it; a FIFO must not be opened here
        data = path.read_bytes()  # as yaml_read does: a file it cannot read is not found here
        text = json.dumps([str(path), kind.__module__, kind.__qualname__, extra, places])
    except (OSError, TypeError, ValueError):
        return None
    if len(data) > MAX_FILE_BYTES:
        return None  # grew since it was measured: read_node says so
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    key = f"{FORMAT} {text} {digest} {_code()}"
    name = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return Ticket(os.path.join(folder, f"{name}.json"), key, data)


def _code() -> str:
    """jobgen's code that reads inputs, Python, and the installed distributions."""
    global _code_key
    if _code_key is None:
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        lines = [sys.version, sys.executable, *distributions()]
        # jobgen.yaml's lint settings are checked against lint's data (a phrase's slots)
        lint_data = os.path.join(os.fspath(builtin_root()), "lint")
        for folder in (package, os.path.join(package, "inputs"), lint_data):
            for name in sorted(os.listdir(folder)):
                if name.endswith((".py", ".json", ".yaml")):
                    info = os.stat(os.path.join(folder, name))
                    lines.append(f"{folder}/{name} {info.st_size} {info.st_mtime_ns}")
        _code_key = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
    return _code_key


def _same_local_files(path: Path, local_files: Iterable[list[Any]]) -> bool:
    """Whether each file or folder the entry's file points at is still where, and what,
    it was: the checks of nodes.local_path would pass again, with the same result."""
    for base, written, target, size, mtime in local_files:
        here = path.parent.resolve()
        if str(here) != base or str((here / written).resolve()) != target:
            return False
        try:
            info = os.stat(target)
        except OSError:
            return False
        if size < 0:  # a folder
            if not stat.S_ISDIR(info.st_mode):
                return False
        elif not stat.S_ISREG(info.st_mode) or (info.st_size, info.st_mtime_ns) != (size, mtime):
            return False
    return True


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [_encode(item) for item in value]
    if kind is tuple:
        return {"t": [_encode(item) for item in value]}
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise _NotKept
        return {"d": [[key, _encode(item)] for key, item in value.items()]}
    if kind is dt.date:
        return {"date": value.isoformat()}
    if kind is _PATH_TYPE:
        return {"path": str(value)}
    if kind is frozenset:  # in a set order of its own: the same text in every process
        return {"fs": sorted((_encode(item) for item in value), key=json.dumps)}
    module = kind.__module__
    if (
        (module.startswith(_OWN_MODULES) or module == "jobgen.errors")
        and dataclasses.is_dataclass(kind)
        and kind.__new__ is object.__new__
        and hasattr(value, "__dict__")
    ):
        fields = [[name, _encode(item)] for name, item in vars(value).items()]
        return {"m": f"{module}:{kind.__qualname__}", "f": fields}
    raise _NotKept


def _decode(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1:
        ((tag, value),) = mapping.items()
        if tag == "t":
            return tuple(value)
        if tag == "d":
            return dict(value)
        if tag == "date":
            return dt.date.fromisoformat(value)
        if tag == "path":
            return Path(value)
        if tag == "fs":
            return frozenset(value)
    elif len(mapping) == 2 and "m" in mapping and "f" in mapping:
        made = object.__new__(_model_class(mapping["m"]))
        made.__dict__.update(mapping["f"])  # as pickle does: frozen fields, no __init__
        return made
    raise _NotKept


_classes: dict[str, type] = {}


def _model_class(name: str) -> type:
    """One of jobgen's own model classes, by `module:qualname`; never anything else."""
    found = _classes.get(name)
    if found is not None:
        return found
    module_name, _, qualname = name.partition(":")
    if not (module_name.startswith(_OWN_MODULES) or module_name == "jobgen.errors"):
        raise _NotKept
    module = sys.modules.get(module_name)  # imported by whoever reads such files: no import
    found = getattr(module, qualname, None) if qualname.isidentifier() else None
    if not (
        isinstance(found, type)
        and dataclasses.is_dataclass(found)
        and found.__module__ == module_name
        and found.__new__ is object.__new__
    ):
        raise _NotKept
    _classes[name] = found
    return found
