"""The house-style commands: `jobgen preview` and `jobgen templates list|show|copy`."""

from __future__ import annotations

from typing import Any

import click

from .common import (
    CONTEXT_SETTINGS,
    company_ids,
    date_option,
    reports_errors,
    the_company,
    workspace_of,
    workspace_option,
)


@click.command(
    context_settings=CONTEXT_SETTINGS, short_help="Serve a posting that reloads as you edit."
)
@click.argument("role", metavar="ID")
@click.option(
    "--company", "-c", metavar="ID", help="Company profile id (default: the only one there is)."
)
@click.option(
    "--port",
    "-p",
    type=int,
    default=8000,
    show_default=True,
    metavar="N",
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@date_option
@click.option(
    "--language",
    metavar="LANG",
    help="The posting in this language (default: its first; like de-DE).",
)
@workspace_option
@click.pass_context
@reports_errors
def preview(
    ctx: click.Context,
    role: str,
    company: str | None,
    port: int,
    date: str | None,
    language: str | None,
) -> None:
    """Serve the web page of ID (a role, or an opening of the company) on
    127.0.0.1 and reload it in the browser whenever the role, the profile, an
    opening, jobgen.yaml, a template or the CSS changes. A mistake shows in the
    page; fix it and the posting comes back. Opens no browser by itself; Ctrl-C
    stops it.

    \b
    Example:
      jobgen preview ai-ml-engineer --company furrowlight
      jobgen preview mlops-engineer -c brindle-ledger --port 8001
      jobgen preview forecasting-ml-engineer -c furrowlight
      jobgen preview clinical-nlp-engineer-berlin -c carrowmere-health --language en-GB
    """
    import time

    from ..inputs.catalog import Catalog, require_known
    from ..inputs.dates import resolve_date
    from ..inputs.stages import require_postable
    from ..publish.preview import Preview, PreviewServer

    company = the_company(ctx, company)
    if not 0 <= port <= 65535:
        raise click.BadParameter(
            f"expected a port from 0 to 65535, got {port}", param_hint="'--port'"
        )
    workspace = workspace_of(ctx)
    catalog = Catalog(workspace)
    require_known("company", company, catalog.company_paths, workspace.root is None)
    require_postable(catalog, [role], [company])
    server = PreviewServer(
        Preview(workspace, role, company, resolve_date(date), language),
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


@click.group(
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
      jobgen templates messages de-DE
    """


def _company(workspace: Any, company_id: str | None) -> Any:
    from ..inputs.catalog import Catalog

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
    from ..errors import display_path
    from ..inputs.catalog import Catalog
    from ..render.renderer import Renderer
    from ..render.template_files import template_files, unused_templates

    workspace = workspace_of(ctx)
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

    For reference.docx, prints its page setup and the Word styles jobgen uses,
    and for each style which parts (font, colour, the colour of a rule, keep
    with next, widow control) the file sets and which the brand or jobgen
    fills; with --company, the brand's own values.

    \b
    Example:
      jobgen templates show posting.md.j2
      jobgen templates show default:style.css
      jobgen templates show reference.docx --company brindle-ledger
    """
    from ..errors import display_path
    from ..render.template_files import find_template

    workspace = workspace_of(ctx)
    if company is None:  # a workspace of one company: its brand and its own templates
        ids = company_ids(ctx)
        company = ids[0] if len(ids) == 1 else None
    chosen = _company(workspace, company)
    found = find_template(workspace.template_layers(chosen), name)
    if found.name.endswith(".docx"):
        from ..formats.docx_reference import Reference, describe_reference
        from ..formats.docx_styles import describe_styles

        click.echo(f"{found.name}: {found.layer.label} file {display_path(found.path)}")
        reference = Reference(found.path, found.path.read_bytes())
        brand, whose = (chosen.brand, chosen.name) if chosen else (None, "")
        for line in describe_reference(reference) + describe_styles(reference, brand, whose):
            click.echo(f"  {line}")
        return
    try:
        click.echo(found.path.read_text(encoding="utf-8"), nl=False)
    except UnicodeDecodeError:
        from ..errors import UsageError

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
    from ..errors import display_path
    from ..inputs.catalog import Catalog, require_known
    from ..publish.output import write_files
    from ..render.template_files import plan_copy

    workspace = workspace_of(ctx)
    if role is not None:
        require_known("role", role, Catalog(workspace).role_paths, False)
    plan = plan_copy(workspace, name, _company(workspace, company), block, role, force)
    [written] = write_files(plan.folder, {plan.name: plan.data})
    click.echo(f"wrote {display_path(written)}: {plan.description}")


@templates_group.command("messages", context_settings=CONTEXT_SETTINGS)
@click.argument("language", metavar="LANG")
@company_layer_option
@click.option("--missing", is_flag=True, help="Show only the messages LANG has no text for.")
@workspace_option
@click.pass_context
@reports_errors
def templates_messages(
    ctx: click.Context, language: str, company: str | None, missing: bool
) -> None:
    """Show each message jobgen writes itself in LANG, and the catalog it comes from.

    Messages are the headings, labels and words of the templates and the code
    (messages/jobgen.pot lists them all). A layer's messages/LANG.po changes the
    messages it has; the others come from the layers below. To translate or
    change one, copy the catalog: `jobgen templates copy messages/LANG.po`.

    \b
    Example:
      jobgen templates messages de-DE
      jobgen templates messages fr-FR --company carrowmere-health
      jobgen templates messages nl-NL --missing
    """
    from ..errors import InputError
    from ..inputs.messages import Messages, describe_origins, load_messages, template_keys

    workspace = workspace_of(ctx)
    folders = [layer.path for layer in workspace.template_layers(_company(workspace, company))]
    try:
        messages = load_messages(language, folders)
    except InputError as error:
        if not missing or "no messages in" not in str(error):
            raise
        messages = Messages(language, folders=tuple(folders))  # none yet: all are missing
    keys = template_keys(workspace.builtin_templates)
    rows = describe_origins(messages, keys)
    if missing:
        rows = [row for row in rows if row[2] == "missing"]
    for (context, message), text, where in rows:
        shown = f"{message} ({context})" if context else message
        click.echo(f"{shown}\n  {text if where != 'missing' else '-'}  [{where}]")
    lacking = messages.lacking(keys)
    if lacking:
        from ..errors import display_path

        target = messages.catalog_to_edit()
        how = (
            f"translate them in {display_path(target)}"
            if target.exists()
            else f"`jobgen templates copy messages/{language}.po` gives a catalog to fill in"
        )
        click.echo(
            f"{len(lacking)} of {len(keys)} messages have no {language} text: {how}", err=True
        )
