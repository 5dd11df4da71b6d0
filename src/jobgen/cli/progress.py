"""The progress display of a batch (`jobgen stage`, `jobgen site`): a redrawn line on a
terminal, a line per phase and posting in a log."""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import silence_stdout


def _is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


UNITS = {"reading": "files", "rendering": "postings"}  # what each phase counts
LOGGED_PHASES = ("reading", "rendering", "writing")  # a line each in a log


class Progress:
    """What the run is doing, from its first second: reading the files, preparing,
    rendering (with an estimate of the time left), writing. On a terminal, one line
    redrawn in place, also while nothing finishes; in a log or a pipe, a line per phase
    and per posting.

    Printing never stops the batch: if stdout goes away (`| head -1`, a full
    disk behind `>`), the run goes on silently and its files are written.
    """

    def __init__(self) -> None:
        import threading
        import time

        self.clock = time.perf_counter
        self.start = self.clock()
        self.bar = _is_terminal()
        self.lock = threading.Lock()
        self.name, self.total, self.done, self.since = "", None, 0, self.start
        self.rendered = 0  # postings rendered (not written) so far
        self.drawn = False
        self.broken = False
        self.paused = False
        self.stopped = threading.Event()
        if self.bar:  # redraw the clock while a phase has nothing new to show
            threading.Thread(target=self._tick, name="progress", daemon=True).start()

    def phase(self, name: str, total: int | None) -> None:
        with self.lock:
            self.name, self.total, self.done, self.since = name, total, 0, self.clock()
            self.paused = False
        if self.bar:
            self._draw()
        elif name in LOGGED_PHASES:
            unit = UNITS[name].removesuffix("s") if total == 1 else UNITS.get(name, "")
            self.say(f"{name} {total} {unit}" if total else f"{name} {UNITS.get(name, 'files')}")

    def read(self) -> None:
        with self.lock:
            self.done += 1
            due = self.bar and self.done % 10 == 0  # often enough to see it move
        if due:
            self._draw()

    def pause(self) -> None:
        """Stop drawing (between phases, while notes are printed)."""
        with self.lock:
            self.paused = True
        self._clear()

    def __call__(self, record: Any, done: int, total: int) -> None:
        files = " ".join(record.files)
        # "rendered": nothing is written until every posting is (a log may end in an error)
        self.posting(
            f"{record.company}/{record.id}: rendered {files} ({record.words} words)", done, total
        )

    def posting(self, line: str, done: int, total: int) -> None:
        """One more posting rendered: the bar moves, or `line` goes to the log."""
        with self.lock:
            self.done, self.total, self.rendered = done, total, done
        if not self.bar:
            self.say(line)
            return
        self._draw()

    def line(self) -> str:
        now = self.clock()
        elapsed, in_phase = now - self.start, now - self.since
        unit = UNITS.get(self.name, "")
        if self.total:
            width = 24
            filled = width * self.done // max(self.total, 1)
            counts = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {unit}"
        else:
            counts = f"{self.done} {unit}" if unit else ""
        left = ""
        if self.total and self.done and in_phase >= 1:
            seconds = in_phase / self.done * (self.total - self.done)
            left = f", about {seconds:.0f} s left" if seconds >= 1 else ""
        return f"{self.name:<9} {counts}  {elapsed:.0f} s{left}"

    def _draw(self) -> None:
        with self.lock:
            if self.paused or self.broken:
                return
            text = self.line()
        self.drawn = self.say(f"\r\033[K{text}", nl=False) or self.drawn

    def _tick(self) -> None:
        while not self.stopped.wait(0.5):
            self._draw()

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

    def _clear(self) -> None:
        if self.drawn:
            self.say("\r\033[K", nl=False)
            self.drawn = False

    def close(self) -> None:
        self.stopped.set()
        with self.lock:
            self.paused = True
        self._clear()  # before the summary
