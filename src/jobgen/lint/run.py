"""Lint what a workspace would publish, or Markdown files from anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..catalog import Catalog
from ..errors import UsageError, display_path
from ..pipeline import Generator, make_posting
from ..workspace import Workspace
from . import LintContext, Linter, PostingReport

MAX_FILE_BYTES = 2_000_000


def linter_for(workspace: Workspace) -> Linter:
    """A linter with the workspace's `lint:` settings (jobgen.yaml) applied."""
    config, _, _ = Catalog(workspace).load(role_ids=[], company_ids=[])
    return Linter(config.lint)


def lint_roles(
    workspace: Workspace,
    linter: Linter,
    role_ids: Sequence[str] | None,
    company_ids: Sequence[str] | None,
    date: dt.date,
) -> list[PostingReport]:
    """Each role's posting at each company (all of either for None), rendered in memory."""
    catalog = Catalog(workspace)
    config, roles, companies = catalog.load(
        list(role_ids) if role_ids is not None else None,
        list(company_ids) if company_ids is not None else None,
    )
    if not companies:
        raise UsageError("no company profiles in this workspace: add one to company_profiles/")
    generator = Generator(workspace, text_width=config.defaults.text_width, linter=linter)
    wanted = list(dict.fromkeys(role_ids)) if role_ids is not None else list(roles)
    reports = []
    for company in companies.values():
        for role_id in wanted:
            posting = make_posting(config, roles[role_id], company, date)
            rendered = generator.render(posting, ["md"])
            assert rendered.lint is not None
            reports.append(rendered.lint)
    return reports


def lint_files(
    workspace: Workspace,
    linter: Linter,
    paths: Sequence[Path],
    company_id: str | None,
    date: dt.date,
) -> list[PostingReport]:
    """Markdown postings from anywhere; with a company, its pay-transparency laws apply."""
    company = None
    if company_id is not None:
        _, _, companies = Catalog(workspace).load(role_ids=[], company_ids=[company_id])
        company = companies[company_id]
    context = LintContext(date, company)
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
