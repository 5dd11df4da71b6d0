"""The exceptions jobgen raises for problems a user can fix, and the helpers every
message uses (a path as shown, a did-you-mean, a count, an invisible character named).

The CLI turns each exception into a message and an exit code; none of them should
ever reach a user as a traceback. Every package may import this module; it imports
nothing of jobgen's.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable
from pathlib import Path

from .fast_dataclass import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: Path | None
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        if self.file is None:
            return f"{self.field}: {self.message}" if self.field else self.message
        where = display_path(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def closest(name: str, options: Iterable[str], ignore_case: bool = False) -> str | None:
    """The option `name` most likely misspells, for a did-you-mean; None if none is close."""
    import difflib

    by_key = {(o.lower() if ignore_case else o): o for o in options}
    key = name.lower() if ignore_case else name
    match = difflib.get_close_matches(key, list(by_key), n=1)
    return by_key[match[0]] if match else None


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 posting`, `2 postings`, `3 companies` (with `plural`)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def describe_char(char: str) -> str:
    """`an invisible control character (U+202E RIGHT-TO-LEFT OVERRIDE)`."""
    import unicodedata

    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return f"an invisible control character ({code})"


def display_path(path: Path) -> str:
    """A path relative to the current folder when it is below it, else absolute."""
    try:
        # The folder resolved, not the file: a link is named as the link, not its target.
        resolved = Path(os.path.realpath(path.parent)) / path.name
        return str(resolved.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return os.path.normpath(path)


class JobgenError(Exception):
    """Base class: a problem the user can act on. `exit_code` is what the CLI returns."""

    exit_code = 1


class InputError(JobgenError):
    """Raised when role, profile or workspace files are invalid; carries every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        # Top to bottom within each file; files in the order they were read.
        files = {problem.file: number for number, problem in enumerate(reversed(problems))}
        problems = sorted(problems, key=lambda p: (-files[p.file], p.line or 0, p.column or 0))
        self.problems = problems
        count = len(problems)
        if count == 1:  # one line: `file:line:column: field: what was expected`
            super().__init__(str(problems[0]))
            return
        header = f"{count} problems to fix:"
        super().__init__("\n".join([header, *(f"  {p}" for p in problems)]))


class UsageError(JobgenError):
    """Raised when a command names something that does not exist (a role, a company)."""

    exit_code = 2


class TemplateProblem(JobgenError):
    """Raised when a template cannot be compiled or rendered; names the file and line."""

    exit_code = 2


class OutputError(JobgenError):
    """Raised when generated files cannot be written; earlier files are left as they were."""

    exit_code = 1


class OutputBusy(OutputError):
    """Raised when another run holds the output folder's lock past the wait limit."""

    exit_code = 2


class LintFailed(JobgenError):
    """Raised by `--strict` runs when a posting has lint errors or warnings; nothing is written."""

    exit_code = 1


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP: clean up like Ctrl-C, exit with 128 + the signal number."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__()
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + int(self.signum)


STOP_SIGNALS = tuple(
    getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)
)
