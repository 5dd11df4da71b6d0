"""JSON Schemas of jobgen's input files, for editors and for integrations.

The input schemas (role, company, opening, workspace) come from the same typed
models that validate the YAML, so they cannot drift from what jobgen accepts:
types, choices, patterns and bounds come from the type hints and their checks.
A few rules stay with jobgen's own validation (cross-file ids, a minimum not
above its maximum, local files that must exist); the schema is what an editor
can check as a recruiter types. `publish/schemas.py` adds the schemas of what
jobgen writes (a posting, a lint report).

Every property has a one-line `description` and `examples` for the editor's
hover and completion: the words come from `field_docs.py`, an example from
there or from the field's type (its `Check`), and an object's example is made
of its fields' examples. A pattern comes with `patternErrorMessage`, the
type's own words, so an editor says "Expected a two-letter ISO 3166 country
code like US." instead of showing the pattern. Both VS Code's JSON service and
Red Hat's YAML language server (which VS Code's YAML extension runs) read it:
github.com/redhat-developer/yaml-language-server, file
src/languageservice/parser/schemaValidation/baseValidator.ts, validateStringNode
shows `schema.patternErrorMessage || schema.errorMessage ||` its own message.
`errorMessage` replaces every other message of its schema there (a wrong type,
a missing field), so it is set only where jobgen has a hint for an empty value.
Descriptions sit on the property alone, never on a type's schema inside it:
validateNode collects the schemas of an anyOf before the property's own, and
the hover (src/languageservice/services/yamlHover.ts) shows the first
description it finds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Annotated, Any, Literal, Union

from . import models
from .field_docs import NO_EXAMPLE, field_doc
from .markers import Check, Distinct, OneOrMany, Shorthand, type_hints, yaml_key
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
            if isinstance(extra, Distinct):
                result["uniqueItems"] = True
            if isinstance(extra, Check):
                result.update(dict(extra.json))
                if "pattern" in dict(extra.json):
                    result["patternErrorMessage"] = f"Expected {extra.expected}."
                if extra.if_empty:  # `color: #1F4E79` unquoted is empty: a wrong type
                    result["errorMessage"] = f"Expected {extra.if_empty}."
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
        str: {  # jobgen refuses blank text
            "type": "string",
            "pattern": r"\S",
            "patternErrorMessage": "Expected text, not an empty value.",
        },
        int: {"type": "integer"},
        float: {"type": "number"},
        bool: {"type": "boolean"},
        dt.date: {
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "patternErrorMessage": "Expected a date like 2027-01-31.",
        },
    }[hint]


def _object(cls: type) -> dict[str, Any]:
    hints = type_hints(cls)
    properties, required = {}, []
    for spec in dataclasses.fields(cls):
        if "from" in spec.metadata:
            continue  # the file's name or folder gives it
        doc, example = field_doc(cls, spec.name), field_example(cls, spec.name)
        properties[yaml_key(spec)] = {  # a test fails on a field without either
            **({"description": doc.text} if doc else {}),
            **({"examples": [example]} if example is not NO_EXAMPLE else {}),
            **_schema(hints[spec.name]),
        }
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


def field_example(cls: type, name: str) -> Any:
    """A realistic value of field `name` of model `cls`: its doc's, else one made from its
    type (`example_of`); NO_EXAMPLE if neither has one."""
    doc = field_doc(cls, name)
    if doc and doc.example is not NO_EXAMPLE:
        return doc.example
    return example_of(type_hints(cls)[name])


def example_of(hint: Any) -> Any:
    """A realistic value of a type, made of its parts' examples; NO_EXAMPLE if it has none."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        base, *extras = typing.get_args(hint)
        check = next((e for e in extras if isinstance(e, Check) and e.example is not None), None)
        if check is not None:
            return check.example
        if any(isinstance(extra, OneOrMany) for extra in extras):
            return example_of(typing.get_args(base)[0])  # one item, written without a list
        short = next((extra for extra in extras if isinstance(extra, Shorthand)), None)
        return field_example(base, short.field) if short else example_of(base)
    if origin in (Union, types.UnionType):
        return example_of(next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is Literal:
        return typing.get_args(hint)[0]
    if origin is tuple:
        item = example_of(typing.get_args(hint)[0])
        return NO_EXAMPLE if item is NO_EXAMPLE else [item]
    if origin is dict:
        key, value = (example_of(arg) for arg in typing.get_args(hint))
        return NO_EXAMPLE if NO_EXAMPLE in (key, value) else {key: value}
    if dataclasses.is_dataclass(hint):
        return model_example(hint)
    return NO_EXAMPLE  # text, numbers, true/false, dates: only a field knows a good one


def model_example(cls: type) -> Any:
    """An example of a model: its required fields' examples, or all of them if none is."""
    specs = [spec for spec in dataclasses.fields(cls) if "from" not in spec.metadata]
    required = [
        spec
        for spec in specs
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
    ]
    example = {yaml_key(spec): field_example(cls, spec.name) for spec in required or specs}
    return NO_EXAMPLE if NO_EXAMPLE in example.values() else example
