"""Point a finding in a rendered posting back at the input file a recruiter edits."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import display_path
from . import memo
from .document import Block
from .patterns import compiled

_TOKEN = compiled(r"[^\s*_`]+")


CACHED_FILES = 32  # files' texts kept: a batch goes company by company, each needs a few
LINES_KEPT = 512  # words whose line is kept per file, the oldest dropped first


class Locator:
    """Finds the file and line where words of a posting were written (best effort:
    text a template or Markdown changed is not found, and the finding keeps no `where`)."""

    def __init__(
        self,
        files: Sequence[Path],
        cache: dict[Path, str] | None = None,
        names: dict[tuple[str, Path], str] | None = None,
        found: dict[Path, tuple[str, dict[tuple[str, str, str], int | None]]] | None = None,
    ) -> None:
        self.texts: list[tuple[Path, str]] = []
        cache = {} if cache is None else cache  # a batch reads each profile once
        # Each file's name as printed, by the folder it was named from: resolving a path
        # costs a system call per folder, and a batch names the same few files many times.
        self.names = {} if names is None else names
        # The line of each words searched for in each file (None: not in it), by the
        # file's text: a role's findings recur at every company that posts it.
        self.found = {} if found is None else found
        self.cwd: str | None = None  # the folder names are printed from
        for path in files:
            if path not in cache:
                if len(cache) >= CACHED_FILES:  # a batch goes company by company: the oldest
                    del cache[next(iter(cache))]  # profile is the one least likely again
                if len(self.names) >= CACHED_FILES * 4:
                    del self.names[next(iter(self.names))]
                try:
                    cache[path] = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
            self.texts.append((path, cache[path]))

    def find(self, words: str, before: str = "", after: str = "") -> str | None:
        """The file and line of `words`, found with the words `before` and `after` them
        (context, to tell one occurrence from another) but pointing at `words` themselves."""
        key = (words, before, after)
        for path, text in self.texts:
            lines = self._lines(path, text)
            line = lines.get(key, 0)  # 0: not searched for yet
            if line == 0:
                pattern = _pattern(words, before, after)
                if pattern is None:
                    return None
                start = _uncommented(pattern, text)
                line = text.count("\n", 0, start) + 1 if start is not None else None
                if len(words) <= memo.LONGEST:
                    memo.keep(lines, key, line, LINES_KEPT)
            if line is not None:
                return f"{self.name(path)}:{line}"
        return None

    def _lines(self, path: Path, text: str) -> dict[tuple[str, str, str], int | None]:
        """What was found in `path` so far, while it holds `text`."""
        kept = self.found.get(path)
        if kept is None or kept[0] is not text:
            if path not in self.found and len(self.found) >= CACHED_FILES:
                del self.found[next(iter(self.found))]
            kept = self.found[path] = (text, {})
        return kept[1]

    def name(self, path: Path) -> str:
        if self.cwd is None:  # asked once per posting, not per finding (a system call)
            self.cwd = os.getcwd()
        key = (self.cwd, path)
        if key not in self.names:
            self.names[key] = display_path(path)
        return self.names[key]

    def locate(self, text: str | None, block: Block | None) -> str | None:
        """The words in context first (one word alone may occur anywhere), then alone."""
        candidates = _candidates(text, None if block is None else block.text)
        for words, before, after in candidates:
            found = self.find(words, before, after)
            if found:
                return found
        return None


@lru_cache(maxsize=memo.KEPT)  # a role's findings recur at every company that posts it
def _candidates(text: str | None, block: str | None) -> tuple[tuple[str, str, str], ...]:
    """The words to look for, each with the words before and after it, in that order."""
    candidates: list[tuple[str, str, str]] = []
    if block is not None:
        if text and text in block:
            start = block.index(text)
            before = block[:start].split()[-4:]
            after = block[start + len(text) :].split()[:4]
            candidates.append((text, " ".join(before), " ".join(after)))
            candidates.append((text, " ".join(before[-1:]), " ".join(after[:1])))
        candidates.append((" ".join(block.split()[:10]), "", ""))
    if text:
        candidates.append((text[:300], "", ""))
    return tuple(candidates)


def _uncommented(pattern: re.Pattern[str], text: str) -> int | None:
    """Where `pattern` first finds its words outside a YAML comment: a file made by `jobgen
    new` keeps commented-out examples (`# apply_url: https://example.com/...`)."""
    for match in pattern.finditer(text):
        start = match.start("words")
        before = text[text.rfind("\n", 0, start) + 1 : start]
        if not (before.lstrip().startswith("#") or " #" in before):
            return start
    return None


@lru_cache(maxsize=memo.KEPT)
def _pattern(words: str, before: str, after: str) -> re.Pattern[str] | None:
    """`words` with their context as a pattern; None for words with no token."""
    if not _TOKEN.findall(words):
        return None
    # YAML folds long text over indented lines: any run of space may be a line break;
    # "speaker." has none between the words and the context.
    return re.compile(
        (_joined(before) + r"\s*" if before else "")
        + "(?P<words>"
        + _joined(words)
        + ")"
        + (r"\s*" + _joined(after) if after else "")
    )


def _joined(words: str) -> str:
    """`words` as a pattern: each token literal, any run of space between them."""
    return r"\s+".join(re.escape(token) for token in _TOKEN.findall(words))


def pay_line(sources: Sequence[Path], role_id: str) -> str | None:
    """Where a posting's pay is written, for a finding about it: an opening's `pay:`,
    else the role's entry under the profile's `pay:` (else `pay:` itself)."""
    for path in sources:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        top = next((n for n, line in enumerate(lines) if re.match(r"pay\s*:", line)), None)
        if top is None:
            continue
        entry = re.compile(rf"\s+{re.escape(role_id)}\s*:")
        for number in range(top + 1, len(lines)):
            if lines[number] and not lines[number][0].isspace():
                break  # the next top-level key: pay: is over
            if entry.match(lines[number]):
                return f"{display_path(path)}:{number + 1}"
        return f"{display_path(path)}:{top + 1}"
    return None
