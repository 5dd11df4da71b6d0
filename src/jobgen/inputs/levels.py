"""Levels and platforms: what every workspace knows, in jobgen.yaml.

The built-in jobgen.yaml has a ladder of levels (junior to executive) and the
cloud platforms with the tools that belong to each. A workspace's `levels:` and
`platforms:` extend them (an entry with the same id or name replaces the
built-in one) or, written as `{replace: [...]}`, take their place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..fast_dataclass import dataclass
from .fields import Line, Seniority, Slug, Text, Years

T = TypeVar("T")


@dataclass(frozen=True)
class Level:
    """One rung of the ladder: one role serves every level without copying files."""

    id: Slug
    name: Line  # "Senior", as a posting names the level
    seniority: Seniority  # what lint and the JSON call it
    years: Years  # the years of experience the level usually asks for, at least
    scope: Text  # one sentence on the scope of the work
    prefix: Line | None = None  # put before the role's title: "Senior AI/ML Engineer"


@dataclass(frozen=True)
class Platform:
    """A platform a company's `stack` may name, and the tools that come with it."""

    name: Line  # "Google Cloud"
    tools: tuple[Line, ...]  # "Google Vertex AI", "BigQuery"
    aliases: tuple[Line, ...] = ()  # other names a stack may use: "GCP"

    def problems(self) -> list[tuple[str, str]]:
        return [] if self.tools else [("tools", "expected at least one tool")]


def _merged(base: tuple[T, ...], extra: tuple[T, ...], key: Callable[[T], str]) -> tuple[T, ...]:
    """`base` with each entry of `extra` replacing the one of the same key, or added."""
    result = {key(item): item for item in base}
    result.update((key(item), item) for item in extra)
    return tuple(result.values())


def _repeated(
    items: tuple[T, ...], key: Callable[[T], str], what: str, field: str
) -> list[tuple[str, str]]:
    seen: set[str] = set()
    problems = []
    for number, item in enumerate(items):  # at the repeat itself
        if key(item) in seen:
            problems.append(
                (f"{field}[{number}]", f"{what} {key(item)!r} is given twice; keep one")
            )
        seen.add(key(item))
    return problems


@dataclass(frozen=True)
class LevelList:
    """jobgen.yaml `levels:`: a list extends the ladder, `{replace: [...]}` replaces it."""

    add: tuple[Level, ...] = ()
    replace: tuple[Level, ...] | None = None

    def over(self, base: tuple[Level, ...]) -> tuple[Level, ...]:
        if self.replace is not None:
            return self.replace
        return _merged(base, self.add, lambda level: level.id)

    def problems(self) -> list[tuple[str, str]]:
        if self.add and self.replace is not None:
            return [("replace", "give a list of levels to add, or replace:, not both")]
        field = "add" if self.replace is None else "replace"
        return _repeated(self.replace or self.add, lambda level: level.id, "level id", field)


@dataclass(frozen=True)
class PlatformList:
    """jobgen.yaml `platforms:`: a list extends the built-in ones, `{replace: [...]}`
    replaces them."""

    add: tuple[Platform, ...] = ()
    replace: tuple[Platform, ...] | None = None

    def over(self, base: tuple[Platform, ...]) -> tuple[Platform, ...]:
        if self.replace is not None:
            return self.replace
        return _merged(base, self.add, lambda platform: platform.name.lower())

    def problems(self) -> list[tuple[str, str]]:
        if self.add and self.replace is not None:
            return [("replace", "give a list of platforms to add, or replace:, not both")]
        field = "add" if self.replace is None else "replace"
        return _repeated(self.replace or self.add, lambda p: p.name.lower(), "platform", field)
