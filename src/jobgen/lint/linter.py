"""The linter: runs every rule over one posting and scores it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..fast_dataclass import dataclass
from ..inputs.lint_settings import LintConfig
from ..inputs.models import Posting
from . import memo, rules_inclusive, rules_law, rules_pay, rules_realism, rules_structure
from .book import SEVERITIES, RuleBook, load_book
from .document import parse
from .readability import TextStats
from .scan import Finding, LintContext, Scan


@dataclass
class PostingReport:
    name: str  # the file, or company/role for a posting jobgen rendered
    findings: list[Finding]
    words: int
    sentences: int
    reading_ease: float | None
    masculine: int
    feminine: int
    coding: str  # "neutral", "slightly masculine-coded", ...
    laws: list[str] | None  # pay-transparency laws that apply; None: not known
    score: int

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def by_category(self) -> Counter[str]:
        return Counter(f.category for f in self.findings if f.severity != "info")

    def fails(self, strict: bool) -> bool:
        """Errors always fail; warnings fail with --strict; infos never."""
        return any(f.severity == "error" or (strict and f.severity == "warning")
                   for f in self.findings)  # fmt: skip


ORDER = {severity: rank for rank, severity in enumerate(SEVERITIES)}


class Linter:
    """Checks postings against one rule book; reuse it for many postings."""

    def __init__(self, config: LintConfig | None = None, book: RuleBook | None = None) -> None:
        self.config = config
        self.book = book or load_book(config)  # English; other languages' on first use
        self._books: dict[str, RuleBook] = {self.book.language: self.book}
        self._sources: dict[Path, str] = {}  # input files' text, for pointing at lines
        self._names: dict[tuple[str, Path], str] = {}  # and their names as printed
        self._found: dict[Path, Any] = {}  # and the lines words were found on (Locator)

    def book_for(self, language: str | None) -> RuleBook:
        """The rule book of a posting in `language` (English when not known)."""
        primary = (language or "en").split("-")[0].lower()
        if primary not in self._books:
            self._books[primary] = load_book(self.config, primary)
        return self._books[primary]

    def lint(
        self,
        markdown_text: str,
        context: LintContext,
        name: str,
        sources: Sequence[Path] = (),
    ) -> PostingReport:
        """Check one posting; `sources` are the files its words came from, to point
        each finding at the line to edit."""
        document = parse(markdown_text)
        book = self.book_for(context.language)
        scan = Scan(document, context, book)
        coding = rules_inclusive.gendered_wording(scan)
        rules_inclusive.phrases(scan)
        matches = rules_law.laws_that_apply(scan)
        rules_pay.pay_transparency(scan, matches)
        rules_law.job_ad_law(scan, matches or [])
        laws = None if matches is None else [m.law.id for m in matches]
        rules_structure.structure(scan)
        rules_structure.generic_posting(scan)
        rules_structure.starter_text(scan)
        # The blocks' words are the document's (a word never spans the line between
        # two), counted once a run for each block.
        total = sum(c.words for c in scan.counts)
        prose = [
            c for b, c in zip(document.blocks, scan.counts, strict=True) if b.kind != "heading"
        ]
        stats = TextStats(  # as text_stats counts the prose, from the blocks' counts
            sum(c.words for c in prose),
            sum(c.sentences for c in prose),
            sum(c.syllables for c in prose),
            book.language,
        )
        ease = stats.reading_ease
        rules_structure.word_count(scan, total)
        rules_structure.reading_ease(scan, ease)
        rules_structure.long_sentences(scan)
        rules_realism.many_requirements(scan)
        rules_realism.impossible_experience(scan)
        rules_realism.entry_level(scan)
        findings = sorted(scan.findings, key=lambda f: (ORDER[f.severity], f.line or 0, f.rule))
        if sources:
            from .locate import Locator

            locator = Locator(sources, self._sources, self._names, self._found)
            blocks = {b.line: b for b in document.blocks}
            findings = [_at(f, locator.locate(f.text, blocks.get(f.line or 0))) for f in findings]
        penalty = sum(book.score.get(f.severity, 0) for f in findings)
        return PostingReport(
            name,
            findings,
            total,
            stats.sentences,
            None if ease is None else round(ease, 1),
            len(coding.masculine),
            len(coding.feminine),
            coding.label,
            laws,
            max(0, 100 - penalty),
        )

    def lint_posting(
        self, posting: Posting, markdown_text: str, sources: Sequence[Path] = ()
    ) -> PostingReport:
        """A posting jobgen rendered: its company's laws and its role's seniority apply."""
        ai = posting.hire.ai_screening
        context = LintContext(
            posting.date,
            posting.company,
            posting.role.seniority,
            posting.valid_through,
            None if ai is None else ai.used,
            posting.language,
            tuple(posting.role.tools),
            tuple(pay.where for pay in posting.pay),
        )
        report = self.lint(markdown_text, context, posting.slug, sources)
        if sources and any(_about_pay(f) and f.where is None for f in report.findings):
            from .locate import pay_line  # a finding about pay points at where pay is written

            where = pay_line(sources, posting.role.id)
            report.findings[:] = [
                replace(f, where=where) if _about_pay(f) and f.where is None else f
                for f in report.findings
            ]
        return report


def _at(finding: Finding, where: str | None) -> Finding:
    """`finding` pointing at `where` (a finding has no `where` before it is located)."""
    if where == finding.where:
        return finding
    # As dataclasses.replace(finding, where=where), without its walk over the fields.
    return memo.made(Finding, **{**finding.__dict__, "where": where})


def _about_pay(finding: Finding) -> bool:
    return finding.rule == "no-pay-range" or (
        finding.rule == "pay-transparency" and "pay range" in finding.message
    )
