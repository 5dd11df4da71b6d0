"""`jobgen stage`: every posting of a hiring stage, with its progress on screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    CONTEXT_SETTINGS,
    FORMAT_CHOICES,
    FORMAT_HELP,
    OUT_FOLDER,
    HintedChoice,
    check_lint_mode,
    chosen_formats,
    companies_option,
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
from .progress import Progress
from .shards import SHARD, shard_help

if TYPE_CHECKING:
    from ..publish.shards import Shard


@click.command(
    context_settings=CONTEXT_SETTINGS, short_help="Write every posting of a hiring stage."
)
@click.argument("stage_id", metavar="[STAGE]", required=False)
@companies_option("Company profile id; repeat for several.")
@click.option("--all-companies", "-a", is_flag=True, help="Every company of the workspace.")
@click.option(
    "--cumulative", is_flag=True, help="Add the roles of every earlier stage, earliest first."
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
@click.option(
    "--jobs",
    "-j",
    type=int,
    metavar="N",
    help="Worker processes (default: one per core); the files are the same for any number.",
)
@date_option
@valid_through_option
@language_option
@click.option(
    "--prune",
    is_flag=True,
    help="Remove postings an earlier run listed in manifest.json and this one does not write.",
)
@click.option("--shard", metavar="K/N", type=SHARD, help=shard_help)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@lint_option
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
    languages: tuple[str, ...],
    prune: bool,
    shard: Shard | None,
    quiet: bool,
    lint_mode: str,
    strict: bool,
) -> None:
    """Write every posting of a hiring STAGE, with a hiring-plan page and a manifest.

    STAGE is a stage id of jobgen.yaml (built in: early, growth, enterprise;
    `jobgen list stages` shows them); without it, each company gets the stage
    its profile names. For each company, the postings, OUT/COMPANY/index.html
    (the hiring plan) and OUT/COMPANY/manifest.json are written together: if
    anything fails, no file is changed; a posting that breaks a law where
    the company hires (a lint error) fails the run too, unless --lint warn.
    A posting published in several languages (`languages:` of the company or the
    opening, or --language) gets one file per language, OUT/COMPANY/ID.LANG.md.
    Other files in the folder are left
    alone, except that --prune removes the postings an earlier run wrote
    (listed in its manifest, unchanged since) that this run does not.
    With --shard K/N, only the companies of shard K of N are written, with
    OUT/jobgen-shard-K-of-N.json; `jobgen shards` checks and merges the N shards.

    \b
    Example:
      jobgen stage --company furrowlight
      jobgen stage enterprise --cumulative -c carrowmere-health
      jobgen stage growth --all-companies -f html --out site/ --prune
      jobgen stage -c carrowmere-health --language de-DE --language en-GB
      jobgen stage growth -a --date 2026-11-25 --shard 2/3 -o shard-2/
    """
    from ..errors import JobgenError, LintFailed, OutputError, counted, display_path
    from ..inputs import stages
    from ..inputs.catalog import Catalog
    from ..inputs.dates import resolve_date, resolve_valid_through
    from ..inputs.stages import StagePlan, iter_stage_plans, plan_stage
    from ..lint import Linter
    from ..publish.batch import default_jobs, write_stage

    check_lint_mode(lint_mode, strict)
    if not companies and not all_companies:
        companies = (the_company(ctx, None, " (or --all-companies)"),)  # the only one
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
    shard_run = None
    if shard is not None:  # before any profile is read: a shard reads only its own
        from ..publish.shards import ShardRun

        shard_run = ShardRun(workspace, shard, chosen_companies)
        chosen_companies = shard_run.company_ids
    progress = None if quiet else Progress()
    out_dir = out
    try:
        if progress:
            progress.phase("reading", None)
        catalog = Catalog(workspace, progress.read if progress else None)  # one listing
        count = len(catalog.company_paths if chosen_companies is None else chosen_companies)
        if count > stages.PLAN_WINDOW:  # read a window of companies at a time, as it goes
            config = catalog.load([], [])[0]
            plans: Iterable[StagePlan] = iter_stage_plans(
                workspace, stage_id, chosen_companies, cumulative, posting_date, closes,
                languages, catalog=catalog,
            )  # fmt: skip
        else:  # every file read and checked before any work
            config, plans = plan_stage(
                workspace, stage_id, chosen_companies, cumulative, posting_date, closes,
                None, languages, catalog,
            )  # fmt: skip
        if progress:
            progress.pause()
        chosen = chosen_formats(formats) or tuple(config.defaults.formats)
        out_dir = out if out is not None else workspace.default_output(config.defaults.output)
        record = None
        if shard_run is not None:
            options = {
                "stage": stage_id, "cumulative": cumulative, "date": posting_date,
                "valid_through": closes, "languages": languages, "formats": chosen,
                "lint": lint_mode, "strict": strict,
            }  # fmt: skip
            record = shard_run.record_maker(options, chosen, posting_date.isoformat())
        result = write_stage(
            workspace, plans, chosen, out_dir, jobs or default_jobs(), progress, prune,
            config.defaults.text_width, None if lint_mode == "off" else Linter(config.lint),
            strict, lint_mode, progress.phase if progress else None, record,
        )  # fmt: skip
    except JobgenError as error:
        if progress and progress.rendered and not isinstance(error, (OutputError, LintFailed)):
            # the lines above list postings rendered, not written: say so
            error.args = (f"{error}\n(nothing was written; earlier output is as it was)",)
        raise
    except KeyboardInterrupt as interrupt:
        if not hasattr(interrupt, "output_changed") and out_dir is not None:
            interrupt.output_changed, interrupt.output_dir = False, out_dir  # type: ignore[attr-defined]
        raise
    finally:
        if progress:
            progress.close()
    for company in result.companies:
        for opening_id, closed_on in company.closed:
            click.echo(
                f"note: left out {company.company}/{opening_id}: applications closed on "
                f"{closed_on} (its valid_through)",
                err=True,
            )
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
    if prune and not result.removed and not result.kept:
        progress.say(
            "--prune: nothing to remove; the last manifest.json of each company lists no file "
            "this run leaves out (files no manifest lists are never removed)"
        )
    for company in result.companies:  # a role's earlier posting, now replaced by openings
        left = {path.stem for path in result.left if path.parent.name == company.company}
        for role_id, opening_ids, offices in company.uncovered:
            if role_id in left:
                click.echo(
                    f"note: {company.company}/{role_id} is now posted only as "
                    f"{', '.join(opening_ids)}, with no posting for {' or '.join(offices)}; "
                    f"the earlier {role_id} files stay until --prune",
                    err=True,
                )
    if result.left or result.left_changed:
        _say_left(result.left, result.left_changed)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    print_lint(result.flagged)
    if shard_run is not None:
        progress.say(shard_run.summary(out_dir))
        if not result.companies:
            return
    pages = result.index_pages
    folder = display_path(pages[0].parent) if len(pages) == 1 else f"{display_path(out_dir)}/*"
    quality = "" if lint_mode == "off" else f", quality report: {folder}/quality.html"
    # --lint warn wrote them: the last line says so, for a log read from its end
    written_anyway = f" ({result.flawed} with lint errors)" if result.flawed else ""
    progress.say(
        f"{counted(result.postings, 'posting')}{written_anyway}, "
        f"{counted(len(result.written), 'file')} in {result.seconds:.2f} s; "
        f"hiring plan: {folder}/index.html{quality}"
    )


def _say_left(left: list[Path], changed: list[Path]) -> None:
    """The earlier run's files this run leaves in place, and what --prune will do."""
    from ..errors import counted, display_path

    every = [*left, *changed]
    folders = ", ".join(sorted({display_path(path.parent) for path in every}))
    stay = "stays" if len(every) == 1 else "stay"
    if not changed:
        then = "--prune removes " + ("it" if len(left) == 1 else "them")
    elif not left:
        them = "it" if len(changed) == 1 else "them"
        then = (
            f"{'it was' if len(changed) == 1 else 'they were'} changed since, so --prune keeps "
            f"{them}: delete {them} yourself if no longer wanted"
        )
    else:
        then = (
            f"--prune removes them, except {counted(len(changed), 'file')} changed since, "
            "which it keeps"
        )
    click.echo(
        f"note: {counted(len(every), 'file')} an earlier run wrote {stay} in {folders} "
        f'(listed under "earlier" in manifest.json); {then}',
        err=True,
    )
