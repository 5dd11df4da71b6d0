"""`jobgen check`: everything that can be wrong in a workspace, reported together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, JobgenError, Problem, UsageError, counted, display_path
from ..inputs.arguments import as_names, as_workspace
from ..inputs.catalog import Catalog
from ..inputs.format_names import EXTRA_FORMATS, FORMATS
from ..inputs.models import Company, Role, WorkspaceConfig
from ..inputs.openings import Opening
from ..inputs.workspace import TemplateLayer, Workspace
from ..render.template_files import unused_templates
from .check_parts import Parts, digest
from .check_strays import never_read

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..inputs.stages import StagePlan
    from ..render.renderer import Renderer
    from .pipeline import Generator

CHECK_DATE = dt.date(2026, 1, 1)  # any fixed date: check renders but writes nothing


@dataclass
class CheckReport:
    summary: str
    warnings: list[str] = field(default_factory=list)
    # The files beside the workspace's folders that profiles point at (their templates
    # folder, their logo): what `jobgen check` keeps its report by, with those folders.
    sources: list[Path] = field(default_factory=list)


def check_workspace(
    workspace: Workspace | str | Path, languages: tuple[str, ...] | list[str] | str = ()
) -> CheckReport:
    """What a clean workspace holds, and its warnings; raises InputError listing all
    problems, among them every translation and message each language lacks: the
    languages the companies and openings publish in, or `languages` for all of them.

    What passed in the last checks is kept per part (`check_parts.py`): after an edit of
    one role or profile only the postings and pages it can change are rendered again."""
    workspace, languages = as_workspace(workspace), tuple(as_names("languages", languages))
    parts = Parts(workspace.layers, languages)  # the files' checksums, before any is read
    catalog = Catalog(workspace)
    config, roles, companies = catalog.load()  # every file problem at once
    sources = [
        Path(path)
        for company in companies.values()
        for path in (company.templates, company.brand.logo)
        if path
    ]
    parts.open([str(source) for source in sources])
    try:
        return _check(workspace, languages, catalog, (config, roles, companies), parts, sources)
    finally:
        parts.save()  # what passed, even in a check with problems: the report is made whole


def _check(
    workspace: Workspace,
    languages: tuple[str, ...],
    catalog: Catalog,
    loaded: tuple[WorkspaceConfig, dict[str, Role], dict[str, Company]],
    parts: Parts,
    sources: list[Path],
) -> CheckReport:
    from ..inputs.localize import Localizer
    from ..inputs.stages import localized_postings
    from .pipeline import Generator, no_pay_warning

    config, roles, companies = loaded
    generator = Generator(workspace)
    problems: dict[str, Problem] = {}  # by message: one broken file, reported once
    warnings: list[str] = []
    try:
        openings = catalog.load_openings(config, companies)
    except InputError as error:  # reported with the templates' problems, if any
        openings = {}
        problems.update((str(problem), problem) for problem in error.problems)

    def record(error: JobgenError, prefix: str = "") -> None:
        problems.setdefault(str(error), _problem(error, prefix))

    # Each template search path: the workspace's, and each company's that has a layer.
    searches = {None: generator.renderer}
    for company in companies.values():
        renderer = generator.renderer_for(company)
        searches.setdefault(workspace.company_template_dir(company), renderer)
    paths = [[[x.kind, str(x.path), x.company] for x in r.layers] for r in searches.values()]
    key = parts.key("templates", list(roles), paths)
    kept = parts.get(key)
    if _is_said(kept, int):
        compiled, said = kept[0], kept[1]
    else:
        failed: list[JobgenError] = []  # kept only if none (a message may be said already)
        compiled, said = _check_templates(
            list(searches.values()), roles, lambda error: failed.append(error) or record(error)
        )
        if not failed:
            parts.put(key, [compiled, said])
    warnings += said
    if problems:
        raise InputError(list(problems.values()))
    warnings += _same_names(companies)
    warnings += never_read(workspace, catalog)

    # Render every role and every opening for every company: some mistakes only show
    # at render time. An opening that has closed is rendered on its last day.
    localizer = Localizer(catalog, languages)
    postings = [
        (posting, role.id)
        for company in companies.values()
        for role in roles.values()
        for posting in localized_postings(localizer, config, role, company, CHECK_DATE)
    ]
    for company in companies.values():
        for opening in openings.get(company.id, {}).values():
            date = min(CHECK_DATE, opening.valid_through or CHECK_DATE)
            role = roles[opening.role_id]
            postings += [
                (posting, role.id)
                for posting in localized_postings(
                    localizer, config, role, company, date, None, opening
                )
            ]
    for problem in localizer.problems:
        problems.setdefault(str(problem), problem)
    for posting, role_id in postings:
        key = parts.key(
            "posting",
            parts.file_line(catalog.role_paths.get(role_id)),
            parts.file_line(catalog.company_paths.get(posting.company.id)),
            digest(posting),
        )
        kept = parts.get(key)
        if _is_said(kept):
            said = kept
        else:
            try:
                said = _render_posting(generator, posting)
            except JobgenError as error:
                record(error, f"while rendering {posting.slug}: ")
                continue
            parts.put(key, said)
        # No pay is worth a word only for a role the company posts: its stage's, an opening's.
        posted = posting.hire.opening or posting.role.id in _stage_roles(config, posting.company)
        warnings += [w for w in said if posted or w != no_pay_warning(posting)]
    for company in companies.values():  # and each company's hiring-plan page
        try:
            found = openings.get(company.id, {})
            _plan_page(config, roles, company, found, generator, catalog, parts)
        except JobgenError as error:
            record(error, f"while rendering {company.id}/index.html: ")
    if problems:
        raise InputError(list(problems.values()))
    opening_count = sum(len(found) for found in openings.values())
    of_which = f" (of them {counted(opening_count, 'opening')})" if opening_count else ""
    used = list(dict.fromkeys(posting.language for posting, _ in postings))
    in_languages = f" in {', '.join(used)}" if len(used) > 1 else ""
    summary = (
        f"ok: {counted(len(roles), 'role')}, {counted(len(companies), 'company', 'companies')}, "
        f"{counted(len(config.stages), 'stage')}, {counted(compiled, 'template')}; "
        f"{counted(len(postings), 'posting')}{of_which}{in_languages} and "
        f"{counted(len(companies), 'hiring plan')} rendered without error"
    )
    return CheckReport(summary, list(dict.fromkeys(warnings)), sources)


def _check_templates(
    searches: list[Renderer], roles: dict[str, Role], record: Callable[[JobgenError], None]
) -> tuple[int, list[str]]:
    """Compile every template of each search path, check its Word reference and PDF
    template, and say which files are not used: how many templates, and the warnings."""
    from ..formats import docx_reference

    compiled: set[Path] = set()
    references: set[Path] = set()  # a company layer without its own: checked once
    warnings: list[str] = []
    for renderer in searches:
        for layer in renderer.layers:
            for path in sorted(layer.path.rglob("*.j2")):
                if path in compiled or not _checked_in(renderer, layer):
                    continue
                compiled.add(path)
                try:
                    renderer.compile(path.relative_to(layer.path).as_posix())
                except JobgenError as error:
                    record(error)
        try:
            reference = docx_reference.load_reference(renderer)
            if reference.path not in references:
                references.add(reference.path)
                docx_reference.check_reference(reference)  # not opened again once passed
        except JobgenError as error:
            record(error)
        _check_pdf_template(renderer, compiled, record, warnings)
        for file, why in unused_templates(renderer.layers, set(roles), renderer.env):
            warnings.append(f"{display_path(file.path)}: {why}")
        try:
            warnings += renderer.stylesheet_warnings()
        except (JobgenError, OSError, UnicodeDecodeError) as error:
            record(JobgenError(f"cannot read the stylesheet: {error}"))
    return len(compiled), warnings


def _render_posting(generator: Generator, posting: Posting) -> list[str]:
    """Render `posting` as Markdown and its page as `jobgen generate` would; its warnings."""
    from ..formats import html

    result = generator.render(posting, ["md"])
    renderer = generator.renderer_for(posting.company)
    html.render_page(posting, html.safe_fragment(result.markdown), renderer)
    return result.warnings


def _is_said(kept: object, first: type | None = None) -> bool:
    """A kept part as this module writes it: warnings, or (with `first`) a pair of a
    `first` and warnings."""
    if first is not None:
        if not isinstance(kept, list) or len(kept) != 2 or type(kept[0]) is not first:
            return False
        kept = kept[1]
    return isinstance(kept, list) and all(isinstance(item, str) for item in kept)


def _same_names(companies: dict[str, Company]) -> list[str]:
    """Two profiles of one company (a copy left behind) would publish it twice."""
    by_name: dict[str, list[str]] = {}
    for company in companies.values():
        by_name.setdefault(" ".join(company.name.casefold().split()), []).append(company.id)
    return [
        f"{' and '.join(ids)} both name the company {companies[ids[0]].name!r}; each gets its "
        "own postings: delete the profile you do not use"
        for ids in by_name.values()
        if len(ids) > 1
    ]


def _stage_roles(config: WorkspaceConfig, company: Company) -> tuple[str, ...]:
    stage = config.stage(company.stage)
    return stage.roles if stage else ()


def _check_pdf_template(
    renderer: Renderer,
    compiled: set[Path],
    record: Callable[[JobgenError], None],
    warnings: list[str],
) -> None:
    """A workspace's or company's own posting.typ, compiled by Typst when the pdf extra is
    installed (the built-in one is tested); a warning that it was not, when it is not."""
    from ..formats.pdf import INSTALL, PDF_TEMPLATE, Typesetter

    try:
        path = renderer.find(PDF_TEMPLATE)
        if path is None or path.parent == renderer.builtin_dir or path in compiled:
            return
        Typesetter(renderer).check()
        compiled.add(path)  # counted as a template; a failure is reported (once) instead
    except UsageError:
        warnings.append(f"{display_path(path)}: not checked: PDF output needs Typst ({INSTALL})")
    except JobgenError as error:
        record(error)


def _checked_in(renderer: Renderer, layer: TemplateLayer) -> bool:
    """A file is compiled with the search path it is used in: a company's files with
    the company's, the others with the first search path that reaches them."""
    return layer.kind != "company" or renderer.layers[0] is layer


