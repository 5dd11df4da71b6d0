"""lint's data kept parsed between runs: the same data as a parse, or a parse."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zlib
from pathlib import Path

import pytest

from jobgen.inputs import data_cache, lint_data
from jobgen.inputs.data_cache import cached_parse
from jobgen.lint import load_book
from jobgen.lint.book import RuleBook


class Counting:
    """A parser that counts its calls."""

    def __init__(self, data: object) -> None:
        self.data, self.calls = data, 0

    def __call__(self, source: bytes) -> object:
        self.calls += 1
        return self.data


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("JOBGEN_NO_CACHE", raising=False)
    return tmp_path / "cache"


def entries(cache_home: Path) -> list[Path]:
    return sorted(cache_home.glob("jobgen/lint-*/*.json"))


def test_a_second_run_reads_the_cache_and_gets_the_same_data(cache_home):
    data = {"laws": [{"id": "x", "effective": dt.date(2026, 1, 1), "n": 3, "ok": True}]}
    parse = Counting(data)
    assert cached_parse("laws", b"v1", parse) == data
    again = cached_parse("laws", b"v1", parse)
    assert again == data and parse.calls == 1
    assert isinstance(again["laws"][0]["effective"], dt.date)
    assert len(entries(cache_home)) == 1
    folder = entries(cache_home)[0].parent
    assert folder.stat().st_mode & 0o777 == 0o700  # the user's own


def test_an_edited_file_is_parsed_again_and_its_old_entry_dropped(cache_home):
    parse = Counting({"a": 1})
    cached_parse("de/sections", b"v1", parse)
    parse.data = {"a": 2}
    assert cached_parse("de/sections", b"v2", parse) == {"a": 2}
    assert parse.calls == 2
    assert [p.name.split("-")[:3] for p in entries(cache_home)] == [["de", "", "sections"]]


def test_jobgen_no_cache_parses_every_time_and_writes_nothing(cache_home, monkeypatch):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    parse = Counting({"a": 1})
    cached_parse("rules", b"v1", parse)
    cached_parse("rules", b"v1", parse)
    assert parse.calls == 2
    assert not cache_home.exists()


def test_a_cache_folder_that_cannot_be_made_falls_back_to_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("JOBGEN_NO_CACHE", raising=False)
    parse = Counting({"a": 1})
    assert cached_parse("rules", b"v1", parse) == {"a": 1}
    assert cached_parse("rules", b"v1", parse) == {"a": 1}
    assert parse.calls == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_falls_back_to_parsing(cache_home):
    cached_parse("rules", b"v0", Counting({"a": 0}))  # makes the folder
    folder = entries(cache_home)[0].parent
    folder.chmod(0o500)
    try:
        parse = Counting({"a": 1})
        assert cached_parse("rules", b"v1", parse) == {"a": 1}
        assert cached_parse("rules", b"v1", parse) == {"a": 1}
        assert parse.calls == 2
    finally:
        folder.chmod(0o700)


def test_a_write_that_fails_is_done_without(cache_home, monkeypatch):
    """As for root in a read-only folder, or a full disk: the data, and no entry."""
    cached_parse("rules", b"v0", Counting({"a": 0}))
    folder = entries(cache_home)[0].parent
    monkeypatch.setattr(data_cache.os, "replace", _fail)
    parse = Counting({"a": 1})
    assert cached_parse("rules", b"v1", parse) == {"a": 1}
    assert not list(folder.glob("*.tmp"))


def _fail(*args: object) -> None:
    raise OSError("read-only file system")


@pytest.mark.parametrize(
    "junk",
    [b"{not json", b"\xff\xfe\x00", b"", b'{"$date": "soon"}', b'0a\n{"a": [1, 2, 3]}'],
)
def test_a_corrupt_cache_file_falls_back_to_parsing_and_is_rewritten(cache_home, junk):
    parse = Counting({"a": [1, 2]})
    cached_parse("rules", b"v1", parse)
    entry = entries(cache_home)[0]
    if junk.startswith(b"{"):  # right checksum, wrong content
        junk = f"{zlib.crc32(junk):08x}\n".encode() + junk
    entry.write_bytes(junk)
    assert cached_parse("rules", b"v1", parse) == {"a": [1, 2]}
    assert parse.calls == 2
    assert cached_parse("rules", b"v1", parse) == {"a": [1, 2]}  # written again
    assert parse.calls == 2


def test_a_cache_file_cut_short_or_changed_is_not_believed(cache_home):
    parse = Counting({"a": [1, 2]})
    cached_parse("rules", b"v1", parse)
    entry = entries(cache_home)[0]
    entry.write_bytes(entry.read_bytes().replace(b"[1, 2]", b"[1, 3]"))
    assert cached_parse("rules", b"v1", parse) == {"a": [1, 2]}
    entry.write_bytes(entry.read_bytes()[:-3])
    assert cached_parse("rules", b"v1", parse) == {"a": [1, 2]}
    assert parse.calls == 3


@pytest.mark.parametrize(
    "data",
    [{1: "a number as a key"}, {"$date": "2026-01-01"}, {"when": dt.datetime(2026, 1, 1, 9)}],
)
def test_data_json_cannot_give_back_exactly_is_not_cached(cache_home, data):
    parse = Counting(data)
    assert cached_parse("rules", b"v1", parse) == data
    assert cached_parse("rules", b"v1", parse) == data
    assert parse.calls == 2
    assert not entries(cache_home)


def test_the_rule_book_from_the_cache_is_the_rule_book_parsed(cache_home, monkeypatch):
    first = [load_book(None, language) for language in ("en", "de", "fr")]
    assert len(entries(cache_home)) >= 7
    cached = [load_book(None, language) for language in ("en", "de", "fr")]
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    parsed = [load_book(None, language) for language in ("en", "de", "fr")]
    assert first == cached == parsed
    assert all(isinstance(book, RuleBook) for book in cached)


def test_an_edit_to_the_law_data_is_seen_on_the_next_run(cache_home, tmp_path, monkeypatch):
    folder = tmp_path / "lint"
    shutil.copytree(lint_data.data_folder(), folder)
    monkeypatch.setattr(lint_data, "data_folder", lambda: folder)
    before = load_book()
    assert load_book() == before  # from the cache
    laws = folder / "laws.yaml"
    laws.write_text(laws.read_text(encoding="utf-8").replace("Colorado", "Kolorado"), "utf-8")
    after = load_book()
    assert any("Kolorado" in law.jurisdiction for law in after.laws)
    assert not any("Kolorado" in law.jurisdiction for law in before.laws)


def test_read_checked_gives_back_what_write_checked_wrote_or_nothing(tmp_path):
    path = str(tmp_path / "entry.json")
    assert data_cache.read_checked(path) is None  # not there
    data_cache.write_checked(path, {"a": [1, "é"]})
    assert data_cache.read_checked(path) == {"a": [1, "é"]}
    whole = Path(path).read_bytes()
    Path(path).write_bytes(whole[:-3])  # cut short
    assert data_cache.read_checked(path) is None
    Path(path).write_bytes(b"\xff\xfe" + whole)  # not UTF-8
    assert data_cache.read_checked(path) is None
    data_cache.write_checked(path, {"bad": "\ud800"})  # a lone surrogate: nothing written
    assert data_cache.read_checked(path) is None
