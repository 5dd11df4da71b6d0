"""YAML nodes as the validator reads them: tags, the per-file context of one pass,
and the checks of single values (text, numbers, dates, true/false, choices, paths).

`validate.py` walks mappings, lists and models and calls these for each value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, describe_char
from ..fast_dataclass import dataclass
from ..limits import MAX_IMAGE_BYTES, MAX_TEXT_CHARS
from .markers import LocalPath, Reference, image_type

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
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The invisible characters that make text show other than it reads: bidi overrides
# and isolates ("Trojan Source"), line and paragraph separators (YAML and old
# browsers break lines there, editors do not), a byte-order mark in mid-text.
INVISIBLE = "\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
# ...refused in text fields, with C0 and C1 (not tab or newline) and the
# noncharacters (not allowed in XML, so not in a Word file).
CONTROL_CHARS = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}\ufdd0-\ufdef\ufffe\uffff]"
)


@dataclass
class Context:
    """Per-file state of one validation pass."""

    file: Path
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    nodes_seen: int = 0
    # (this file's folder, the path as written, where it led, size, time) of every file
    # or folder the file points at; size -1 for a folder: model_cache.py checks them again
    local_files: list[tuple[str, str, str, int, int]] = field(default_factory=list)

    def problem(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(self.file, line, column, path, message))


class Invalid(Exception):
    """Internal: the value at this node could not be built; already recorded."""


def show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
        return repr(text)
    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
    return kind if node.tag in (SEQ, MAP) else f"{kind} tagged {node.tag.replace(TAG, '!!')}"


def local_path(spec: LocalPath, value: str, node: yaml.Node, ctx: Context, path: str) -> str:
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
            ctx.problem(node, path, f"no folder {value!r} in this file's folder")
            raise Invalid
        ctx.local_files.append((str(base), value, str(target), -1, 0))
        return str(target)
    if not target.is_file():
        # `logo.png` for the file in the company's own folder (`acme/logo.png`): say so
        own = Path(ctx.file.stem) / written
        hint = f" (did you mean {own.as_posix()!r}?)" if (base / own).is_file() else ""
        ctx.problem(node, path, f"no file {value!r} in this file's folder{hint}")
        raise Invalid
    try:
        info = target.stat()
        size, kind = info.st_size, image_type(target)
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
    ctx.local_files.append((str(base), value, str(target), size, info.st_mtime_ns))
    return str(target)


def pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL


def build_scalar(hint: type, node: yaml.Node, ctx: Context, path: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_TAGS:
        tag = node.tag.replace(TAG, "!!")
        ctx.problem(node, path, f"YAML tags like {tag} are not allowed here; remove the tag")
        raise Invalid
    if hint is str:
        if not isinstance(node, yaml.ScalarNode):
            ctx.problem(node, path, f"expected text, got {show(node)}")
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
        ctx.problem(node, path, f"expected {kind}, got {show(node)}")
        raise Invalid
    if hint is dt.date:
        date_like = isinstance(node, yaml.ScalarNode) and node.tag in (STR, TAG + "timestamp")
        if date_like and ISO_DATE.fullmatch(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:  # 2027-02-30
                pass
        ctx.problem(node, path, f"expected a date like 2027-01-31, got {show(node)}")
        raise Invalid
    if hint is bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        ctx.problem(node, path, f"expected true or false, got {show(node)}")
        raise Invalid
    raise TypeError(f"schema: unsupported type {hint!r} at {path}")  # a bug in models.py


def build_choice(choices: tuple[str, ...], node: yaml.Node, ctx: Context, path: str) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if value in choices and node.tag == STR:
        return value
    if node.tag == BOOL and value and value.lower() in choices:  # `severity: off`, unquoted
        return value.lower()
    message = f"expected one of {', '.join(choices)}; got {show(node)}"
    import difflib  # for a mistake only: not imported at start-up

    close = difflib.get_close_matches(str(value), choices, n=1)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    ctx.problem(node, path, message)
    raise Invalid
