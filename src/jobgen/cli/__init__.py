"""The `jobgen` command: parse, call the library, print, map errors to exit codes.

Exit codes: 0 success, 1 failure while generating or writing, 2 bad input or
usage. One module per command group; each imports the library inside its
commands, so that `--help` and `list` never pay for Jinja, Markdown or
python-docx. The library never imports this package.
"""

from __future__ import annotations

import importlib
import signal
import sys
from pathlib import Path

import click

from ..version import __version__
from .common import CONTEXT_SETTINGS

# Each command by name: its module of this package and its name there. A command's
# module is imported when the command is run (or --help lists them all), so that
# `generate` does not pay for the modules of `stage`, `site` or `templates`.
COMMANDS = {
    "generate": ("generate", "generate"),
    "stage": ("stage", "stage"),
    "site": ("site", "site"),
    "lint": ("lint", "lint"),
    "init": ("workspace", "init"),
    "list": ("workspace", "list_command"),
    "check": ("workspace", "check"),
    "schema": ("workspace", "schema"),
    "new": ("workspace", "new_group"),
    "preview": ("style", "preview"),
    "templates": ("style", "templates_group"),
    "shards": ("shards", "shards_group"),
}


class _Commands(click.Group):
    """The `jobgen` group, importing each command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f".{module}", __name__), attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=_Commands, context_settings=CONTEXT_SETTINGS)
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


def run() -> None:
    """Entry point that also handles Ctrl-C and a closed pipe (`jobgen ... | head`)."""
    try:
        main()
    except SystemExit as done:
        # The command is over and has said how it ended: a Ctrl-C during Python's own
        # shutdown (joining workers, flushing) has nothing left to stop, and would only
        # turn a finished run's exit status into 130 without a word.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        from .quick_exit import exit_now

        exit_now(done.code)  # without the interpreter's teardown, when nothing needs it
        raise
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
