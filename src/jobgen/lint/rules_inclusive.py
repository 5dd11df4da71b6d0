"""Inclusive language: gender-coded words and exclusionary or cliché phrases.

The words and phrases come from the rule book (lint/gendered-words.yaml,
lint/exclusionary-language.yaml); nothing here lists words.
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import counted
from ..fast_dataclass import dataclass
from . import memo
from .book import RuleBook
from .patterns import compiled
from .phrasing import fill, literal_parts, phrase_pattern, slot_pattern, with_article
from .scan import Scan


@dataclass(frozen=True)
class Coding:
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    label: str  # "strongly masculine-coded", "neutral", ...


@dataclass(frozen=True)
class _WordList:
    words: frozenset[str]  # whole words (a plural -s also counts)
    stems: tuple[str, ...]  # word starts

    @classmethod
    def of(cls, entries: tuple[str, ...]) -> _WordList:
        cleaned = [e.strip().lower() for e in entries]
        return cls(
            frozenset(e for e in cleaned if not e.endswith("*")),
            tuple(e[:-1] for e in cleaned if e.endswith("*")),
        )

    def has(self, word: str) -> bool:
        return (
            word in self.words
            or (word.endswith("s") and word[:-1] in self.words)
            or word.startswith(self.stems)
        )


_TOKEN = compiled(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A block's coded words, and a word's kind, are kept up to this many of each: a batch
# lints one role's text at many companies, and a posting's words recur across roles.
# (Short texts only, as in memo.py: a hostile file cannot fill memory.)
_MEMO_KEPT = 20_000
_LONGEST_WORD = 60


class _GenderLists:
    """A book's two word lists, with what was found in each text and word so far."""

    def __init__(self, masculine: tuple[str, ...], feminine: tuple[str, ...]) -> None:
        self.masculine, self.feminine = masculine, feminine
        self.lists = (_WordList.of(masculine), _WordList.of(feminine))
        self.kinds: dict[str, str | None] = {}  # lowercased word -> its kind, or None
        self.found: dict[str, tuple[tuple[int, str, str], ...]] = {}  # text -> its hits

    def kind(self, lowered: str) -> str | None:
        kind = self.kinds.get(lowered, "")
        if kind == "":
            masculine_list, feminine_list = self.lists
            kind = (
                "masculine"
                if masculine_list.has(lowered)
                else "feminine"
                if feminine_list.has(lowered)
                else None
            )
            if len(lowered) <= _LONGEST_WORD:
                if len(self.kinds) >= _MEMO_KEPT:
                    self.kinds.clear()
                self.kinds[lowered] = kind
        return kind

    def hits(self, text: str) -> tuple[tuple[int, str, str], ...]:
        """Each coded word of `text`: where it starts, the word and its kind, in order."""
        found = self.found.get(text)
        if found is None:
            found = tuple(
                (match.start(), match.group(), kind)
                for match in _TOKEN.finditer(text)
                if (kind := self.kind(match.group().lower()))
            )
            if len(text) <= memo.LONGEST:
                memo.keep(self.found, text, found)
        return found


# Sets and stem tuples, not one big regex: compiling that cost more than checking a posting.
# Keyed by the book's id, each entry keeps the book's word lists and is used only for those
# very lists: a freed book's id may be given to a new one with other words (a workspace's
# `gendered_word:` settings), which must not get the old lists. A few books at most are kept.
_LISTS: dict[int, _GenderLists] = {}
_LISTS_KEPT = 8


def _gender_lists(book: RuleBook) -> _GenderLists:
    found = _LISTS.get(id(book))
    if (
        found is None
        or found.masculine is not book.masculine
        or found.feminine is not book.feminine
    ):
        while len(_LISTS) >= _LISTS_KEPT:
            del _LISTS[next(iter(_LISTS))]  # the oldest
        found = _LISTS[id(book)] = _GenderLists(book.masculine, book.feminine)
    return found


