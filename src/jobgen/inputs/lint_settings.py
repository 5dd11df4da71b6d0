"""The `lint:` settings of jobgen.yaml: what a workspace may change of each rule.

Each rule's defaults are in the built-in lint/rules.yaml; these classes are
what a workspace may change, so a misspelt setting is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import field
from typing import Annotated, Literal

from ..errors import closest
from ..fast_dataclass import dataclass
from .fields import Headcount, LawId, Line, Text, range_problems
from .markers import Check

Severity = Literal["error", "warning", "info", "off"]
LintPercent = Annotated[
    float,
    Check(
        lambda v: 0 <= v <= 100,
        "a number from 0 to 100",
        json=(("minimum", 0), ("maximum", 100)),
        example=40,
    ),
]


@dataclass(frozen=True)
class RuleSettings:
    severity: Severity | None = None


# What an `instead` may name, filled from the posting (lint/rules_inclusive.py).
PLACEHOLDERS = ("role", "a_role", "tool", "language")
SLOT = re.compile(r"\{([^{}]*)\}")  # a {slot} in a phrase, a {placeholder} in an instead


def phrase_problems(
    phrases: tuple[str, ...], instead: str, slots: Collection[str]
) -> list[tuple[str, str]]:
    """Unknown slots in `phrases` and unknown placeholders in `instead`, as
    (field, what is wrong) pairs."""
    problems = []
    for index, phrase in enumerate(phrases):
        for name in SLOT.findall(phrase):
            if name not in slots:
                problems.append((f"phrases[{index}]", _unknown("slot", name, tuple(slots))))
        if not SLOT.sub("", phrase).strip(" *-"):
            problems.append((f"phrases[{index}]", "expected a word besides the slots"))
    for name in SLOT.findall(instead):
        if name not in PLACEHOLDERS:
            problems.append(("instead", _unknown("placeholder", name, PLACEHOLDERS)))
    return problems


def _unknown(kind: str, name: str, known: tuple[str, ...]) -> str:
    hint = closest(name, known)
    listed = ", ".join("{" + k + "}" for k in known) or "none"
    return f"no {kind} {{{name}}}" + (
        f" (did you mean {{{hint}}}?)" if hint else f"; known: {listed}"
    )


@dataclass(frozen=True)
class PhraseEntry:
    phrases: tuple[Line, ...]
    instead: Text
    why: Text | None = None

    def problems(self) -> list[tuple[str, str]]:
        if not self.phrases:
            return [("phrases", "expected at least one phrase")]
        if "{" not in self.instead and not any("{" in p for p in self.phrases):
            return []
        from .lint_data import slot_names  # read only when an entry names a slot

        return phrase_problems(self.phrases, self.instead, slot_names())


@dataclass(frozen=True)
class PhraseSettings(RuleSettings):
    add: tuple[PhraseEntry, ...] = ()  # phrases to flag, besides the built-in list
    ignore: tuple[Line, ...] = ()  # built-in phrases not to flag


@dataclass(frozen=True)
class GenderedWordSettings(RuleSettings):
    masculine: tuple[Line, ...] = ()  # more coded words or stems (`compet*`)
    feminine: tuple[Line, ...] = ()
    ignore: tuple[Line, ...] = ()  # words not to count, like `responsibilities`


@dataclass(frozen=True)
class BalanceSettings(RuleSettings):
    strongly: Headcount | None = None


@dataclass(frozen=True)
class LawSettings(RuleSettings):
    ignore: tuple[LawId, ...] = ()  # law ids (see `jobgen lint --list-laws`) that do not apply


@dataclass(frozen=True)
class WordCountSettings(RuleSettings):
    min: Headcount | None = None
    max: Headcount | None = None

    def problems(self) -> list[tuple[str, str]]:
        return range_problems(self.min, self.max)


@dataclass(frozen=True)
class ReadingEaseSettings(RuleSettings):
    min: LintPercent | None = None


@dataclass(frozen=True)
class LongSentenceSettings(RuleSettings):
    max_words: Headcount | None = None


@dataclass(frozen=True)
class MaxSettings(RuleSettings):
    max: Headcount | None = None


@dataclass(frozen=True)
class EntryLevelSettings(RuleSettings):
    max_years: Headcount | None = None
    entry_words: tuple[Line, ...] = ()  # more words that mark a role as entry level
    senior_words: tuple[Line, ...] = ()  # more words that ask for seniority


@dataclass(frozen=True)
class LintConfig:
    gendered_word: GenderedWordSettings | None = field(
        default=None, metadata={"key": "gendered-word"}
    )
    gendered_balance: BalanceSettings | None = field(
        default=None, metadata={"key": "gendered-balance"}
    )
    exclusionary_language: PhraseSettings | None = field(
        default=None, metadata={"key": "exclusionary-language"}
    )
    cliche: PhraseSettings | None = field(default=None, metadata={"key": "cliche"})
    pay_transparency: LawSettings | None = field(default=None, metadata={"key": "pay-transparency"})
    no_pay_range: RuleSettings | None = field(default=None, metadata={"key": "no-pay-range"})
    job_ad_law: LawSettings | None = field(default=None, metadata={"key": "job-ad-law"})
    unknown_region: RuleSettings | None = field(default=None, metadata={"key": "unknown-region"})
    missing_section: RuleSettings | None = field(default=None, metadata={"key": "missing-section"})
    generic_posting: RuleSettings | None = field(default=None, metadata={"key": "generic-posting"})
    starter_text: RuleSettings | None = field(default=None, metadata={"key": "starter-text"})
    empty_section: RuleSettings | None = field(default=None, metadata={"key": "empty-section"})
    word_count: WordCountSettings | None = field(default=None, metadata={"key": "word-count"})
    reading_ease: ReadingEaseSettings | None = field(default=None, metadata={"key": "reading-ease"})
    long_sentence: LongSentenceSettings | None = field(
        default=None, metadata={"key": "long-sentence"}
    )
    many_requirements: MaxSettings | None = field(
        default=None, metadata={"key": "many-requirements"}
    )
    impossible_experience: RuleSettings | None = field(
        default=None, metadata={"key": "impossible-experience"}
    )
    entry_level_mismatch: EntryLevelSettings | None = field(
        default=None, metadata={"key": "entry-level-mismatch"}
    )
