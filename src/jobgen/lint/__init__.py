"""Lint: checks postings for biased wording, job-ad law, structure, length,
readability and unrealistic requirements.

    from jobgen.lint import Linter, LintContext
    report = Linter().lint(markdown_text, LintContext(date), name="posting.md")

Rules, word lists and laws are data (the built-in `lint/` folder, read by
`inputs/lint_data.py`); a workspace changes them under `lint:` in jobgen.yaml.
Lint reads Markdown and the inputs' models, nothing else: it knows nothing of
how a posting was made, so it checks any posting, jobgen's or not.
"""

from __future__ import annotations

from .book import RuleBook, load_book
from .linter import Linter, PostingReport
from .scan import Finding, LintContext

__all__ = ["Finding", "LintContext", "Linter", "PostingReport", "RuleBook", "load_book"]