def gendered_wording(scan: Scan) -> Coding:
    lists = _gender_lists(scan.book)
    ignore = scan.book.gender_ignore
    masculine: list[str] = []
    feminine: list[str] = []
    name = scan.context.company.name if scan.context.company else ""
    kept = lists.found
    for block in scan.document.blocks:
        hits = kept.get(block.text)  # (most blocks: kept, and no coded word)
        if hits is None:
            hits = lists.hits(block.text)
        if not hits:
            continue
        # The company's name is no wording choice: "Quillon Analytics" is not analytical.
        named = _spans(block.text, name)
        for start, word, kind in hits:
            if ignore and word.lower() in ignore:
                continue
            if named and any(begin <= start < end for begin, end in named):
                continue
            (masculine if kind == "masculine" else feminine).append(word)
            scan.add(
                "gendered-word",
                f"{kind}-coded word {word!r}",
                block,
                word,
            )
    strongly = int(scan.book.rule("gendered-balance").settings.get("strongly", 4))
    difference = len(feminine) - len(masculine)
    if not (scan.book.masculine or scan.book.feminine):
        label = "not checked"  # the language has no list (French): no claim of neutrality
    elif difference == 0:
        label = "neutral"
    else:
        side = "feminine" if difference > 0 else "masculine"
        label = f"{'strongly' if abs(difference) >= strongly else 'slightly'} {side}-coded"
    if difference < 0:
        scan.add(
            "gendered-balance",
            f"the posting is {label}: {counted(len(masculine), 'masculine-coded word')} "
            f"({_sample(masculine)}) against {len(feminine)} feminine-coded",
            None,
            ", ".join(dict.fromkeys(w.lower() for w in masculine)),
            suggestion=(
                f"Replace some of {_sample(masculine, 3, quoted=True)} with plain descriptions "
                "of the work, or describe how the team collaborates and supports each other; "
                "a word your postings need goes under lint: gendered-word: ignore: in "
                "jobgen.yaml."
            ),
        )
    return Coding(tuple(masculine), tuple(feminine), label)


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where `name` stands in `text`, as (start, end) pairs."""
    if not name or name not in text:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]


def _sample(found: list[str], limit: int = 6, quoted: bool = False) -> str:
    unique = list(dict.fromkeys(w.lower() for w in found))
    shown = [f'"{w}"' if quoted else w for w in unique[:limit]]
    more = f", +{len(unique) - limit} more" if len(unique) > limit else ""
    return ", ".join(shown) + more


@dataclass
class _PhraseMatcher:
    spellings: tuple[str, ...]
    slots: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        # What each spelling needs in a text, outside its slots: cheap tests before the regex.
        self.parts = tuple(tuple(literal_parts(p)) for p in self.spellings)
        self.keys = tuple(max(" ".join(p).split(), key=len) for p in self.parts)  # rarest word
        # An alternation per set of spellings a block may hold, compiled on first need:
        # most never are, and a slot-led spelling ("{language} native speaker") is only
        # run over a block that has all its other words.
        self.compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def may_match(self, text: str, flat: str) -> bool:
        """False when the lowercased `text` (and `flat`, its spaces and hyphens as one
        space) cannot hold any spelling: most phrases are ruled out here, uncompiled."""
        if not any(k in text for k in self.keys):
            return False
        return any(all(map(flat.__contains__, parts)) for parts in self.parts)

    def pattern_for(self, flat: str) -> re.Pattern[str] | None:
        """The spellings whose words are all in `flat` (a block), as one regex."""
        chosen = tuple(
            i for i, parts in enumerate(self.parts) if all(map(flat.__contains__, parts))
        )
        if not chosen:
            return None
        if chosen not in self.compiled:
            self.compiled[chosen] = compiled(
                "|".join(phrase_pattern(self.spellings[i], self.slots) for i in chosen),
                re.IGNORECASE,
            )
        return self.compiled[chosen]


class _PhraseList:
    """A book's phrases as matchers, with the phrases found in each text so far."""

    def __init__(self, book: RuleBook) -> None:
        self.phrases = book.phrases
        words = book.slot_words()
        self.matchers = [_PhraseMatcher(entry.phrases, words) for entry in book.phrases]
        self.found: dict[str, tuple[tuple[int, str], ...]] = {}  # text -> its hits
        # The matchers each key word rules in: a text is tested once for each key, not
        # once for each key of each of some hundred matchers.
        self.by_key: dict[str, list[int]] = {}
        for index, matcher in enumerate(self.matchers):
            for key in matcher.keys:
                self.by_key.setdefault(key, []).append(index)

    def hits(self, text: str) -> tuple[tuple[int, str], ...]:
        """Each phrase in the block `text`: its index in the list and the words, in the
        order of the list, then of the text."""
        found = self.found.get(text)
        if found is None:
            lowered = text.lower()
            flat = ""
            hits: list[tuple[int, str]] = []
            ruled_in = {i for key, found in self.by_key.items() if key in lowered for i in found}
            for index in sorted(ruled_in):  # in the list's order
                matcher = self.matchers[index]
                flat = flat or " ".join(re.split(r",?[\s\-]+", lowered))
                pattern = matcher.pattern_for(flat)
                hits += ((index, m.group()) for m in (pattern.finditer(text) if pattern else ()))
            found = tuple(hits)
            if len(text) <= memo.LONGEST:
                memo.keep(self.found, text, found)
        return found


