"""What jobgen worked out of a template's source, kept between runs beside the compiled
templates: the templates it names (`template_files.unused_templates`), its blocks and
what it extends (`blocks.check_blocks`).

Parsing a template costs ~10-30 ms, and a workspace made by `jobgen init` has its own
posting template, which every `generate` checked by parsing it. The folder is named
after the code that sets up the environment and Jinja's version (render/cache.py), so
another parser's answers are never read; each entry is keyed by a checksum and the
length of the source, as data_cache.py keys files. A source whose facts are not there
is parsed, as before; a file that is cut short or changed since is not believed.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from typing import Any

from ..inputs.data_cache import read_checked, write_checked

MAX_KEPT = 1_000  # template sources whose facts are kept in one file


class SourceFacts:
    """`{source: facts}` in the file `name` of `env`'s template cache; `valid` says
    whether a kept value has the shape the caller wrote."""

    def __init__(self, env: Any, name: str, valid: Callable[[Any], bool]) -> None:
        cache = getattr(env, "bytecode_cache", None)
        folder = getattr(cache, "directory", None)
        self.path = os.path.join(folder, name) if isinstance(folder, str) else None
        self.valid = valid
        self.entries: dict[str, Any] = {}
        self.added = False
        if self.path is None:
            return
        try:
            found = read_checked(self.path)
        except ValueError:
            found = None
        if isinstance(found, dict):
            self.entries = found

    def get(self, source: bytes) -> Any | None:
        found = self.entries.get(self._key(source))
        return found if found is not None and self.valid(found) else None

    def add(self, source: bytes, facts: Any) -> None:
        if len(self.entries) >= MAX_KEPT:
            self.entries.clear()  # templates edited many times: start again
        self.entries[self._key(source)] = facts
        self.added = True

    def save(self) -> None:
        """Written whole or not at all, when a template was parsed."""
        if self.added and self.path is not None:
            write_checked(self.path, self.entries, sort_keys=True)
            self.added = False

    @staticmethod
    def _key(source: bytes) -> str:
        return f"{zlib.crc32(source):08x}-{len(source)}"
