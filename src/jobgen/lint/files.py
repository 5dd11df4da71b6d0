"""Lint Markdown files from anywhere, with a workspace's settings and a company's laws.

(Linting the postings a workspace would publish renders them first: that is
`publish.pipeline.lint_roles`.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError, display_path
from ..inputs.catalog import Catalog
from ..inputs.workspace import Workspace
from .linter import Linter, PostingReport
from .scan import LintContext

MAX_FILE_BYTES = 2_000_000


def linter_for(workspace: Workspace) -> Linter:
    """A linter with the workspace's `lint:` settings (jobgen.yaml) applied."""
    config, _, _ = Catalog(workspace).load(role_ids=[], company_ids=[])
    return Linter(config.lint)


def lint_files(
    workspace: Workspace,
    linter: Linter,
    paths: Sequence[Path],
    company_id: str | None,
    date: dt.date,
    language: str | None = None,
) -> list[PostingReport]:
    """Markdown postings from anywhere, in `language` (else the company's, else
    English); with a company, the job-ad laws where it hires apply, and its profile
    says whether AI screens applicants."""
    context = LintContext(date, language=language)
    if company_id is not None:
        _, _, companies = Catalog(workspace).load(role_ids=[], company_ids=[company_id])
        company = companies[company_id]
        ai = company.hiring.ai_screening
        used = None if ai is None else ai.used
        context = LintContext(date, company, None, None, used, language or company.language)
    reports = []
    for path in paths:
        reports.append(linter.lint(_read(path), context, display_path(path)))
    return reports


def _read(path: Path) -> str:
    name = display_path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{name}: the file is over {MAX_FILE_BYTES:,} bytes; not a posting?")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a folder; give Markdown files") from None
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise UsageError(f"{name}: cannot read: {error.strerror or error}") from None