# Matchers per phrase list, keyed by the list's id. Each entry keeps its list alive, so
# the id cannot be reused by a new list while the entry exists; a few lists at most
# (one per workspace `lint:` setting) are kept.
_MATCHERS: dict[int, _PhraseList] = {}
_MATCHERS_KEPT = 8


def _phrase_list(book: RuleBook) -> _PhraseList:
    found = _MATCHERS.get(id(book.phrases))
    if found is None or found.phrases is not book.phrases:
        while len(_MATCHERS) >= _MATCHERS_KEPT:
            del _MATCHERS[next(iter(_MATCHERS))]  # the oldest
        found = _MATCHERS[id(book.phrases)] = _PhraseList(book)
    return found


def phrases(scan: Scan) -> None:
    """Exclusionary and cliché phrases, each with a rewording in the posting's own words."""
    if not (scan.on("exclusionary-language") or scan.on("cliche")):
        return
    # One alternation of every phrase is slow in Python's re; most phrases are absent,
    # and substring tests rule them out first. What each block holds is kept: a role's
    # text recurs at every company.
    listed = _phrase_list(scan.book)
    text = flat = ""
    possible: dict[int, bool] = {}  # the whole posting may hold the phrase (as before)
    kept = listed.found
    for block in scan.document.blocks:
        hits = kept.get(block.text)  # (most blocks: kept, and no phrase)
        if hits is None:
            hits = listed.hits(block.text)
        for index, words in hits:
            if index not in possible:
                text = text or scan.lowered
                flat = flat or " ".join(re.split(r",?[\s\-]+", text))
                possible[index] = listed.matchers[index].may_match(text, flat)
            if not possible[index]:
                continue
            entry = listed.phrases[index]
            what = "exclusionary wording" if entry.kind == "exclusionary-language" else "cliché"
            instead = fill(entry.instead, lambda name, w=words: _own_words(scan, name, w))
            scan.add(
                entry.kind,
                f"{what} {words!r}",
                block,
                words,
                suggestion=f"Say instead: {instead}",
                why=" ".join(entry.why.split()) if entry.why else None,
            )


def _own_words(scan: Scan, name: str, found: str) -> str:
    """What a placeholder of a suggestion stands for in this posting (lint/phrasing.py)."""
    if name == "role":
        return role_title(scan)
    if name == "a_role":
        return with_article(role_title(scan))
    if name == "tool":
        return first_tool(scan)
    return language_asked(scan, found)


def role_title(scan: Scan) -> str:
    """The posting's title without a trailing gender mark such as (m/w/d)."""
    title = re.sub(r"\s*\([^()]*\)\s*$", "", scan.document.title).strip()
    return title or "person for this role"


def first_tool(scan: Scan) -> str:
    """The role's first tool; in a posting from elsewhere, the first known technology it
    names, preferring the requirements."""
    if scan.context.tools:
        return scan.context.tools[0]
    from .rules_realism import technology_pattern

    pattern = technology_pattern(scan.book)
    for blocks in (scan.blocks_of("requirements"), scan.document.blocks):
        for block in blocks:
            found = pattern.search(block.text)
            if found and found.lastgroup:
                return scan.book.technologies[int(found.lastgroup[1:])].name
    return "the tools the role uses"


def language_asked(scan: Scan, found: str) -> str:
    """The languages `found` names, spelt as the slot list spells them ("German or
    French"); else the posting's language; else English."""
    keyed = scan.book.slots.get("language", {})
    spelling = _language_spellings(tuple((k, tuple(v)) for k, v in keyed.items()))
    named = re.search(slot_pattern(tuple(spelling)), found, re.IGNORECASE) if spelling else None
    if named:
        return re.sub(r"\w+", lambda w: spelling.get(w.group().lower(), w.group()), named.group())
    code = (scan.context.language or "en").split("-")[0].lower()
    return keyed.get(code, ("English",))[0]


@cache
def _language_spellings(keyed: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    return {word.lower(): word for _, words in keyed for word in words}
