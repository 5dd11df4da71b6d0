"""Inclusive language: gender-coded words and exclusionary or cliché phrases.

The words and phrases come from the rule book (lint/gendered-words.yaml,
lint/exclusionary-language.yaml); nothing here lists words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .book import Phrase, RuleBook, phrase_pattern
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


# Sets and stem tuples, not one big regex: compiling that cost more than checking a posting.
_LISTS: dict[int, tuple[_WordList, _WordList]] = {}
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _gender_lists(book: RuleBook) -> tuple[_WordList, _WordList]:
    key = id(book)
    if key not in _LISTS:
        _LISTS[key] = (_WordList.of(book.masculine), _WordList.of(book.feminine))
    return _LISTS[key]


def gendered_wording(scan: Scan) -> Coding:
    masculine_list, feminine_list = _gender_lists(scan.book)
    masculine: list[str] = []
    feminine: list[str] = []
    for block in scan.document.blocks:
        for match in _TOKEN.finditer(block.text):
            word = match.group()
            lowered = word.lower()
            if lowered in scan.book.gender_ignore:
                continue
            if masculine_list.has(lowered):
                kind = "masculine"
            elif feminine_list.has(lowered):
                kind = "feminine"
            else:
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
    if difference == 0:
        label = "neutral"
    else:
        side = "feminine" if difference > 0 else "masculine"
        label = f"{'strongly' if abs(difference) >= strongly else 'slightly'} {side}-coded"
    if difference < 0:
        scan.add(
            "gendered-balance",
            f"the posting is {label}: {len(masculine)} masculine-coded words "
            f"({_sample(masculine)}) against {len(feminine)} feminine-coded",
            None,
            ", ".join(dict.fromkeys(w.lower() for w in masculine)),
        )
    return Coding(tuple(masculine), tuple(feminine), label)


def _sample(found: list[str], limit: int = 6) -> str:
    unique = list(dict.fromkeys(w.lower() for w in found))
    more = f", +{len(unique) - limit} more" if len(unique) > limit else ""
    return ", ".join(unique[:limit]) + more


@dataclass
class _PhraseMatcher:
    keys: tuple[str, ...]  # a word of each spelling: a cheap test before the regex
    spellings: tuple[str, ...]
    compiled: re.Pattern[str] | None = None  # compiled on first need: most never are

    @property
    def pattern(self) -> re.Pattern[str]:
        if self.compiled is None:
            self.compiled = re.compile(
                "|".join(phrase_pattern(p) for p in self.spellings), re.IGNORECASE
            )
        return self.compiled


# Matchers per phrase list, keyed by the list's id. Each entry keeps its list alive, so
# the id cannot be reused by a new list while the entry exists; a few lists at most
# (one per workspace `lint:` setting) are kept.
_MATCHERS: dict[int, tuple[tuple[Phrase, ...], list[_PhraseMatcher]]] = {}
_MATCHERS_KEPT = 8


def _flat(phrase: str) -> str:
    return " ".join(re.split(r"[\s\-]+", phrase.rstrip("*").lower()))


def _rarest_word(phrase: str) -> str:
    """The longest word of a phrase, lowercased: likely the rarest, so the best filter."""
    found = re.findall(r"[^\W_]+", phrase.rstrip("*").lower())
    return max(found, key=len) if found else phrase.lower()


def _phrase_matchers(book: RuleBook) -> list[_PhraseMatcher]:
    phrases = book.phrases
    found = _MATCHERS.get(id(phrases))
    if found is None or found[0] is not phrases:
        while len(_MATCHERS) >= _MATCHERS_KEPT:
            del _MATCHERS[next(iter(_MATCHERS))]  # the oldest
        matchers = [
            _PhraseMatcher(tuple(_rarest_word(p) for p in entry.phrases), entry.phrases)
            for entry in phrases
        ]
        found = _MATCHERS[id(phrases)] = (phrases, matchers)
    return found[1]


def phrases(scan: Scan) -> None:
    """Exclusionary and cliché phrases, each with its rewording."""
    if not (scan.on("exclusionary-language") or scan.on("cliche")):
        return
    # One alternation of every phrase is slow in Python's re; most phrases are absent,
    # and a substring test rules them out first.
    text = scan.document.text.lower()
    flat = " ".join(re.split(r"[\s\-]+", text))  # as phrase_pattern sees spaces and hyphens
    wanted = [
        (entry, matcher)
        for entry, matcher in zip(scan.book.phrases, _phrase_matchers(scan.book), strict=True)
        if any(k in text for k in matcher.keys)
        and any(_flat(p) in flat for p in matcher.spellings)  # compile only real candidates
    ]
    for block in scan.document.blocks:
        for entry, matcher in wanted:
            for match in matcher.pattern.finditer(block.text):
                what = "exclusionary wording" if entry.kind == "exclusionary-language" else "cliché"
                scan.add(
                    entry.kind,
                    f"{what} {match.group()!r}",
                    block,
                    match.group(),
                    suggestion=f"Say instead: {entry.instead}",
                    why=" ".join(entry.why.split()) if entry.why else None,
                )
