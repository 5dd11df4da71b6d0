"""`jobgen generate`: the postings of roles at one company."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    CONTEXT_SETTINGS,
    FORMAT_CHOICES,
    FORMAT_HELP,
    OUT_FOLDER,
    HintedChoice,
    check_lint_mode,
    chosen_formats,
    date_option,
    language_option,
    lint_option,
    print_lint,
    reports_errors,
    strict_option,
    the_company,
    valid_through_option,
    workspace_of,
    workspace_option,
)


@click.command(
    context_settings=CONTEXT_SETTINGS,
    short_help="Write the postings of roles or openings at one company.",
)
@click.argument("roles", nargs=-1, required=True, metavar="ID...")
@click.option(
    "--company", "-c", metavar="ID", help="Company profile id (default: the only one there is)."
)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=HintedChoice(FORMAT_CHOICES),
    help=FORMAT_HELP,
)
@click.option(
    "--out",
    "-o",
    metavar="DIR",
    type=OUT_FOLDER,
    help="Output folder (default: output/ in the workspace).",
)
@date_option
@valid_through_option
@language_option
@click.option("--stdout", is_flag=True, help="Print the Markdown instead of writing files.")
@lint_option
@strict_option
@workspace_option
@click.pass_context
@reports_errors
def generate(
    ctx: click.Context,
    roles: tuple[str, ...],
    company: str | None,
    formats: tuple[str, ...],
    out: Path | None,
    date: str | None,
    valid_through: str | None,
    languages: tuple[str, ...],
    stdout: bool,
    lint_mode: str,
    strict: bool,
) -> None:
    """Write the posting of each ID at one company: the company's opening of that
    id when it has one (company_profiles/COMPANY/openings/ID.yaml), else the role.

    Files go to OUT/COMPANY/ID.md, .html and .docx (ID.LANG.md and so on when a
    posting is published in several languages). Each file is replaced
    only by a complete new one. Each posting is checked by `jobgen lint` first:
    if one breaks a law where the company hires (a lint error), nothing is
    written and the exit code is 1 (--lint warn writes anyway).

    \b
    Example:
      jobgen generate ai-ml-engineer --company furrowlight
      jobgen generate forecasting-ml-engineer --company furrowlight
      jobgen generate mlops-engineer nlp-llm-engineer -c brindle-ledger -f html -f docx
      jobgen generate prompt-engineer -c furrowlight --stdout
      jobgen generate ai-ml-engineer -c carrowmere-health --language de-DE
    """
    from ..errors import display_path
    from ..inputs.dates import resolve_date, resolve_valid_through
    from ..publish.pipeline import generate as generate_postings
    from ..publish.pipeline import render_postings, stop_if_blocked

    check_lint_mode(lint_mode, strict)
    if stdout and (formats or out):
        raise click.UsageError("--stdout prints Markdown only; leave out --format and --out")
    posting_date = resolve_date(date)
    closes = resolve_valid_through(valid_through, posting_date)
    chosen = chosen_formats(formats)
    workspace = workspace_of(ctx)
    company = the_company(ctx, company)
    if stdout:
        _, results = render_postings(
            workspace,
            list(roles),
            company,
            ["md"],
            posting_date,
            closes,
            lint_mode != "off",
            languages,
        )
        stop_if_blocked([r.lint for r in results if r.lint], lint_mode, strict)
        click.echo("\n---\n\n".join(result.markdown for result in results), nl=False)
        for warning in (w for result in results for w in result.warnings):
            click.echo(f"warning: {warning}", err=True)
        print_lint([r.lint for r in results if r.lint])
        return
    generated = generate_postings(
        workspace,
        list(roles),
        company,
        chosen,
        out,
        posting_date,
        closes,
        strict,
        lint_mode,
        languages,
    )
    for warning in generated.warnings:
        click.echo(f"warning: {warning}", err=True)
    for path in generated.written:
        click.echo(display_path(path))
    print_lint(generated.reports)
