"""The fast matchers (kept per block text, one look-up per word, Markdown cleaned only
where it has markup) find exactly what the plain loops they replaced found, on edge text."""

from __future__ import annotations

import datetime as dt
import html
import random
import re

import pytest

from jobgen.lint import LintContext, Linter
from jobgen.lint import document as doc
from jobgen.lint.document import parse
from jobgen.lint.rules_inclusive import _TOKEN, _PhraseMatcher, _WordList
from jobgen.lint.scan import Scan

DATE = dt.date(2026, 11, 25)

# Pieces of text that stress each matcher: markup, hyphens and commas between words, coded
# words and their stems and plurals, phrases and their slots, other scripts and entities.
PIECES = [
    "competitive", "competitively", "Leader", "leaders", "support", "supportive", "ninja",
    "rock star", "rockstar", "native", "German", "English", "speaker", "native-German",
    "cloud-native", "German/French", "or", "and", ",", ", ", "-", " - ", "--", "—", "*", "**",
    "_", "__", "`", "[", "](", ")", "![", "<", ">", "<b>", "</b>", "<https://x.io>", "&amp;",
    "&", "&#x27;", "\\", "\\*", "'", "’", "ü", "İ", "ß", "Straße", "\u00a0", "\t", "  ",
    "work hard, play hard", "digital native", "young", "energetic", "dominant", "analytical",
    "Analyst", "responsibilities", "5+ years", "ten years", "$120k", "Acme", "Acme Analytics",
    "e.g.", ".", "!", "?", "x" * 40,
]  # fmt: skip


def hostile_lines(seed: int, count: int = 120) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) + rng.choice(("", " ", " ")) for _ in range(rng.randint(1, 14)))
        for _ in range(count)
    ]


# --- The implementations before, as they were ------------------------------------------


def old_plain(markdown_text: str) -> str:
    text = doc._IMAGE.sub(r"\1", markdown_text)
    text = doc._LINK.sub(r"\1", text)
    text = doc._AUTOLINK.sub(r"\1", text)
    text = doc._TAG.sub("", text)
    text = doc._CODE.sub(r"\1", text)
    for _ in range(3):
        text = doc._EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    text = doc._ESCAPE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


def old_gendered(scan: Scan) -> list[tuple[int, str, str]]:
    masculine = _WordList.of(scan.book.masculine)
    feminine = _WordList.of(scan.book.feminine)
    found = []
    for block in scan.document.blocks:
        for match in _TOKEN.finditer(block.text):
            lowered = match.group().lower()
            if lowered in scan.book.gender_ignore:
                continue
            kind = (
                "masculine"
                if masculine.has(lowered)
                else "feminine"
                if feminine.has(lowered)
                else None
            )
            if kind:
                found.append((block.line, match.group(), kind))
    return found


def old_phrases(scan: Scan) -> list[tuple[int, str, str]]:
    words = scan.book.slot_words()
    text = scan.document.text.lower()
    flat = " ".join(re.split(r",?[\s\-]+", text))
    wanted = [
        (entry, matcher)
        for entry in scan.book.phrases
        if (matcher := _PhraseMatcher(entry.phrases, words)).may_match(text, flat)
    ]
    found = []
    for block in scan.document.blocks if wanted else ():
        lowered = block.text.lower()
        block_flat = ""
        for entry, matcher in wanted:
            if not any(k in lowered for k in matcher.keys):
                continue
            block_flat = block_flat or " ".join(re.split(r",?[\s\-]+", lowered))
            pattern = matcher.pattern_for(block_flat)
            for match in pattern.finditer(block.text) if pattern else ():
                found.append((block.line, entry.kind, match.group()))
    return found


# --- The same answers ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(2))
def test_markdown_is_cleaned_as_before(seed):
    for line in hostile_lines(seed):
        assert doc.plain(line) == old_plain(line), line


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("language", ["en-US", "de-DE"])
def test_coded_words_and_phrases_are_found_as_before(linter, seed, language):
    lines = hostile_lines(100 + seed)
    # Postings of a few blocks each, the same blocks in several (as a batch has them).
    for start in range(0, len(lines), 6):
        text = "# Title\n\n" + "\n\n".join(lines[start : start + 12]) + "\n"
        report = linter.lint(text, LintContext(DATE, language=language), "p.md")
        scan = Scan(parse(text), LintContext(DATE, language=language), linter.book_for(language))
        words = [(f.line, f.text, f.message.split("-")[0]) for f in report.findings
                 if f.rule == "gendered-word"]  # fmt: skip
        assert words == [(line, word, kind) for line, word, kind in old_gendered(scan)], text
        phrases = [(f.line, f.rule, f.text) for f in report.findings
                   if f.rule in ("cliche", "exclusionary-language")]  # fmt: skip
        # Findings are ordered by line and rule, then as found (a stable sort).
        assert phrases == sorted(old_phrases(scan), key=lambda f: (f[0], f[1])), text


def test_a_block_seen_before_gives_the_same_findings_again(linter):
    """What a block holds is kept for the run; a second posting with it finds it again."""
    text = "# T\n\nBe a rockstar ninja, a native German speaker and a competitive leader.\n"
    first = linter.lint(text, LintContext(DATE), "a.md").findings
    second = linter.lint(text, LintContext(DATE), "b.md").findings
    assert first == second
    assert {f.rule for f in first} >= {"cliche", "exclusionary-language", "gendered-word"}


def test_only_short_texts_are_kept():
    """A huge (hostile) paragraph is worked out each time rather than kept for the run."""
    from jobgen.lint import memo

    calls: list[str] = []

    @memo.per_text
    def measure(text: str) -> int:
        calls.append(text)
        return len(text)

    long = "x" * (memo.LONGEST + 1)
    assert [measure(t) for t in ("short", "short", long, long)] == [5, 5, len(long), len(long)]
    assert calls == ["short", long, long]
