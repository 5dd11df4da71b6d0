"""The renderer: templates from the layered search path, in jobgen's sandbox.

Templates come from a search path: the company's own folder, the workspace's
`templates/`, then the built-ins; `default:NAME` always names the built-in, so
an override can extend the template it replaces. Jinja runs in jobgen's sandbox
(sandbox.py) with StrictUndefined: a template cannot reach Python internals or
change the data, and a misspelt variable is an error, never an empty string.
What goes wrong is said by explain.py; overrides are checked by blocks.py;
compiled templates are kept by cache.py.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import TemplateProblem, describe_char, display_path
from ..inputs.models import Posting
from ..inputs.workspace import TemplateLayer
from ..limits import MAX_OUTPUT_CHARS, RenderLimit, render_guard, time_is_up, time_limit_text
from . import sandbox
from .blocks import check_blocks
from .cache import bytecode_cache
from .context import CONTEXT_FILTERS, posting_context
from .css import unbalanced
from .explain import render_problem, shown, syntax_problem
from .i18n import install as install_gettext
from .local import Local
from .sandbox import (
    ContainedLoader,
    PostingSandbox,
    TemplateRefused,
    finalize,
    locate,
    read_text,
)

POSTING_TEMPLATE = "posting.md.j2"
ROLE_TEMPLATES = "roles"  # roles/<role-id>.md.j2 replaces posting.md.j2 for that role
STYLESHEET = "style.css"
CUSTOM_STYLESHEET = "custom.css"  # added after style.css, from every layer
PAGE_TEMPLATE = "page.html.j2"
# @import, or url(...) that is not a data: URL or a #fragment
NETWORK_CSS = re.compile(
    r"@import\s+(?!(?:url\(\s*)?[\"']?\s*data:)[^;]*|url\(\s*(?![\"']?\s*(?:data:|#))[^)]*\)", re.I
)
CSS_IMPORT = re.compile(r"@import\s[^;]*;[ \t]*\n?", re.I)  # must come before any rule
# The code that shapes compiled templates (escaping, the sandbox's operator checks):
# the template cache is keyed by it.
COMPILER_CODE = (sandbox.__file__, __file__)
# What no output format can hold (XML forbids them; a terminal would obey them).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Its ASCII characters as UTF-8 bytes (a byte below 0x80 is only ever that character).
_UNWRITABLE_BYTES = bytes(code for code in range(128) if UNWRITABLE.match(chr(code)))


class Renderer:
    """Renders templates from one search path; reuse it for every posting of a run.

    `layers` is the search path, most specific first and the built-ins last
    (see `Workspace.template_layers`). Two prefixes skip layers, so that an
    override can extend the template it replaces: `default:NAME` is the
    built-in file, `workspace:NAME` the workspace's (or else the built-in).
    """

    def __init__(self, layers: Sequence[TemplateLayer]) -> None:
        self.layers = list(layers)
        self.builtin_dir = self.layers[-1].path
        self.template_dirs = [layer.path for layer in self.layers]
        search = ContainedLoader([str(d) for d in self.template_dirs])
        below_company = [str(layer.path) for layer in self.layers if layer.kind != "company"]
        prefixed = jinja2.PrefixLoader(
            {
                "default": ContainedLoader(str(self.builtin_dir)),
                "workspace": ContainedLoader(below_company),
            },
            delimiter=":",
        )
        self.env = PostingSandbox(
            loader=jinja2.ChoiceLoader([prefixed, search]),
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # HTML templates escape HTML; the others, Markdown (finalize)
            finalize=finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=bytecode_cache(COMPILER_CODE),
        )
        self.env.filters.update(CONTEXT_FILTERS)
        install_gettext(self.env)
        self._locals: dict[str, Local] = {}
        self._checked: set[str] = set()
        self._content_templates: dict[str, str] = {}  # role id -> its content template
        self._css_warnings: list[str] | None = None
        self._stylesheet: Markup | None = None

    def find(self, name: str) -> Path | None:
        """The file that provides template `name`, or None; TemplateProblem for a
        name or link that leads out of the template folders."""
        for directory in self.template_dirs:
            path = _located(directory, name)
            if path is not None:
                return path
        return None

    def layer_of(self, path: Path | str) -> TemplateLayer | None:
        """The layer a template file belongs to."""
        path = Path(path)
        return next((layer for layer in self.layers if path.is_relative_to(layer.path)), None)

    def content_template(self, role_id: str) -> str:
        """`roles/<role>.md.j2` where some layer has one, else `posting.md.j2`. Looked up
        once per role, as the stylesheet is read once (a run's template folders do not
        change under it; preview makes a new renderer for each render)."""
        found = self._content_templates.get(role_id)
        if found is None:
            specific = f"{ROLE_TEMPLATES}/{role_id}.md.j2"
            found = specific if self.find(specific) else POSTING_TEMPLATE
            self._content_templates[role_id] = found
        return found

    def read_text(self, name: str) -> str:
        path = self.find(name)
        if path is None:
            raise TemplateProblem(f"template {name!r} not found in {self.searched()}")
        return _read_template_text(path)

    def stylesheet(self) -> Markup:
        """The page CSS: the winning `style.css`, then every layer's `custom.css`,
        the built-in side first, so a company's rules win over the workspace's.

        The stylesheets come from the template folders, which only the
        workspace's owners edit: they are the house style, not posting data.
        Only a `</style>` break-out is defused. Read once per renderer, as its
        warnings are (a run's pages share one house style; preview makes a new
        renderer for each render).
        """
        if self._stylesheet is None:
            self._stylesheet = self._read_stylesheet()
        return self._stylesheet

    def _read_stylesheet(self) -> Markup:
        files = self.stylesheet_files()
        if not files:
            raise TemplateProblem(f"template {STYLESHEET!r} not found in {self.searched()}")
        imports, parts = [], []
        for number, path in enumerate(files):
            text = _read_template_text(path)
            imports += [match.group(0).strip() for match in CSS_IMPORT.finditer(text)]
            if number:
                layer = self.layer_of(path)
                label = layer.label if layer else ""
                parts.append(f"/* {CUSTOM_STYLESHEET} of the {label} layer */")
            parts.append(CSS_IMPORT.sub("", text))
        # A browser ignores @import after any rule: every file's imports go first.
        return Markup("\n".join([*imports, *parts]).replace("</", "<\\/"))

    def stylesheet_files(self) -> list[Path]:
        """The winning style.css (if any), then each layer's custom.css, built-in side first."""
        main = self.find(STYLESHEET)
        extras = [_located(layer.path, CUSTOM_STYLESHEET) for layer in reversed(self.layers)]
        return [*([main] if main else []), *(path for path in extras if path is not None)]

    def stylesheet_warnings(self) -> list[str]:
        """Rules in the page CSS that load something from the network: the pages would
        then not be self-contained, and would look different offline."""
        if self._css_warnings is not None:
            return self._css_warnings
        found = []
        for path in self.stylesheet_files():
            text = _read_template_text(path)
            for number, line in enumerate(text.splitlines(), 1):
                for match in NETWORK_CSS.finditer(line):
                    found.append(
                        f"{display_path(path)}:{number}: {match.group(0).strip()} loads a file "
                        "from outside the page, so the page is not self-contained; inline it "
                        "as a data: URL or remove it"
                    )
            found += [f"{display_path(path)}:{line}: {why}" for line, why in unbalanced(text)]
        self._css_warnings = found
        return found

    def render(self, name: str, context: dict[str, Any]) -> str:
        if name not in self._checked:
            check_blocks(self, name)
            self._checked.add(name)
        text = self._render(name, context)
        bad = unwritable(text)
        if bad:  # data cannot hold these (refused on load): the template made it
            raise TemplateProblem(
                f"{shown(self, name)}: the template wrote "
                f"{describe_char(bad.group())}, which no posting can hold"
            )
        return text

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            with render_guard():
                text = _bounded_join(self._template(name).generate(context))
        except Exception as error:  # each kind in a recruiter's words: see explain.py
            raise render_problem(self, error, name, context) from None
        if text is None:
            raise TemplateProblem(
                f"{shown(self, name)}: the rendered text is over "
                f"the limit of {MAX_OUTPUT_CHARS:,} characters (a loop or repetition gone wrong?)"
            )
        return text

    def compile(self, name: str) -> None:
        """Compile template `name` as rendering would, without rendering it: syntax
        errors, unknown filters and tests, misspelt blocks (for `jobgen check`)."""
        if name not in self._checked:  # a batch compiles one template for many postings
            check_blocks(self, name)
            self._checked.add(name)
        try:
            # Jinja computes constant expressions while it compiles: under the guard, so
            # that no such result is computed (or cached) beyond the limits.
            with render_guard():
                self._template(name)
        except (RenderLimit, MemoryError) as error:
            raise render_problem(self, error, name, {}) from None
        except jinja2.TemplateSyntaxError as error:
            raise syntax_problem(self, error) from None
        except jinja2.TemplateNotFound as error:
            raise TemplateProblem(
                f"template {error.name!r} not found in {self.searched()}"
            ) from None
        except TemplateRefused as refused:
            raise TemplateProblem(str(refused)) from None

    def _template(self, name: str) -> jinja2.Template:
        template = self.env.get_template(name)
        if time_is_up():  # inside Jinja's constant folding, which swallows the RenderLimit
            raise RenderLimit(time_limit_text())
        return template

    def render_markdown(self, posting: Posting) -> str:
        """The posting as Markdown, from the content template for its role."""
        name = self.content_template(posting.role.id)
        text = self.render(name, posting_context(posting, self.local(posting.language)))
        if not text.strip():
            raise TemplateProblem(
                f"{shown(self, name)}: the content template wrote "
                "nothing, so every posting would be empty"
            )
        return text

    def local(self, language: str) -> Local:
        """Formats and messages of `language`, from this search path's catalogs."""
        if language not in self._locals:
            self._locals[language] = Local.of(language, self.template_dirs)
        return self._locals[language]

    def searched(self) -> str:
        """The template folders, as an error lists them."""
        return ", ".join(display_path(d) for d in self.template_dirs)


def _read_template_text(path: Path) -> str:
    with _refusal_as_problem():
        return read_text(path)


def _located(folder: Path, name: str) -> Path | None:
    with _refusal_as_problem():
        return locate(folder, name)


@contextlib.contextmanager
def _refusal_as_problem() -> Iterator[None]:
    """The sandbox's TemplateRefused as the TemplateProblem the CLI reports."""
    try:
        yield
    except TemplateRefused as refused:
        raise TemplateProblem(str(refused)) from None


def _bounded_join(chunks: Iterator[str]) -> str | None:
    """The rendered text, or None as soon as it passes MAX_OUTPUT_CHARS: a template
    that repeats without bound is stopped early, not after building it all."""
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            return None
        parts.append(chunk)
    return "".join(parts)


def unwritable(text: str) -> re.Match[str] | None:
    """`UNWRITABLE.search(text)`, a few times faster where there is none (every posting):
    a surrogate cannot be encoded, U+FFFE and U+FFFF begin with EF BF in UTF-8, and the
    control characters are their own bytes; only a text with one of those is searched."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return UNWRITABLE.search(text)
    if b"\xef\xbf" not in data and len(data.translate(None, _UNWRITABLE_BYTES)) == len(data):
        return None
    return UNWRITABLE.search(text)
