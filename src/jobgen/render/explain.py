"""A template's mistake in a recruiter's words: the file, the line, what is wrong and,
where one helps, a did-you-mean.

Jinja's own messages name Python types and its internals; these name the
template file and its layer, quote the line, and suggest the variable, field,
filter, tag or template that was most likely meant.
"""

from __future__ import annotations

import dataclasses
import re
import traceback
from pathlib import Path
from typing import Any, Protocol

import jinja2
from jinja2 import nodes

from ..errors import TemplateProblem, closest, display_path
from ..inputs import models
from ..inputs.workspace import TemplateLayer
from ..limits import RenderLimit, memory_limit_text
from .sandbox import TemplateRefused
from .tags import PAIRED, open_tags, shown_tag, unclosed_delimiter

NOT_A_NAMESPACE = "cannot assign attribute on non-namespace object"
JINJA_TAGS = ("block", "for", "if", "elif", "else", "set", "extends", "include", "import",
              "from", "macro", "raw", "with", "filter", "call", "autoescape")  # fmt: skip


class TemplateSource(Protocol):
    """What the explanations need of a renderer: its environment and search path."""

    env: jinja2.Environment
    builtin_dir: Path

    def find(self, name: str) -> Path | None: ...

    def layer_of(self, path: Path | str) -> TemplateLayer | None: ...

    def searched(self) -> str: ...


def render_problem(
    source: TemplateSource, error: Exception, name: str, context: dict[str, Any]
) -> TemplateProblem:
    """The TemplateProblem for an error raised while rendering template `name`."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return syntax_problem(source, error)
    filename, lineno = template_frame(error)
    if isinstance(error, TemplateRefused):  # a name or link leading out, not UTF-8...
        return TemplateProblem(describe(source, str(error), filename, lineno))
    if isinstance(error, (RenderLimit, MemoryError)):  # a loop without end, unbounded text
        what = error.what if isinstance(error, RenderLimit) else memory_limit_text()
        filename = filename or str(source.find(name) or name)  # stopped outside its code
        return TemplateProblem(describe(source, what, filename, lineno))
    if isinstance(error, jinja2.TemplateNotFound):  # the template asked for, or one it uses
        message = f"template {error.name!r} not found in {source.searched()}"
        message += suggest(str(error.name), source.env.list_templates())
        return TemplateProblem(describe(source, message, filename, lineno))
    if isinstance(error, UnicodeDecodeError):
        return TemplateProblem(
            f"{name} (or a template it uses) is not UTF-8 text; save it as UTF-8"
        )
    # undefined names, 1/0, bad filter arguments, recursion...
    message = unknown_filter(source, str(error)) or explain(
        error, list(context), assigned_names(source, filename)
    )
    if str(error) == NOT_A_NAMESPACE:  # Jinja reports it at the statement before
        lineno = namespace_set_line(source, filename, lineno)
        message += "; only a namespace() takes {% set name.field = ... %}"
    return TemplateProblem(describe(source, message, filename, lineno))


def shown(source: TemplateSource, name: str) -> str:
    """Template `name` as an error names it: its file's path where there is one."""
    where = source.find(name)
    return display_path(where) if where else name


def syntax_problem(source: TemplateSource, error: jinja2.TemplateSyntaxError) -> TemplateProblem:
    message = error.message or str(error)
    lineno = error.lineno
    text = _source_text(error)
    unclosed = unclosed_delimiter(text, lineno) if text else None
    open_at_error = open_tags(text, lineno + 1 if lineno else None) if text else []
    tag = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unclosed and not tag:  # `{% for x in y %` reads on into the next lines
        lineno, written = unclosed
        closing = "%}" if written.startswith("{%") else "}}"
        message = f"this tag is not closed with {closing}: {written!r}; end it with {closing}"
    elif tag and tag.group(1) in {f"end{t}" for t in PAIRED} and open_at_error:
        # `{% endblock %}` while a {% for %} inside it is still open
        opened, line, rest = open_at_error[-1]
        message = (
            f"{{% {tag.group(1)} %}} comes while the {shown_tag(opened, rest)} of line {line} "
            f"is still open: add {{% end{opened} %}} where that part ends, before this line"
        )
    elif tag:
        tags = [*JINJA_TAGS, *(f"end{t}" for t in JINJA_TAGS)]
        message = f"unknown tag {tag.group(1)!r}" + suggest(tag.group(1), tags)
        if open_at_error:
            opened, line, rest = open_at_error[-1]
            message += f"; the {shown_tag(opened, rest)} of line {line} is still open"
    elif message.startswith("Unexpected end of template") and text and open_tags(text):
        opened, line, rest = open_tags(text)[-1]
        lineno = line
        message = (
            f"this {shown_tag(opened, rest)} is never closed: add {{% end{opened} %}} where it ends"
        )
    else:
        message = unknown_filter(source, message) or message
    return TemplateProblem(describe(source, message, error.filename, lineno))


