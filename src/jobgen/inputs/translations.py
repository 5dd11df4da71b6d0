"""A role, a company profile or an opening in another language.

A translation sits in a folder named by the language beside the file it translates,
with the same name: `roles/de-DE/ai-ml-engineer.yaml`, `company_profiles/fr-FR/acme.yaml`,
`company_profiles/acme/openings/de-DE/berlin-ml.yaml`. It has the shape of its source
and only its text: titles, sentences and list items, each list as long as the source's,
item for item. Ids, tools, amounts, places and dates stay in the source, written once.

A translation into another language must give every text of its source (a posting is
never in two languages); one into a variant of the source's language (en-GB for a
US-English role) gives only what it changes, British spelling for example.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, closest, counted, display_path
from ..fast_dataclass import dataclass
from . import model_cache
from .fields import known_language
from .loader import outside_problem
from .markers import join
from .messages import same_language

if TYPE_CHECKING:
    import yaml

# The text of each model, by class name: the fields a translation may give.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "Role": (
        "title",
        "summary",
        "responsibilities",
        "skills",
        "nice_to_have",
        "why_it_matters",
        "market",
    ),
    "Market": ("facts",),
    "MarketFact": ("text",),
    "Company": (
        "industry",
        "about",
        "mission",
        "values",
        "benefits",
        "work_model_note",
        "equal_opportunity",
        "apply",
        "hiring",
        "pay",
        "roles",
    ),
    "CompanyValue": ("name", "description"),
    "Apply": ("instructions",),
    "Hiring": ("ai_screening",),
    "AiScreening": ("tool", "decides", "contact"),
    "PayRange": ("equity",),
    "RoleContext": (
        "summary",
        "why_it_matters",
        "responsibilities",
        "skills",
        "nice_to_have",
        "team",
        "reports_to",
        "outcomes",
        "interview",
        "visa_sponsorship",
        "relocation",
        "travel",
        "on_call",
        "ai_screening",
    ),
    "TextList": ("add", "replace"),
    "Outcomes": ("first_90_days", "first_year"),
    "InterviewStep": ("step", "who", "length"),
    "Answer": ("note",),
}
TEXT_FIELDS["Opening"] = ("title", *TEXT_FIELDS["RoleContext"])
NOT_TRANSLATED = "names, tools, amounts, places and dates stay in the source, written once"


def translation_path(source: Path, language: str) -> Path:
    """Where the translation of `source` into `language` is: `roles/de-DE/x.yaml`."""
    return source.parent / language / source.name


# What a folder of translations is named: a language (de), with a country or script
# (de-DE, zh-Hant-TW). A company's own folder beside the profiles is not one.
LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def stray_translations(
    sources: Mapping[Path, Iterable[str]],
    not_languages: Mapping[Path, set[str]] | None = None,
) -> list[str]:
    """Files in the language folders of each folder of `sources` (with the names of the
    files jobgen translates from it) that translate nothing: jobgen reads a translation
    from a file named as its source, so a misspelt one, or one with another suffix, is
    never read, and only a warning can say so. The subfolders in `not_languages` (a
    company's own beside its profile) are no language's."""
    from .workspace import yaml_files

    said = []
    for folder, names in sources.items():
        known = {Path(name).stem: name for name in names}
        skip = (not_languages or {}).get(folder, set())
        try:
            subfolders = sorted(entry.name for entry in os.scandir(folder) if entry.is_dir())
        except OSError:
            continue
        for language in subfolders:
            if language in skip or not language_folder(language):
                continue
            for path in yaml_files(folder / language):
                name = known.get(path.stem)
                if name == path.name:
                    continue
                said.append(f"{display_path(path)} translates nothing: " + _why(path, name, known))
    return said


def language_folder(name: str) -> bool:
    """Is a folder of this name one of translations (de-DE/), not a company's own?"""
    return bool(LANGUAGE_FOLDER.fullmatch(name)) and known_language(name)


def _why(path: Path, name: str | None, known: Mapping[str, str]) -> str:
    """Why the translation at `path` is never read, and what to do."""
    if name is not None:  # the source's name with another suffix
        return f"it is read from a file named as its source, {name}; rename it to {name}"
    near = closest(path.stem, set(known))
    where = display_path(path.parent.parent / path.name)
    meant = f"; did you mean {known[near]}?" if near else ""
    return f"there is no {where}, so it is never read{meant}"


def text_paths(model: Any, prefix: str = "") -> list[str]:
    """The path of every text of `model` a translation gives: `summary`, `skills[2]`,
    `values[0].name`, `pay.ai-ml-engineer[1].equity`."""
    found: list[str] = []
    if dataclasses.is_dataclass(model):
        for name in TEXT_FIELDS.get(type(model).__name__, ()):
            found += text_paths(getattr(model, name), join(prefix, name))
    elif isinstance(model, Mapping):
        for key, value in model.items():
            found += text_paths(value, join(prefix, str(key)))
    elif isinstance(model, tuple):
        for number, item in enumerate(model):
            found += text_paths(item, join(prefix, number))
    elif isinstance(model, str):
        found.append(prefix)
    return found


@dataclass
class Translated:
    """A model in another language, and what its translation did not give."""

    model: Any
    missing: list[str]  # text paths of the source the translation left out, where needed
    path: Path | None = None  # the translation file
    source: Path | None = None

    def missing_problem(self, language: str, needed: Callable[[str], bool]) -> Problem | None:
        """The text a posting needs that the translation lacks, as one problem."""
        lacking = [text for text in self.missing if needed(text)]
        if not lacking or self.path is None or self.source is None:
            return None
        message = (
            f"a posting in {language} needs all the text of {display_path(self.source)}; "
            f"translate {', '.join(lacking)}"
        )
        return Problem(self.path, None, None, "", message)


def translate(
    source_model: Any,
    source_path: Path,
    path: Path,
    source_language: str,
    language: str,
    problems: list[Problem],
) -> Translated | None:
    """`source_model` (read from `source_path`, written in `source_language`) in
    `language`, its translation read from `path`: its own text when the language is the
    same, the translation's over it otherwise. Problems of the translation file, and a
    translation file missing where one is needed, are appended (None then); the text it
    lacks is in `missing`, for the caller to judge which of it a posting needs."""
    if language == source_language:
        return Translated(source_model, [])
    wanted = text_paths(source_model)
    variant = same_language(language, source_language)
    if not path.is_file():
        if variant:  # en-GB of a US-English file: the source's text will do
            return Translated(source_model, [])
        problems.append(_missing_file(path, source_path, language, wanted))
        return None
    outside = outside_problem(path, path.parents[1])  # a link out would be read, shown
    if outside is not None:
        problems.append(outside)
        return None
    found = _kept(source_model, path, source_language, language)
    if isinstance(found, model_cache.Kept):
        return Translated(found.model, list(found.missing), path, source_path)
    from .yaml_read import read_node  # PyYAML only for a translation not read before

    node = read_node(path, problems, variant, found.data if found is not None else None)
    if node is None:
        return Translated(source_model, []) if variant else None
    given: set[str] = set()
    before = len(problems)
    model = _over(source_model, node, "", path, problems, given)
    if len(problems) > before:  # the file's own mistakes first: they say it better
        return None
    missing = [] if variant else [text for text in wanted if text not in given]
    if found is not None:
        model_cache.store(found, model_cache.Kept(model, [], None, [], tuple(missing)))
    return Translated(model, missing, path, source_path)


def _kept(
    source_model: Any, path: Path, source_language: str, language: str
) -> model_cache.Kept | model_cache.Ticket | None:
    """The translation as read before, over this very source model; else a Ticket of its
    bytes (None without a cache, or for a model the cache cannot hold)."""
    source = model_cache.digest(source_model)
    if source is None:
        return None
    extra = {"translates": source, "from": source_language, "into": language}
    return model_cache.lookup(type(source_model), path, extra, False)


def _missing_file(path: Path, source: Path, language: str, wanted: list[str]) -> Problem:
    fields = ", ".join(dict.fromkeys(text.split("[")[0].split(".")[0] for text in wanted))
    message = (
        f"no {language} translation of {display_path(source)}: add this file, the same "
        f"shape as the source with only its text ({fields}) in {language}"
    )
    return Problem(path, None, None, "", message)


def _over(
    model: Any, node: yaml.Node, path: str, file: Path, problems: list[Problem], given: set[str]
) -> Any:
    """`model` with the text `node` gives at the same places."""
    import yaml

    from . import nodes

    def problem(at: yaml.Node, name: str, message: str) -> None:
        problems.append(Problem(file, *nodes.pos(at), name, message))

    if dataclasses.is_dataclass(model) and not isinstance(model, type):
        if type(model).__name__ == "TextList" and isinstance(node, yaml.SequenceNode):
            name = "replace" if model.replace is not None else "add"  # the shorthand list
            changed = _over(getattr(model, name), node, join(path, name), file, problems, given)
            return dataclasses.replace(model, **{name: changed})
        if not isinstance(node, yaml.MappingNode):
            problem(node, path, f"expected a mapping of text fields, got {nodes.show(node)}")
            return model
        allowed = TEXT_FIELDS.get(type(model).__name__, ())
        changes = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            where = join(path, name)
            if name not in allowed:
                known = [f.name for f in dataclasses.fields(model)]
                if name in known:
                    problem(key, where, f"not text to translate: {NOT_TRANSLATED}")
                else:
                    hint = closest(name, list(allowed))
                    problem(
                        key,
                        where,
                        f"unknown field {name!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                    )
                continue
            current = getattr(model, name)
            if current is None or current == () or current == {}:
                problem(key, where, "the source has no text here to translate")
                continue
            changes[name] = _over(current, value, where, file, problems, given)
        return dataclasses.replace(model, **changes) if changes else model
    if isinstance(model, Mapping):
        if not isinstance(node, yaml.MappingNode):
            problem(node, path, f"expected a mapping, got {nodes.show(node)}")
            return model
        result = dict(model)
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            if name not in model:
                hint = closest(name, [str(k) for k in model])
                problem(
                    key,
                    join(path, name),
                    f"the source has no {name!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                )
                continue
            result[name] = _over(model[name], value, join(path, name), file, problems, given)
        return result
    if isinstance(model, tuple):
        values = node.value if isinstance(node, yaml.SequenceNode) else None
        if values is None and len(model) == 1 and isinstance(node, yaml.MappingNode):
            values = [node]  # one pay range, written as in the source: a mapping, no list
        if values is None or len(values) != len(model):
            got = counted(len(values), "item") if values is not None else nodes.show(node)
            wanted = f"expected a list of {counted(len(model), 'item')}, one for each in the source"
            problem(node, path, f"{wanted}, got {got}")
            return model
        return tuple(
            _over(item, value, join(path, n), file, problems, given)
            for n, (item, value) in enumerate(zip(model, values, strict=True))
        )
    if isinstance(model, str):
        if (
            not isinstance(node, yaml.ScalarNode)
            or nodes.is_null(node)
            or not str(node.value).strip()
        ):
            problem(node, path, f"expected text, got {nodes.show(node)}")
            return model
        given.add(path)
        return str(node.value).strip()
    problem(node, path, "the source has no text here to translate")
    return model
