"""JSON Schemas of jobgen's input files, for editors and for integrations.

The input schemas (role, company, workspace) are derived from the same typed
models that validate the YAML, so they cannot drift from what jobgen accepts:
types, choices, patterns and bounds come from the type hints and their checks.
A few rules stay with jobgen's own validation (cross-file ids, a minimum not
above its maximum, local files that must exist); the schema is what an editor
can check as a recruiter types. `publish/schemas.py` adds the schemas of what
jobgen writes (a posting, a lint report).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Annotated, Any, Literal, Union

from . import models
from .markers import Check, LocalPath, OneOrMany, Shorthand, type_hints, yaml_key
from .openings import Opening

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://jobgen.example/schemas/"
INPUT_MODELS = {
    "role": (models.Role, "A jobgen role file (roles/ID.yaml)."),
    "company": (models.Company, "A jobgen company profile (company_profiles/ID.yaml)."),
    "opening": (Opening, "A jobgen opening (company_profiles/COMPANY/openings/ID.yaml)."),
    "workspace": (models.WorkspaceConfig, "A jobgen workspace file (jobgen.yaml)."),
}


def schema_file_name(name: str) -> str:
    """`role.schema.json`: the file a schema is published as (in `schemas/`)."""
    return f"{name}.schema.json"


def input_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of an input file: role, company or workspace."""
    cls, description = INPUT_MODELS[name]
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_BASE + schema_file_name(name),
        "title": f"jobgen {name}",
        "description": description,
        **_schema(cls),
    }


def _schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin is Annotated:
        base, *extras = typing.get_args(hint)
        if any(isinstance(extra, OneOrMany) for extra in extras):
            item = _schema(typing.get_args(base)[0])
            return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}
        short = next((extra for extra in extras if isinstance(extra, Shorthand)), None)
        if short is not None:  # the value of one field alone, or the whole mapping
            return {"anyOf": [_schema(type_hints(base)[short.field]), _schema(base)]}
        result = _schema(base)
        for extra in extras:
            if isinstance(extra, Check):
                result.update(dict(extra.json))
            elif isinstance(extra, LocalPath):
                what = "a folder" if extra.kind == "folder" else "a PNG, JPEG or GIF image"
                result["description"] = f"{what}, relative to this file's folder"
        return result
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return {"anyOf": [_schema(options[0]), {"type": "null"}]}
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is tuple:
        return {"type": "array", "items": _schema(typing.get_args(hint)[0])}
    if origin is dict:
        key, value = typing.get_args(hint)
        return {
            "type": "object",
            "propertyNames": _schema(key),
            "additionalProperties": _schema(value),
        }
    if dataclasses.is_dataclass(hint):
        return _object(hint)
    return {
        str: {"type": "string", "pattern": r"\S"},  # jobgen refuses blank text
        int: {"type": "integer"},
        float: {"type": "number"},
        bool: {"type": "boolean"},
        dt.date: {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    }[hint]


def _object(cls: type) -> dict[str, Any]:
    hints = type_hints(cls)
    properties, required = {}, []
    for spec in dataclasses.fields(cls):
        if "from" in spec.metadata:
            continue  # the file's name or folder gives it
        properties[yaml_key(spec)] = _schema(hints[spec.name])
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            required.append(yaml_key(spec))
    result: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        result["required"] = required
    # Rules a model checks in code (`problems()`), restated for editors where JSON Schema can.
    return _merged(result, getattr(cls, "JSON_SCHEMA", {}))


def _merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged
