"""The rule book: lint's data files, with the workspace's `lint:` settings applied.

The rules, word lists, laws and technologies are YAML files in the built-in
`lint/` folder (read by `inputs/lint_data.py`), so a team can read (and propose
changes to) every list; a workspace changes them through jobgen.yaml. The files
are jobgen's own and trusted, but a mistake in one still fails with its name,
not a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cached_property
from typing import Any

from ..errors import JobgenError, closest
from ..fast_dataclass import dataclass
from ..inputs.lint_data import LintDataError, data_folder
from ..inputs.lint_data import read_lint_data as _read
from ..inputs.lint_settings import LintConfig, phrase_problems
from ..inputs.markers import yaml_key
from .laws import Law, PlaceTable

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str  # error, warning, info or off
    title: str
    why: str
    source: str
    suggestion: str | None
    settings: dict[str, Any]

    @property
    def enabled(self) -> bool:
        return self.severity != "off"


@dataclass(frozen=True)
class Phrase:
    """An exclusionary or cliché phrase (one of several spellings), with its rewording."""

    kind: str  # "exclusionary-language" or "cliche": the rule that reports it
    phrases: tuple[str, ...]
    why: str | None
    instead: str


@dataclass(frozen=True)
class Technology:
    name: str
    names: tuple[str, ...]
    since: int
    note: str


@dataclass(frozen=True)
class GenderedTitles:
    """Title words that name one gender, and the marks that address every gender in
    the languages whose job nouns are gendered (lint/gendered-titles.yaml)."""

    words: tuple[str, ...]
    marked_languages: frozenset[str]
    marks: tuple[str, ...]


@dataclass(frozen=True)
class SectionKind:
    headings: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class RuleBook:
    rules: dict[str, Rule]
    categories: dict[str, str]
    score: dict[str, int]
    sections: dict[str, SectionKind]
    required_sections: tuple[str, ...]
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    gender_ignore: frozenset[str]
    phrases: tuple[Phrase, ...]
    technologies: tuple[Technology, ...]
    laws: tuple[Law, ...]
    places: PlaceTable
    gendered_titles: GenderedTitles
    law_ignore: frozenset[str]
    # What a {slot} in a phrase stands for: slot -> key -> words (language: de -> German).
    slots: dict[str, dict[str, tuple[str, ...]]] = dataclasses.field(default_factory=dict)
    language: str = "en"  # the language (primary subtag) the lists and headings are for

    def slot_words(self) -> dict[str, tuple[str, ...]]:
        """Each slot's words, whatever their key."""
        return {
            name: tuple(w for ws in keyed.values() for w in ws)
            for name, keyed in self.slots.items()
        }

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    @cached_property  # read for each sentence that asks for years
    def technology_names(self) -> tuple[str, ...]:
        """Every name of every technology, lowercased, without a trailing `*`."""
        return tuple(name.lower().rstrip("*") for t in self.technologies for name in t.names)


def load_book(config: LintConfig | None = None, language: str = "en") -> RuleBook:
    """Every rule and list for postings in `language` (a tag or its primary subtag),
    with `config` (jobgen.yaml's `lint:`) applied.

    English reads lint/*.yaml. Another language reads its headings, section phrases
    and gender-coded words from lint/LANG/ (sections.yaml, gendered-words.yaml);
    without them, those rules check nothing in that language rather than English words
    in its text. The exclusionary and cliché phrases apply in every language (the list
    holds German and French forms too: a phrase cannot misfire across languages as a
    single word can), with lint/LANG/exclusionary-language.yaml added where it exists."""
    config = config or LintConfig()
    try:
        book = _build_book(config)
        primary = language.split("-")[0].lower()
        return book if primary == "en" else _in_language(book, config, primary)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise LintDataError(
            f"{data_folder()}: jobgen's lint data is malformed ({error!r}); reinstall jobgen"
        ) from None


def _in_language(book: RuleBook, config: LintConfig, language: str) -> RuleBook:
    """`book` with the words of `language` in place of the English ones."""
    folder = data_folder() / language

    def read(name: str) -> Any:
        return _read(f"{language}/{name}") if (folder / f"{name}.yaml").is_file() else None

    sections_file = read("sections") or {"kinds": {}}
    words = read("gendered-words") or {"masculine": [], "feminine": []}
    gendered = config.gendered_word
    phrases = list(book.phrases)
    phrase_file = read("exclusionary-language")
    for entry in phrase_file["entries"] if phrase_file else ():
        kind = "cliche" if entry["kind"] == "cliche" else "exclusionary-language"
        phrases.append(Phrase(kind, tuple(entry["phrases"]), entry.get("why"), entry["instead"]))
    return dataclasses.replace(
        book,
        sections=_sections(sections_file),
        required_sections=tuple(sections_file.get("required", ())),
        masculine=(*words["masculine"], *(gendered.masculine if gendered else ())),
        feminine=(*words["feminine"], *(gendered.feminine if gendered else ())),
        phrases=tuple(p for p in phrases if p.phrases),
        language=language,
    )


def _sections(sections_file: dict[str, Any]) -> dict[str, SectionKind]:
    return {
        kind: SectionKind(
            tuple(h.lower() for h in data.get("headings", ())),
            tuple(p.lower() for p in data.get("phrases", ())),
        )
        for kind, data in sections_file["kinds"].items()
    }


