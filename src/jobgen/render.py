"""Render a posting: the sandboxed Jinja environment, the template context, Markdown.

Templates come from a search path: the workspace's `templates/` first, then the
built-ins; `default:NAME` always names the built-in, so an override can extend
the template it replaces. Jinja runs in an ImmutableSandboxedEnvironment with
StrictUndefined: a template cannot reach Python internals or change the data,
and a misspelt variable is an error, never an empty string.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import __version__, models
from .errors import TemplateProblem, display_path
from .models import Posting
from .text import CONTEXT_FILTERS, posting_context

POSTING_TEMPLATE = "posting.md.j2"
STYLESHEET = "style.css"
PAGE_TEMPLATE = "page.html.j2"
MAX_OUTPUT_CHARS = 2_000_000  # a posting is ~10,000; far beyond that is a template bug


class Renderer:
    """Renders templates from one search path; reuse it for every posting of a run."""

    def __init__(self, template_dirs: list[Path], builtin_dir: Path) -> None:
        self.template_dirs = template_dirs
        self.builtin_dir = builtin_dir
        search = jinja2.FileSystemLoader([str(d) for d in template_dirs])
        builtin = jinja2.FileSystemLoader(str(builtin_dir))
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.ChoiceLoader(
                [jinja2.PrefixLoader({"default": builtin}, delimiter=":"), search]
            ),
            undefined=jinja2.StrictUndefined,
            autoescape=lambda name: bool(name and name.endswith((".html.j2", ".html"))),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_bytecode_cache(),
        )
        self.env.filters.update(CONTEXT_FILTERS)

    def find(self, name: str) -> Path | None:
        """The file that provides template `name`, or None."""
        for directory in self.template_dirs:
            if (directory / name).is_file():
                return directory / name
        return None

    def read_text(self, name: str) -> str:
        path = self.find(name)
        if path is None:
            raise TemplateProblem(f"template {name!r} not found in {self._searched()}")
        return path.read_text(encoding="utf-8")

    def stylesheet(self) -> Markup:
        """templates/style.css, ready to inline in a <style> element.

        The stylesheet comes from the template folders, which only the
        workspace's owners edit: it is the house style, not posting data.
        Only a `</style>` break-out is defused.
        """
        return Markup(self.read_text(STYLESHEET).replace("</", "<\\/"))

    def render(self, name: str, context: dict[str, Any]) -> str:
        try:
            text = self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as error:
            message = error.message or str(error)
            raise TemplateProblem(self._describe(message, error.filename, error.lineno)) from None
        except jinja2.TemplateNotFound as error:  # the template asked for, or one it uses
            filename, lineno = _template_frame(error)
            message = f"template {error.name!r} not found in {self._searched()}"
            raise TemplateProblem(self._describe(message, filename, lineno)) from None
        except UnicodeDecodeError:
            raise TemplateProblem(
                f"{name} (or a template it uses) is not UTF-8 text; save it as UTF-8"
            ) from None
        except Exception as error:  # undefined names, 1/0, bad filter arguments, recursion...
            filename, lineno = _template_frame(error)
            raise TemplateProblem(
                self._describe(_explain(error, context), filename, lineno)
            ) from None
        if len(text) > MAX_OUTPUT_CHARS:
            raise TemplateProblem(
                f"{name}: the rendered text has {len(text):,} characters; "
                f"the limit is {MAX_OUTPUT_CHARS:,} (a loop or repetition gone wrong?)"
            )
        return text

    def check_blocks(self, name: str) -> None:
        """Refuse a `{% block %}` that the template it extends does not have.

        Jinja renders such a block nowhere, so a misspelt block name would
        silently leave the built-in section in place.
        """
        path = self.find(name)
        if path is None or path.parent == self.builtin_dir:
            return  # missing: reported when rendered; built-in: checked by the tests
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
            tree = self.env.parse(source, name, filename)
        except jinja2.TemplateNotFound:
            return
        except jinja2.TemplateSyntaxError as error:
            message = error.message or str(error)
            raise TemplateProblem(self._describe(message, error.filename, error.lineno)) from None
        parent = next(iter(tree.find_all(nodes.Extends)), None)
        if parent is None or not isinstance(parent.template, nodes.Const):
            return
        known = self._block_names(parent.template.value)
        for block in tree.find_all(nodes.Block):
            if block.name not in known:
                message = (
                    f"block {block.name!r} is not a block of {parent.template.value!r}, "
                    "so it would never show" + _suggest(block.name, sorted(known))
                )
                raise TemplateProblem(self._describe(message, filename, block.lineno))

    def _block_names(self, name: str, depth: int = 0) -> set[str]:
        """Every block name of template `name` and of the templates it extends."""
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
            tree = self.env.parse(source, name, filename)
        except jinja2.TemplateError:
            return set()
        names = {block.name for block in tree.find_all(nodes.Block)}
        parent = next(iter(tree.find_all(nodes.Extends)), None)
        if parent is not None and isinstance(parent.template, nodes.Const) and depth < 10:
            names |= self._block_names(parent.template.value, depth + 1)
        return names

    def render_markdown(self, posting: Posting) -> str:
        """The posting as Markdown, from the content template."""
        return self.render(POSTING_TEMPLATE, posting_context(posting))

    def _searched(self) -> str:
        return ", ".join(display_path(d) for d in self.template_dirs)

    def _describe(self, message: str, filename: str | None, lineno: int | None) -> str:
        if not filename:
            return message
        where = display_path(Path(filename))
        if lineno:
            where += f":{lineno}"
        message = f"{where}: {message}"
        if lineno:
            try:
                line = Path(filename).read_text(encoding="utf-8").splitlines()[lineno - 1]
                message += f"\n    {line.strip()}"
            except (OSError, IndexError, UnicodeDecodeError):
                pass
        return message


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling costs ~15 ms of every start.

    Jinja keys each entry by template name and checks it against a hash of the
    source, so an edited template is recompiled; the folder name carries
    jobgen's version because the environment's options shape the compiled code.
    Set JOBGEN_NO_CACHE=1 to do without.
    """
    if os.environ.get("JOBGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "jobgen", f"templates-{__version__}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time, as before
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(folder)


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a render error's traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2") or frame.filename.endswith(".html"):
            found = (frame.filename, frame.lineno)
    return found


def _explain(error: Exception, context: dict[str, Any]) -> str:
    """The error in a recruiter's words, with a did-you-mean where one helps."""
    text = getattr(error, "message", None) or str(error)
    undefined = re.match(r"'([^']+)' is undefined", text)
    if undefined:
        return text + _suggest(undefined.group(1), list(context))
    missing = re.match(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']+)'", text)
    if missing:
        owner, attribute = missing.groups()
        fields = _public_names(getattr(models, owner, None))
        label = owner.lower() if fields else f"this {owner} value"
        return f"{label} has no field {attribute!r}" + _suggest(attribute, fields)
    if isinstance(error, jinja2.TemplateError):
        return text
    return f"{type(error).__name__}: {text}"


def _public_names(cls: type | None) -> list[str]:
    if cls is None or not dataclasses.is_dataclass(cls):
        return []
    names = [f.name for f in dataclasses.fields(cls)]
    return names + [n for n, v in vars(cls).items() if isinstance(v, property)]


def _suggest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
