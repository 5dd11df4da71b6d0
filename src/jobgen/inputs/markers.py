"""What a model's type hint may say beyond its type, for validation and JSON Schema.

The models in `models.py` are plain dataclasses whose type hints are the schema;
these markers, put in `Annotated[...]`, add what a type cannot say: a check on
the value (`Check`), an id of another file (`Ref`), a path next to the file
(`LocalPath`), a list that may be written as one item (`OneOrMany`), a mapping
that may be written as one of its values (`Shorthand`).
`validate.py` acts on them; `json_schema.py` restates them for editors.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from ..errors import Problem
from ..fast_dataclass import dataclass


@dataclass(frozen=True)
class Reference:
    """An id of another file (a field marked `Ref`) as one file gives it, to be checked
    once every file is read."""

    kind: str
    value: str
    where: Problem  # position and field, message left empty


def join(path: str, key: str | int) -> str:
    """A field's path in messages: `pay.ai-ml-engineer`, `skills[2]`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


@dataclass(frozen=True)
class Check:
    """A constraint on a value beyond its type: `test` returns True when it holds."""

    test: Callable[[Any], bool]
    expected: str
    if_empty: str = ""  # what to say when the value is missing, if that needs a hint
    json: tuple[tuple[str, Any], ...] = ()  # the same constraint in JSON Schema keywords
    hint: Callable[[Any], str | None] | None = None  # a did-you-mean for a value that fails
    example: Any = None  # a realistic value, for the JSON Schema of every field of this type


@dataclass(frozen=True)
class Ref:
    """Marks a string as the id of another file (a role, a stage) checked once all are known."""

    kind: str


@dataclass(frozen=True)
class LocalPath:
    """Marks text as a path relative to the folder of the file it is written in.

    It is built as an absolute path, after checking that it exists, is of
    `kind`, and stays inside the workspace (the folder above the file's own):
    a profile cannot pull in files from elsewhere on the disk.
    """

    kind: Literal["folder", "image"]


@dataclass(frozen=True)
class Distinct:
    """Marks a list whose items must all differ: a language, a tool or a role listed
    twice is a slip (it would print twice, or write two files of one name)."""


@dataclass(frozen=True)
class OneOrMany:
    """Marks a tuple field that also accepts a single item written without a list."""


@dataclass(frozen=True)
class Shorthand:
    """Marks a model-typed field that may be written as the value of one of its fields
    alone: `visa_sponsorship: no` for `{offered: no}`, a list for `{add: [...]}`."""

    field: str


IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif"}


def image_type(path: Path) -> str | None:
    """`png`, `jpeg` or `gif` by the file's first bytes; None for anything else."""
    with open(path, "rb") as handle:
        start = handle.read(8)
    return next((kind for sig, kind in IMAGE_SIGNATURES.items() if start.startswith(sig)), None)


def yaml_key(spec: dataclasses.Field) -> str:
    """How a field is spelt in YAML: its name, unless its metadata gives a `key`."""
    return spec.metadata.get("key", spec.name)


def type_hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a model, markers included; worked out once per class."""
    cached = _HINTS.get(cls)
    if cached is None:
        cached = typing.get_type_hints(cls, include_extras=True)
        _HINTS[cls] = cached
    return cached


_HINTS: dict[type, dict[str, Any]] = {}
