"""The workspace commands: `jobgen init`, `list`, `check` and `schema`."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    CONTEXT_SETTINGS,
    OUT_FOLDER,
    companies_option,
    language_option,
    reports_errors,
    workspace_of,
    workspace_option,
)


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Create a workspace to edit.")
@click.argument("folder", metavar="DIR", type=OUT_FOLDER)
@click.option(
    "--company",
    "-c",
    "company_id",
    default="my-company",
    show_default=True,
    metavar="ID",
    help="Id of the example company profile (its file name).",
)
@click.option("--name", metavar="NAME", help="The company's name (default: from the id).")
@click.option(
    "--language",
    metavar="LANG",
    default="en-US",
    show_default=True,
    help="The language of the example profile and the postings: en-US, de-DE or fr-FR.",
)
@reports_errors
def init(folder: Path, company_id: str, name: str | None, language: str) -> None:
    """Create a workspace in DIR: stages, the ten roles, an example company profile,
    a templates/ folder and a README saying what to edit for what effect. With
    --language, the profile is written in that language, and the roles' text in
    it comes along (roles/LANG/) to edit.

    jobgen finds the workspace from any folder inside it; what it lacks comes
    from the built-ins.

    \b
    Example:
      jobgen init my-hiring --company acme --name "Acme Robotics"
      jobgen init stellen --company acme --language de-DE
    """
    import shlex

    from ..errors import display_path
    from ..inputs.fields import normal_tag
    from ..publish.scaffold import init_workspace

    language = normal_tag(language)  # de_de is de-DE, as for --language elsewhere
    written = init_workspace(folder, company_id, name, language)
    where = display_path(folder)
    click.echo(f"created {where}/ with {len(written)} files:")
    for path in written:
        relative = path.relative_to(folder).as_posix()
        if not relative.startswith("roles/"):
            click.echo(f"  {relative}")
    click.echo("  roles/ (the ten roles, to edit; jobgen.yaml says which roles each stage opens)")
    if language != "en-US":
        click.echo(f"  roles/{language}/ (their text in {language}, to edit with them)")
    click.echo(
        "next:\n"
        f"  cd {shlex.quote(where)}\n"  # a path with a space, pasted as it is
        f"  (edit company_profiles/{company_id}.yaml)\n"
        "  jobgen check\n"
        f"  jobgen preview ai-ml-engineer -c {company_id}"
    )


@click.command(
    "list", context_settings=CONTEXT_SETTINGS, short_help="Show the roles, companies or stages."
)
@click.argument("what", type=click.Choice(["roles", "companies", "stages", "openings"]))
@companies_option("With openings: this company's only; repeat for several.")
@workspace_option
@click.pass_context
@reports_errors
def list_command(ctx: click.Context, what: str, companies: tuple[str, ...]) -> None:
    """Show the roles, companies, hiring stages or openings of the workspace.

    \b
    Example:
      jobgen list roles
      jobgen list stages
      jobgen list openings -c furrowlight
    """
    from ..inputs.catalog import Catalog

    if companies and what != "openings":
        raise click.UsageError("--company goes with `list openings` only")
    catalog = Catalog(workspace_of(ctx))
    if what == "openings":
        from ..inputs.stages import opening_rows

        rows = opening_rows(catalog, list(companies) or None)
    elif what == "roles":
        _, roles, _ = catalog.load(company_ids=[])
        rows = [(r.id, r.title, r.seniority) for r in roles.values()]
    elif what == "companies":
        _, _, companies = catalog.load(role_ids=[])
        rows = [(c.id, c.name, f"{c.stage}, {c.work_model}") for c in companies.values()]
    else:
        config, _, _ = catalog.load(role_ids=[], company_ids=[])
        rows = [(s.id, s.name, ", ".join(s.roles)) for s in config.stages]
    if not rows:
        where = {
            "companies": "company_profiles/",
            "openings": "company_profiles/COMPANY/openings/ (`jobgen new opening ROLE -c ID`)",
        }.get(what, f"{what} of jobgen.yaml")
        click.echo(f"no {what} in this workspace: add them to {where}", err=True)
        return
    width = max((len(row[0]) for row in rows), default=0)
    title_width = max((len(row[1]) for row in rows), default=0)
    for ident, title, detail in rows:
        click.echo(f"{ident:<{width}}  {title:<{title_width}}  {detail}")


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Validate every file and template.")
@language_option
@workspace_option
@click.pass_context
@reports_errors
def check(ctx: click.Context, languages: tuple[str, ...]) -> None:
    """Validate every role, profile, stage and template of the workspace.

    Reports every problem found, with file, line and field, and exits 2 if
    there is any; renders each role for each company, in each language it is
    published in, to catch template errors and list every translation and
    message a language lacks. With --language, every posting in that language:
    what it would take to publish in it.

    \b
    Example:
      jobgen check
      jobgen check --language fr-FR
    """
    from ..publish import check_cache

    workspace = workspace_of(ctx)
    entry = check_cache.entry(workspace.layers, languages)
    kept = check_cache.lookup(entry)  # the same files checked before: the same report
    if kept is not None:
        summary, warnings = kept
    else:
        from ..publish.check import check_workspace

        report = check_workspace(workspace, languages)
        summary, warnings = report.summary, report.warnings
        check_cache.store(entry, summary, warnings, report.sources)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(summary)


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Print the JSON Schema of a file.")
@click.argument(
    "name",
    type=click.Choice(
        ["role", "company", "opening", "workspace", "posting", "lint-report", "jobs", "shard"]
    ),
)
def schema(name: str) -> None:
    """Print the JSON Schema of a role file, a company profile, jobgen.yaml, a
    posting written with --format json, `jobgen lint --format json`, the jobs.json
    of a careers site (`jobgen site`), or a shard's record (`jobgen stage --shard`).

    The input schemas come from the models jobgen validates with, so an editor
    that reads them (VS Code's YAML extension, through the
    `# yaml-language-server: $schema=...` line at the top of each file)
    completes and checks fields as you type, and says what each field is for,
    with an example.

    \b
    Example:
      jobgen schema company > schemas/company.schema.json
      jobgen schema posting
    """
    import json

    from ..publish.schemas import schema_for

    click.echo(json.dumps(schema_for(name), indent=2, ensure_ascii=False))


@click.group("new", context_settings=CONTEXT_SETTINGS, short_help="Start a new opening file.")
def new_group() -> None:
    """Write a new file to fill in: an opening (one hire of a company).

    \b
    Example:
      jobgen new opening ai-ml-engineer -c furrowlight
      jobgen new opening ai-ml-engineer -c furrowlight --id forecasting-ml-engineer
    """


@new_group.command("opening", context_settings=CONTEXT_SETTINGS)
@click.argument("role")
@click.option("--company", "-c", required=True, metavar="ID", help="Company profile id.")
@click.option("--id", "opening_id", metavar="ID", help="The opening's id (default: the role's).")
@workspace_option
@click.pass_context
@reports_errors
def new_opening(ctx: click.Context, role: str, company: str, opening_id: str | None) -> None:
    """Write company_profiles/COMPANY/openings/ID.yaml: an opening of ROLE at the company,
    with every field shown and commented out, each with one line on what it does.

    The file works at once (a posting of the role, under the opening's id); fill in the
    level, team, reporting line, outcomes and interviews to make it this hire's.

    \b
    Example:
      jobgen new opening ai-ml-engineer -c furrowlight
      jobgen new opening ai-ml-engineer -c furrowlight --id forecasting-ml-engineer
    """
    from ..errors import display_path
    from ..publish.scaffold import new_opening as write_opening

    path = write_opening(workspace_of(ctx), role, company, opening_id)
    click.echo(f"wrote {display_path(path)}")
    click.echo(
        "next: fill in the fields you know, then\n"
        f"  jobgen check\n"
        f"  jobgen generate {path.stem} -c {company} --stdout"
    )
