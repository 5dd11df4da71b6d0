"""Lint's patterns kept compiled between runs match exactly as `re.compile`'s do, each
read from a file of its own, never believed when damaged or foreign, and bounded."""

from __future__ import annotations

import os
import re

import pytest

from jobgen.inputs import data_cache
from jobgen.lint import patterns, pay

TEXTS = [
    "from $90,000 and $150,000+ or 100k€ and up, USD 120.000 to EUR 130.000",
    "ab 90.000 € mindestens 5 dollars plus; 45 à 55 k€; $ US 145 000 – 160 000 $US",
    "Salary: £60,000 - £75,000 per year. Up to 200K USD. JP¥ 9,000,000",
    "no pay at all here, only words and 2026-11-25",
]


def forget() -> None:
    """As a new process: no folder found yet, nothing waiting to be written."""
    patterns._folder, patterns._found = None, False
    patterns._added.clear()


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A cache folder of the test's own, and the module as a new process finds it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_added", {})
    forget()
    yield
    forget()


def kept_files() -> list[str]:
    folder = patterns._patterns_folder()
    assert folder is not None
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def same(pattern: re.Pattern[str], expected: re.Pattern[str]) -> None:
    assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (
        expected.pattern,
        expected.flags,
        expected.groups,
        expected.groupindex,
    )
    for text in TEXTS:
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in expected.finditer(text)]


@pytest.mark.parametrize("name", ["MONEY", "RANGE", "OPEN_ENDED"])
def test_a_kept_pattern_is_the_pattern(fresh, name, monkeypatch):
    source, flags = pay._PATTERNS[name]
    made = patterns.compiled(source, flags)  # compiled, and kept at exit
    patterns._save_added()
    assert len(kept_files()) == 1
    forget()
    monkeypatch.setattr(patterns, "_compile", None)  # read back, or this fails
    kept = patterns.compiled(source, flags)
    expected = re.compile(source, flags)
    same(made, expected)
    same(kept, expected)


def test_a_run_reads_only_the_patterns_it_uses(fresh, monkeypatch):
    sources = [rf"\b{word}\b" for word in ("alpha", "beta", "gamma", "delta")]
    for source in sources:
        patterns.compiled(source, re.I)
    patterns._save_added()
    forget()
    read: list[str] = []

    def reading(path, *args):
        read.append(os.path.basename(path))
        return data_cache.read_checked(path, *args)

    monkeypatch.setattr(patterns, "read_checked", reading)
    assert patterns.compiled(sources[2], re.I).search("GAMMA ray")
    assert len(read) == 1 and read[0] in kept_files()


def test_a_damaged_entry_is_compiled_anew(fresh):
    source = r"(?P<n>\d+)\s*(?:k|K)?"
    patterns.compiled(source)
    patterns._save_added()
    (name,) = kept_files()
    path = os.path.join(patterns._patterns_folder(), name)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("(?P<n>", "(?P<m>"))  # the checksum no longer holds
    forget()
    assert patterns.compiled(source).match("12k").group("n") == "12"


def test_a_wrong_program_is_compiled_anew(fresh):
    source = r"[a-z]+@[a-z]+"
    patterns.compiled(source)
    patterns._save_added()
    (name,) = kept_files()
    path = os.path.join(patterns._patterns_folder(), name)
    key, entry = data_cache.read_checked(path)
    entry[1] = [1, 2, 3]  # not a program the engine accepts, under a valid checksum
    data_cache.write_checked(path, [key, entry])
    forget()
    assert patterns.compiled(source).fullmatch("a@b")


def test_an_entry_of_another_pattern_is_not_believed(fresh):
    patterns.compiled(r"x+")
    patterns.compiled(r"y+")
    patterns._save_added()
    folder = patterns._patterns_folder()
    first, second = (os.path.join(folder, name) for name in kept_files())
    os.replace(first, second)  # one name now holds the other's pattern
    forget()
    for source, text in ((r"x+", "xxx"), (r"y+", "yyy")):
        assert patterns.compiled(source).fullmatch(text)


def test_the_folder_keeps_the_newest_entries_only(fresh, monkeypatch):
    monkeypatch.setattr(patterns, "MAX_ENTRIES", 3)
    for number in range(5):
        patterns.compiled(rf"a{{{number + 1}}}b")
    patterns._save_added()
    assert len(kept_files()) == 3


def test_a_process_keeps_at_most_max_added_new_patterns(fresh, monkeypatch):
    monkeypatch.setattr(patterns, "MAX_ADDED", 2)
    for number in range(4):
        assert patterns.compiled(rf"c{{{number + 1}}}d").fullmatch("c" * (number + 1) + "d")
    patterns._save_added()
    assert len(kept_files()) == 2


def test_the_one_file_of_earlier_versions_is_removed(fresh):
    folder = patterns._patterns_folder()
    os.makedirs(os.path.dirname(folder), exist_ok=True)
    with open(f"{folder}.json", "w", encoding="utf-8") as handle:
        handle.write("00000000\n{}")
    patterns.compiled(r"z{2,}")
    patterns._save_added()
    assert not os.path.exists(f"{folder}.json")
    assert len(kept_files()) == 1


def test_no_cache_folder_still_compiles(fresh, monkeypatch):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    assert patterns.compiled(r"\bfrom\b", re.I).search("FROM here")
    assert patterns._patterns_folder() is None
    assert patterns._added == {}


def _compile_in_worker(source: str) -> None:
    patterns.keep_in_worker()
    patterns.compiled(source)


@pytest.mark.skipif(os.name != "posix", reason="a forked worker, as --jobs makes on Linux")
def test_a_worker_process_writes_what_it_compiles_and_leaves_the_parents_to_it(fresh):
    import multiprocessing

    patterns.compiled(r"parent's (own|pattern)")  # waits for the parent's exit
    worker = multiprocessing.get_context("fork").Process(
        target=_compile_in_worker, args=(r"worker's (own|pattern)",)
    )
    worker.start()
    worker.join()
    assert worker.exitcode == 0
    folder = patterns._patterns_folder()
    written = [patterns.read_checked(os.path.join(folder, name)) for name in kept_files()]
    assert [entry[0] for entry in written] == ["0:worker's (own|pattern)"]
    assert [key for key, _ in patterns._added.values()] == ["0:parent's (own|pattern)"]
