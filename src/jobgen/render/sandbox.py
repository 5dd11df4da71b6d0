"""The Jinja environment templates run in, and what it guards against.

Templates are edited by recruiters and can arrive with a workspace from anywhere,
so they are untrusted code. On top of Jinja's ImmutableSandboxedEnvironment
(no Python internals, no changing the data) this module:

- reads templates only from inside the template folders: no `..`, no absolute
  names, no link that leads out (a `leak.md.j2 -> ~/.ssh/id_rsa` would
  otherwise print the key into a posting);
- escapes every value for the kind of file being written (HTML or Markdown) and
  refuses `|safe` and `{% autoescape false %}` in HTML templates;
- bounds repetition, powers, padding widths (`center`, `ljust`, `rjust`,
  `zfill`, `expandtabs`, `indent`, `tojson` indents, `format` and `%` widths and
  precisions), `replace` and `join` (the limits are in bounds.py),
  which run in C where the time limit cannot stop them, and which Jinja would
  otherwise compute while it compiles (constant folding);
- gives every posting fresh imported templates, so nothing one posting's
  template does is seen by the next.
"""

from __future__ import annotations

import abc
import functools
import os
import re
import stat
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import do_urlize
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from markupsafe import Markup

from ..errors import display_path
from ..limits import MAX_OUTPUT_CHARS, MAX_REFERENCE_BYTES, MAX_TEMPLATE_BYTES, RenderLimit
from .bounds import (
    PADDING_METHODS,
    BoundedEscapeFormatter,
    BoundedFormatter,
    center,
    check_percent,
    check_replace,
    check_width,
    format_filter,
    huge_power,
    indent,
    join,
    replace,
    tojson,
)
from .context import markdown_markup

DRIVE = re.compile(r"[A-Za-z]:")
STOP_ITERATION = "value was undefined because a callable raised a StopIteration exception"
# What a bound `str.format` is (neither type can be subclassed)
METHOD_TYPES = (types.MethodType, types.BuiltinMethodType)


class TemplateRefused(Exception):
    """A template name or file jobgen will not read; the message says why."""


def is_html_template(name: str | None) -> bool:
    return bool(name and name.endswith((".html.j2", ".html")))


def locate(folder: Path, name: str) -> Path | None:
    """The file `name` in template folder `folder`, or None if it has none.

    Raises TemplateRefused for a name that leads out of the folder, a folder
    where a file should be, or a link to a file outside the folder.
    """
    pieces = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in pieces or DRIVE.fullmatch(pieces[0]):
        raise TemplateRefused(
            f"{name!r} leads outside the template folders; name templates relative to them"
        )
    path = folder.joinpath(*(piece for piece in pieces if piece not in ("", ".")))
    if not (path.exists() or path.is_symlink()):
        return None
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(folder)):
        raise TemplateRefused(
            f"{display_path(path)} is a link to {real}, outside the template folders; "
            "copy the file in instead"
        )
    if path.is_dir():
        raise TemplateRefused(f"{display_path(path)} is a folder, not a template file")
    if not path.exists():
        raise TemplateRefused(f"{display_path(path)} is a link to {real}, which does not exist")
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):  # a FIFO would block for ever
        raise TemplateRefused(f"{display_path(path)} is not a regular file")
    limit = MAX_REFERENCE_BYTES if name.endswith(".docx") else MAX_TEMPLATE_BYTES
    if status.st_size > limit:  # checked before reading: a sparse file costs no disk
        raise TemplateRefused(
            f"{display_path(path)}: the file is {status.st_size:,} bytes; the limit is {limit:,}"
        )
    return path


class ContainedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading only what `locate` allows, and saying where a
    file is not UTF-8."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.searchpath:
            path = locate(Path(folder), template)
            if path is None:
                continue
            return read_text(path), str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def read_text(path: Path) -> str:
    """A template or stylesheet's text; TemplateRefused, with the line, if not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TemplateRefused(
            f"{display_path(path)}:{line}: the file is not UTF-8 text; save it as UTF-8"
        ) from None


def _unchanged(path: Path) -> Callable[[], bool]:
    """Jinja's check that a cached template is still what the file holds."""
    mtime = path.stat().st_mtime
    return lambda: path.is_file() and path.stat().st_mtime == mtime


