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
import re
import types
import typing
from typing import Annotated, Any, Literal, Union

import yaml

from ..errors import Problem
from ..limits import MAX_NODES
from .markers import (
    Check,
    Distinct,
    LocalPath,
    OneOrMany,
    Ref,
    Shorthand,
    join,
    type_hints,
    yaml_key,
)
from .nodes import (
    INT,
    MAP,
    NULL,
    SEQ,
    STR,
    TAG,
    Context,
    Invalid,
    Reference,
    build_choice,
    build_scalar,
    is_null,
    local_path,
    pos,
    show,
)


def build(cls: type, node: yaml.Node, ctx: Context, extra: dict[str, Any] | None = None) -> Any:
    """Build an instance of dataclass `cls` from `node`, or record problems and return None."""
    try:
        return _build_dataclass(cls, node, ctx, "", extra or {}, frozenset())
    except Invalid:
        return None


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
        if hints and is_null(node):
            ctx.problem(node, path, f"expected {hints[0]}, got nothing")
            raise Invalid
        if any(isinstance(e, OneOrMany) for e in extras) and isinstance(node, yaml.MappingNode):
            return (_build(typing.get_args(base)[0], node, ctx, path, active),)
        short = next((e for e in extras if isinstance(e, Shorthand)), None)
        if short is not None and not isinstance(node, yaml.MappingNode):
            return _build_shorthand(base, short.field, node, ctx, path, active)
        value = _build(base, node, ctx, path, active)
        for extra in extras:
            if isinstance(extra, Check) and not extra.test(value):
                hint = extra.hint(value) if extra.hint else None
                message = f"expected {extra.expected}, got {show(node)}"
                ctx.problem(node, path, f"{message}; {hint}" if hint else message)
                raise Invalid
            if isinstance(extra, Ref):
                ctx.references.append(
                    Reference(extra.kind, value, Problem(ctx.file, *pos(node), path, ""))
                )
            if isinstance(extra, LocalPath):
                value = local_path(extra, value, node, ctx, path)
            if isinstance(extra, Distinct) and isinstance(node, yaml.SequenceNode):
                _refuse_repeats(value, node, ctx, path)
        return value
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if is_null(node):
            return None
        return _build(options[0], node, ctx, path, active)
    if origin is Literal:
        return build_choice(typing.get_args(hint), node, ctx, path)
    active = active | {id(node)}
    if origin is tuple:
        return _build_sequence(typing.get_args(hint)[0], node, ctx, path, active)
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        return _build_mapping(key_hint, value_hint, node, ctx, path, active)
    if dataclasses.is_dataclass(hint):
        return _build_dataclass(hint, node, ctx, path, {}, active)
    return build_scalar(hint, node, ctx, path)


def _refuse_repeats(
    items: tuple[Any, ...], node: yaml.SequenceNode, ctx: Context, path: str
) -> None:
    """The first item that repeats an earlier one, at its own line (see `Distinct`)."""
    first: dict[Any, int] = {}
    for index, item in enumerate(items):
        if item in first:
            line = node.value[first[item]].start_mark.line + 1
            message = f"{item!r} is listed twice (first on line {line}); remove one"
            ctx.problem(node.value[index], join(path, index), message)
            raise Invalid
        first[item] = index


def _build_shorthand(
    cls: type, field_name: str, node: yaml.Node, ctx: Context, path: str, active: frozenset[int]
) -> Any:
    """A model written as the value of one of its fields alone (see `Shorthand`)."""
    value = _build(type_hints(cls)[field_name], node, ctx, path, active)
    instance = cls(**{field_name: value})
    failed = False
    for name, message in getattr(instance, "problems", lambda: [])():
        rest = name.removeprefix(field_name)
        if rest != name and rest[:1] in ("", "["):
            # The user wrote the field's value alone: `add[2]` is `levels[2]`, at that item.
            ctx.problem(_node_at(name, {field_name: node}, node), path + rest, message)
        else:
            ctx.problem(node, join(path, name), message)
        failed = True
    if failed:
        raise Invalid
    return instance


def _build_sequence(
    item_hint: Any, node: yaml.Node, ctx: Context, path: str, active: frozenset[int]
) -> tuple[Any, ...]:
    if not isinstance(node, yaml.SequenceNode) or node.tag != SEQ:
        ctx.problem(node, path, f"expected a list, got {show(node)}")
        raise Invalid
    items, failed = [], False
    for index, child in enumerate(node.value):
        try:
            items.append(_build(item_hint, child, ctx, join(path, index), active))
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
        ctx.problem(node, path, f"expected a mapping of fields, got {show(node)}")
        raise Invalid
    seen: dict[str, yaml.Node] = {}
    items, failed = [], False
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR, INT):
            what = "merge keys (<<) are not supported" if key_node.tag == TAG + "merge" else ""
            ctx.problem(key_node, path, what or f"expected a field name, got {show(key_node)}")
            failed = True
            continue
        key = key_node.value
        if key in seen:
            first = seen[key].start_mark.line + 1
            ctx.problem(key_node, join(path, key), f"duplicate key (first given on line {first})")
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
    if is_null(value_node) and value_node.value == "":
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
            checked_key = _build(key_hint, key_node, ctx, join(path, key), active)
            result[checked_key] = _build(value_hint, value_node, ctx, join(path, key), active)
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
    key_lines: dict[str, int] = {}  # each field given so far, by the line of its key
    for key, key_node, value_node in _mapping_items(node, ctx, path):
        if key not in fields:
            message = "unknown field"
            import difflib  # for a mistake only: not imported at start-up

            close = difflib.get_close_matches(key, list(fields), n=1)
            if close and close[0] in key_lines:  # `employes:` beside `employees:`
                message += f" (did you mean {close[0]!r}? it is given already, on line "
                message += f"{key_lines[close[0]]}: keep one of the two)"
            elif close:
                message += f" (did you mean {close[0]!r}?)"
                suggested.add(close[0])
            else:
                message += f"; expected: {', '.join(fields)}"
            ctx.problem(key_node, join(path, key), message)
            failed = True
            continue
        nodes[key] = value_node = _empty_at_key(value_node, key_node)
        key_lines[key] = key_node.start_mark.line + 1
        name = fields[key].name
        try:
            values[name] = _build(hints[name], value_node, ctx, join(path, key), active)
        except Invalid:
            failed = True
    for key, spec in fields.items():
        required = (
            spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        )
        if required and key not in nodes and key not in suggested:
            ctx.problem(node, join(path, key), "this field is required")
            failed = True
    if failed:
        raise Invalid
    instance = cls(**values)
    for name, message in getattr(instance, "problems", lambda: [])():
        ctx.problem(_node_at(name, nodes, node), join(path, name), message)
        failed = True
    if failed:
        raise Invalid
    return instance


def _node_at(name: str, nodes: dict[str, yaml.Node], default: yaml.Node) -> yaml.Node:
    """The node a model's problem is about: `remote_regions[1]` is the second item of
    `remote_regions:`, `pay.mlops-engineer[0].where` the value of that `where:`; where the
    path cannot be followed, the last node reached."""
    steps = re.findall(r"[^.\[\]]+|\[\d+\]", name)
    if not steps or steps[0] not in nodes:
        return default
    node = nodes[steps[0]]
    for step in steps[1:]:
        if step.startswith("[") and isinstance(node, yaml.SequenceNode):
            index = int(step[1:-1])
            if index >= len(node.value):
                break
            node = node.value[index]
        elif isinstance(node, yaml.MappingNode):
            found = [value for key, value in node.value if key.value == step]
            if not found:
                break
            node = found[0]
        else:
            break
    return node
