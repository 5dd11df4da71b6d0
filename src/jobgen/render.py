"""Render a posting: the sandboxed Jinja environment, the template context, Markdown.

Templates come from a search path: the workspace's `templates/` first, then the
built-ins; `default:NAME` always names the built-in, so an override can extend
the template it replaces. Jinja runs in jobgen's sandbox (sandbox.py) with
StrictUndefined: a template cannot reach Python internals or change the data,
and a misspelt variable is an error, never an empty string.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import re
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from markupsafe import Markup

from . import __version__, limits, models
from .errors import TemplateProblem, closest, display_path
from .limits import MAX_OUTPUT_CHARS, RenderLimit, render_guard
from .models import Posting
from .sandbox import (
    ContainedLoader,
    PostingSandbox,
    TemplateRefused,
    finalize,
    locate,
    read_text,
)
from .schema import describe_char
from .text import CONTEXT_FILTERS, posting_context
from .workspace import TemplateLayer

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
# What no output format can hold (XML forbids them; a terminal would obey them).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
NOT_A_NAMESPACE = "cannot assign attribute on non-namespace object"
JINJA_TAGS = ("block", "for", "if", "elif", "else", "set", "extends", "include", "import",
              "from", "macro", "raw", "with", "filter", "call", "autoescape")  # fmt: skip


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
            bytecode_cache=_bytecode_cache(),
        )
        self.env.filters.update(CONTEXT_FILTERS)
        self._checked: set[str] = set()
        self._css_warnings: list[str] | None = None

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
        """`roles/<role>.md.j2` where some layer has one, else `posting.md.j2`."""
        specific = f"{ROLE_TEMPLATES}/{role_id}.md.j2"
        return specific if self.find(specific) else POSTING_TEMPLATE

    def read_text(self, name: str) -> str:
        path = self.find(name)
        if path is None:
            raise TemplateProblem(f"template {name!r} not found in {self._searched()}")
        return _read_template_text(path)

    def stylesheet(self) -> Markup:
        """The page CSS: the winning `style.css`, then every layer's `custom.css`,
        the built-in side first, so a company's rules win over the workspace's.

        The stylesheets come from the template folders, which only the
        workspace's owners edit: they are the house style, not posting data.
        Only a `</style>` break-out is defused.
        """
        files = self.stylesheet_files()
        if not files:
            raise TemplateProblem(f"template {STYLESHEET!r} not found in {self._searched()}")
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
            for number, line in enumerate(_read_template_text(path).splitlines(), 1):
                for match in NETWORK_CSS.finditer(line):
                    found.append(
                        f"{display_path(path)}:{number}: {match.group(0).strip()} loads a file "
                        "from outside the page, so the page is not self-contained; inline it "
                        "as a data: URL or remove it"
                    )
        self._css_warnings = found
        return found

    def render(self, name: str, context: dict[str, Any]) -> str:
        if name not in self._checked:
            self.check_blocks(name)
            self._checked.add(name)
        text = self._render(name, context)
        bad = UNWRITABLE.search(text)
        if bad:  # data cannot hold these (refused on load): the template made it
            raise TemplateProblem(
                f"{self._shown(name)}: the template wrote "
                f"{describe_char(bad.group())}, which no posting can hold"
            )
        return text

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            with render_guard():
                text = _bounded_join(self.env.get_template(name).generate(context))
        except jinja2.TemplateSyntaxError as error:
            raise self._syntax_problem(error) from None
        except TemplateRefused as refused:  # a name or link leading out, not UTF-8...
            filename, lineno = _template_frame(refused)
            raise TemplateProblem(self._describe(str(refused), filename, lineno)) from None
        except (RenderLimit, MemoryError) as error:  # a loop without end, text without bound
            filename, lineno = _template_frame(error)
            what = error.what if isinstance(error, RenderLimit) else limits.memory_limit_text()
            filename = filename or str(self.find(name) or name)  # stopped outside its code
            raise TemplateProblem(self._describe(what, filename, lineno)) from None
        except jinja2.TemplateNotFound as error:  # the template asked for, or one it uses
            filename, lineno = _template_frame(error)
            message = f"template {error.name!r} not found in {self._searched()}"
            message += _suggest(str(error.name), self.env.list_templates())
            raise TemplateProblem(self._describe(message, filename, lineno)) from None
        except UnicodeDecodeError:
            raise TemplateProblem(
                f"{name} (or a template it uses) is not UTF-8 text; save it as UTF-8"
            ) from None
        except Exception as error:  # undefined names, 1/0, bad filter arguments, recursion...
            filename, lineno = _template_frame(error)
            message = self._unknown_filter(str(error)) or _explain(
                error, list(context), self._assigned_names(filename)
            )
            if str(error) == NOT_A_NAMESPACE:  # Jinja reports it at the statement before
                lineno = self._namespace_set_line(filename, lineno)
                message += "; only a namespace() takes {% set name.field = ... %}"
            raise TemplateProblem(self._describe(message, filename, lineno)) from None
        if text is None:
            raise TemplateProblem(
                f"{self._shown(name)}: the rendered text is over "
                f"the limit of {MAX_OUTPUT_CHARS:,} characters (a loop or repetition gone wrong?)"
            )
        return text

    def compile(self, name: str) -> None:
        """Compile template `name` as rendering would, without rendering it: syntax
        errors, unknown filters and tests, misspelt blocks (for `jobgen check`)."""
        self.check_blocks(name)
        try:
            self.env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            raise self._syntax_problem(error) from None
        except jinja2.TemplateNotFound as error:
            raise TemplateProblem(
                f"template {error.name!r} not found in {self._searched()}"
            ) from None
        except TemplateRefused as refused:
            raise TemplateProblem(str(refused)) from None

    def check_blocks(self, name: str) -> None:
        try:
            self._check_blocks(name)
        except RecursionError:  # thousands of nested filters or brackets
            raise TemplateProblem(
                f"{self._shown(name)}: the template nests expressions too deeply to compile"
            ) from None

    def _check_blocks(self, name: str) -> None:
        """Refuse a `{% block %}` that the templates it extends do not have, and a
        chain of `{% extends %}` that comes back to a file it has passed.

        Jinja renders a block the parent lacks nowhere, so a misspelt block
        name would silently leave the built-in section in place; and an extends
        loop would end in a RecursionError.
        """
        path = self.find(name)
        if path is None or path.is_relative_to(self.builtin_dir):
            return  # missing: reported when rendered; built-in: checked by the tests
        chain = self._extends_chain(name)
        for index, (_, filename, tree, parent) in enumerate(chain):
            if parent is None or index + 1 == len(chain):
                break
            known = {
                b.name for _, _, above, _ in chain[index + 1 :] for b in above.find_all(nodes.Block)
            }
            for block in tree.find_all(nodes.Block):
                if block.name not in known:
                    message = (
                        f"block {block.name!r} is not a block of {parent.template.value!r}, "
                        "so it would never show" + _suggest(block.name, sorted(known))
                    )
                    raise TemplateProblem(self._describe(message, filename, block.lineno))

    def _extends_chain(self, name: str) -> list[tuple[str, str, nodes.Template, Any]]:
        """(name, file, parsed template, its extends node or None) from `name` up to the
        template that extends nothing; raises TemplateProblem for a loop."""
        chain: list[tuple[str, str, nodes.Template, Any]] = []
        current = name
        while len(chain) < 20:
            try:
                source, filename, _ = self.env.loader.get_source(self.env, current)
                tree = self.env.parse(source, current, filename)
            except (jinja2.TemplateNotFound, TemplateRefused):
                break  # reported when it is compiled or rendered
            except jinja2.TemplateSyntaxError as error:
                raise self._syntax_problem(error) from None
            if any(filename == seen for _, seen, _, _ in chain):
                raise self._loop_problem(chain, filename)
            parent = next(iter(tree.find_all(nodes.Extends)), None)
            if parent is not None and not isinstance(parent.template, nodes.Const):
                parent = None  # a computed parent: nothing to check ahead of rendering
            chain.append((current, filename, tree, parent))
            if parent is None:
                break
            current = parent.template.value
        return chain

    def _loop_problem(self, chain: list, back_to: str) -> TemplateProblem:
        name, filename, _, parent = chain[-1]
        bare = name.rpartition(":")[2]
        if filename == back_to:
            layer = self.layer_of(filename)
            if layer is not None and layer.kind == "company":
                advice = (
                    f"'workspace:{bare}' (the workspace's, else the built-in) or 'default:{bare}'"
                )
            else:
                advice = f"'default:{bare}' (the built-in)"
            message = (
                f"{parent.template.value!r} is this file itself; to build on the file it "
                f"replaces, extend {advice}"
            )
        else:
            names = " -> ".join([*(step for step, _, _, _ in chain), parent.template.value])
            message = f"these templates extend each other in a loop: {names}"
        return TemplateProblem(self._describe(message, filename, parent.lineno))

    def render_markdown(self, posting: Posting) -> str:
        """The posting as Markdown, from the content template for its role."""
        name = self.content_template(posting.role.id)
        text = self.render(name, posting_context(posting))
        if not text.strip():
            raise TemplateProblem(
                f"{self._shown(name)}: the content template wrote "
                "nothing, so every posting would be empty"
            )
        return text

    def _shown(self, name: str) -> str:
        """Template `name` as an error names it: its file's path where there is one."""
        where = self.find(name)
        return display_path(where) if where else name

    def _searched(self) -> str:
        return ", ".join(display_path(d) for d in self.template_dirs)

    def _assigned_names(self, filename: str | None) -> list[str]:
        """Loop variables and `set` names of a template file, for did-you-mean."""
        if not filename:
            return []
        try:
            tree = self.env.parse(Path(filename).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            return []
        return sorted({n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")})

    def _namespace_set_line(self, filename: str | None, after: int | None) -> int | None:
        """The line of the first `{% set a.b = ... %}` at or after line `after`."""
        try:
            tree = self.env.parse(Path(filename or "").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            return after
        lines = [n.lineno for n in tree.find_all(nodes.Assign) if isinstance(n.target, nodes.NSRef)]
        return next((line for line in sorted(lines) if line >= (after or 0)), after)

    def _syntax_problem(self, error: jinja2.TemplateSyntaxError) -> TemplateProblem:
        message = error.message or str(error)
        message = self._unknown_filter(message) or message
        tag = re.match(r"Encountered unknown tag '(\w+)'", message)
        if tag:
            tags = [*JINJA_TAGS, *(f"end{t}" for t in JINJA_TAGS)]
            innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
            message = f"unknown tag {tag.group(1)!r}" + _suggest(tag.group(1), tags)
            if innermost:
                message += f"; the {{% {innermost.group(1)} %}} above is still open"
        return TemplateProblem(self._describe(message, error.filename, error.lineno))

    def _unknown_filter(self, message: str) -> str | None:
        """Jinja's "No filter named 'x'" (at compile or, inside {% if %}, at render
        time) in our words, with the filter meant."""
        unknown = re.match(r"No (filter|test) named '([^']+)'", message)
        if not unknown:
            return None
        kind, name = unknown.groups()
        known = self.env.filters if kind == "filter" else self.env.tests
        return f"no {kind} named {name!r}" + _suggest(name, sorted(known))

    def _describe(self, message: str, filename: str | None, lineno: int | None) -> str:
        """`file:line (layer): message`, then the line itself."""
        if not filename:
            return message
        where = display_path(Path(filename))
        if lineno:
            where += f":{lineno}"
        layer = self.layer_of(filename)
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


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling costs ~15 ms of every start.

    Jinja keys each entry by template name and checks it against a hash of the
    source, so an edited template is recompiled. The environment shapes the
    compiled code too (escaping, the sandbox's operator checks), so the folder
    is named after a hash of the code that sets it up and Jinja's version: code
    compiled by an older jobgen, without the escaping, is never run.
    Set JOBGEN_NO_CACHE=1 to do without.
    """
    if os.environ.get("JOBGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "jobgen", f"templates-{__version__}-{_compiler_fingerprint()}")
    if not os.path.isdir(folder):
        _remove_other_caches(os.path.dirname(folder))
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time, as before
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(folder)


def _remove_other_caches(parent: str) -> None:
    """Code compiled by another jobgen is never used again (its folder name differs):
    remove it when a new folder is made, so the cache does not grow with upgrades."""
    import shutil

    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        if name.startswith("templates-"):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


@functools.lru_cache(maxsize=1)  # a run makes a renderer per company layer: read once
def _compiler_fingerprint() -> str:
    """A checksum of the code that sets up the environment, and Jinja's version.
    (zlib's crc32, not hashlib: importing OpenSSL would cost ~3 ms of every start.)"""
    import zlib

    from . import sandbox

    checksum = zlib.crc32(jinja2.__version__.encode())
    for module in (sandbox.__file__, __file__):
        with open(module, "rb") as source:
            checksum = zlib.crc32(source.read(), checksum)
    return f"{checksum:08x}"


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a render error's traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2") or frame.filename.endswith(".html"):
            found = (frame.filename, frame.lineno)
    return found


def _explain(error: Exception, context: list[str], local: list[str]) -> str:
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
        return text + _suggest(name, [*context, *local])
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
    close = closest(name, options)
    return f" (did you mean {close!r}?)" if close else ""
