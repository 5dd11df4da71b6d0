"""One posting being checked: its text, what lint knows of it, and what was found.

Each rule lives in a `rules_*.py` module by category (inclusive, pay, structure
and readability, realism); `linter.py` runs them in order over one `Scan`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from ..inputs.models import Company
from .book import RuleBook
from .document import Block, Document, Section
from .readability import sentences


@dataclass(frozen=True)
class LintContext:
    """What lint knows about a posting besides its text."""

    date: dt.date
    company: Company | None = None  # None: a file from elsewhere; pay laws are not checked
    seniority: str | None = None  # the role's, when jobgen wrote the posting


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    category: str
    message: str  # what is wrong in this posting
    section: str  # the heading it is under ("" for the title and intro)
    line: int | None  # in the Markdown
    text: str | None  # the exact words found
    why: str
    suggestion: str | None
    source: str
    where: str | None = None  # the input file and line the words come from, when known


class Scan:
    """One posting being checked: the document, the context and what was found."""

    def __init__(self, document: Document, context: LintContext, book: RuleBook) -> None:
        self.document = document
        self.context = context
        self.book = book
        self.findings: list[Finding] = []

    def on(self, rule_id: str) -> bool:
        return self.book.rule(rule_id).enabled

    def add(
        self,
        rule_id: str,
        message: str,
        block: Block | Section | None = None,
        text: str | None = None,
        suggestion: str | None = None,
        why: str | None = None,
        source: str | None = None,
    ) -> None:
        rule = self.book.rule(rule_id)
        if not rule.enabled:
            return
        section = block.heading if isinstance(block, Section) else block.section if block else ""
        self.findings.append(
            Finding(
                rule_id,
                rule.severity,
                rule.category,
                message,
                section,
                block.line if block else None,
                text,
                why or rule.why,
                suggestion or rule.suggestion,
                source or rule.source,
            )
        )

    @cached_property
    def kinds(self) -> dict[int, set[str]]:
        """The kinds (benefits, pay, ...) of each section, by its line."""
        return {s.line: section_kinds(s.heading, self.book) for s in self.document.sections}

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.document.sections if kind in self.kinds[s.line]]

    def blocks_of(self, kind: str) -> list[Block]:
        return [b for s in self.sections_of(kind) for b in s.blocks]

    @cached_property
    def sentences(self) -> list[tuple[Block, str]]:
        return [(b, s) for b in self.document.prose for s in sentences(b.text)]


def section_kinds(heading: str, book: RuleBook) -> set[str]:
    """The kinds a heading names: `Pay and benefits` is both pay and benefits."""
    text = " " + " ".join(re.findall(r"[\w'’-]+", heading.lower().replace("’", "'"))) + " "
    kinds = {
        kind
        for kind, spec in book.sections.items()
        if any(f" {phrase} " in text for phrase in spec.headings)
    }
    if "nice_to_have" in kinds:
        kinds.discard("requirements")  # "Preferred skills" is not a must-have
    return kinds
