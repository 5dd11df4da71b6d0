"""Phrases as lint matches them, and suggestions in the posting's own words.

A phrase is words, not a regular expression: whole words, case-insensitive, spaces
and hyphens alike, `*` for any ending, and `{slot}` for any word of a slot's list
(`native {language} speaker*`). A suggestion may name `{role}`, `{a_role}`,
`{tool}` and `{language}`, filled from the posting being checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..inputs.lint_settings import PLACEHOLDERS, SLOT

# Between two words of a slot: "German or French", "English/German", "Dutch, French and German".
_JOINER = r"(?:\s*[,/&]\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+)"


def slot_pattern(words: tuple[str, ...]) -> str:
    """Any of `words` (lowercased: match it ignoring case), or several joined by commas,
    slashes, "or" and "and"."""
    one = r"\b" + _trie({}, words) + r"\b"
    return f"(?:{one}(?:{_JOINER}{one})*)"


def _trie(tree: dict, words: tuple[str, ...]) -> str:
    """`words` as one alternation shaped like a trie, so that a place where none starts
    costs one character test instead of one per word (a slot has some 70 languages)."""
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


def phrase_pattern(phrase: str, slots: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """A phrase as a regular expression: whole words, flexible spaces, `*` for any ending,
    `{slot}` for a word of that slot's list."""
    stem = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r",?[\s\-]+".join(_word_pattern(word, slots or {}) for word in words)
    # Not the end of a hyphenated word: "cloud-native English" is no "native English".
    start = r"(?<!-)\b" if phrase[:1].isalnum() else ""
    end = r"\w*" if stem else (r"\b" if phrase.rstrip("*")[-1:].isalnum() else "")
    return f"{start}{body}{end}"


def _word_pattern(word: str, slots: Mapping[str, tuple[str, ...]]) -> str:
    """One word of a phrase, its {slots} (`{language}:` has one) as their lists."""
    pieces = SLOT.split(word)  # literal, slot name, literal, ...
    return "".join(
        (slot_pattern(slots[piece]) if piece in slots else re.escape("{" + piece + "}"))
        if odd
        else re.escape(piece)
        for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces))
    )


def literal_parts(phrase: str) -> list[str]:
    """The words of a phrase outside its slots, lowercased and runs joined by one space:
    what must appear in a text for the phrase to match there."""
    flat = " ".join(re.split(r"[\s\-]+", phrase.rstrip("*").lower()))
    return [part.strip() for part in SLOT.split(flat)[::2] if part.strip()]


def fill(instead: str, value: Callable[[str], str]) -> str:
    """`instead` with each placeholder replaced by `value(name)`, asked only for the
    placeholders it names."""
    return SLOT.sub(
        lambda m: value(m.group(1)) if m.group(1) in PLACEHOLDERS else m.group(), instead
    )


# Letters whose spoken name starts with a vowel sound: "an ML engineer", "an SRE".
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")
# Words starting with a vowel letter but a consonant sound: "a user", "a one-person team".
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once")


def with_article(noun_phrase: str) -> str:
    """ "an AI/ML Engineer", "a Prompt Engineer", "an MLOps Engineer", "a user researcher"."""
    word = noun_phrase.split()[0] if noun_phrase.split() else ""
    initialism = len(word) > 1 and word[:2].isupper()
    if initialism:
        vowel = word[0] in _VOWEL_SOUND_LETTERS
    else:
        lowered = word.lower()
        vowel = lowered[:1] in "aeiou" and not lowered.startswith(_CONSONANT_SOUND)
    return f"{'an' if vowel else 'a'} {noun_phrase}"
