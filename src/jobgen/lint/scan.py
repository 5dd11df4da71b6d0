"""One posting being checked: its text, what lint knows of it, and what was found.

Each rule lives in a `rules_*.py` module by category (inclusive, pay, structure
and readability, realism); `linter.py` runs them in order over one `Scan`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from ..fast_dataclass import dataclass
from ..inputs.models import Company
from . import memo
from .book import RuleBook
from .document import Block, Document, Section
from .readability import BlockCounts, block_counts

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class LintContext:
    """What lint knows about a posting besides its text."""

    date: dt.date
    company: Company | None = None  # None: a file from elsewhere; pay laws are not checked
    seniority: str | None = None  # the role's, when jobgen wrote the posting
    valid_through: dt.date | None = None  # the posting's last day: laws coming by then count
    ai_screening_used: bool | None = None  # does AI screen applicants (None: not said)
    language: str | None = None  # the posting's language tag, like en-US or de-DE
    tools: tuple[str, ...] = ()  # the role's tools, for suggestions in its own words
    # The `where` of each pay range the posting shows (None: a range for everywhere);
    # None when not known (a file from elsewhere): pay is then checked in the text alone.
    pay_places: tuple[str | None, ...] | None = None


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
        self._blocks: dict[str, list[Block]] = {}  # blocks_of, by kind

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
        at_most: str | None = None,
    ) -> None:
        """A finding of `rule_id`, at the rule's severity or `at_most` if that is milder
        (a law not yet in force, or unsettled, never makes an error)."""
        rule = self.book.rule(rule_id)
        if not rule.enabled:
            return
        severity = rule.severity
        if at_most is not None and SEVERITY_RANK[at_most] > SEVERITY_RANK[severity]:
            severity = at_most
        section = block.heading if isinstance(block, Section) else block.section if block else ""
        # Finding(rule_id, severity, ...), set as its __init__ sets it, less the checks of
        # its arguments' names: a posting has a dozen findings, a batch thousands.
        finding = memo.made(
            Finding,
            rule=rule_id,
            severity=severity,
            category=rule.category,
            message=message,
            section=section,
            line=block.line if block else None,
            text=text,
            why=why or rule.why,
            suggestion=suggestion or rule.suggestion,
            source=source or rule.source,
            where=None,
        )
        self.findings.append(finding)

    @cached_property
    def kinds(self) -> dict[int, frozenset[str]]:
        """The kinds (benefits, pay, ...) of each section, by its line."""
        return {s.line: heading_kinds(s.heading, self.book) for s in self.document.sections}

    @cached_property
    def _by_kind(self) -> dict[str, list[Section]]:
        """The sections of each kind, in order: the rules ask for kinds again and again."""
        found: dict[str, list[Section]] = {}
        kinds = self.kinds
        for section in self.document.sections:
            for kind in kinds[section.line]:
                found.setdefault(kind, []).append(section)
        return found

    def sections_of(self, kind: str) -> list[Section]:
        return list(self._by_kind.get(kind, ()))

    def blocks_of(self, kind: str) -> list[Block]:
        blocks = self._blocks.get(kind)
        if blocks is None:
            blocks = self._blocks[kind] = [b for s in self._by_kind.get(kind, ()) for b in s.blocks]
        return list(blocks)

    @cached_property
    def prose(self) -> list[Block]:
        """The document's paragraphs and list items (`Document.prose`), listed once."""
        return self.document.prose

    @cached_property
    def lowered(self) -> str:
        """The document's text, lowercased: several rules look for phrases in it."""
        return self.document.text.lower()

    def says(self, phrases: tuple[str, ...]) -> bool:
        """Does the lowercased text hold one of `phrases`? (Asked of the whole text: a
        substring search over it is quicker than a look-up per block.)"""
        lowered = self.lowered
        return any(p in lowered for p in phrases)

    @cached_property
    def counts(self) -> list[BlockCounts]:
        """The words, sentences and syllables of each block of the document, in order."""
        language = self.book.language
        return [block_counts(b.text, language) for b in self.document.blocks]

    @cached_property
    def sentences(self) -> list[tuple[Block, str, int]]:
        """Each sentence of the prose, with its block and its words."""
        return [
            (block, sentence, words)
            for block, counts in zip(self.document.blocks, self.counts, strict=True)
            if block.kind != "heading"
            for sentence, words in counts.each
        ]


def section_kinds(heading: str, book: RuleBook) -> set[str]:
    """The kinds a heading names: `Pay and benefits` is both pay and benefits."""
    return set(heading_kinds(heading, book))


def heading_kinds(heading: str, book: RuleBook) -> frozenset[str]:
    """`section_kinds`, worked out once per heading and book: headings recur in every
    posting."""
    table = memo.kept_on(book, "section kinds")
    found = table.get(heading)
    if found is None:
        found = frozenset(_section_kinds(heading, book))
        if len(heading) <= memo.LONGEST:
            memo.keep(table, heading, found)
    return found


def _section_kinds(heading: str, book: RuleBook) -> set[str]:
    text = " " + " ".join(re.findall(r"[\w'’-]+", heading.lower().replace("’", "'"))) + " "
    kinds = {
        kind
        for kind, spec in book.sections.items()
        if any(f" {phrase} " in text for phrase in spec.headings)
    }
    if "nice_to_have" in kinds:
        kinds.discard("requirements")  # "Preferred skills" is not a must-have
    return kinds
