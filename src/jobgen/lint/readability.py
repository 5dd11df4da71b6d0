"""Words, sentences, syllables and the reading ease of a posting, by a formula made
for its language: Flesch (1948) for English, Amstad (1978) for German, Kandel and
Moles (1958) for French. Other languages get no reading ease: a formula fitted to
one language says little of another.

Syllables are counted by rule (vowel groups; in English less a silent final e, in
French less a final mute e), which is right for most words and close enough over a
whole posting; a dictionary such as CMUdict would be more exact but weighs megabytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from ..fast_dataclass import dataclass
from .memo import per_text
from .patterns import compiled

WORD = compiled(r"[^\W_]+(?:['’.,\-/][^\W_]+)*")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = compiled(
    r"\b(?:e\.g|i\.e|etc|vs|a\.m|p\.m|U\.S|U\.K|Inc|Ltd|Co|Dr|Mr|Mrs|Ms|St|No|approx|incl)\.$",
    re.IGNORECASE,
)
_SENTENCE_END = compiled(r"[.!?]+[\"'”’)\]]*\s+")
_VOWEL_GROUP = compiled(r"[aeiouy]+")
_SILENT_END = compiled(r"(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$")
_VOWELS = "aeiouyäöüàâéèêëîïôùûüÿœæ"
_OTHER_VOWEL_GROUP = compiled(f"[{_VOWELS}]+")
_FRENCH_MUTE_END = compiled(f"(?<=[^{_VOWELS}])(?:es|e)$")
# (name, constant, words per sentence weight, syllables per word weight) by language.
FORMULAS = {
    "en": ("Flesch reading ease", 206.835, 1.015, 84.6),
    "de": ("Amstad reading ease", 180.0, 1.0, 58.5),
    "fr": ("Kandel-Moles reading ease", 207.0, 1.015, 73.6),
}


def words(text: str) -> list[str]:
    """The words of `text`: `$145,000`, `401(k)` and `AI/ML` count as one each."""
    return WORD.findall(text)


@per_text  # a role's text recurs at every company: counted once a run
def count_words(text: str) -> int:
    return len(WORD.findall(text))


def sentences(text: str) -> list[str]:
    """`text` split after . ! or ? followed by a space, except after `e.g.` and the like."""
    return list(_sentences(text))


@per_text  # a role's text recurs at every company: split once a run
def _sentences(text: str) -> tuple[str, ...]:
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start() + len(match.group().rstrip())]
        if _ABBREVIATIONS.search(candidate.rstrip("\"'”’)]")):
            continue
        nxt = text[match.end() : match.end() + 1]
        if nxt and nxt.islower():  # "approx. three" or "Ph.D. candidates" go on
            continue
        found.append(candidate.strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return tuple(s for s in found if words(s))


@lru_cache(maxsize=16384)  # postings of one company share most of their words
def syllables(word: str, language: str = "en") -> int:
    """Syllables in one word, by rule; at least 1."""
    if language != "en":
        return _other_syllables(word, language)
    if any(ch.isdigit() for ch in word):
        return 2  # numbers read as a couple of syllables on average ("forty", "2026" more)
    letters = word.replace("’", "'")
    if len(letters) > 1 and letters.isupper():
        return min(len(letters), 4)  # acronyms are spelled out: A-I, R-A-G
    total = 0
    for part in re.split(r"[\-/]", letters.lower()):
        part = re.sub(r"[^a-z]", "", part)
        if not part:
            continue
        if len(part) <= 3:
            total += 1
            continue
        part = _SILENT_END.sub(lambda m: m.group()[0], part)
        part = part[1:] if part.startswith("y") else part
        total += max(1, len(_VOWEL_GROUP.findall(part)))
    return max(1, total)


def _other_syllables(word: str, language: str) -> int:
    if any(ch.isdigit() for ch in word):
        return 2
    if len(word) > 1 and word.isupper():
        return min(len(word), 4)
    total = 0
    for part in re.split(r"[\-/'’]", word.lower()):
        if language == "fr" and len(part) > 3:
            part = _FRENCH_MUTE_END.sub("", part)
        if part:
            total += max(1, len(_OTHER_VOWEL_GROUP.findall(part)))
    return max(1, total)


@dataclass(frozen=True)
class TextStats:
    words: int
    sentences: int
    syllables: int
    language: str = "en"

    @property
    def formula(self) -> str | None:
        """The name of the language's reading-ease formula; None if it has none."""
        found = FORMULAS.get(self.language)
        return found[0] if found else None

    @property
    def reading_ease(self) -> float | None:
        """0-100, higher is easier: 60-70 is plain text, below 30 is for graduates."""
        found = FORMULAS.get(self.language)
        if found is None or not self.words or not self.sentences:
            return None
        _, constant, per_sentence, per_word = found
        return (
            constant
            - per_sentence * (self.words / self.sentences)
            - per_word * (self.syllables / self.words)
        )


def text_stats(passages: Iterable[str], language: str = "en") -> TextStats:
    """Counts over passages, each of which ends its last sentence (list items do)."""
    word_total = sentence_total = syllable_total = 0
    for passage in passages:
        counts = _passage_counts(passage, language)
        word_total += counts[0]
        sentence_total += counts[1]
        syllable_total += counts[2]
    return TextStats(word_total, sentence_total, syllable_total, language)


class BlockCounts(NamedTuple):
    """What lint counts in one block of text."""

    words: int
    sentences: int
    syllables: int  # by the rules of the book's language
    each: tuple[tuple[str, int], ...]  # each sentence, with its words


@per_text  # the rules read a block's counts again and again: counted once a run
def block_counts(text: str, language: str) -> BlockCounts:
    """`_passage_counts` of a block, with its sentences and their words."""
    found = words(text)
    split = _sentences(text)
    syllable_total = sum(syllables(w, language) for w in found)
    return BlockCounts(
        len(found), len(split), syllable_total, tuple((s, count_words(s)) for s in split)
    )


@per_text  # a role's text recurs at every company: counted once a run
def _passage_counts(passage: str, language: str) -> tuple[int, int, int]:
    """Words, sentences and syllables of one passage."""
    found = words(passage)
    return len(found), len(_sentences(passage)), sum(syllables(w, language) for w in found)
