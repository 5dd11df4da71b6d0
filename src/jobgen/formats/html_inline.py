"""Python-Markdown's inline pass, skipping the patterns a text cannot match.

Python-Markdown tries each of its ~14 inline patterns (links, emphasis, code,
entities...) on every piece of text, one regular-expression search and a few
Python calls each, even where the text has none of the characters a pattern
starts with: most of a posting's lines are plain words. Every pattern here needs
at least one character (or `"  \\n"`, a hard line break) to match at all, so a text
without it cannot match, and trying the pattern would only move on to the next
one: exactly what skipping it does. The result is the same tree, placeholder for
placeholder.

A pattern is skipped only when it is the very class and regular expression studied
here (`NEEDS`); any other (another version of Markdown, an extension) is tried on
every text as Python-Markdown would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markdown import inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    import markdown

# name in the registry: (class, regular expression, what a text needs for a match, any
# one of them). Read from markdown/inlinepatterns.py (3.x): every alternative of each
# expression begins with, or looks ahead at, one of these.
_LINK = r"(?<!\!)\["
_IMAGE = r"\!\["
NEEDS: dict[str, tuple[type, str, tuple[str, ...]]] = {
    "backtick": (
        inlinepatterns.BacktickInlineProcessor,
        r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
        ("`",),
    ),
    "escape": (inlinepatterns.EscapeInlineProcessor, r"\\(.)", ("\\",)),
    "reference": (inlinepatterns.ReferenceInlineProcessor, _LINK, ("[",)),
    "link": (inlinepatterns.LinkInlineProcessor, _LINK, ("[",)),
    "image_link": (inlinepatterns.ImageInlineProcessor, _IMAGE, ("[",)),
    "image_reference": (inlinepatterns.ImageReferenceInlineProcessor, _IMAGE, ("[",)),
    "short_reference": (inlinepatterns.ShortReferenceInlineProcessor, _LINK, ("[",)),
    "short_image_ref": (inlinepatterns.ShortImageReferenceInlineProcessor, _IMAGE, ("[",)),
    "autolink": (
        inlinepatterns.AutolinkInlineProcessor,
        r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",
        ("<",),
    ),
    "automail": (inlinepatterns.AutomailInlineProcessor, r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (inlinepatterns.SubstituteTagInlineProcessor, r"  \n", ("  \n",)),
    "html": (inlinepatterns.HtmlInlineProcessor, inlinepatterns.HTML_RE, ("<",)),
    "entity": (
        inlinepatterns.HtmlInlineProcessor,
        r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",
        ("&",),
    ),
    "em_strong": (getattr(inlinepatterns, "DelimiterProcessor", type(None)), r"\*|_", ("*", "_")),
}


def needs_of(name: str, pattern: Any) -> tuple[str, ...] | None:
    """What a text needs for `pattern` (registered as `name`) to match; None when it is
    not a pattern studied here, which is then tried on every text."""
    known = NEEDS.get(name)
    if known is None:
        return None
    cls, expression, needs = known
    compiled = getattr(pattern, "compiled_re", None)
    if type(pattern) is not cls or compiled is None or compiled.pattern != expression:
        return None
    return needs


def _inert(needs: list[tuple[str, ...] | None]) -> Callable[[str], bool] | None:
    """A test for a text that no pattern can match, when every pattern is known."""
    if any(need is None for need in needs):
        return None
    found = re.compile("|".join(sorted({re.escape(s) for need in needs for s in need if need})))
    return lambda text: found.search(text) is None


def _same(one: list[tuple[Any, Any]], other: list[tuple[Any, Any]]) -> bool:
    """The same patterns, each with the same expression object (not equal: the same)."""
    return len(one) == len(other) and all(
        a is c and b is d for (a, b), (c, d) in zip(one, other, strict=True)
    )


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's InlineProcessor, trying only the patterns a text can match."""

    _studied: list[tuple[Any, Any]] | None = None  # the patterns the plan was made for

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        registry = self.inlinePatterns
        patterns = list(registry)  # in priority order, as registry[index] gives them
        studied = [(pattern, getattr(pattern, "compiled_re", None)) for pattern in patterns]
        if self._studied is None or not _same(studied, self._studied):
            needs: list[tuple[str, ...] | None] = [None] * len(patterns)
            for name in NEEDS:
                if name in registry:
                    index = registry.get_index_for_name(name)
                    needs[index] = needs_of(name, patterns[index])
            self._plan = list(zip(patterns, needs, strict=True))
            self._inert = _inert(needs)
            self._studied = studied
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """InlineProcessor.__handleInline (the name it is called by), with every pattern
        that cannot match `data` as it stands counted as tried and not matched."""
        if isinstance(data, util.AtomicString):
            return data
        if self._inert is not None and self._inert(data):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        plan = self._plan
        count = len(plan)
        start = 0
        while patternIndex < count:
            pattern, needs = plan[patternIndex]
            if needs is not None and not any(need in data for need in needs):
                patternIndex += 1  # as __applyPattern's "not matched": next pattern, from 0
                start = 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def install(converter: markdown.Markdown) -> None:
    """Put the quick inline pass in place of Python-Markdown's own, at its priority
    (where that cannot be read, Python-Markdown's own stays)."""
    registry = converter.treeprocessors
    if "inline" not in registry or type(registry["inline"]) is not InlineProcessor:
        return
    priorities = getattr(registry, "_priority", ())  # the registry's (name, priority) items
    priority = next((item.priority for item in priorities if item.name == "inline"), None)
    if priority is not None:
        registry.register(QuickInlineProcessor(converter), "inline", priority)
