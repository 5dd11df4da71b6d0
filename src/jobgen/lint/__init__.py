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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .book import RuleBook, load_book
    from .linter import Linter, PostingReport
    from .scan import Finding, LintContext

# Imported on first use: `formats/markdown.py` reads `lint.document` to count words, and
# must not pay for the rules, the laws and the rule book (~50 ms) to do it.
_API = {
    "RuleBook": ".book",
    "load_book": ".book",
    "Linter": ".linter",
    "PostingReport": ".linter",
    "Finding": ".scan",
    "LintContext": ".scan",
}

__all__ = ["Finding", "LintContext", "Linter", "PostingReport", "RuleBook", "load_book"]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)
