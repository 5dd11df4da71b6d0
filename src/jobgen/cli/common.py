"""What every `jobgen` command shares: help settings, error reporting, the workspace option.

Kept apart from the commands so that they can live in more than one module;
it imports click and nothing heavy.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from ..inputs.format_names import ALL, FORMATS, expand_formats

FORMAT_CHOICES = (*FORMATS, ALL)
FORMAT_HELP = (
    "Output format; repeat for several (default: jobgen.yaml's formats; md, html and docx "
    "if it names none). `all` is md, html, docx, json and txt; pdf needs "
    "`pip install 'jobgen[pdf]'` and is asked for by name: -f md -f pdf."
)


class HintedChoice(click.Choice):
    """click.Choice whose refusal names the choice meant: `-f doc` (did you mean docx?)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            from ..errors import closest

            near = closest(str(value), [str(choice) for choice in self.choices], ignore_case=True)
            if near is None:
                raise
            self.fail(f"{error.message.rstrip('.')}; did you mean {near}?", param, ctx)


def chosen_formats(formats: tuple[str, ...]) -> tuple[str, ...] | None:
    """`-f` values in jobgen's order, `all` meaning every format that needs no extra (pdf
    too when named beside it); None when none given."""
    return expand_formats(formats) if formats else None


date_option = click.option(
    "--date",
    metavar="YYYY-MM-DD",
    help=(
        "Posting date (default: SOURCE_DATE_EPOCH, in UTC, else today in this machine's "
        "time zone; pass it in CI)."
    ),
)
valid_through_option = click.option(
    "--valid-through",
    metavar="YYYY-MM-DD",
    help="Last day to apply (default: the profile's valid_for_days after the date, if set).",
)


def _language_tags(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    if not value:  # the callback runs on every call: import nothing when not asked
        return ()
    from ..inputs.fields import LANGUAGE_TAG, normal_tag

    for given in value:
        if not re.fullmatch(LANGUAGE_TAG, normal_tag(given)):  # de_de means de-DE
            raise click.BadParameter(
                f"{given!r} is not a language tag; write it like de-DE, fr-FR or en-GB"
            )
    return tuple(dict.fromkeys(normal_tag(tag) for tag in value))


language_option = click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="LANG",
    callback=_language_tags,
    help="Write the postings in this language (like de-DE); repeat for several "
    "(default: the opening's or the company's languages).",
)
strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Write nothing and exit 1 if `jobgen lint` finds a warning, not only an error.",
)
lint_option = click.option(
    "--lint",
    "lint_mode",
    type=click.Choice(["error", "warn", "off"]),
    default="error",
    show_default=True,
    help="error: a lint error (a law the posting breaks) writes nothing and exits 1; "
    "warn: report and write; off: skip lint.",
)


def check_lint_mode(lint_mode: str, strict: bool) -> None:
    """--strict stops on warnings: it cannot go with --lint warn or off."""
    if strict and lint_mode != "error":
        raise click.UsageError(f"--strict stops on warnings; it cannot go with --lint {lint_mode}")


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def companies_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`-c/--company ID`, repeatable, as `companies` (stage, lint, list openings)."""
    return click.option("--company", "-c", "companies", multiple=True, metavar="ID", help=help_text)


class _Folder(click.Path):
    """A folder name; an empty one (`-o ""`) is refused rather than read as `.`."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("expected a folder, got an empty name", param, ctx)
        return super().convert(value, param, ctx)


OUT_FOLDER = _Folder(path_type=Path)


def printable(text: str) -> str:
    """`text` with control characters (but newlines and tabs) shown as escapes: an
    error quotes file names and template lines, and a terminal would obey an escape
    sequence in them (change the title, clear the screen)."""
    import re

    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], text)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn jobgen's errors into a message on stderr and the matching exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import JobgenError

        try:
            with _termination_as_interrupt():
                return command(*args, **kwargs)
        except JobgenError as error:
            click.echo(f"error: {printable(str(error))}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt as interrupt:  # here: click would print "Aborted!", exit 1
            click.echo(interrupted_message(interrupt), err=True)
            sys.exit(getattr(interrupt, "exit_code", 130))
        except BrokenPipeError:  # `jobgen ... | head`: the work is done, the reader left
            silence_stdout()
            sys.exit(0)

    return wrapper


def interrupted_message(interrupt: BaseException) -> str:
    """What Ctrl-C left behind, in one line, when the command knows (see Staging)."""
    from ..errors import display_path

    changed = getattr(interrupt, "output_changed", None)
    folder = getattr(interrupt, "output_dir", None)
    if changed is None or folder is None:
        return "interrupted"
    if changed:
        return f"interrupted after the files were written to {display_path(folder)}"
    return f"interrupted: nothing was written; {display_path(folder)} is as it was"


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (a cancelled CI job, a closed terminal) clean up like Ctrl-C."""
    from ..errors import STOP_SIGNALS, Interrupted

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


def silence_stdout() -> None:
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


def workspace_of(ctx: click.Context) -> Any:
    from ..inputs.workspace import find_workspace

    return find_workspace(ctx.ensure_object(dict).get("workspace"))


def the_company(ctx: click.Context, given: str | None, other_ways: str = "") -> str:
    """`--company` as given; left out, the workspace's one company, if it has only one;
    else a usage error naming them (and `other_ways`, like " (or --all-companies)")."""
    if given is not None:  # even "": an unknown company, said as such
        return given
    ids = company_ids(ctx)
    if len(ids) == 1:
        return ids[0]
    known = ", ".join(ids) if ids else "none yet (jobgen init makes one)"
    raise click.UsageError(
        f"name a company with --company ID{other_ways}; the workspace has {known}"
    )


def company_ids(ctx: click.Context) -> list[str]:
    """The ids of the workspace's company profiles, sorted."""
    from ..inputs.workspace import PROFILES

    return sorted(workspace_of(ctx).files(PROFILES))


def print_lint(reports: list[Any]) -> None:
    """After writing: each lint error and warning on stderr, one line each, and the
    command that explains them. Infos are left to `jobgen lint -v`."""
    from ..lint.report import short_lines

    flagged = [report for report in reports if short_lines(report)]
    for report in flagged:
        for line in short_lines(report):
            click.echo(f"lint {line}", err=True)
    if flagged:
        click.echo(f"(`{lint_command(r.name for r in flagged)}` explains each finding)", err=True)


def lint_command(names: Iterable[str]) -> str:
    """The `jobgen lint` command for postings named `company/id`: their ids and company,
    or the companies (every company, past three)."""
    found: dict[str, list[str]] = {}
    languages: list[str] = []  # ai-ml-engineer.fr-FR: the posting in French
    for name in names:
        company, _, posting_id = name.partition("/")
        posting_id, _, language = posting_id.partition(".")
        if language and language not in languages:
            languages.append(language)
        if posting_id not in found.get(company, []):
            found.setdefault(company, []).append(posting_id)
    asked = "".join(f" --language {language}" for language in languages)
    if len(found) == 1:
        [(company, ids)] = found.items()
        shown = " ".join(ids[:3]) + (" ..." if len(ids) > 3 else "")
        return f"jobgen lint {shown} -c {company}{asked}"
    if len(found) <= 3:
        return "jobgen lint " + " ".join(f"-c {company}" for company in found) + asked
    return f"jobgen lint -a{asked}"
