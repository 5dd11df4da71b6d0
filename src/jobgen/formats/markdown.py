"""The Markdown file: the content template's output as it is, UTF-8, one final newline."""

from __future__ import annotations

import re


def tidy(markdown_text: str) -> str:
    """Collapse runs of blank lines that optional template sections leave behind."""
    text = re.sub(r"\n{3,}", "\n\n", markdown_text.strip())
    return text + "\n"


def to_bytes(markdown_text: str) -> bytes:
    return markdown_text.encode("utf-8")


def word_count(markdown_text: str) -> int:
    """Words a reader sees (markup and link targets left out), counted as lint counts them."""
    from ..lint.document import parse
    from ..lint.readability import words

    return len(words(parse(markdown_text).text))
