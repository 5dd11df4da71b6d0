"""Unit tests: Markdown as lint reads it, and the readability arithmetic."""

from __future__ import annotations

import pytest

from jobgen.lint.document import parse, plain
from jobgen.lint.readability import TextStats, sentences, syllables, text_stats, words

POSTING = """---
title: ignored front matter
---
# Data Engineer

**Acme** · Remote

## About us

We build [tools](https://acme.example) for *farmers*.
This line continues the paragraph.

<!-- a comment
over two lines -->
## What you bring

- Python, with `pandas`.
- Five years
  of SQL.

```
code is not prose
```

Setext heading
--------------

Last words.
"""


def test_parse_keeps_title_sections_and_lines() -> None:
    document = parse(POSTING)
    assert document.title == "Data Engineer"
    assert [s.heading for s in document.sections] == [
        "About us",
        "What you bring",
        "Setext heading",
    ]
    about, bring, setext = document.sections
    assert about.line == 8
    assert about.blocks[0].text == "We build tools for farmers. This line continues the paragraph."
    assert about.blocks[0].line == 10
    assert [item.text for item in bring.items] == ["Python, with pandas.", "Five years of SQL."]
    assert bring.items[1].line == 18
    assert setext.blocks[0].text == "Last words."
    assert all("code is not prose" not in b.text for b in document.blocks)
    # The intro line sits under no section.
    assert document.blocks[1].section == "" and document.blocks[1].text == "Acme · Remote"


def test_heading_blocks_belong_to_their_own_section() -> None:
    document = parse("# T\n\n## Pay\n\n$1\n")
    heading = next(b for b in document.blocks if b.kind == "heading" and b.text == "Pay")
    assert heading.section == "Pay"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**bold** and _it_", "bold and it"),
        ("![logo](x.png) [link](https://x)", "logo link"),
        ("<span>tag</span> &amp; more", "tag & more"),
        ("a\\*b", "a*b"),
        ("snake_case_name stays", "snake_case_name stays"),
    ],
)
def test_plain(markdown: str, expected: str) -> None:
    assert plain(markdown) == expected


def test_sentences_do_not_split_after_abbreviations() -> None:
    text = "We meet at 11 a.m. Eastern. Tools, e.g. PyTorch, are fine! Ready? Yes"
    assert sentences(text) == [
        "We meet at 11 a.m. Eastern.",
        "Tools, e.g. PyTorch, are fine!",
        "Ready?",
        "Yes",
    ]


def test_words_keep_money_and_acronyms_whole() -> None:
    assert words("Pay: $145,000 – $190,000 for AI/ML work, 401(k).") == [
        "Pay", "145,000", "190,000", "for", "AI/ML", "work", "401", "k",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("make", 1), ("machine", 2), ("learning", 2), ("production", 3),
     ("wanted", 2), ("opportunity", 5), ("AI", 2), ("2026", 2), ("full-time", 2)],
)  # fmt: skip
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_reading_ease_of_plain_and_dense_text() -> None:
    easy = text_stats(["We make tools. You fix bugs. We ship each week."])
    hard = text_stats([
        "Comprehensive organizational infrastructure responsibilities necessitate "
        "sophisticated interdisciplinary collaboration capabilities."
    ])  # fmt: skip
    assert easy.reading_ease is not None and hard.reading_ease is not None
    assert easy.reading_ease > 90 > 0 > hard.reading_ease
    assert TextStats(0, 0, 0).reading_ease is None
