"""The input schemas as an editor uses them: every property described, with an example
that both the schema and jobgen accept, and every pattern with a message in words."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from jobgen.inputs import nodes, validate
from jobgen.inputs.field_docs import DOCS, field_doc
from jobgen.inputs.json_schema import INPUT_MODELS, field_example, input_schema, model_example
from jobgen.inputs.markers import LocalPath, yaml_key

NAMES = list(INPUT_MODELS)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)  # enough for jobgen's look at the first bytes


def properties(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, schema) of every property, in nested objects, lists and maps too."""
    for key, value in schema.get("properties", {}).items():
        yield f"{path}.{key}", value
        yield from properties(value, f"{path}.{key}")
    for keyword in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(keyword, []):
            yield from properties(option, path)
    if isinstance(schema.get("items"), dict):
        yield from properties(schema["items"], f"{path}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from properties(schema["additionalProperties"], f"{path}.*")


def subschemas(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema inside `schema` (itself too), with where it is."""
    yield path, schema
    for key, value in schema.items():
        if key == "properties":
            for name, sub in value.items():
                yield from subschemas(sub, f"{path}/properties/{name}")
        elif key in ("anyOf", "oneOf", "allOf"):
            for number, sub in enumerate(value):
                yield from subschemas(sub, f"{path}/{key}/{number}")
        elif isinstance(value, dict):  # items, additionalProperties, propertyNames, if...
            yield from subschemas(value, f"{path}/{key}")


def models() -> dict[type, None]:
    """Every model the input files are made of, from the files' own down."""
    found: dict[type, None] = {}

    def visit(hint: Any) -> None:
        for arg in typing.get_args(hint):
            visit(arg)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint) and hint not in found:
            found[hint] = None
            for hint_of_field in typing.get_type_hints(hint, include_extras=True).values():
                visit(hint_of_field)

    for cls, _ in INPUT_MODELS.values():
        visit(cls)
    return found


def fields_of(cls: type) -> list[dataclasses.Field]:
    return [spec for spec in dataclasses.fields(cls) if "from" not in spec.metadata]


@pytest.mark.parametrize("name", NAMES)
def test_every_property_has_a_description_and_an_example(name):
    missing = []
    for path, schema in properties(input_schema(name)):
        text = schema.get("description", "")
        if not text.strip() or "\n" in text or not text.endswith("."):
            missing.append(f"{path}: description {text!r}")
        if not schema.get("examples"):
            missing.append(f"{path}: no examples")
    where = "src/jobgen/inputs/field_docs.py (workspace_docs.py for jobgen.yaml)"
    assert not missing, f"describe them in {where}:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_is_valid_for_its_property(name):
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for path, schema in properties(input_schema(name)):
        validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
        for example in schema.get("examples", []):
            errors = [error.message for error in validator.iter_errors(example)]
            assert not errors, f"{path}: example {example!r}: {errors}"


@pytest.mark.parametrize("name", NAMES)
def test_every_pattern_says_in_words_what_it_expects(name):
    for path, schema in subschemas(input_schema(name)):
        if "pattern" in schema:
            message = schema.get("patternErrorMessage", "")
            assert message.startswith("Expected ") and message.endswith("."), path


@pytest.mark.parametrize("name", NAMES)
def test_descriptions_are_on_properties_alone(name):
    """The YAML language server's hover shows the first description it meets, and it
    meets one inside a property (an anyOf option, a type) before the property's own."""
    schema = input_schema(name)
    described = {id(prop) for _, prop in properties(schema)} | {id(schema)}
    for path, sub in subschemas(schema):
        assert "description" not in sub or id(sub) in described, path


def test_every_description_is_of_a_field_that_exists():
    reachable = models()
    for cls, docs in DOCS.items():
        assert cls in reachable, f"{cls.__name__} is in no input file"
        names = {spec.name for spec in dataclasses.fields(cls)}
        assert not set(docs) - names, f"{cls.__name__}: no field {set(docs) - names}"


def test_an_objects_example_is_made_of_its_fields():
    company = input_schema("company")["properties"]
    assert company["locations"]["examples"] == [[{"city": "Boulder", "country": "US"}]]
    assert company["brand"]["examples"] == [{"color": "#1F4E79", "font": "Source Sans 3"}]
    levels = input_schema("workspace")["properties"]["levels"]["examples"][0]
    assert levels[0]["id"] == "l5"  # a list of levels: the short way to write {add: [...]}


@pytest.fixture(name="profile")
def profile_fixture(tmp_path: Path) -> Path:
    """Where a profile would be, with the folder and the logo its examples name."""
    file = tmp_path / "ws" / "company_profiles" / "acme.yaml"
    (file.parent / "acme" / "templates").mkdir(parents=True)
    (file.parent / "acme" / "logo.png").write_bytes(PNG)
    return file


def problems(cls: type, document: Any, file: Path, **extra: Any) -> list[str]:
    """What jobgen's own validator says of `document` as a `cls`."""
    node = yaml.compose(yaml.safe_dump(document, allow_unicode=True), Loader=yaml.SafeLoader)
    ctx = nodes.Context(file)
    validate.build(cls, node, ctx, extra)
    return [f"{problem.field}: {problem.message}" for problem in ctx.problems]


@pytest.mark.parametrize("cls", list(models()), ids=lambda cls: cls.__name__)
def test_jobgen_accepts_every_example(cls, profile):
    """The examples are not only valid JSON but values jobgen reads, as a recruiter might
    keep them: each field's on its own (its type's checks, a nested model's rules)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    for spec in fields_of(cls):
        probe = dataclasses.make_dataclass("Probe", [(spec.name, hints[spec.name])], frozen=True)
        example = {spec.name: field_example(cls, spec.name)}
        assert not problems(probe, example, profile), f"{cls.__name__}.{spec.name}: {example}"


@pytest.mark.parametrize("name", NAMES)
def test_a_file_of_every_fields_example_is_one_jobgen_reads(name, profile):
    """...and they fit together: a role's alternatives are among its tools."""
    cls = INPUT_MODELS[name][0]
    extra = {spec.name: "x" for spec in dataclasses.fields(cls) if "from" in spec.metadata}
    document = {yaml_key(spec): field_example(cls, spec.name) for spec in fields_of(cls)}
    assert not problems(cls, document, profile, **extra)
    assert not problems(cls, model_example(cls), profile, **extra)  # the required ones alone


def test_local_paths_are_described_as_relative_to_the_file():
    def markers(hint: Any) -> list[Any]:
        found = []
        for arg in typing.get_args(hint):
            found += [arg, *markers(arg)]
        return found

    paths = [
        (cls, spec.name)
        for cls in models()
        for spec in fields_of(cls)
        if any(
            isinstance(marker, LocalPath)
            for marker in markers(typing.get_type_hints(cls, include_extras=True)[spec.name])
        )
    ]
    assert len(paths) == 2  # the company's templates and its logo
    for cls, name in paths:
        assert "relative to this file" in field_doc(cls, name).text


def test_the_lint_rules_are_described_from_their_titles():
    lint = input_schema("workspace")["properties"]["lint"]["properties"]
    assert lint["word-count"]["description"] == (
        'The settings of the rule "Length outside the target band".'
    )
    assert lint["empty-section"]["description"] == 'The severity of the rule "Empty section".'
    assert lint["word-count"]["examples"] == [{"severity": "warning", "min": 150, "max": 700}]


def test_a_colour_left_unquoted_gets_the_hint_in_the_editor():
    color = input_schema("company")["properties"]["brand"]["properties"]["color"]
    assert "in quotes" in color["errorMessage"]  # `color: #1F4E79` is empty: a wrong type
    assert color["patternErrorMessage"] == 'Expected a colour like "#1F4E79".'


def test_field_docs_is_only_read_for_a_schema():
    """The words cost nothing to a command that only reads files."""
    code = "import sys, jobgen.inputs.catalog; print('jobgen.inputs.field_docs' in sys.modules)"
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(src)},
    )
    assert result.stdout.strip() == "False"
