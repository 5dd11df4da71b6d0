"""`jobgen check`: everything that can be wrong in a workspace, reported together."""

from __future__ import annotations

import datetime as dt

from .catalog import Catalog
from .errors import InputError, JobgenError, Problem
from .workspace import Workspace

CHECK_DATE = dt.date(2026, 1, 1)  # any fixed date: check renders but writes nothing


def check_workspace(workspace: Workspace) -> str:
    """A one-line summary when the workspace is clean; raises InputError listing all problems."""
    from .formats import docx, html
    from .pipeline import Generator, make_posting

    catalog = Catalog(workspace)
    config, roles, companies = catalog.load()  # raises with every file problem at once
    generator = Generator(workspace)
    problems: list[Problem] = []
    templates = 0
    for directory in workspace.template_dirs():
        for path in sorted(directory.rglob("*.j2")):
            templates += 1
            name = path.relative_to(directory).as_posix()
            try:
                generator.renderer.env.parse(path.read_text(encoding="utf-8"), name, str(path))
            except Exception as error:  # TemplateSyntaxError and decoding errors alike
                lineno = getattr(error, "lineno", None)
                problems.append(Problem(path, lineno, None, "", f"template: {error}"))
    try:
        docx.load_reference(generator.renderer)
    except JobgenError as error:
        problems.append(Problem(None, None, None, "", str(error)))
    rendered = 0
    if not problems:
        # Render every role for every company: an undefined variable only shows at render time.
        for company in companies.values():
            for role in roles.values():
                posting = make_posting(config, role, company, CHECK_DATE)
                try:
                    result = generator.render(posting, ["md"])
                    html.render_page(
                        posting, html.safe_fragment(result.markdown), generator.renderer
                    )
                    rendered += 1
                except JobgenError as error:
                    problems.append(Problem(None, None, None, "", f"{posting.slug}: {error}"))
                    break
    if problems:
        raise InputError(problems)
    return (
        f"ok: {len(roles)} roles, {len(companies)} companies, {len(config.stages)} stages, "
        f"{templates} templates; {rendered} postings rendered without error"
    )
