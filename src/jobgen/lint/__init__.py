"""`jobgen lint`: check postings for biased wording, pay-transparency gaps, structure,
length, readability and unrealistic requirements.

    from jobgen.lint import Linter, LintContext
    report = Linter().lint(markdown_text, LintContext(date), name="posting.md")

Rules and word lists are data (the built-in `lint/` folder); a workspace
changes them under `lint:` in jobgen.yaml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..models import LintConfig, Posting
from . import checks
from .book import SEVERITIES, RuleBook, load_book
from .checks import Finding, LintContext
from .document import parse
from .readability import text_stats, words

__all__ = ["Finding", "LintContext", "Linter", "PostingReport", "RuleBook", "load_book"]


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
        self.book = book or load_book(config)
        self._sources: dict[Path, str] = {}  # input files' text, for pointing at lines

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
        scan = checks.Scan(document, context, self.book)
        coding = checks.gendered_wording(scan)
        checks.phrases(scan)
        laws = checks.pay_transparency(scan)
        checks.structure(scan)
        total = len(words(document.text))
        stats = text_stats(b.text for b in document.prose)
        ease = stats.reading_ease
        checks.word_count(scan, total)
        checks.reading_ease(scan, ease)
        checks.long_sentences(scan)
        checks.many_requirements(scan)
        checks.impossible_experience(scan)
        checks.entry_level(scan)
        findings = sorted(scan.findings, key=lambda f: (ORDER[f.severity], f.line or 0, f.rule))
        if sources:
            from .locate import Locator

            locator = Locator(sources, self._sources)
            blocks = {b.line: b for b in document.blocks}
            findings = [
                replace(f, where=locator.locate(f.text, blocks.get(f.line or 0))) for f in findings
            ]
        penalty = sum(self.book.score.get(f.severity, 0) for f in findings)
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
        context = LintContext(posting.date, posting.company, posting.role.seniority)
        return self.lint(markdown_text, context, posting.slug, sources)