def _source_text(error: jinja2.TemplateSyntaxError) -> str | None:
    if error.source is not None:
        return error.source
    try:
        return Path(error.filename or "").read_text(encoding="utf-8") if error.filename else None
    except (OSError, UnicodeDecodeError):
        return None


def unknown_filter(source: TemplateSource, message: str) -> str | None:
    """Jinja's "No filter named 'x'" (at compile or, inside {% if %}, at render
    time) in our words, with the filter meant."""
    unknown = re.match(r"No (filter|test) named '([^']+)'", message)
    if not unknown:
        return None
    kind, name = unknown.groups()
    known = source.env.filters if kind == "filter" else source.env.tests
    return f"no {kind} named {name!r}" + suggest(name, sorted(known))


def describe(source: TemplateSource, message: str, filename: str | None, lineno: int | None) -> str:
    """`file:line (layer): message`, then the line itself."""
    if not filename:
        return message
    where = display_path(Path(filename))
    if lineno:
        where += f":{lineno}"
    layer = source.layer_of(filename)
    if layer is not None:
        where += f" ({layer.label} template)"
    message = f"{where}: {message}"
    if lineno:
        try:
            line = Path(filename).read_text(encoding="utf-8").splitlines()[lineno - 1]
            message += f"\n    {line.strip()}"
        except (OSError, IndexError, UnicodeDecodeError):
            pass
    return message


def assigned_names(source: TemplateSource, filename: str | None) -> list[str]:
    """Loop variables and `set` names of a template file, for did-you-mean."""
    if not filename:
        return []
    try:
        tree = source.env.parse(Path(filename).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return []
    return sorted({n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")})


def namespace_set_line(
    source: TemplateSource, filename: str | None, after: int | None
) -> int | None:
    """The line of the first `{% set a.b = ... %}` at or after line `after`."""
    try:
        tree = source.env.parse(Path(filename or "").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return after
    lines = [n.lineno for n in tree.find_all(nodes.Assign) if isinstance(n.target, nodes.NSRef)]
    return next((line for line in sorted(lines) if line >= (after or 0)), after)


def template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a render error's traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2") or frame.filename.endswith(".html"):
            found = (frame.filename, frame.lineno)
    return found


def explain(error: Exception, context: list[str], local: list[str]) -> str:
    """The error in a recruiter's words, with a did-you-mean where one helps;
    `context` are the template's variables, `local` its loop and `set` names."""
    if isinstance(error, RecursionError):
        return (
            "the templates call themselves without end: a macro that calls itself, or "
            "templates that include or extend each other; check the {% macro %}, "
            "{% include %} and {% extends %} lines"
        )
    text = getattr(error, "message", None) or str(error)
    undefined = re.match(r"'([^']+)' is undefined", text)
    if undefined:
        name = undefined.group(1)
        if name in local:
            return f"{text}: {name!r} exists only inside the {{% for %}} or block that sets it"
        return text + suggest(name, [*context, *local])
    missing = re.match(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']+)'", text)
    if missing:
        owner, attribute = missing.groups()
        fields = _public_names(getattr(models, owner, None))
        label = owner.lower() if fields else f"this {owner} value"
        return f"{label} has no field {attribute!r}" + suggest(attribute, fields)
    if isinstance(error, jinja2.TemplateError):
        return text
    return f"{type(error).__name__}: {text}"


def _public_names(cls: type | None) -> list[str]:
    if cls is None or not dataclasses.is_dataclass(cls):
        return []
    names = [f.name for f in dataclasses.fields(cls)]
    return names + [n for n, v in vars(cls).items() if isinstance(v, property)]


def suggest(name: str, options: list[str]) -> str:
    close = closest(name, options)
    return f" (did you mean {close!r}?)" if close else ""
