"""Checks a template override before it renders: every `{% block %}` it fills must
exist in the template it extends, and `{% extends %}` must not come back round.

Jinja renders a block the parent lacks nowhere, so a misspelt block name would
silently leave the built-in section in place; and an extends loop would end in
a RecursionError.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2 import nodes

from ..errors import TemplateProblem
from .explain import TemplateSource, describe, shown, suggest, syntax_problem
from .sandbox import TemplateRefused
from .source_facts import SourceFacts

Chain = list[tuple[str, str, nodes.Template, Any]]  # (name, file, parsed, its extends or None)


def check_blocks(source: TemplateSource, name: str) -> None:
    """Raise TemplateProblem for a block the parents lack or an extends loop."""
    try:
        _check_blocks(source, name)
    except RecursionError:  # thousands of nested filters or brackets
        raise TemplateProblem(
            f"{shown(source, name)}: the template nests expressions too deeply to compile"
        ) from None


def _check_blocks(source: TemplateSource, name: str) -> None:
    path = source.find(name)
    if path is None or path.is_relative_to(source.builtin_dir):
        return  # missing: reported when rendered; built-in: checked by the tests
    outlines = SourceFacts(source.env, "outlines.json", _is_outline)
    try:
        if _passes(source, name, outlines):
            return
    finally:
        outlines.save()
    chain = _extends_chain(source, name)
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
                    "so it would never show" + suggest(block.name, sorted(known))
                )
                raise TemplateProblem(describe(source, message, filename, block.lineno))


def _passes(source: TemplateSource, name: str, outlines: SourceFacts) -> bool:
    """Whether the chain from `name` passes, told from each template's outline (its
    blocks and the template it extends), kept between runs by its source's checksum:
    a template is parsed only the first time its source is seen. False for anything
    amiss (a loop, a stray block, a syntax error): the full check then says what."""
    env = source.env
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()
    current = name
    while len(chain) < 20:  # as _extends_chain
        try:
            text, filename, _ = env.loader.get_source(env, current)
        except (jinja2.TemplateNotFound, TemplateRefused):
            break
        if filename in seen:
            return False
        seen.add(filename)
        raw = text.encode("utf-8", "surrogatepass")
        outline = outlines.get(raw)
        if outline is None:
            try:
                outline = _outline(env.parse(text, current, filename))
            except jinja2.TemplateSyntaxError:
                return False
            outlines.add(raw, outline)
        chain.append(outline)
        if outline["extends"] is None:
            break
        current = outline["extends"]
    for index, outline in enumerate(chain):
        if outline["extends"] is None or index + 1 == len(chain):
            break
        known = {block for above in chain[index + 1 :] for block in above["blocks"]}
        if not set(outline["blocks"]) <= known:
            return False
    return True


def _outline(tree: nodes.Template) -> dict[str, Any]:
    """A template's blocks, and the template it extends (None: none, or a computed one)."""
    parent = next(iter(tree.find_all(nodes.Extends)), None)
    extends = parent.template.value if parent and isinstance(parent.template, nodes.Const) else None
    return {"extends": extends, "blocks": [block.name for block in tree.find_all(nodes.Block)]}


def _is_outline(kept: object) -> bool:
    return (
        isinstance(kept, dict)
        and (kept.get("extends") is None or isinstance(kept.get("extends"), str))
        and isinstance(kept.get("blocks"), list)
        and all(isinstance(block, str) for block in kept["blocks"])
    )


def _extends_chain(source: TemplateSource, name: str) -> Chain:
    """From `name` up to the template that extends nothing; raises TemplateProblem
    for a loop."""
    env = source.env
    chain: Chain = []
    current = name
    while len(chain) < 20:
        try:
            text, filename, _ = env.loader.get_source(env, current)
            tree = env.parse(text, current, filename)
        except (jinja2.TemplateNotFound, TemplateRefused):
            break  # reported when it is compiled or rendered
        except jinja2.TemplateSyntaxError as error:
            raise syntax_problem(source, error) from None
        if any(filename == seen for _, seen, _, _ in chain):
            raise _loop_problem(source, chain, filename)
        parent = next(iter(tree.find_all(nodes.Extends)), None)
        if parent is not None and not isinstance(parent.template, nodes.Const):
            parent = None  # a computed parent: nothing to check ahead of rendering
        chain.append((current, filename, tree, parent))
        if parent is None:
            break
        current = parent.template.value
    return chain


def _loop_problem(source: TemplateSource, chain: Chain, back_to: str) -> TemplateProblem:
    name, filename, _, parent = chain[-1]
    bare = name.rpartition(":")[2]
    if filename == back_to:
        layer = source.layer_of(filename)
        if layer is not None and layer.kind == "company":
            advice = f"'workspace:{bare}' (the workspace's, else the built-in) or 'default:{bare}'"
        else:
            advice = f"'default:{bare}' (the built-in)"
        message = (
            f"{parent.template.value!r} is this file itself; to build on the file it "
            f"replaces, extend {advice}"
        )
    else:
        names = " -> ".join([*(step for step, _, _, _ in chain), parent.template.value])
        message = f"these templates extend each other in a loop: {names}"
    return TemplateProblem(describe(source, message, filename, parent.lineno))
