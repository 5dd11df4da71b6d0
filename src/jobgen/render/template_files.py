"""The template files of each layer: which one wins, and copies to edit.

Backs `jobgen templates list|show|copy`. A recruiter starts from what jobgen
uses now: `copy` takes the file the new one will shadow, or only one block of
it, written as an override that extends the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError, closest, display_path
from ..fast_dataclass import dataclass
from ..inputs.models import Company
from ..inputs.workspace import TEMPLATES, TemplateLayer, Workspace
from ..limits import MAX_TEMPLATE_BYTES
from .renderer import CUSTOM_STYLESHEET, POSTING_TEMPLATE, ROLE_TEMPLATES
from .source_facts import SourceFacts

TEMPLATE_SUFFIXES = (".j2", ".css", ".docx", ".typ", ".po", ".pot")
# messages/LANG.po: a language's messages; a layer's catalog changes the messages it has.
CATALOG = re.compile(r"messages/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.po")
PREFIXES = {"default": ("built-in",), "workspace": ("workspace", "built-in")}
COMMENT = re.compile(r"{#.*?#}", re.S)
BLOCK = r"{%-?\s*block\s+NAME\b[^%]*%}(?P<body>.*?){%-?\s*endblock\b[^%]*%}"


@dataclass(frozen=True)
class TemplateFile:
    """One template name: the file that wins and the files it shadows."""

    name: str  # relative to the layer, with forward slashes: `roles/mlops-engineer.md.j2`
    layer: TemplateLayer
    path: Path
    shadowed: tuple[TemplateLayer, ...]

    @property
    def note(self) -> str:
        """What the file does, where that is not just 'wins'."""
        if self.name == CUSTOM_STYLESHEET:
            return "added to style.css (every layer's custom.css is used)"
        if CATALOG.fullmatch(self.name) and self.shadowed:
            return "its messages win over " + ", ".join(layer.label for layer in self.shadowed)
        role = re.fullmatch(rf"{ROLE_TEMPLATES}/([^/]+)\.md\.j2", self.name)
        if role:
            return f"replaces {POSTING_TEMPLATE} for {role.group(1)}"
        if self.shadowed:
            return "shadows " + ", ".join(layer.label for layer in self.shadowed)
        return ""


def template_files(layers: list[TemplateLayer]) -> list[TemplateFile]:
    """Every template name in `layers`, sorted, with the layer whose file wins."""
    found: dict[str, list[tuple[TemplateLayer, Path]]] = {}
    for layer in layers:
        for path in sorted(layer.path.rglob("*")):
            relative = path.relative_to(layer.path)
            hidden = any(part.startswith((".", "__")) for part in relative.parts)
            if path.is_file() and path.name.endswith(TEMPLATE_SUFFIXES) and not hidden:
                found.setdefault(relative.as_posix(), []).append((layer, path))
    return [
        TemplateFile(name, hits[0][0], hits[0][1], tuple(layer for layer, _ in hits[1:]))
        for name, hits in sorted(found.items())
    ]


def find_template(layers: list[TemplateLayer], name: str) -> TemplateFile:
    """The file that template `name` means (`default:` and `workspace:` prefixes too)."""
    prefix, _, bare = name.rpartition(":")
    if prefix:
        if prefix not in PREFIXES:
            raise UsageError(f"unknown prefix {prefix!r}; use default: or workspace:")
        layers = [layer for layer in layers if layer.kind in PREFIXES[prefix]]
    files = {file.name: file for file in template_files(layers)}
    if bare not in files:
        message = f"no template {bare!r}"
        close = closest(bare, files)
        message += f"; did you mean {close!r}?" if close else ""
        raise UsageError(message + f"\ntemplates: {', '.join(files)}")
    return files[bare]


def unused_templates(
    layers: list[TemplateLayer], role_ids: set[str], env: Any
) -> list[tuple[TemplateFile, str]]:
    """Files in the workspace and company layers that jobgen never reads, each with why:
    a misspelt name (`custon.css`, `roles/mlops-enginer.md.j2`) would otherwise be
    ignored without a word. Partials that a template includes or extends count as used."""
    from jinja2 import TemplateSyntaxError, meta

    files = template_files(layers)
    known = {f.name for f in files for layer in (f.layer, *f.shadowed) if layer.kind == "built-in"}
    known.add(CUSTOM_STYLESHEET)
    known |= {f"{ROLE_TEMPLATES}/{role}.md.j2" for role in role_ids}
    known |= {f.name for f in files if CATALOG.fullmatch(f.name)}  # a language of its own
    used = set(known)
    kept = SourceFacts(env, "references.json", _names)
    for layer in layers:
        for path in layer.path.rglob("*.j2"):
            try:
                if not path.is_file() or path.stat().st_size > MAX_TEMPLATE_BYTES:
                    continue  # a FIFO would block; both are reported when rendered
                source = path.read_bytes()
                names = kept.get(source)
                if names is None:
                    text = source.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
                    tree = env.parse(text)  # as read_text reads it (universal newlines)
                    names = sorted(
                        {n.rpartition(":")[2] for n in meta.find_referenced_templates(tree) if n}
                    )
                    kept.add(source, names)
                used |= set(names)
            except (OSError, UnicodeDecodeError, TemplateSyntaxError, RecursionError):
                continue  # reported by check on its own
    kept.save()
    found = []
    for file in files:
        if file.name in used:
            continue
        for layer in (file.layer, *file.shadowed):
            if layer.kind == "built-in":
                continue
            role = re.fullmatch(rf"{ROLE_TEMPLATES}/(.+)\.md\.j2", file.name)
            if role:
                close = _close(role.group(1), role_ids)
                why = f"no role {role.group(1)!r}{close}, so it is never used"
            else:
                why = "jobgen does not read this file and no template includes it"
                why += _close(file.name, known)
            found.append((TemplateFile(file.name, layer, layer.path / file.name, ()), why))
    return found


def _names(kept: object) -> bool:
    return isinstance(kept, list) and all(isinstance(name, str) for name in kept)


def _new_catalog(template: bytes, language: str) -> bytes:
    """jobgen.pot as the catalog of `language`: its header names the language."""
    text = template.decode("utf-8")
    header = f'"Language: {language.replace("-", "_")}\\n"\n'
    text = text.replace('"MIME-Version:', header + '"MIME-Version:', 1)
    return text.encode("utf-8")


def _close(name: str, options: Iterable[str]) -> str:
    close = closest(name, options, ignore_case=True)
    return f" (did you mean {close!r}?)" if close else ""


@dataclass(frozen=True)
class CopyPlan:
    """What `templates copy` writes: a file into a layer folder."""

    folder: Path
    name: str
    data: bytes
    source: TemplateFile
    description: str


def plan_copy(
    workspace: Workspace,
    name: str,
    company: Company | None = None,
    block: str | None = None,
    role: str | None = None,
    force: bool = False,
) -> CopyPlan:
    """The file to write for `jobgen templates copy`; raises UsageError when it cannot."""
    if workspace.root is None or len(workspace.layers) == 1:
        raise UsageError(
            "templates copy needs a workspace of your own to copy into: create one with "
            "`jobgen init DIR`, then run this inside it (or pass --workspace DIR)"
        )
    if role and name != POSTING_TEMPLATE:
        raise UsageError(f"--role makes a role's own {POSTING_TEMPLATE}; copy that one")
    if company is not None:
        folder = workspace.new_company_template_dir(company)
        below = [layer for layer in workspace.template_layers(company) if layer.kind != "company"]
        parent_prefix = "workspace:"
    else:
        folder = workspace.root / TEMPLATES
        below = [layer for layer in workspace.template_layers() if layer.kind == "built-in"]
        parent_prefix = "default:"
    # A role's template starts from what the role uses now, from any layer.
    search = workspace.template_layers(company) if role else below
    catalog = CATALOG.fullmatch(name)
    if catalog and not any((layer.path / name).is_file() for layer in search):
        source = find_template(search, "messages/jobgen.pot")  # a new language: every message
        data = _new_catalog(source.path.read_bytes(), catalog.group(1))
        what = f"every message of jobgen, to translate into {catalog.group(1)}"
        target = folder / name
        if target.is_file() and not force:
            raise UsageError(f"{display_path(target)} exists; pass --force to replace it")
        return CopyPlan(folder, name, data, source, what)
    source = find_template(search, name)
    target_name = f"{ROLE_TEMPLATES}/{role}.md.j2" if role else name
    target = folder / target_name
    if not target.resolve().is_relative_to(workspace.root.resolve()):
        raise UsageError(
            f"{display_path(target)} leads through a link to {target.resolve()}, outside the "
            "workspace; jobgen copies templates only into the workspace"
        )
    existing = None
    if target.is_file():
        existing = target.read_text(encoding="utf-8", errors="replace") if block else ""

    if block is None:
        data = source.path.read_bytes()
        if existing is not None and not force:
            raise UsageError(
                f"{display_path(target)} exists; pass --force to replace it with the "
                f"{source.layer.label} file"
            )
        what = f"a copy of the {source.layer.label} {name}"
        return CopyPlan(folder, target_name, data, source, what)

    if not name.endswith(".j2"):
        raise UsageError(f"--block works with .j2 templates; {name} has no blocks")
    parent = POSTING_TEMPLATE if role else parent_prefix + name
    body = _block_body(search, name, block)
    text = f"{{% block {block} %}}{body}{{% endblock %}}\n"
    if existing is None:
        header = (
            f"{{#- {target_name}: only what differs from {parent}. Each block here\n"
            "    replaces the block of the same name; the rest comes from the parent. -#}\n"
        )
        data = f'{header}{{% extends "{parent}" %}}\n\n{text}'
    elif re.search(BLOCK.replace("NAME", re.escape(block)), _code(existing), re.S) and not force:
        raise UsageError(f"{display_path(target)} already has block {block!r}; edit it there")
    elif not re.search(r"{%-?\s*extends\b", _code(existing)) and not force:
        raise UsageError(
            f"{display_path(target)} is a whole template, not an override: edit block "
            f"{block!r} in it directly (or pass --force to replace it with an override)"
        )
    elif force and not re.search(r"{%-?\s*extends\b", _code(existing)):
        data = f'{{% extends "{parent}" %}}\n\n{text}'  # a whole template becomes an override
    else:  # an override: this block replaced or added, its other blocks and comments kept
        data = _with_block(existing, block, text)
    what = f"block {block!r} of {parent}, as an override"
    return CopyPlan(folder, target_name, data.encode("utf-8"), source, what)


def _with_block(existing: str, block: str, text: str) -> str:
    """The override `existing` with its block `block` (not one in a comment) replaced by
    `text`, or with `text` added at the end."""
    comments = [match.span() for match in COMMENT.finditer(existing)]
    for match in re.finditer(BLOCK.replace("NAME", re.escape(block)), existing, re.S):
        if not any(start <= match.start() < end for start, end in comments):
            return existing[: match.start()] + text.rstrip("\n") + existing[match.end() :]
    return existing.rstrip("\n") + "\n\n" + text


def _code(text: str) -> str:
    """The template without its comments (which may show example blocks)."""
    return COMMENT.sub("", text)


def _block_body(layers: list[TemplateLayer], name: str, block: str) -> str:
    """The source of `block` in the nearest file of `name` (or the file it extends)."""
    pattern = re.compile(BLOCK.replace("NAME", re.escape(block)), re.S)
    known: list[str] = []
    for layer in layers:
        path = layer.path / name
        if not path.is_file():
            continue
        text = _code(path.read_text(encoding="utf-8"))
        match = pattern.search(text)
        if match:
            return match.group("body")
        known += re.findall(r"{%-?\s*block\s+(\w+)", text)
    close = closest(block, known)
    hint = f"; did you mean {close!r}?" if close else ""
    blocks = ", ".join(dict.fromkeys(known))
    raise UsageError(f"{name} has no block {block!r}{hint}\nblocks: {blocks}")
