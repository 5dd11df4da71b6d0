"""Turn a YAML node tree into typed, frozen dataclasses, collecting every problem.

The models in `models.py` are plain dataclasses whose type hints are the schema
(with the markers of `markers.py`). This module walks a composed YAML node
(which still knows its line and column) against those hints. It never stops at
the first problem: each one is recorded with its position and field path, and
the caller reports them all together.

Why not pydantic: it costs ~100 ms of start-up for every command, and its
errors do not know YAML positions anyway.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml

from ..errors import Problem, describe_char
from ..limits import MAX_IMAGE_BYTES, MAX_NODES, MAX_TEXT_CHARS
from .markers import Check, LocalPath, OneOrMany, Ref, image_type, type_hints, yaml_key

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (TAG + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ = TAG + "map", TAG + "seq"
# What YAML 1.1 silently turns a plain scalar into, said in words.
READS_AS = {
    INT: "a whole number",
    FLOAT: "a decimal number",
    BOOL: "a true/false value",
    NULL: "an empty value",
    TAG + "timestamp": "a date",
}
# The tags YAML gives plain values by itself; any other was written by hand.
PLAIN_TAGS = {STR, INT, FLOAT, BOOL, NULL, TAG + "timestamp"}
# At most 15 digits before the point: a huge number cannot become inf or overflow int().
DECIMAL_INT = re.compile(r"-?(0|[1-9][0-9]{0,14})")
DECIMAL_NUMBER = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?")
# The invisible characters that make text show other than it reads: bidi overrides
# and isolates ("Trojan Source"), line and paragraph separators (YAML and old
# browsers break lines there, editors do not), a byte-order mark in mid-text.
INVISIBLE = "\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
# ...refused in text fields, with C0 and C1 (not tab or newline) and the
# noncharacters (not allowed in XML, so not in a Word file).
CONTROL_CHARS = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}\ufdd0-\ufdef\ufffe\uffff]"
)


@dataclass(frozen=True)
class Reference:
    kind: str
    value: str
    where: Problem  # position and field, message left empty


@dataclass
class Context:
    """Per-file state of one validation pass."""

    file: Path
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    nodes_seen: int = 0

    def problem(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(self.file, line, column, path, message))


class Invalid(Exception):
    """Internal: the value at this node could not be built; already recorded."""


def build(cls: type, node: yaml.Node, ctx: Context, extra: dict[str, Any] | None = None) -> Any:
    """Build an instance of dataclass `cls` from `node`, or record problems and return None."""
    try:
        return _build_dataclass(cls, node, ctx, "", extra or {}, frozenset())
    except Invalid:
        return None


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
        return repr(text)
    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
    return kind if node.tag in (SEQ, MAP) else f"{kind} tagged {node.tag.replace(TAG, '!!')}"


def _build(hint: Any, node: yaml.Node, ctx: Context, path: str, active: frozenset[int]) -> Any:
    ctx.nodes_seen += 1
    if ctx.nodes_seen > MAX_NODES:
        if ctx.nodes_seen == MAX_NODES + 1:  # once, not for every value left to build
            ctx.problem(node, path, f"the file expands to more than {MAX_NODES} values (aliases?)")
        raise Invalid
    origin = typing.get_origin(hint)
    # Only a collection can contain itself, through an alias; Annotated and
    # optional hints look at the same node again, which is no cycle.
    wrapper = origin in (Annotated, Union, types.UnionType)
    if not isinstance(node, yaml.ScalarNode) and id(node) in active and not wrapper:
        ctx.problem(node, path, "this alias refers to itself")
        raise Invalid

    if origin is Annotated:
        base, *extras = typing.get_args(hint)
        hints = [e.if_empty for e in extras if isinstance(e, Check) and e.if_empty]
        if hints and _is_null(node):
            ctx.problem(node, path, f"expected {hints[0]}, got nothing")
            raise Invalid
        if any(isinstance(e, OneOrMany) for e in extras) and isinstance(node, yaml.MappingNode):
            return (_build(typing.get_args(base)[0], node, ctx, path, active),)
        value = _build(base, node, ctx, path, active)
        for extra in extras:
            if isinstance(extra, Check) and not extra.test(value):
                ctx.problem(node, path, f"expected {extra.expected}, got {_show(node)}")
                raise Invalid
            if isinstance(extra, Ref):
                ctx.references.append(
                    Reference(extra.kind, value, Problem(ctx.file, *_pos(node), path, ""))
                )
            if isinstance(extra, LocalPath):
                value = _local_path(extra, value, node, ctx, path)
        return value
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if _is_null(node):
            return None
        return _build(options[0], node, ctx, path, active)
    if origin is Literal:
        return _build_choice(typing.get_args(hint), node, ctx, path)
    active = active | {id(node)}
    if origin is tuple:
        return _build_sequence(typing.get_args(hint)[0], node, ctx, path, active)
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        return _build_mapping(key_hint, value_hint, node, ctx, path, active)
    if dataclasses.is_dataclass(hint):
        return _build_dataclass(hint, node, ctx, path, {}, active)
    return _build_scalar(hint, node, ctx, path)


def _local_path(spec: LocalPath, value: str, node: yaml.Node, ctx: Context, path: str) -> str:
    written = Path(value)
    if written.is_absolute() or value.startswith("~"):
        ctx.problem(node, path, f"expected a path relative to this file's folder, got {value!r}")
        raise Invalid
    base = ctx.file.parent.resolve()
    target = (base / written).resolve()
    if not target.is_relative_to(base.parent):
        ctx.problem(node, path, f"{value!r} is outside the workspace; keep the file inside it")
        raise Invalid
    if spec.kind == "folder":
        if not target.is_dir():
            ctx.problem(node, path, f"no folder {value!r} next to this file")
            raise Invalid
        return str(target)
    if not target.is_file():
        ctx.problem(node, path, f"no file {value!r} next to this file")
        raise Invalid
    try:
        size, kind = target.stat().st_size, image_type(target)
    except OSError as error:
        ctx.problem(node, path, f"cannot read {value!r}: {error.strerror or error}")
        raise Invalid from None
    if kind is None:
        ctx.problem(node, path, f"{value!r} is not a PNG, JPEG or GIF image (by its contents)")
        raise Invalid
    if size > MAX_IMAGE_BYTES:
        ctx.problem(
            node,
            path,
            f"{value!r} has {size:,} bytes; a logo is inlined into every page, so keep it "
            f"under {MAX_IMAGE_BYTES:,} (export it at about 400 pixels wide)",
        )
        raise Invalid
    return str(target)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL


def _build_scalar(hint: type, node: yaml.Node, ctx: Context, path: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_TAGS:
        tag = node.tag.replace(TAG, "!!")
        ctx.problem(node, path, f"YAML tags like {tag} are not allowed here; remove the tag")
        raise Invalid
    if hint is str:
        if not isinstance(node, yaml.ScalarNode):
            ctx.problem(node, path, f"expected text, got {_show(node)}")
            raise Invalid
        if node.tag != STR:
            reads_as = READS_AS.get(node.tag, "something other than text")
            if node.tag == NULL and not node.value:  # `~` and `null` get the advice below
                ctx.problem(node, path, "expected text, got nothing")
            else:
                ctx.problem(
                    node,
                    path,
                    f"expected text, got {node.value!r}, which YAML reads as {reads_as}; "
                    f'put it in quotes: "{node.value}"',
                )
            raise Invalid
        control = CONTROL_CHARS.search(node.value)
        if control:
            ctx.problem(
                node, path, f"the text contains {describe_char(control.group())}; remove it"
            )
            raise Invalid
        if not node.value.strip():
            ctx.problem(node, path, "expected text, got an empty string")
            raise Invalid
        if len(node.value) > MAX_TEXT_CHARS:
            ctx.problem(
                node,
                path,
                f"the text has {len(node.value):,} characters; the limit is "
                f"{MAX_TEXT_CHARS:,} for one field",
            )
            raise Invalid
        return node.value.strip()
    if hint in (int, float):
        pattern = DECIMAL_INT if hint is int else DECIMAL_NUMBER
        if isinstance(node, yaml.ScalarNode) and node.tag in (INT, FLOAT):
            text = node.value.replace("_", "")
            if pattern.fullmatch(text):  # refuses YAML 1.1 octal, hex, sexagesimal, .inf
                return int(text) if hint is int or "." not in text else float(text)
        kind = "a whole number" if hint is int else "a number"
        ctx.problem(node, path, f"expected {kind}, got {_show(node)}")
        raise Invalid
    if hint is bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        ctx.problem(node, path, f"expected true or false, got {_show(node)}")
        raise Invalid
    raise TypeError(f"schema: unsupported type {hint!r} at {path}")  # a bug in models.py


def _build_choice(choices: tuple[str, ...], node: yaml.Node, ctx: Context, path: str) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if value in choices and node.tag == STR:
        return value
    if node.tag == BOOL and value and value.lower() in choices:  # `severity: off`, unquoted
        return value.lower()
    message = f"expected one of {', '.join(choices)}; got {_show(node)}"
    close = difflib.get_close_matches(str(value), choices, n=1)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    ctx.problem(node, path, message)
    raise Invalid


def _build_sequence(
    item_hint: Any, node: yaml.Node, ctx: Context, path: str, active: frozenset[int]
) -> tuple[Any, ...]:
    if not isinstance(node, yaml.SequenceNode) or node.tag != SEQ:
        ctx.problem(node, path, f"expected a list, got {_show(node)}")
        raise Invalid
    items, failed = [], False
    for index, child in enumerate(node.value):
        try:
            items.append(_build(item_hint, child, ctx, _join(path, index), active))
        except Invalid:
            failed = True
    if failed:
        raise Invalid
    return tuple(items)


def _mapping_items(
    node: yaml.Node, ctx: Context, path: str
) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """The (key, key node, value node) triples of a mapping, refusing duplicate keys."""
    if not isinstance(node, yaml.MappingNode) or node.tag != MAP:
        ctx.problem(node, path, f"expected a mapping of fields, got {_show(node)}")
        raise Invalid
    seen: dict[str, yaml.Node] = {}
    items, failed = [], False
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR, INT):
            what = "merge keys (<<) are not supported" if key_node.tag == TAG + "merge" else ""
            ctx.problem(key_node, path, what or f"expected a field name, got {_show(key_node)}")
            failed = True
            continue
        key = key_node.value
        if key in seen:
            first = seen[key].start_mark.line + 1
            ctx.problem(key_node, _join(path, key), f"duplicate key (first given on line {first})")
            failed = True
            continue
        seen[key] = key_node
        items.append((key, key_node, value_node))
    if failed:
        raise Invalid
    return items


def _empty_at_key(value_node: yaml.Node, key_node: yaml.Node) -> yaml.Node:
    """An empty value has no position of its own (YAML marks where the next token
    starts, often the next line); report it where its key is."""
    if _is_null(value_node) and value_node.value == "":
        return yaml.ScalarNode(NULL, "", key_node.start_mark, key_node.end_mark)
    return value_node


def _build_mapping(
    key_hint: Any,
    value_hint: Any,
    node: yaml.Node,
    ctx: Context,
    path: str,
    active: frozenset[int],
) -> dict[str, Any]:
    result, failed = {}, False
    for key, key_node, value_node in _mapping_items(node, ctx, path):
        value_node = _empty_at_key(value_node, key_node)
        try:
            checked_key = _build(key_hint, key_node, ctx, _join(path, key), active)
            result[checked_key] = _build(value_hint, value_node, ctx, _join(path, key), active)
        except Invalid:
            failed = True
    if failed:
        raise Invalid
    return result


def _build_dataclass(
    cls: type, node: yaml.Node, ctx: Context, path: str, extra: dict[str, Any], active: frozenset
) -> Any:
    hints = type_hints(cls)
    # A field may be spelt differently in YAML (`word-count` for word_count): its "key".
    fields = {yaml_key(f): f for f in dataclasses.fields(cls) if f.name not in extra}
    values: dict[str, Any] = dict(extra)
    nodes: dict[str, yaml.Node] = {}
    failed = False
    suggested: set[str] = set()  # misspelt fields: not reported again as missing
    for key, key_node, value_node in _mapping_items(node, ctx, path):
        if key not in fields:
            message = "unknown field"
            close = difflib.get_close_matches(key, [f for f in fields if f not in nodes], n=1)
            if close:
                message += f" (did you mean {close[0]!r}?)"
                suggested.add(close[0])
            else:
                message += f"; expected: {', '.join(fields)}"
            ctx.problem(key_node, _join(path, key), message)
            failed = True
            continue
        nodes[key] = value_node = _empty_at_key(value_node, key_node)
        name = fields[key].name
        try:
            values[name] = _build(hints[name], value_node, ctx, _join(path, key), active)
        except Invalid:
            failed = True
    for key, spec in fields.items():
        required = (
            spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        )
        if required and key not in nodes and key not in suggested:
            ctx.problem(node, _join(path, key), "this field is required")
            failed = True
    if failed:
        raise Invalid
    instance = cls(**values)
    for name, message in getattr(instance, "problems", lambda: [])():
        ctx.problem(nodes.get(name, node), _join(path, name), message)
        failed = True
    if failed:
        raise Invalid
    return instance