def _build_book(config: LintConfig) -> RuleBook:
    rules_file = _read("rules")
    settings_by_id = {
        yaml_key(spec): getattr(config, spec.name) for spec in dataclasses.fields(config)
    }
    rules = {}
    for rule_id, data in rules_file["rules"].items():
        chosen = settings_by_id.get(rule_id)
        rules[rule_id] = _with_settings(rule_id, data, chosen)

    sections_file = _read("sections")
    sections = _sections(sections_file)

    words = _read("gendered-words")
    gendered = config.gendered_word
    masculine = (*words["masculine"], *(gendered.masculine if gendered else ()))
    feminine = (*words["feminine"], *(gendered.feminine if gendered else ()))
    gender_ignore = frozenset(w.lower() for w in (gendered.ignore if gendered else ()))

    phrase_file = _read("exclusionary-language")
    slots = {
        str(name): {str(key): tuple(map(str, words)) for key, words in keyed.items()}
        for name, keyed in (phrase_file.get("slots") or {}).items()
    }
    phrases = [
        Phrase(
            "cliche" if entry["kind"] == "cliche" else "exclusionary-language",
            tuple(entry["phrases"]),
            entry.get("why"),
            entry["instead"],
        )
        for entry in phrase_file["entries"]
    ]
    for phrase in phrases:
        for field, problem in phrase_problems(phrase.phrases, phrase.instead, slots):
            raise ValueError(f"{phrase.phrases[0]!r}: {field}: {problem}")
    for rule_id, settings in (
        ("exclusionary-language", config.exclusionary_language),
        ("cliche", config.cliche),
    ):
        if settings is None:
            continue
        ignored = {p.lower() for p in settings.ignore}
        phrases = [replace_phrases(p, ignored) if p.kind == rule_id else p for p in phrases]
        # (jobgen.yaml's entries were checked, with their lines, when it was read.)
        phrases += [Phrase(rule_id, e.phrases, e.why, e.instead) for e in settings.add]

    technologies = tuple(
        Technology(t["name"], tuple(t["names"]), int(t["since"]), t.get("note", ""))
        for t in _read("technologies")["technologies"]
    )

    laws_file = _read("laws")
    titles = _read("gendered-titles")
    laws = tuple(_law(entry) for entry in laws_file["laws"])
    # A law ignored under either rule's settings is not checked at all.
    law_ignore = frozenset()
    for rule_key, settings in (
        ("pay-transparency", config.pay_transparency),
        ("job-ad-law", config.job_ad_law),
    ):
        ignored = frozenset(settings.ignore if settings else ())
        law_ignore |= ignored
        known = {law.id for law in laws}
        for law_id in sorted(ignored - known):
            hint = closest(law_id, known)
            raise JobgenError(
                f"jobgen.yaml: lint.{rule_key}.ignore: no law with id {law_id!r}"
                + (f" (did you mean {hint!r}?)" if hint else "; see `jobgen lint --list-laws`")
            )

    return RuleBook(
        rules=rules,
        categories=dict(rules_file["categories"]),
        score={k: int(v) for k, v in rules_file["score"].items()},
        sections=sections,
        required_sections=tuple(sections_file.get("required", ())),
        masculine=tuple(masculine),
        feminine=tuple(feminine),
        gender_ignore=gender_ignore,
        phrases=tuple(p for p in phrases if p.phrases),
        technologies=technologies,
        laws=laws,
        places=PlaceTable(tuple(laws_file["places"])),
        gendered_titles=GenderedTitles(
            tuple(titles["words"]),
            frozenset(titles["marked_languages"]),
            tuple(str(mark).lower() for mark in titles["marks"]),
        ),
        law_ignore=law_ignore,
        slots=slots,
    )


def replace_phrases(phrase: Phrase, ignored: set[str]) -> Phrase:
    kept = tuple(p for p in phrase.phrases if p.lower() not in ignored)
    return dataclasses.replace(phrase, phrases=kept)


# Settings that add to a list rather than replace a value.
_LIST_SETTINGS = {"entry_words", "senior_words"}
# Settings a rule class has that are not rule settings (handled above).
_NOT_SETTINGS = {"severity", "add", "ignore", "masculine", "feminine"}


def _with_settings(rule_id: str, data: dict[str, Any], chosen: Any) -> Rule:
    settings = dict(data.get("settings") or {})
    severity = data["severity"]
    if chosen is not None:
        severity = chosen.severity or severity
        for spec in dataclasses.fields(chosen):
            value = getattr(chosen, spec.name)
            if spec.name in _NOT_SETTINGS or value is None:
                continue
            if spec.name in _LIST_SETTINGS:
                settings[spec.name] = [*settings.get(spec.name, ()), *value]
            else:
                settings[spec.name] = value
    if severity not in (*SEVERITIES, "off"):
        raise ValueError(f"rule {rule_id}: severity {severity!r}")
    return Rule(
        rule_id,
        data["category"],
        severity,
        data["title"],
        " ".join(data["why"].split()),
        " ".join(data["source"].split()),
        " ".join(data["suggestion"].split()) if data.get("suggestion") else None,
        settings,
    )


def _law(entry: dict[str, Any]) -> Law:
    effective = entry["effective"]
    if not isinstance(effective, dt.date):
        effective = dt.date.fromisoformat(str(effective))
    return Law(
        id=entry["id"],
        jurisdiction=entry["jurisdiction"],
        law=" ".join(str(entry["law"]).split()),
        effective=effective,
        min_employees=int(entry.get("min_employees", 1)),
        employees_counted=entry.get("employees_counted", ""),
        where=dict(entry["where"]),
        remote=bool(entry.get("remote", False)),
        requires=tuple(entry["requires"]),
        notes=" ".join(str(entry.get("notes", "")).split()),
        source=entry.get("source", ""),
        range_width=entry.get("range_width"),
        confirmed=bool(entry.get("confirmed", True)),
        unconfirmed=" ".join(str(entry.get("unconfirmed", "")).split()),
        local_experience_phrases=tuple(entry.get("local_experience_phrases", ())),
        pay_to_applicants_by=entry.get("pay_to_applicants_by"),
    )
