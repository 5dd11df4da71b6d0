"""Which languages a posting is published in, and its role, company and opening in each.

A posting's languages: `--language` when given; else the opening's `languages` (or its
`language`); else the company's `languages` (or its `language`). Each file is read in
the language it is written in (`language:` of the profile, the opening or the role;
jobgen's roles are in US English) and put in another one by its translation
(`translations.py`). Every missing translation of a run is reported at once.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..fast_dataclass import dataclass
from .fields import known_language
from .messages import Messages, load_messages, template_keys
from .translations import Translated, translate

if TYPE_CHECKING:
    from .catalog import Catalog
    from .models import Company, Role
    from .openings import Opening


def posting_languages(
    company: Company, opening: Opening | None = None, chosen: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The languages one posting is published in, the first its main one."""
    if chosen:
        return chosen
    if opening is not None and (opening.languages or opening.language):
        return opening.languages or (opening.language,)  # type: ignore[return-value]
    return company.languages or (company.language,)


@dataclass
class Localizer:
    """Reads translations and messages once each, and keeps the problems they have."""

    catalog: Catalog
    chosen: tuple[str, ...] = ()  # --language
    problems: list[Problem] = field(default_factory=list)
    _done: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    _messages: dict[tuple[str, Path | None], Messages | None] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # languages CLDR does not know
    _template_dirs: dict[tuple[str, str | None], Path | None] = field(default_factory=dict)

    def languages(self, company: Company, opening: Opening | None = None) -> tuple[str, ...]:
        return posting_languages(company, opening, self.chosen)

    def defaults(self, company: Company, opening: Opening | None = None) -> tuple[str, ...]:
        """The languages without --language: the profile's or the opening's."""
        return posting_languages(company, opening)

    def messages(self, language: str, company: Company | None = None) -> Messages | None:
        """The messages of `language` for `company`'s templates (its own layer first);
        None when they cannot be read (the problem is kept)."""
        workspace = self.catalog.workspace
        own = self._template_dir(company) if company is not None else None
        key = (language, own)
        if key not in self._messages and not known_language(language):
            message = (
                f"language {language!r}: CLDR, which jobgen writes dates and amounts by, "
                "knows no such language; write a tag like de-DE, fr-FR or en-GB"
            )
            self.problems.append(Problem(None, None, None, "", message))
            self.unknown.add(language)
            self._messages[key] = None
        if key not in self._messages:
            folders = [layer.path for layer in workspace.template_layers(company)]
            try:
                messages = load_messages(language, folders)
            except InputError as error:
                self.problems.extend(error.problems)
                messages = None
            if messages is not None and messages.strict:  # every message it lacks, at once
                lacking = messages.lacking(template_keys(workspace.builtin_templates))
                if lacking:
                    self.problems.append(messages.missing_problem(lacking))
            self._messages[key] = messages
        return self._messages[key]

    def _template_dir(self, company: Company) -> Path | None:
        """The company's own template folder, looked up once per company, not per posting."""
        key = (company.id, company.templates)
        if key not in self._template_dirs:
            self._template_dirs[key] = self.catalog.workspace.company_template_dir(company)
        return self._template_dirs[key]

    def role(self, role: Role, language: str) -> Role | None:
        """The role in `language`; None (and the problem kept) if it cannot be."""
        source = self.catalog.role_paths[role.id]
        path = functools.partial(self._role_translation, source, language)
        return self._translated("role", role, source, path, role.language, language)

    def company(self, company: Company, language: str, role_id: str = "") -> Company | None:
        """The profile in `language` for a posting of `role_id`: the pay and the `roles:`
        text of the company's other roles need no translation for it."""
        source = self.catalog.company_paths[company.id]
        path = functools.partial(beside, source, language)

        def needed(text: str) -> bool:
            head, _, rest = text.partition(".")
            return head not in ("pay", "roles") or rest.split("[")[0].split(".")[0] == role_id

        kind = "company"
        return self._translated(kind, company, source, path, company.language, language, needed)

    def opening(self, opening: Opening, company: Company, language: str) -> Opening | None:
        written_in = opening.language or company.language

        def path() -> Path:
            return beside(source(), language)

        def source() -> Path:
            return self.catalog.opening_paths(company.id)[opening.id]

        return self._translated(
            f"opening:{company.id}", opening, source, path, written_in, language
        )

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(list(dict.fromkeys(self.problems)))

    def _role_translation(self, source: Path, language: str) -> Path:
        """The translation of a role file: the first of the layers from the workspace down
        to the role's own that has one (a workspace may translate a built-in role; a
        built-in translation never stands for a workspace's own role)."""
        layer = source.parents[1]
        layers = list(self.catalog.workspace.layers)
        chosen = layers[: layers.index(layer) + 1] if layer in layers else [layer]
        for folder in chosen:
            path = beside(folder / "roles" / source.name, language)
            if path.is_file():
                return path
        # An unedited copy of a built-in role (as `jobgen init` makes) has its translations.
        builtin = layers[-1] / "roles" / source.name
        translated = beside(builtin, language)
        if builtin != source and translated.is_file() and _same_bytes(builtin, source):
            return translated
        return source.parent / language / source.name

    def _translated(
        self,
        kind: str,
        model: Any,
        source: Path | Callable[[], Path],
        path: Callable[[], Path],
        written_in: str,
        language: str,
        needed: Callable[[str], bool] = lambda text: True,
    ) -> Any:
        # The paths are worked out only for a translation not yet made: each takes a few
        # file probes, and a run asks for the same one at every posting of a company.
        key = (kind, getattr(model, "id", ""), language)
        if key not in self._done:
            source = source() if callable(source) else source
            self._done[key] = translate(model, source, path(), written_in, language, self.problems)
        result: Translated | None = self._done[key]
        if result is None:
            return None
        problem = result.missing_problem(language, needed)
        if problem is not None:
            if problem not in self.problems:
                self.problems.append(problem)
            return None
        return result.model


