"""Read a YAML file safely into a node tree, keeping line and column for every problem.

Files are composed (not constructed) with PyYAML's safe loader: no tag can create a
Python object, and `validate.build` sees every scalar as written. Imported only when a
file is not in the model cache (`model_cache.py`): a run whose files have not changed
never loads PyYAML.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import yaml

from ..errors import Problem, describe_char
from ..limits import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES
from . import nodes
from .markers import join


def _problem(path: Path, message: str) -> Problem:
    return Problem(path, None, None, "", message)


# nodes.INVISIBLE and U+0085 (another line break to YAML), anywhere in the file,
# comments included.
INVISIBLE = re.compile(f"[\x85{nodes.INVISIBLE}]")
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it


def read_node(
    path: Path, problems: list[Problem], empty_ok: bool = False, raw: bytes | None = None
) -> yaml.Node | None:
    """The YAML node tree of `path`, or None with the reasons added to `problems`.

    An empty file (or one of comments only) is a problem unless `empty_ok`. `raw`: the
    file's bytes, when the caller has read them already (a plain file within the limit).
    """
    if raw is None:
        raw = _read(path, problems)
        if raw is None:
            return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, None, "", "the file is not UTF-8 text; save it as UTF-8")
        )
        return None
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text) or INVISIBLE.search(text)
    if bad:  # the YAML reader refuses (or breaks lines at) these, without a clear position
        line, column = _position(text, bad.start())
        message = f"the file contains {describe_char(bad.group())}; remove it"
        problems.append(Problem(path, line, column, "", message))
        return None
    try:
        beyond = _beyond_limits(text)
        if beyond is not None:
            mark, message = beyond
            problems.append(Problem(path, mark.line + 1, mark.column + 1, "", message))
            return None
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        if "expected a single document" in message:
            message = "YAML syntax: the file holds more than one YAML document (---); keep one"
        elif "maximum nesting depth" in message:  # PyYAML >= 6.0.4 limits nesting itself
            message = f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)"
        elif mark and _indented_with_tab(text, mark.line):
            message = "YAML syntax: this line is indented with a tab; YAML needs spaces"
        else:
            from .yaml_errors import explain  # only a broken file needs it

            explained = explain(error, text)
            message = f"YAML syntax: {explained.message}"
            problems.append(Problem(path, explained.line, explained.column, "", message))
            return None
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problems.append(Problem(path, line, column, "", message))
        return None
    except yaml.YAMLError as error:
        problems.append(_problem(path, f"YAML syntax: {error}"))
        return None
    except RecursionError:
        problems.append(_problem(path, "the YAML is nested too deeply"))
        return None
    if node is None or (node.tag == nodes.NULL and node.value == ""):  # nothing, or `---`
        if not empty_ok:
            said = "the file is empty"
            if text.strip() and text.strip() != "---":  # `jobgen new` writes fields commented out
                said += " but for comments: uncomment (remove the # of) the fields to set"
            problems.append(_problem(path, said))
        return None
    return node


def _read(path: Path, problems: list[Problem]) -> bytes | None:
    """The bytes of a plain file within MAX_FILE_BYTES, or None with the reason added."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block for ever, a device never end
            what = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            problems.append(_problem(path, f"cannot read the file: it is {what}"))
            return None
        size = status.st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                _problem(path, f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            )
            return None
        return path.read_bytes()
    except OSError as error:
        problems.append(_problem(path, f"cannot read the file: {error.strerror or error}"))
        return None


def _indented_with_tab(text: str, line_index: int) -> bool:
    lines = text.splitlines()
    if not 0 <= line_index < len(lines):
        return False
    line = lines[line_index]
    return "\t" in line[: len(line) - len(line.lstrip())]


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _beyond_limits(text: str) -> tuple[yaml.Mark, str] | None:
    """Where the nesting first goes deeper than MAX_DEPTH, or the aliases first
    number more than MAX_ALIASES, or a text starts with an anchor no alias uses, and
    which; parsing events is not recursive."""
    depth = aliases = 0
    anchored: list[yaml.ScalarEvent] = []  # texts with an anchor: `- &Co benefits`
    used: set[str] = set()
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
            anchored.append(event)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)"
                return event.start_mark, message
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            used.add(event.anchor)
            aliases += 1
            if aliases > MAX_ALIASES:
                message = (
                    f"the file uses more than {MAX_ALIASES} aliases (*name); write the "
                    "values out, or use fewer"
                )
                return event.start_mark, message
    unused = next((event for event in anchored if event.anchor not in used), None)
    if unused is not None:  # "&Co benefits" is the text "benefits", quietly: say so
        mark = unused.start_mark
        written = text.splitlines()[mark.line][mark.column :].split(" #")[0].strip()
        message = (
            f"'&{unused.anchor}' starts a YAML anchor, so this value reads {unused.value!r}; "
            f'put the value in quotes: "{written}"'
        )
        return mark, message
    return None


def field_places(path: Path, node: yaml.Node, prefix: str = "") -> dict[str, Problem]:
    """`{field path: where it is}` for the mappings and lists of a file, two levels deep:
    `role`, `locations[0]`, `outcomes.first_year` (message left empty)."""
    found = {"": Problem(path, None, None, "", "")} if not prefix else {}
    if prefix.count(".") + prefix.count("[") >= 2:
        return found
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                name = join(prefix, key.value)
                found[name] = Problem(path, *nodes.pos(key), name, "")
                found.update(field_places(path, value, name))
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            name = join(prefix, number)
            found[name] = Problem(path, *nodes.pos(item), name, "")
            found.update(field_places(path, item, name))
    return found
