"""What `jobgen check` worked out for each part of a workspace, kept for the next check.

`check_cache.py` answers a check of unchanged files; after an edit, this module lets
the check redo only what the edit can change. Every file but the role files and company
profiles (jobgen.yaml, templates, lint's data, translations, openings, the files a
profile points at), jobgen's code, the packages, Python, the folder, the languages asked
and the environment make one shared key (`check_cache.split_key`): the parts are kept in
one file named after it, so an edit of any of those checks everything again. Within it
each part has its own key:

- a posting: its role file's and its profile's checksums, and a checksum of the posting
  as read (role, company, opening, language, date: everything its render sees but the
  shared files);
- a company's hiring-plan page: its profile's and its stage's role files' checksums, and
  a checksum of the plan (its postings);
- the templates (compiling, the Word reference, the PDF template, unused files, the
  stylesheet): the role ids and each template search path.

Only a part that passed is kept, with what it said (its warnings): a problem is always
worked out again (a render stopped by the time limit depends on the machine's load),
and the report is always put together whole, in order, from the parts. The file holds
the parts this check used, so it is no larger than the workspace, and KEPT files (one per
shared key) are kept; it is written whole or not at all, after the check, and only if
no file changed while the check ran. JOBGEN_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..inputs.data_cache import read_checked, versioned_folder, write_checked
from . import check_cache

KEPT = 4  # parts files: one per shared key (an edited template starts a new one)
MAX_PARTS = 200_000  # parts of one check: past them none is kept (~60 bytes each)


def digest(value: object) -> str:
    """A checksum of a model as read (its repr shows every field, and is the same in
    every process: tuples, dicts in file order, no sets), or of a string."""
    text = value if isinstance(value, str) else repr(value)
    return hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=16).hexdigest()


class Parts:
    """The kept parts of one shared key; `get` and `put` by a part's key."""

    def __init__(self, layers: Sequence[Path], languages: Sequence[str]) -> None:
        self._layers = tuple(layers)
        self._languages = tuple(languages)
        self._sources: tuple[str, ...] = ()
        self._folder = versioned_folder("check")
        self._split: tuple[str, dict[str, str]] | None = None
        self._shared: str | None = None  # with the sources: known once profiles are read
        self._kept: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._new = False
        if self._folder is not None:  # taken before any file is read
            self._split = check_cache.split_key(layers, languages)

    def open(self, sources: Sequence[str]) -> None:
        """Read the parts kept under the shared key, `sources` being the files and
        folders the profiles point at (known once the profiles are read)."""
        if self._split is None:
            return
        self._sources = tuple(sources)
        named = check_cache.sources_key(self._sources)
        if named is None:
            return
        self._shared = f"{self._split[0]}\nsources\n{named}"
        try:
            kept = read_checked(self._path())
            if kept is None:
                return  # none yet, or cut short or changed since: not half-believed
            if kept["shared"] == self._shared and isinstance(kept["parts"], dict):
                self._kept = kept["parts"]
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return
        with contextlib.suppress(OSError):
            os.utime(self._path())  # recently used: kept when older files are dropped

    def file_line(self, path: Path | None) -> str | None:
        """The checksum line of a role file or profile, None if it was not walked."""
        if path is None or self._split is None:
            return None
        return self._split[1].get(os.path.abspath(path))

    def key(self, *parts: object) -> str | None:
        """A part's key from its pieces (a checksum of them: the file stays small); None
        (never kept) if a piece is unknown."""
        if self._shared is None or any(part is None for part in parts):
            return None
        return digest(json.dumps(parts, ensure_ascii=False))

    def get(self, key: str | None) -> Any:
        """What the part of `key` said when it passed, or None."""
        if key is None or key not in self._kept:
            return None
        self._used[key] = self._kept[key]
        return self._kept[key]

    def put(self, key: str | None, value: object) -> None:
        """Keep what a part that passed said (JSON: lists, strings, numbers)."""
        if key is not None:
            self._used[key] = value
            self._new = True

    def save(self) -> None:
        """Write the parts this check used, if the files are as they were when it began."""
        if self._shared is None or self._split is None or not self._new:
            return
        if len(self._used) > MAX_PARTS:
            return
        again = check_cache.split_key(self._layers, self._languages)
        named = check_cache.sources_key(self._sources)
        if again != self._split or self._shared != f"{self._split[0]}\nsources\n{named}":
            return  # a file changed while the check ran: a part may be of either version
        write_checked(self._path(), {"shared": self._shared, "parts": self._used})
        assert self._folder is not None
        check_cache.drop_old(self._folder, parts=True, kept=KEPT)

    def _path(self) -> str:
        assert self._folder is not None and self._shared is not None
        name = f"{check_cache.PARTS}{zlib.crc32(self._shared.encode()):08x}.json"
        return os.path.join(self._folder, name)