def beside(source: Path, language: str) -> Path:
    """The translation of `source` into `language`: in LANG/ beside it, else in the folder
    of the language alone (de/), else of another country's of the same script (de-DE/ for
    de-AT), its own first; for a language alone, its own country's only (de-DE/ for de:
    en is not en-GB); the exact one when none exists (to name in a message)."""
    exact = source.parent / language / source.name
    if exact.is_file():
        return exact
    base, *rest = language.split("-")
    own = f"{base}-{base.upper()}"
    if not rest:
        named = [own] if own in _language_folders(source.parent, base) else []
    else:
        script = next((part for part in rest if len(part) == 4), None)  # zh-Hant: not Hans
        countries = [
            name
            for name in _language_folders(source.parent, base)
            if script is None or script in name.split("-")
        ]
        named = [base, *sorted(countries, key=lambda name: name != own)]
    found = (source.parent / name / source.name for name in named)
    return next((path for path in found if path.is_file()), exact)


def _language_folders(folder: Path, base: str) -> tuple[str, ...]:
    """The folders `base-*` in `folder`, sorted. Listed once per state of the folder: a
    glob per file scanned all of company_profiles/ for every profile (quadratic in
    companies), and the folder's mtime changes when a translation folder is added."""
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return ()
    return _listed(folder, base, stamp)


@functools.lru_cache(maxsize=64)
def _listed(folder: Path, base: str, stamp: int) -> tuple[str, ...]:
    try:
        with os.scandir(folder) as entries:
            found = [e.name for e in entries if e.name.startswith(f"{base}-") and e.is_dir()]
    except OSError:
        return ()
    return tuple(sorted(found))


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return one.stat().st_size == other.stat().st_size and one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def localized_level(level: Any, words: Messages) -> Any:
    """A level of the ladder named in the posting's language."""
    if level is None:
        return None
    return replace(
        level,
        name=words.pgettext("level", level.name),
        scope=words.pgettext("level", level.scope),
        prefix=words.pgettext("level", level.prefix) if level.prefix else None,
    )
