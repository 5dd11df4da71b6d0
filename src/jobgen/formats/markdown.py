"""The Markdown file: the content template's output as it is, UTF-8, one final newline."""

from __future__ import annotations

import re


def tidy(markdown_text: str) -> str:
    """Collapse runs of blank lines that optional template sections leave behind."""
    text = re.sub(r"\n{3,}", "\n\n", markdown_text.strip())
    return text + "\n"


def to_bytes(markdown_text: str) -> bytes:
    return markdown_text.encode("utf-8")


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")


def word_count(markdown_text: str) -> int:
    """Words a reader sees: link targets and Markdown markup are not counted."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", markdown_text)))