def _plan_page(
    config: WorkspaceConfig,
    roles: dict[str, Role],
    company: Company,
    openings: dict[str, Opening],
    generator: Generator,
    catalog: Catalog,
    parts: Parts,
) -> None:
    """The index page `jobgen stage` would write for the company's own stage."""
    from ..inputs.stages import plan_company

    stage = config.stage(company.stage)
    if stage is None:
        return
    plan = plan_company(config, company, (stage,), roles, openings, CHECK_DATE)
    files = [catalog.company_paths.get(company.id), *map(catalog.role_paths.get, stage.roles)]
    lines = [parts.file_line(path) for path in files]  # the profile, the stage's roles
    key = parts.key("plan", lines, digest(plan)) if None not in lines else None
    if parts.get(key) is True:
        return
    _render_plan_page(plan, generator)
    parts.put(key, True)


def _render_plan_page(plan: StagePlan, generator: Generator) -> None:
    from ..formats.markdown import word_count
    from .output import FileRecord, posting_path
    from .plan_page import render_plan_page
    from .records import PostingRecord

    company, stage = plan.company, plan.stage
    records = []
    for posting in plan.postings:
        markdown = generator.render(posting, ["md"]).markdown
        files = {
            fmt: FileRecord(posting_path(company.id, posting.name, fmt), 0, None)
            for fmt in FORMATS
            if fmt not in EXTRA_FORMATS  # as `-f all` writes
        }
        words = word_count(markdown)
        records.append(
            PostingRecord(company.id, posting.name, posting.role.id, stage.id, words, files, ())
        )
    render_plan_page(plan, records, generator.renderer_for(company))


def _problem(error: JobgenError, prefix: str = "") -> Problem:
    return Problem(None, None, None, "", prefix + str(error))
