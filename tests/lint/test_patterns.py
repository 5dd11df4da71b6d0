"""Lint's patterns kept compiled between runs match exactly as `re.compile`'s do."""

from __future__ import annotations

import re

import pytest

from jobgen.lint import patterns, pay

TEXTS = [
    "from $90,000 and $150,000+ or 100k€ and up, USD 120.000 to EUR 130.000",
    "ab 90.000 € mindestens 5 dollars plus; 45 à 55 k€; $ US 145 000 – 160 000 $US",
    "Salary: £60,000 - £75,000 per year. Up to 200K USD. JP¥ 9,000,000",
    "no pay at all here, only words and 2026-11-25",
]


@pytest.fixture
def fresh(monkeypatch):
    """No entries read yet in this process: the next call reads the cache folder."""
    monkeypatch.setattr(patterns, "_loaded", None)
    monkeypatch.setattr(patterns, "_path", None)


@pytest.mark.parametrize("name", ["MONEY", "RANGE", "OPEN_ENDED"])
def test_a_kept_pattern_is_the_pattern(fresh, name):
    source, flags = pay._PATTERNS[name]
    made = patterns.compiled(source, flags)  # compiled, and kept at exit
    patterns._save_added()
    patterns._loaded = None
    kept = patterns.compiled(source, flags)  # read back
    expected = re.compile(source, flags)
    for pattern in (made, kept):
        assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (
            expected.pattern,
            expected.flags,
            expected.groups,
            expected.groupindex,
        )
        for text in TEXTS:
            found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert found == [(m.span(), m.groups()) for m in expected.finditer(text)]


def test_a_damaged_cache_is_compiled_anew(fresh, cache_home):
    source = r"(?P<n>\d+)\s*(?:k|K)?"
    patterns.compiled(source)
    patterns._save_added()
    path = patterns._path
    assert path is not None
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("(?P<n>", "(?P<m>"))  # the checksum no longer holds
    patterns._loaded = None
    assert patterns.compiled(source).match("12k").group("n") == "12"


def test_a_wrong_program_is_compiled_anew(fresh):
    source = r"[a-z]+@[a-z]+"
    patterns.compiled(source)
    entries = patterns._entries()
    entries[f"0:{source}"][1] = [1, 2, 3]  # not a program the engine accepts
    assert patterns.compiled(source).fullmatch("a@b")


def test_no_cache_folder_still_compiles(fresh, monkeypatch):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    assert patterns.compiled(r"\bfrom\b", re.I).search("FROM here")
    assert patterns._path is None
