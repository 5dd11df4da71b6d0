"""Render a posting: the sandboxed Jinja environment, the template context, Markdown.

Templates come from a search path: the workspace's `templates/` first, then the
built-ins; `default:NAME` always names the built-in, so an override can extend
the template it replaces. Jinja runs in an ImmutableSandboxedEnvironment with
StrictUndefined: a template cannot reach Python internals or change the data,
and a misspelt variable is an error, never an empty string.
"""

from __future__ import annotations

import difflib
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import TemplateProblem, display_path
from .models import Posting
from .text import CONTEXT_FILTERS, posting_context

POSTING_TEMPLATE = "posting.md.j2"
PAGE_TEMPLATE = "page.html.j2"


class Renderer:
    """Renders templates from one search path; reuse it for every posting of a run."""

    def __init__(self, template_dirs: list[Path], builtin_dir: Path) -> None:
        self.template_dirs = template_dirs
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

    def render(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateProblem(self._describe(error, error.filename, error.lineno)) from None
        except jinja2.TemplateNotFound as error:
            raise TemplateProblem(
                f"template {error.name!r} not found in {self._searched()}"
            ) from None
        except jinja2.TemplateError as error:
            filename, lineno = _template_frame(error)
            message = self._describe(error, filename, lineno)
            hint = _did_you_mean(error, context)
            raise TemplateProblem(message + hint) from None

    def render_markdown(self, posting: Posting) -> str:
        """The posting as Markdown, from the content template."""
        return self.render(POSTING_TEMPLATE, posting_context(posting))

    def _searched(self) -> str:
        return ", ".join(display_path(d) for d in self.template_dirs)

    def _describe(self, error: Exception, filename: str | None, lineno: int | None) -> str:
        where = display_path(Path(filename)) if filename else "a template"
        if lineno:
            where += f":{lineno}"
        message = f"{where}: {getattr(error, 'message', None) or error}"
        if filename and lineno:
            try:
                line = Path(filename).read_text(encoding="utf-8").splitlines()[lineno - 1]
                message += f"\n    {line.strip()}"
            except (OSError, IndexError, UnicodeDecodeError):
                pass
        return message


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a render error's traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2") or frame.filename.endswith(".html"):
            found = (frame.filename, frame.lineno)
    return found


def _did_you_mean(error: Exception, context: dict[str, Any]) -> str:
    match = re.match(r"'([^']+)' is undefined", str(error))
    if not match:
        return ""
    close = difflib.get_close_matches(match.group(1), list(context), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