class FreshModuleTemplate(jinja2.Template):
    """A template whose `{% import %}`ed module is made anew for every use.

    Jinja keeps one module per imported template for the life of the
    environment, so a namespace in it would carry a count from one posting to
    the next (and `--jobs 4` would then differ from `--jobs 1`).
    """

    def _get_default_module(self, ctx: jinja2.runtime.Context | None = None) -> Any:
        if ctx is not None:
            keys = ctx.globals_keys - self.globals.keys()
            if keys:
                return self.make_module({k: ctx.parent[k] for k in keys})
        return self.make_module()


@jinja2.pass_context
def finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """Every `{{ value }}` of a Markdown template is escaped for Markdown, as HTML
    templates escape for HTML: text from a role or profile reads exactly as
    written, and never becomes a link, a heading or raw HTML. What the template
    itself writes (its text, macros, blocks, `super()`) is Markup and left as is;
    `|safe` marks a value as Markdown on purpose (the HTML made from it is
    sanitized all the same)."""
    if isinstance(value, Markup) or is_html_template(context.name):
        return value
    text = str(value)
    if len(text) > MAX_OUTPUT_CHARS:  # checked before escaping, which would take minutes
        raise RenderLimit(
            f"a value of {len(text):,} characters; the limit for a whole posting is "
            f"{MAX_OUTPUT_CHARS:,}"
        )
    return markdown_markup(text)


@jinja2.pass_context
def safe(context: jinja2.runtime.Context, value: Any) -> Markup:
    """`|safe`, refused in HTML templates however it is reached (`|map("safe")`,
    `{% filter safe %}`): the parse-time check below gives the better message,
    this one cannot be gone around."""
    if is_html_template(context.name):
        raise SecurityError(UNESCAPED.format(what="|safe"))
    return Markup(value)


@jinja2.pass_eval_context
def urlize(eval_ctx: Any, value: str, *args: Any, extra_schemes: Any = None, **kwargs: Any) -> str:
    """Jinja's `|urlize`, without `extra_schemes`: it would make `javascript:` links
    from a profile's text."""
    if extra_schemes:
        raise SecurityError("urlize(extra_schemes=...) is not allowed: links stay http(s)/mailto")
    return do_urlize(eval_ctx, value, *args, **kwargs)


UNESCAPED = (
    "{what} would put text from a role or profile into the page unescaped, where it "
    "could run scripts; write HTML into the template itself (the posting's content is "
    "already HTML: {{{{ content }}}})"
)


class PostingSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with jobgen's guards (see the module docstring)."""

    template_class = FreshModuleTemplate
    # Intercepting them also stops Jinja from computing such constants while it compiles.
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        bounded = [center, indent, format_filter, replace, join, tojson]
        self.filters.update({f.__name__.removesuffix("_filter"): f for f in bounded})
        self.filters.update(safe=safe, urlize=urlize)
        self._safe_attributes: dict[tuple[type, str], bool] = {}
        self.direct_calls: frozenset[Callable[..., Any]] = frozenset()  # see direct_call
        self._abc_token = abc.get_cache_token()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's decision, kept per type of object and attribute name: it reads only
        those (`isinstance` of the type, the name), and `isinstance` also reads
        `obj.__class__` (kept only where that is the type) and the ABCs' registrations
        (forgotten whenever one is made: `abc.get_cache_token`)."""
        cls = type(obj)
        if getattr(obj, "__class__", None) is not cls:
            return super().is_safe_attribute(obj, attr, value)
        token = abc.get_cache_token()
        if token != self._abc_token or len(self._safe_attributes) > 10_000:
            self._safe_attributes.clear()
            self._abc_token = token
        key = (cls, attr)
        found = self._safe_attributes.get(key)
        if found is None:
            found = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return found

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A str method that pads or replaces is bounded like the filters."""
        if (
            type(__obj) is types.FunctionType
            and __obj in __self.direct_calls
            and not kwargs.get("_loop_vars")
            and not kwargs.get("_block_vars")
        ):
            # What Jinja's checks and Context.call come to for jobgen's own context
            # functions (`_`, ...) when no loop or block variable could shadow the
            # context they read: called with the context, as Jinja would call them.
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(__context, *args, **kwargs)
            except StopIteration:
                return __self.undefined(STOP_ITERATION)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in PADDING_METHODS and args:
                check_width(args[0], f"{name}({args[0]!r})")
            elif name == "expandtabs" and args and isinstance(args[0], int):
                check_width(args[0] * max(owner.count("\t"), 1), f"expandtabs({args[0]!r})")
            elif name == "join" and args and isinstance(args[0], (list, tuple)):
                check_width(len(owner) * max(len(args[0]) - 1, 0), "join")
            elif name == "replace" and len(args) >= 2:
                check_replace(owner, *args[:3])
        return super().call(__context, __obj, *args, **kwargs)

    def direct_call(self, *functions: Callable[..., Any]) -> None:
        """Let templates call `functions` (jobgen's own, each `pass_context`, neither
        unsafe nor altering data: Jinja's checks pass them) without those checks."""
        for function in functions:
            if not isinstance(function, types.FunctionType) or not super().is_safe_callable(
                function
            ):
                raise TypeError(f"{function!r} cannot be called directly")
            if jinja2.utils._PassArg.from_obj(function) is not jinja2.utils._PassArg.context:
                raise TypeError(f"{function!r} does not take the context")
        self.direct_calls = self.direct_calls | set(functions)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map` as Jinja's sandbox runs them, with every
        format spec (`{:>3000000000}`, nested ones once filled in) bounded."""
        if not isinstance(value, METHOD_TYPES):  # Jinja's first test, alone: not a method
            return None
        if super().wrap_str_format(value) is None:
            return None
        template = value.__self__
        if isinstance(template, Markup):
            formatter: SandboxedFormatter = BoundedEscapeFormatter(self, escape=template.escape)
        else:
            formatter = BoundedFormatter(self)
        is_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return type(template)(formatter.vformat(template, args, kwargs))

        return functools.update_wrapper(bounded, value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%":
            check_percent(left, right)
        elif operator == "*":
            sequence, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                size = len(sequence) * times
                if size > MAX_OUTPUT_CHARS:
                    raise RenderLimit(
                        f"repeating a value {times:,} times would make {size:,} characters "
                        f"or items; the limit is {MAX_OUTPUT_CHARS:,}"
                    )
        elif operator == "**" and huge_power(left, right):
            raise RenderLimit(f"{left!r} ** {right!r} is too large a number to compute")
        return super().call_binop(context, operator, left, right)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Refuse at once, naming the attribute asked for; Jinja's default returns an
        undefined value whose error, one step later, names its own internals."""
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe"
        )

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        if is_html_template(name):
            unescaped = _unescaped_output(tree)
            if unescaped is not None:
                what, lineno = unescaped
                raise jinja2.TemplateSyntaxError(
                    UNESCAPED.format(what=what),
                    lineno,
                    name,
                    filename,
                )
        return tree


def _unescaped_output(tree: nodes.Template) -> tuple[str, int] | None:
    """The first `|safe`, `{% filter safe %}` or `{% autoescape false %}` in a template."""
    for node in tree.find_all((nodes.Filter, nodes.FilterBlock, nodes.ScopedEvalContextModifier)):
        if isinstance(node, nodes.ScopedEvalContextModifier):
            for option in node.options:
                if option.key == "autoescape" and not _is_true(option.value):
                    return "{% autoescape false %}", node.lineno
        elif isinstance(node, nodes.FilterBlock):
            if any(f.name == "safe" for f in node.filter.find_all(nodes.Filter)) or (
                node.filter.name == "safe"
            ):
                return "{% filter safe %}", node.lineno
        elif node.name == "safe":
            return "|safe", node.lineno
    return None


def _is_true(value: nodes.Expr) -> bool:
    return isinstance(value, nodes.Const) and value.value is True
