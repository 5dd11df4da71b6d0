"""`jobgen lint`: check postings (rendered or from files) and report what to fix."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (
    CONTEXT_SETTINGS,
    companies_option,
    date_option,
    language_option,
    reports_errors,
    the_company,
    workspace_of,
    workspace_option,
)


@click.command(
    context_settings=CONTEXT_SETTINGS, short_help="Check postings for quality and job-ad laws."
)
@click.argument("targets", nargs=-1, metavar="[ROLE... | FILE.md...]")
@companies_option(
    "Company whose postings to check (repeat for several); with FILE.md, the "
    "company whose job-ad laws apply."
)
@click.option("--all-companies", "-a", is_flag=True, help="Every company of the workspace.")
@click.option(
    "--all-roles",
    is_flag=True,
    help="Every role at each company, not only those it hires (gives pay for, has an "
    "opening of, or posts in its own stage).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only errors.")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people or for machines.",
)
@click.option("--verbose", "-v", is_flag=True, help="Show info notes too (each gender-coded word).")
@click.option("--list-rules", is_flag=True, help="Print every rule with its severity and source.")
@click.option("--list-laws", is_flag=True, help="Print the job-ad laws jobgen knows.")
@date_option
@language_option
@workspace_option
@click.pass_context
@reports_errors
def lint(
    ctx: click.Context,
    targets: tuple[str, ...],
    companies: tuple[str, ...],
    all_companies: bool,
    all_roles: bool,
    strict: bool,
    output_format: str,
    verbose: bool,
    list_rules: bool,
    list_laws: bool,
    date: str | None,
    languages: tuple[str, ...],
) -> None:
    """Check postings for biased or exclusionary wording, missing pay where the law
    requires it, missing sections, length, readability and unrealistic requirements.

    Give ROLE ids with --company to check the postings jobgen would write (none:
    the company's openings and the roles it hires, those with pay in its profile;
    --all-roles: every role), or Markdown files to check any posting. Exit codes: 0 passed,
    1 an error was found (or, with --strict, a warning), 2 bad input.
    A posting is checked with the word lists and headings of its language (a file's
    is --language, else the company's, else English; see docs/languages.md).
    Rules are changed under `lint:` in jobgen.yaml (see docs/lint.md).

    \b
    Example:
      jobgen lint ai-ml-engineer --company furrowlight
      jobgen lint --all-companies --strict
      jobgen lint posting.md --company brindle-ledger --format json
      jobgen lint stellenanzeige.md --language de-DE
      jobgen lint --list-rules
    """
    from ..errors import UsageError
    from ..inputs.dates import resolve_date
    from ..lint import report as lint_report
    from ..lint.files import lint_files, linter_for
    from ..publish.pipeline import lint_roles

    workspace = workspace_of(ctx)
    linter = linter_for(workspace)
    if list_rules or list_laws:
        if list_rules:
            click.echo(lint_report.rules_listing(linter.book), nl=False)
        if list_laws:
            click.echo(lint_report.laws_listing(linter.book), nl=False)
        return
    if companies and all_companies:
        raise click.UsageError("use --company or --all-companies, not both")
    files = [t for t in targets if t.lower().endswith((".md", ".markdown")) or Path(t).is_file()]
    roles = [t for t in targets if t not in files]
    posting_date = resolve_date(date)
    if files and roles:
        raise click.UsageError("give role ids or Markdown files, not both")
    if files:
        if all_companies or len(companies) > 1:
            raise click.UsageError("with files, name at most one --company")
        if len(languages) > 1:
            raise click.UsageError("with files, name at most one --language: the files'")
        reports = lint_files(
            workspace, linter, [Path(f) for f in files], companies[0] if companies else None,
            posting_date, languages[0] if languages else None,
        )  # fmt: skip
    else:
        if not companies and not all_companies:
            ways = " (or --all-companies, or give Markdown files)"
            companies = (the_company(ctx, None, ways),)  # the only one, or a usage error
        chosen = None if all_companies else list(companies)
        closed: list = []
        reports = lint_roles(
            workspace, linter, roles or None, chosen, posting_date, all_roles, languages, closed
        )
        for opening in closed:  # as `stage` leaves them out
            click.echo(
                f"note: left out {opening.company}/{opening.id}: applications closed on "
                f"{opening.valid_through} (its valid_through)",
                err=True,
            )
        if not reports:
            raise UsageError(
                "no posting to check: the company hires no role yet (no pay: in its profile, "
                "no role in its stage and no openings); name the roles, or use --all-roles"
            )
    if output_format == "json":
        click.echo(lint_report.to_json(reports, strict))
    else:
        click.echo(lint_report.text_report(reports, strict, show_info=verbose))
    if any(report.fails(strict) for report in reports):
        sys.exit(1)
