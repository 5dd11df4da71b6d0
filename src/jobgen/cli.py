"""The `jobgen` command: parse, call the library, print, map errors to exit codes.

Exit codes: 0 success, 1 failure while generating or writing, 2 bad input or
usage. Library modules are imported inside the commands so that `--help` and
`list` never pay for Jinja, Markdown or python-docx. The house-style commands
(init, preview, templates) are in `cli_style.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_common import (
    CONTEXT_SETTINGS,
    FORMAT_CHOICES,
    OUT_FOLDER,
    chosen_formats,
    date_option,
    print_lint,
    reports_errors,
    silence_stdout,
    strict_option,
    valid_through_option,
    workspace_of,
    workspace_option,
)
from .cli_lint import lint
from .cli_style import init, preview, templates_group


@click.group(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="JOBGEN_WORKSPACE",
    help="Workspace folder (default: the nearest folder with jobgen.yaml, else the built-ins).",
)
@click.version_option(__version__, "--version", prog_name="jobgen")
@click.pass_context
def main(ctx: click.Context, workspace: Path | None) -> None:
    """Generate tailored AI job postings in Markdown, HTML and Word.

    \b
    Example:
      jobgen list roles
      jobgen generate ai-ml-engineer --company furrowlight
    """
    ctx.ensure_object(dict)
    ctx.obj["workspace"] = workspace


@main.command(
    context_settings=CONTEXT_SETTINGS, short_help="Write the postings of roles at one company."
)
@click.argument("roles", nargs=-1, required=True, metavar="ROLE...")
@click.option("--company", "-c", required=True, metavar="ID", help="Company profile id.")
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMAT_CHOICES),
    help="Output format; repeat for several (default: the workspace's, normally all).",
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
@click.option("--stdout", is_flag=True, help="Print the Markdown instead of writing files.")
@strict_option
@workspace_option
@click.pass_context
@reports_errors
def generate(
    ctx: click.Context,
    roles: tuple[str, ...],
    company: str,
    formats: tuple[str, ...],
    out: Path | None,
    date: str | None,
    valid_through: str | None,
    stdout: bool,
    strict: bool,
) -> None:
    """Write the posting of each ROLE at one company.

    Files go to OUT/COMPANY/ROLE.md, .html and .docx. Each file is replaced
    only by a complete new one.

    \b
    Example:
      jobgen generate ai-ml-engineer --company furrowlight
      jobgen generate mlops-engineer nlp-llm-engineer -c brindle-ledger -f html -f docx
      jobgen generate prompt-engineer -c furrowlight --stdout
    """
    from .errors import display_path
    from .pipeline import generate as generate_postings
    from .pipeline import render_postings, resolve_date, resolve_valid_through

    if stdout and (formats or out):
        raise click.UsageError("--stdout prints Markdown only; leave out --format and --out")
    posting_date = resolve_date(date)
    closes = resolve_valid_through(valid_through, posting_date)
    chosen = chosen_formats(formats)
    workspace = workspace_of(ctx)
    if stdout:
        _, results = render_postings(workspace, list(roles), company, ["md"], posting_date, closes)
        click.echo("\n---\n\n".join(result.markdown for result in results), nl=False)
        for warning in (w for result in results for w in result.warnings):
            click.echo(f"warning: {warning}", err=True)
        print_lint([r.lint for r in results if r.lint], f"-c {company}")
        if strict and any(r.lint and r.lint.fails(True) for r in results):
            sys.exit(1)
        return
    generated = generate_postings(
        workspace, list(roles), company, chosen, out, posting_date, closes, strict
    )
    for warning in generated.warnings:
        click.echo(f"warning: {warning}", err=True)
    for path in generated.written:
        click.echo(display_path(path))
    print_lint(generated.reports, f"-c {company}")


@main.command(
    context_settings=CONTEXT_SETTINGS, short_help="Write every posting of a hiring stage."
)
@click.argument("stage_id", metavar="[STAGE]", required=False)
@click.option(
    "--company",
    "-c",
    "companies",
    multiple=True,
    metavar="ID",
    help="Company profile id; repeat for several.",
)
@click.option("--all-companies", "-a", is_flag=True, help="Every company of the workspace.")
@click.option(
    "--cumulative", is_flag=True, help="Add the roles of every earlier stage, earliest first."
)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMAT_CHOICES),
    help="Output format; repeat for several (default: the workspace's, normally all).",
)
@click.option(
    "--out",
    "-o",
    metavar="DIR",
    type=OUT_FOLDER,
    help="Output folder (default: output/ in the workspace).",
)
@click.option(
    "--jobs",
    "-j",
    type=int,
    metavar="N",
    help="Worker processes (default: one per core); the files are the same for any number.",
)
@date_option
@valid_through_option
@click.option(
    "--prune",
    is_flag=True,
    help="Remove postings an earlier run listed in manifest.json and this one does not write.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@strict_option
@workspace_option
@click.pass_context
@reports_errors
def stage(
    ctx: click.Context,
    stage_id: str | None,
    companies: tuple[str, ...],
    all_companies: bool,
    cumulative: bool,
    formats: tuple[str, ...],
    out: Path | None,
    jobs: int | None,
    date: str | None,
    valid_through: str | None,
    prune: bool,
    quiet: bool,
    strict: bool,
) -> None:
    """Write every posting of a hiring STAGE, with a hiring-plan page and a manifest.

    STAGE is a stage id of jobgen.yaml (built in: early, growth, enterprise;
    `jobgen list stages` shows them); without it, each company gets the stage
    its profile names. For each company, the postings, OUT/COMPANY/index.html
    (the hiring plan) and OUT/COMPANY/manifest.json are written together: if
    anything fails, no file is changed. Other files in the folder are left
    alone, except that --prune removes the postings an earlier run wrote
    (listed in its manifest, unchanged since) that this run does not.

    \b
    Example:
      jobgen stage --company furrowlight
      jobgen stage enterprise --cumulative -c carrowmere-health
      jobgen stage growth --all-companies -f html --out site/ --prune
    """
    from .batch import default_jobs, write_stage
    from .errors import JobgenError, LintFailed, OutputError, display_path
    from .lint import Linter
    from .pipeline import resolve_date, resolve_valid_through
    from .stages import plan_stage
    from .text import counted

    if not companies and not all_companies:
        raise click.UsageError("name a company with --company ID, or use --all-companies")
    if jobs is not None and jobs < 1:
        raise click.BadParameter(
            f"expected 1 or more worker processes, got {jobs}", param_hint="'--jobs'"
        )
    if companies and all_companies:
        raise click.UsageError("use --company or --all-companies, not both")
    posting_date = resolve_date(date)
    closes = resolve_valid_through(valid_through, posting_date)
    workspace = workspace_of(ctx)
    chosen_companies = None if all_companies else list(companies)
    config, plans = plan_stage(
        workspace, stage_id, chosen_companies, cumulative, posting_date, closes
    )
    chosen = chosen_formats(formats) or tuple(config.defaults.formats)
    out_dir = out if out is not None else workspace.default_output(config.defaults.output)
    progress = None if quiet else _Progress(sum(len(plan.postings) for plan in plans))
    try:
        result = write_stage(
            workspace, plans, chosen, out_dir, jobs or default_jobs(), progress, prune,
            config.defaults.text_width, Linter(config.lint), strict,
        )  # fmt: skip
    except JobgenError as error:
        if progress and progress.done and not isinstance(error, (OutputError, LintFailed)):
            # the lines above list postings rendered, not written: say so
            error.args = (f"{error}\n(nothing was written; earlier output is as it was)",)
        raise
    finally:
        if progress:
            progress.close()
    for path in result.kept:
        click.echo(
            f"warning: kept {display_path(path)}: an earlier run wrote it, but it was changed "
            "since; delete it yourself if it is no longer wanted",
            err=True,
        )
    if progress is None:  # --quiet
        return
    for path in result.removed:
        progress.say(f"removed {display_path(path)} (an earlier run's, not part of this one)")
    for warning in dict.fromkeys(w for record in result.records for w in record.warnings):
        click.echo(f"warning: {warning}", err=True)
    print_lint([r.lint for r in result.records if r.lint], "-a" if all_companies else None)
    pages = result.index_pages
    folder = display_path(pages[0].parent) if len(pages) == 1 else f"{display_path(out_dir)}/*"
    progress.say(
        f"{counted(len(result.records), 'posting')}, {counted(len(result.written), 'file')} in "
        f"{result.seconds:.2f} s; hiring plan: {folder}/index.html, "
        f"quality report: {folder}/quality.html"
    )


def _is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


class _Progress:
    """A progress bar on a terminal; a plain line per posting in a log or a pipe.

    Printing never stops the batch: if stdout goes away (`| head -1`, a full
    disk behind `>`), the run goes on silently and its files are written.
    """

    def __init__(self, total: int) -> None:
        import time

        self.total = total
        self.done = 0
        self.start = time.perf_counter()
        self.clock = time.perf_counter
        self.bar = _is_terminal()
        self.drawn = False
        self.broken = False

    def __call__(self, record: Any, done: int, total: int) -> None:
        self.done = done
        if not self.bar:
            files = " ".join(record.files)
            self.say(f"{record.company}/{record.role}: {files} ({record.words} words)")
            return
        width = 24
        filled = width * done // max(total, 1)
        elapsed = self.clock() - self.start
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} postings  {elapsed:.1f} s"
        self.drawn = self.say(f"\r{line}", nl=False) or self.drawn

    def say(self, text: str, nl: bool = True) -> bool:
        if self.broken:
            return False
        try:
            click.echo(text, nl=nl)
            return True
        except OSError as error:
            self.broken = True
            if isinstance(error, BrokenPipeError):
                silence_stdout()
            else:
                reason = error.strerror or str(error)
                click.echo(f"note: cannot print to stdout ({reason}); the run goes on", err=True)
            return False

    def close(self) -> None:
        if self.drawn:
            self.say("\r\033[K", nl=False)  # clear the bar before the summary


@main.command(
    "list", context_settings=CONTEXT_SETTINGS, short_help="Show the roles, companies or stages."
)
@click.argument("what", type=click.Choice(["roles", "companies", "stages"]))
@workspace_option
@click.pass_context
@reports_errors
def list_command(ctx: click.Context, what: str) -> None:
    """Show the roles, companies or hiring stages of the workspace.

    \b
    Example:
      jobgen list roles
      jobgen list stages
    """
    from .catalog import Catalog

    catalog = Catalog(workspace_of(ctx))
    if what == "roles":
        _, roles, _ = catalog.load(company_ids=[])
        rows = [(r.id, r.title, r.seniority) for r in roles.values()]
    elif what == "companies":
        _, _, companies = catalog.load(role_ids=[])
        rows = [(c.id, c.name, f"{c.stage}, {c.work_model}") for c in companies.values()]
    else:
        config, _, _ = catalog.load(role_ids=[], company_ids=[])
        rows = [(s.id, s.name, ", ".join(s.roles)) for s in config.stages]
    if not rows:
        where = "company_profiles/" if what == "companies" else f"{what} of jobgen.yaml"
        click.echo(f"no {what} in this workspace: add them to {where}", err=True)
        return
    width = max((len(row[0]) for row in rows), default=0)
    title_width = max((len(row[1]) for row in rows), default=0)
    for ident, title, detail in rows:
        click.echo(f"{ident:<{width}}  {title:<{title_width}}  {detail}")


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Validate every file and template.")
@workspace_option
@click.pass_context
@reports_errors
def check(ctx: click.Context) -> None:
    """Validate every role, profile, stage and template of the workspace.

    Reports every problem found, with file, line and field, and exits 2 if
    there is any; renders each role for each company to catch template errors.

    \b
    Example:
      jobgen check
    """
    from .checks import check_workspace

    report = check_workspace(workspace_of(ctx))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary)


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Print the JSON Schema of a file.")
@click.argument(
    "name", type=click.Choice(["role", "company", "workspace", "posting", "lint-report"])
)
def schema(name: str) -> None:
    """Print the JSON Schema of a role file, a company profile, jobgen.yaml, a
    posting written with --format json, or `jobgen lint --format json`.

    The input schemas come from the models jobgen validates with, so an editor
    that reads them (VS Code's YAML extension, through the
    `# yaml-language-server: $schema=...` line at the top of each file)
    completes and checks fields as you type.

    \b
    Example:
      jobgen schema company > schemas/company.schema.json
      jobgen schema posting
    """
    import json

    from .json_schema import schema_for

    click.echo(json.dumps(schema_for(name), indent=2, ensure_ascii=False))


for command in (lint, init, preview, templates_group):
    main.add_command(command)


def run() -> None:
    """Entry point that also handles Ctrl-C and a closed pipe (`jobgen ... | head`)."""
    try:
        main()
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # nothing more can be printed; exit quietly
        sys.exit(0)
    except OSError as error:  # e.g. stdout on a full disk behind `> file`
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"error: {where}{error.strerror or error}", err=True)
        sys.exit(1)
