"""Posting date resolution and in-memory rendering."""

from __future__ import annotations

import datetime as dt

import pytest

from jobgen.errors import UsageError
from jobgen.inputs.dates import resolve_date


def test_date_option_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert resolve_date("2026-03-04") == dt.date(2026, 3, 4)


def test_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert resolve_date(None) == dt.date(2026, 1, 1)


def test_today_otherwise():
    assert resolve_date(None) == dt.date.today()


@pytest.mark.parametrize("value", ["25/11/2026", "2026-13-01", "tomorrow"])
def test_bad_date_is_a_usage_error(value):
    with pytest.raises(UsageError, match="--date: expected a date like"):
        resolve_date(value)


def test_bad_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        resolve_date(None)


def test_render_only_the_formats_asked(generator, posting):
    rendered = generator.render(posting, ["md"])
    assert list(rendered.files) == ["md"]
    rendered = generator.render(posting, ["docx", "md"])
    assert list(rendered.files) == ["md", "docx"]


def test_missing_pay_is_a_warning(generator, posting):
    import dataclasses

    company = dataclasses.replace(posting.company, pay={})
    rendered = generator.render(dataclasses.replace(posting, company=company), ["md"])
    assert "## Pay" not in rendered.markdown
    assert any("no pay range for ai-ml-engineer" in w for w in rendered.warnings)
