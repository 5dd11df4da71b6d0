"""The output formats by name, and what `all` means: read by the command line before
anything else is imported (start-up), by the models and by the library's writers."""

from __future__ import annotations

from collections.abc import Iterable

FORMATS: tuple[str, ...] = ("md", "html", "docx", "json", "txt", "pdf")  # as files are listed
# Formats that need an optional extra (`pip install 'jobgen[pdf]'`): asked for by name,
# never by `-f all`.
EXTRA_FORMATS: tuple[str, ...] = ("pdf",)
DEFAULT_FORMATS: tuple[str, ...] = ("md", "html", "docx")
ALL = "all"


def expand_formats(asked: Iterable[str]) -> tuple[str, ...]:
    """Known names among `asked` in jobgen's order, `all` standing for every format that
    needs no extra (pdf too when named beside it)."""
    asked = set(asked)
    every = ALL in asked
    return tuple(f for f in FORMATS if f in asked or (every and f not in EXTRA_FORMATS))
