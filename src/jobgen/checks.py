"""`jobgen check`: everything that can be wrong in a workspace, reported together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .catalog import Catalog
from .errors import InputError, JobgenError, Problem
from .models import FORMATS, Company, Posting, Role, WorkspaceConfig
from .workspace import Workspace

if TYPE_CHECKING:
    from .pipeline import Generator

CHECK_DATE = dt.date(2026, 1, 1)  # any fixed date: check renders but writes nothing


@dataclass
class CheckReport:
    summary: str
    warnings: list[str] = field(default_factory=list)


def check_workspace(workspace: Workspace) -> CheckReport:
    """What a clean workspace holds, and its warnings; raises InputError listing all problems."""
    from .formats import docx, html
    from .pipeline import Generator, make_posting
    from .render import Renderer

    config, roles, companies = Catalog(workspace).load()  # every file problem at once
    renderer = Renderer(workspace.template_dirs(), workspace.builtin_templates)
    problems: list[Problem] = []
    templates = 0
    for directory in workspace.template_dirs():
        for path in sorted(directory.rglob("*.j2")):
            templates += 1
            try:
                renderer.check_blocks(path.relative_to(directory).as_posix())
            except JobgenError as error:
                problems.append(_problem(error))
    try:
        docx.check_reference(docx.load_reference(renderer))
    except JobgenError as error:
        problems.append(_problem(error))
    if problems:
        raise InputError(problems)

    # Render every role for every company: some mistakes only show at render time.
    generator = Generator(workspace, renderer)
    warnings: list[str] = []
    for company in companies.values():
        for role in roles.values():
            posting = make_posting(config, role, company, CHECK_DATE)
            try:
                result = generator.render(posting, ["md"])
                html.render_page(posting, html.safe_fragment(result.markdown), generator.renderer)
            except JobgenError as error:  # the same template error for every posting: once
                raise InputError([_problem(error, f"while rendering {posting.slug}: ")]) from None
            warnings += result.warnings
    for company in companies.values():  # and each company's hiring-plan page
        try:
            _render_plan_page(config, roles, company, generator)
        except JobgenError as error:
            problem = _problem(error, f"while rendering {company.id}/index.html: ")
            raise InputError([problem]) from None
    summary = (
        f"ok: {len(roles)} roles, {len(companies)} companies, {len(config.stages)} stages, "
        f"{templates} templates; {len(roles) * len(companies)} postings and "
        f"{len(companies)} hiring plans rendered without error"
    )
    return CheckReport(summary, warnings)


def _render_plan_page(
    config: WorkspaceConfig, roles: dict[str, Role], company: Company, generator: Generator
) -> None:
    """The index page `jobgen stage` would write for the company's own stage."""
    from .batch import PostingRecord
    from .formats.markdown import word_count
    from .formats.plan_page import render_plan_page
    from .output import FileRecord, posting_path
    from .stages import StagePlan

    stage = config.stage(company.stage)
    if stage is None:
        return
    postings = tuple(Posting(roles[r], company, stage, CHECK_DATE) for r in stage.roles)
    records = []
    for posting in postings:
        markdown = generator.render(posting, ["md"]).markdown
        files = {
            fmt: FileRecord(posting_path(company.id, posting.role.id, fmt), 0, None)
            for fmt in FORMATS
        }
        records.append(
            PostingRecord(company.id, posting.role.id, stage.id, word_count(markdown), files, ())
        )
    render_plan_page(StagePlan(company, (stage,), postings), records, generator.renderer)


def _problem(error: JobgenError, prefix: str = "") -> Problem:
    return Problem(None, None, None, "", prefix + str(error))
