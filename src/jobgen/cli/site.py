"""`jobgen site`: a static careers site with its feeds, and `--serve` to look at it."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    CONTEXT_SETTINGS,
    OUT_FOLDER,
    check_lint_mode,
    companies_option,
    date_option,
    language_option,
    lint_option,
    print_lint,
    reports_errors,
    strict_option,
    the_company,
    workspace_of,
    workspace_option,
)
from .progress import Progress

DEFAULT_FOLDER = "site"  # in the workspace's output folder


@click.command(
    context_settings=CONTEXT_SETTINGS,
    short_help="Build a careers site: pages, sitemap, Atom, jobs.json, Indeed's feed.",
)
@companies_option("Company profile id; repeat for several.")
@click.option("--all-companies", "-a", is_flag=True, help="Every company of the workspace.")
@click.option(
    "--base-url",
    metavar="URL",
    required=True,
    help="The address the site will have, like https://jobs.example.com: canonical "
    "links, the sitemap and the feeds use it.",
)
@click.option(
    "--out",
    "-o",
    metavar="DIR",
    type=OUT_FOLDER,
    help="The site's folder (default: site/ in the workspace's output folder).",
)
@date_option
@language_option
@click.option("--pdf", is_flag=True, help="A PDF of each posting, linked from its page.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the pages of postings no longer in the inputs (closed ones always go).",
)
@click.option(
    "--previous",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The last build's manifest.json, when it is not in the site's folder "
    "(a fresh CI checkout: download it from the live site).",
)
@click.option("--serve", is_flag=True, help="Then serve the site on 127.0.0.1 until Ctrl-C.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port for --serve.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@lint_option
@strict_option
@workspace_option
@click.pass_context
@reports_errors
def site(
    ctx: click.Context,
    companies: tuple[str, ...],
    all_companies: bool,
    base_url: str,
    out: Path | None,
    date: str | None,
    languages: tuple[str, ...],
    pdf: bool,
    prune: bool,
    previous: Path | None,
    serve: bool,
    port: int,
    quiet: bool,
    lint_mode: str,
    strict: bool,
) -> None:
    """Build a static careers site of the companies' open positions.

    It lists every opening, and each role a company gives pay for or its stage
    hires, in each posting's languages: an index of open positions per company
    (grouped by team, filterable by location, work model and level), a page per
    posting with an Apply button, its JSON-LD and canonical address under
    --base-url, and sitemap.xml, feed.xml (Atom), jobs.json, indeed.xml (Indeed's
    XML feed), indexing.json (the pages updated and deleted that Google's Indexing
    API has not been told of: a deploy sends them, then deletes the file) and
    manifest.json. A posting keeps the date it was first published; one closed on
    the build date (--date) is left out and its page removed. Everything is written together or not
    at all, like `jobgen stage`; a lint error stops the build unless --lint warn.

    \b
    Example:
      jobgen site --all-companies --base-url https://jobs.example.com -o public/
      jobgen site -c furrowlight --base-url https://furrowlight.example/careers --pdf
      jobgen site -a --base-url https://jobs.example.com -o public/ --serve
    """
    from ..errors import JobgenError, LintFailed, OutputError, counted, display_path
    from ..inputs.dates import resolve_date
    from ..lint import Linter
    from ..publish.site import build_site, normal_base_url

    check_lint_mode(lint_mode, strict)
    if companies and all_companies:
        raise click.UsageError("use --company or --all-companies, not both")
    if not companies and not all_companies:
        companies = (the_company(ctx, None, " (or --all-companies)"),)
    normal_base_url(base_url)  # a wrong address is said before any work
    if pdf:
        from ..formats.pdf import require_typst

        require_typst("leave out --pdf")
    build_date = resolve_date(date)
    workspace = workspace_of(ctx)
    server = _server(port) if serve else None  # a port in use is said before any work
    progress = None if quiet else Progress()
    out_dir: Path | None = None
    try:
        from ..inputs.catalog import Catalog

        config, _, _ = Catalog(workspace).load([], [])
        out_dir = out or workspace.default_output(config.defaults.output) / DEFAULT_FOLDER
        result = build_site(
            workspace, base_url, out_dir, build_date,
            None if all_companies else list(companies),
            prune=prune, linter=None if lint_mode == "off" else Linter(config.lint),
            lint=lint_mode, strict=strict, pdf=pdf, languages=languages, previous=previous,
            progress=(
                (lambda slug, done, total: progress.posting(f"{slug}: rendered", done, total))
                if progress
                else None
            ),
            on_phase=progress.phase if progress else None,
        )  # fmt: skip
    except JobgenError as error:
        if progress and progress.rendered and not isinstance(error, (OutputError, LintFailed)):
            error.args = (f"{error}\n(nothing was written; the site is as it was)",)
        raise
    except KeyboardInterrupt as interrupt:  # before the staging folder: nothing written
        if not hasattr(interrupt, "output_changed") and out_dir is not None:
            interrupt.output_changed, interrupt.output_dir = False, out_dir  # type: ignore[attr-defined]
        raise
    finally:
        if progress:
            progress.close()
    assert out_dir is not None  # set before build_site, which made `result`
    for path in result.kept:  # said even with --quiet, as by `stage`: a file left in place
        click.echo(
            f"warning: kept {display_path(path)}: an earlier build wrote it, but it was "
            "changed since; delete it yourself if it is no longer wanted",
            err=True,
        )
    if progress is None:  # --quiet: nothing but errors
        if server is not None:
            _serve(server, out_dir)
        return
    if result.note:
        click.echo(f"note: {result.note}; each posting is dated {build_date}", err=True)
    for slug in result.closed:
        click.echo(f"note: left out {slug}: applications have closed", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.left:
        stay = "stays" if len(result.left) == 1 else "stay"
        click.echo(
            f"note: {counted(len(result.left), 'file')} of postings no longer in the inputs "
            f'{stay} in {display_path(out_dir)} (listed under "earlier" in manifest.json); '
            "--prune removes them",
            err=True,
        )
    print_lint(result.reports)
    for path in result.removed:
        progress.say(f"removed {display_path(path)}")
    updated = sum(1 for n in result.notices if n["type"] == "URL_UPDATED")
    deleted = len(result.notices) - updated
    earlier = result.pending - len(result.notices)
    unsent = f" (and {earlier} from earlier builds, not yet sent)" if earlier > 0 else ""
    progress.say(
        f"{counted(len(result.postings), 'posting')}, "
        f"{counted(len(result.written), 'file')} in {result.seconds:.2f} s; "
        f"indexing.json: {updated} updated, {deleted} deleted{unsent}; "
        f"site: {display_path(out_dir / 'index.html')}"
    )
    if server is not None:
        _serve(server, out_dir)


def _server(port: int):  # type: ignore[no-untyped-def]
    from ..publish.site_server import SiteServer

    return SiteServer(port=port)


def _serve(server, folder: Path) -> None:  # type: ignore[no-untyped-def]
    import time

    server.start(folder)
    click.echo(f"serving {folder} at {server.url} (only this machine can see it); Ctrl-C stops")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.stop()
