"""The `jobgen` command: parse, call the library, print, map errors to exit codes.

Exit codes: 0 success, 1 failure while generating or writing, 2 bad input or
usage. Library modules are imported inside the commands so that `--help` and
`list` never pay for Jinja, Markdown or python-docx.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__

FORMAT_CHOICES = ("md", "html", "docx", "all")
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Folder(click.Path):
    """A folder name; an empty one (`-o ""`) is refused rather than read as `.`."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("expected a folder, got an empty name", param, ctx)
        return super().convert(value, param, ctx)


OUT_FOLDER = _Folder(path_type=Path)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn jobgen's errors into a message on stderr and the matching exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import JobgenError

        try:
            with _termination_as_interrupt():
                return command(*args, **kwargs)
        except JobgenError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt as interrupt:  # here: click would print "Aborted!", exit 1
            click.echo("interrupted", err=True)
            sys.exit(getattr(interrupt, "exit_code", 130))
        except BrokenPipeError:  # `jobgen ... | head`: the work is done, the reader left
            _silence_stdout()
            sys.exit(0)

    return wrapper


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (a cancelled CI job, a closed terminal) clean up like Ctrl-C."""
    from .errors import STOP_SIGNALS, Interrupted

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, interrupt) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit does not complain about the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def workspace_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`-w DIR` after the command name too: `jobgen stage -w ws ...`."""

    def remember(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            ctx.ensure_object(dict)["workspace"] = value

    return click.option(
        "--workspace",
        "-w",
        metavar="DIR",
        type=click.Path(file_okay=False, path_type=Path),
        expose_value=False,
        is_eager=True,
        callback=remember,
        help="Workspace folder (default: the nearest folder with jobgen.yaml).",
    )(command)


def _workspace(ctx: click.Context) -> Any:
    from .workspace import find_workspace

    return find_workspace(ctx.ensure_object(dict).get("workspace"))


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
@click.option(
    "--date", metavar="YYYY-MM-DD", help="Posting date (default: SOURCE_DATE_EPOCH or today)."
)
@click.option("--stdout", is_flag=True, help="Print the Markdown instead of writing files.")
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
    stdout: bool,
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
    from .pipeline import render_postings, resolve_date

    if stdout and (formats or out):
        raise click.UsageError("--stdout prints Markdown only; leave out --format and --out")
    posting_date = resolve_date(date)
    chosen = None if not formats else (("md", "html", "docx") if "all" in formats else formats)
    workspace = _workspace(ctx)
    if stdout:
        _, results = render_postings(workspace, list(roles), company, ["md"], posting_date)
        click.echo("\n---\n\n".join(result.markdown for result in results), nl=False)
        for warning in (w for result in results for w in result.warnings):
            click.echo(f"warning: {warning}", err=True)
        return
    written, warnings = generate_postings(
        workspace, list(roles), company, chosen, out_dir=out, date=posting_date
    )
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for path in written:
        click.echo(display_path(path))


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
@click.option(
    "--date", metavar="YYYY-MM-DD", help="Posting date (default: SOURCE_DATE_EPOCH or today)."
)
@click.option(
    "--prune",
    is_flag=True,
    help="Remove postings an earlier run listed in manifest.json and this one does not write.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
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
    prune: bool,
    quiet: bool,
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
    from .errors import JobgenError, OutputError, display_path
    from .pipeline import resolve_date
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
    workspace = _workspace(ctx)
    config, plans = plan_stage(
        workspace, stage_id, None if all_companies else list(companies), cumulative, posting_date
    )
    chosen = formats or config.defaults.formats
    chosen = ("md", "html", "docx") if "all" in chosen else tuple(dict.fromkeys(chosen))
    out_dir = out if out is not None else workspace.base / config.defaults.output
    progress = None if quiet else _Progress(sum(len(plan.postings) for plan in plans))
    try:
        result = write_stage(
            workspace, plans, chosen, out_dir, jobs or default_jobs(), progress, prune
        )
    except JobgenError as error:
        if progress and progress.done and not isinstance(error, OutputError):
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
    pages = result.index_pages
    where = display_path(pages[0]) if len(pages) == 1 else f"{display_path(out_dir)}/*/index.html"
    progress.say(
        f"{counted(len(result.records), 'posting')}, {counted(len(result.written), 'file')} in "
        f"{result.seconds:.2f} s; hiring plan: {where}"
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
                _silence_stdout()
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

    catalog = Catalog(_workspace(ctx))
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

    report = check_workspace(_workspace(ctx))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary)


@main.command(
    context_settings=CONTEXT_SETTINGS, short_help="Serve a posting that reloads as you edit."
)
@click.argument("role")
@click.option("--company", "-c", required=True, metavar="ID", help="Company profile id.")
@click.option(
    "--port",
    "-p",
    type=int,
    default=8000,
    show_default=True,
    metavar="N",
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--date", metavar="YYYY-MM-DD", help="Posting date (default: SOURCE_DATE_EPOCH or today)."
)
@workspace_option
@click.pass_context
@reports_errors
def preview(ctx: click.Context, role: str, company: str, port: int, date: str | None) -> None:
    """Serve the web page of ROLE at a company on 127.0.0.1 and reload it in the
    browser whenever the role, the profile, jobgen.yaml, a template or the CSS
    changes. A mistake shows in the page; fix it and the posting comes back.
    Opens no browser by itself; Ctrl-C stops it.

    \b
    Example:
      jobgen preview ai-ml-engineer --company furrowlight
      jobgen preview mlops-engineer -c brindle-ledger --port 8001
    """
    import time

    from .catalog import Catalog, require_known
    from .pipeline import resolve_date
    from .preview import Preview, PreviewServer

    if not 0 <= port <= 65535:
        raise click.BadParameter(
            f"expected a port from 0 to 65535, got {port}", param_hint="'--port'"
        )
    workspace = _workspace(ctx)
    catalog = Catalog(workspace)
    require_known("role", role, catalog.role_paths, workspace.root is None)
    require_known("company", company, catalog.company_paths, workspace.root is None)
    server = PreviewServer(
        Preview(workspace, role, company, resolve_date(date)),
        port,
        log=lambda message: click.echo(message, err=True),
    )
    server.start()
    click.echo(f"Previewing {role} at {company}: {server.url}")
    click.echo(
        "Edit the role, the profile, a template or the CSS and the page reloads. Ctrl-C stops."
    )
    if server.page.error:
        click.echo(f"the page shows a problem to fix:\n{server.page.error}", err=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:  # Ctrl-C is how a preview ends: not a failure
        pass
    finally:
        server.stop()
    click.echo("preview stopped", err=True)


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Create a workspace to edit.")
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
@reports_errors
def init(folder: Path, company_id: str, name: str | None) -> None:
    """Create a workspace in DIR: stages, the ten roles, an example company profile,
    a templates/ folder and a README saying what to edit for what effect.

    jobgen finds the workspace from any folder inside it; what it lacks comes
    from the built-ins.

    \b
    Example:
      jobgen init my-hiring --company acme --name "Acme Robotics"
    """
    from .errors import display_path
    from .scaffold import init_workspace

    written = init_workspace(folder, company_id, name)
    where = display_path(folder)
    click.echo(f"created {where}/ with {len(written)} files:")
    for path in written:
        relative = path.relative_to(folder).as_posix()
        if not relative.startswith("roles/"):
            click.echo(f"  {relative}")
    click.echo("  roles/ (the ten roles, to edit or delete)")
    click.echo(
        "next:\n"
        f"  cd {where}\n"
        f"  (edit company_profiles/{company_id}.yaml)\n"
        "  jobgen check\n"
        f"  jobgen preview ai-ml-engineer -c {company_id}"
    )


@main.group(
    "templates", context_settings=CONTEXT_SETTINGS, short_help="List, show and copy templates."
)
def templates_group() -> None:
    """List, show and copy the templates that make the postings.

    Templates come from layers, first match wins: the company's own folder
    (company_profiles/ID/templates/), the workspace's templates/, then the
    built-ins. Copy a built-in file (or one block of it) into your workspace
    to change it.

    \b
    Example:
      jobgen templates list
      jobgen templates show posting.md.j2
      jobgen templates copy posting.md.j2 --block benefits
      jobgen templates copy reference.docx
    """


def _company(workspace: Any, company_id: str | None) -> Any:
    from .catalog import Catalog

    if company_id is None:
        return None
    _, _, companies = Catalog(workspace).load([], [company_id])
    return companies[company_id]


company_layer_option = click.option(
    "--company", "-c", metavar="ID", help="Include this company's own template layer."
)


@templates_group.command("list", context_settings=CONTEXT_SETTINGS)
@company_layer_option
@workspace_option
@click.pass_context
@reports_errors
def templates_list(ctx: click.Context, company: str | None) -> None:
    """Show every template, the layer whose file is used and what it shadows.

    \b
    Example:
      jobgen templates list
      jobgen templates list --company brindle-ledger
    """
    from .catalog import Catalog
    from .errors import display_path
    from .render import Renderer
    from .template_files import template_files, unused_templates

    workspace = _workspace(ctx)
    chosen = _company(workspace, company)
    layers = workspace.template_layers(chosen)
    files = template_files(layers)
    role_ids = set(Catalog(workspace).role_paths)
    unused = {f.path: why for f, why in unused_templates(layers, role_ids, Renderer(layers).env)}
    rows = [
        (
            f.name,
            f.layer.label,
            "" if f.layer.kind == "built-in" else display_path(f.path),
            f"not used: {unused[f.path]}" if f.path in unused else f.note,
        )
        for f in files
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        click.echo(f"{line}  {row[3]}".rstrip())
    if chosen is None:
        _, _, companies = Catalog(workspace).load([], None)
        own = [c.id for c in companies.values() if workspace.company_template_dir(c)]
        if own:
            click.echo(
                f"companies with templates of their own: {', '.join(own)} "
                "(see them with --company ID)"
            )


@templates_group.command("show", context_settings=CONTEXT_SETTINGS)
@click.argument("name")
@company_layer_option
@workspace_option
@click.pass_context
@reports_errors
def templates_show(ctx: click.Context, name: str, company: str | None) -> None:
    """Print the template file NAME that jobgen uses (default:NAME for the built-in).

    For reference.docx, prints its page setup and the Word styles jobgen uses.

    \b
    Example:
      jobgen templates show posting.md.j2
      jobgen templates show default:style.css
      jobgen templates show reference.docx --company brindle-ledger
    """
    from .errors import display_path
    from .template_files import find_template

    workspace = _workspace(ctx)
    found = find_template(workspace.template_layers(_company(workspace, company)), name)
    if found.name.endswith(".docx"):
        from .formats.docx import Reference, describe_reference

        click.echo(f"{found.name}: {found.layer.label} file {display_path(found.path)}")
        reference = Reference(found.path, found.path.read_bytes())
        for line in describe_reference(reference):
            click.echo(f"  {line}")
        return
    try:
        click.echo(found.path.read_text(encoding="utf-8"), nl=False)
    except UnicodeDecodeError:
        from .errors import UsageError

        raise UsageError(f"{display_path(found.path)} is not UTF-8 text") from None


@templates_group.command("copy", context_settings=CONTEXT_SETTINGS)
@click.argument("name")
@click.option(
    "--company",
    "-c",
    metavar="ID",
    help="Copy into this company's own layer (default: the workspace).",
)
@click.option("--block", "-b", metavar="BLOCK", help="Copy only this block, as an override.")
@click.option("--role", "-r", metavar="ROLE", help="Make the template of this role only.")
@click.option("--force", is_flag=True, help="Replace a file that exists.")
@workspace_option
@click.pass_context
@reports_errors
def templates_copy(
    ctx: click.Context,
    name: str,
    company: str | None,
    block: str | None,
    role: str | None,
    force: bool,
) -> None:
    """Copy template NAME into the workspace (or a company's layer) to edit it.

    It copies the file the new one will shadow: the built-in, or for a company,
    the workspace's file if there is one. With --block, it writes only that
    block, in a template that extends the rest, so later changes to the
    built-in still reach your postings.

    \b
    Example:
      jobgen templates copy reference.docx
      jobgen templates copy style.css --company brindle-ledger
      jobgen templates copy posting.md.j2 --block benefits
      jobgen templates copy posting.md.j2 --role mlops-engineer --block skills
    """
    from .catalog import Catalog, require_known
    from .errors import display_path
    from .output import write_files
    from .template_files import plan_copy

    workspace = _workspace(ctx)
    if role is not None:
        require_known("role", role, Catalog(workspace).role_paths, False)
    plan = plan_copy(workspace, name, _company(workspace, company), block, role, force)
    [written] = write_files(plan.folder, {plan.name: plan.data})
    click.echo(f"wrote {display_path(written)}: {plan.description}")


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
