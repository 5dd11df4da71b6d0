"""What each field of jobgen.yaml is for, in one line, with an example: the part of
`field_docs.DOCS` for the workspace file (stages, defaults, levels, platforms and
the settings of lint's rules), worded after docs/input-files.md and docs/lint.md.

A rule under `lint:` is described by its title in lint/rules.yaml.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from .levels import Level, LevelList, Platform, PlatformList
from .lint_data import read_lint_data
from .lint_settings import (
    BalanceSettings,
    EntryLevelSettings,
    GenderedWordSettings,
    LawSettings,
    LintConfig,
    LongSentenceSettings,
    MaxSettings,
    PhraseEntry,
    PhraseSettings,
    ReadingEaseSettings,
    RuleSettings,
    WordCountSettings,
)
from .markers import type_hints, yaml_key
from .models import Defaults, Stage, WorkspaceConfig

# A description alone, or (description, example).
WORKSPACE_DOCS: dict[type, dict[str, str | tuple[str, Any]]] = {
    WorkspaceConfig: {
        "stages": "The hiring stages, in the order a company grows through them.",
        "defaults": "The output folder, formats and text width of every run.",
        "lint": (
            "Changes to lint's rules, by rule id: a severity and settings.",
            {"word-count": {"min": 250, "max": 800}, "cliche": {"severity": "info"}},
        ),
        "levels": "Levels added to the built-in ladder; {replace: [...]} replaces it.",
        "platforms": "Platforms added to the built-in ones; {replace: [...]} replaces them.",
    },
    Stage: {
        "id": ("The stage's id, as a company profile names it (stage:).", "early"),
        "name": ("The stage's name, as the hiring plan shows it.", "Early-stage"),
        "description": (
            "What the company is doing at this stage, and whom it hires first.",
            "Building the first AI product.",
        ),
        "roles": ("The ids of the roles a company at this stage hires.", ["ai-ml-engineer"]),
    },
    Defaults: {
        "output": "The folder postings are written to, inside the workspace.",
        "formats": (
            "The formats to write: any of md, html, docx, json, txt, pdf (pdf needs "
            "`pip install 'jobgen[pdf]'`).",
            ["md", "html"],
        ),
        "text_width": "Where txt postings wrap, in columns; 0 for no wrapping.",
    },
    LevelList: {
        "add": "Levels added to the ladder; one with a built-in id replaces it.",
        "replace": "Levels that replace the built-in ladder.",
    },
    Level: {
        "id": ("The level's id, as an opening names it (level:).", "l5"),
        "name": ("The level's name, as a posting shows it.", "Senior (L5)"),
        "seniority": ("What lint and the posting's JSON call the level.", "senior"),
        "years": "The years of experience the level usually asks for, at least.",
        "scope": (
            "One sentence on the scope of the work.",
            "Owns a system and sets its direction.",
        ),
        "prefix": ("Put before the role's title: Senior AI/ML Engineer.", "Senior"),
    },
    PlatformList: {
        "add": "Platforms added to the built-in ones; one of the same name replaces it.",
        "replace": "Platforms that replace the built-in ones.",
    },
    Platform: {
        "name": ("The platform's name, as a company's stack names it.", "Hetzner Cloud"),
        "tools": ("The tools that come with the platform.", ["Hetzner GPU servers"]),
        "aliases": ("Other names a stack may use for it.", ["Hetzner"]),
    },
    RuleSettings: {
        "severity": ("How serious a finding is; off turns the rule off.", "warning"),
    },
    PhraseSettings: {
        "add": "Phrases to flag, besides the built-in ones.",
        "ignore": ("Built-in phrases not to flag.", ["energetic"]),
    },
    PhraseEntry: {
        "phrases": (
            "The phrases, as written; a trailing * makes a stem, {language} any language.",
            ["crush it", "native {language} speaker*"],
        ),
        "instead": (
            "What to write instead; {role}, {a_role}, {tool} and {language} come from the posting.",
            "a skilled {role}",
        ),
        "why": ("Why the phrase is a problem.", "Conquest slang says nothing about the work."),
    },
    GenderedWordSettings: {
        "masculine": ("More masculine-coded words; a trailing * makes a stem.", ["fearless"]),
        "feminine": ("More feminine-coded words; a trailing * makes a stem.", ["enthusias*"]),
        "ignore": ("Words not to count.", ["responsibilities"]),
    },
    BalanceSettings: {
        "strongly": ("A lead of this many words makes a posting strongly coded.", 4),
    },
    LawSettings: {
        "ignore": "Ids of laws that do not apply to you (jobgen lint --list-laws).",
    },
    WordCountSettings: {
        "min": ("The fewest words a posting should have.", 150),
        "max": ("The most words a posting should have.", 700),
    },
    ReadingEaseSettings: {
        "min": "The lowest Flesch reading ease a posting may have.",
    },
    LongSentenceSettings: {
        "max_words": ("The most words a sentence may have.", 35),
    },
    MaxSettings: {
        "max": ("The most required skills a posting may list.", 10),
    },
    EntryLevelSettings: {
        "max_years": ("The most years of experience an entry-level role may ask for.", 2),
        "entry_words": ("More words that mark a role as entry level.", ["associate"]),
        "senior_words": ("More words that ask for seniority.", ["seasoned"]),
    },
}


def rule_description(name: str) -> str:
    """`lint:` in jobgen.yaml: the field `name` of LintConfig is a rule, by its title."""
    spec = next(spec for spec in dataclasses.fields(LintConfig) if spec.name == name)
    title = _rules()[yaml_key(spec)]["title"]
    what = "severity" if type_hints(LintConfig)[name] == RuleSettings | None else "settings"
    return f'The {what} of the rule "{title}".'


@functools.cache
def _rules() -> dict[str, Any]:
    return read_lint_data("rules")["rules"]
