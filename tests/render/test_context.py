"""Wording helpers used by the templates."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from jobgen.inputs.company_parts import Location, PayRange
from jobgen.inputs.models import Company, SalaryFigure
from jobgen.render import context
from jobgen.render.context import _escaped, escape_markdown, markdown_markup
from jobgen.render.local import Local

ENGLISH = Local.english()


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (150000, "USD", "$150,000"),
        (95000, "GBP", "£95,000"),
        (72.5, "EUR", "€72.50"),
        (120000, "CHF", "120,000 CHF"),
    ],
)
def test_money(amount, currency, expected):
    assert ENGLISH.money(amount, currency) == expected


def test_pay_range_and_single_amount():
    assert (
        ENGLISH.pay_range(PayRange("USD", 150000, 185000, "year")) == "$150,000 – $185,000 per year"
    )
    assert ENGLISH.pay_range(PayRange("USD", 60, 60, "hour")) == "$60 per hour"


def test_salary_figure_variants():
    band = SalaryFigure("USD", "year", "src", min=90000, max=400000, max_open=True)
    assert ENGLISH.salary_figure(band) == "$90,000 – $400,000+ per year"
    assert ENGLISH.salary_figure(SalaryFigure("USD", "year", "s", median=165000)) == (
        "median $165,000 per year"
    )
    assert ENGLISH.salary_figure(SalaryFigure("USD", "year", "s", min=200000, max_open=True)) == (
        "from $200,000+ per year"
    )


def test_join_words():
    assert ENGLISH.join([]) == ""
    assert ENGLISH.join(["a"]) == "a"
    assert ENGLISH.join(["a", "b"]) == "a and b"
    assert ENGLISH.join(["a", "b", "c"], "or") == "a, b or c"
    assert ENGLISH.join(["Denver, CO", "Austin, TX", "Remote"], "or", sep="; ") == (
        "Denver, CO; Austin, TX; or Remote"
    )


def test_location_line(catalog):
    _, _, companies = catalog
    assert ENGLISH.location_line(companies["brindle-ledger"]) == (
        "Hybrid · New York, NY or London, United Kingdom"
    )
    assert ENGLISH.location_line(companies["furrowlight"]).startswith(
        "Remote (United States); hub in "
    )


def test_location_label_uses_region_only_in_us_and_canada():
    assert Location("Denver", "US", "CO").label == "Denver, CO"
    assert Location("Dublin", "IE", "Leinster").label == "Dublin, Ireland"
    assert Location("Lagos", "NG").label == "Lagos, Nigeria"  # every ISO country by name
    assert Company.__dataclass_fields__["pay"]  # the model keeps pay per role


def test_salary_figure_average():
    assert ENGLISH.salary_figure(SalaryFigure("USD", "year", "s", average=170000)) == (
        "average $170,000 per year"
    )


def test_date_follows_the_language():
    import datetime as dt

    day = dt.date(2026, 11, 5)
    assert Local.english("en-US").date(day) == "November 5, 2026"
    assert Local.english("en-GB").date(day) == "5 November 2026"


PLAIN_VALUES = [
    "Medical, dental and vision insurance: we pay 75% for dependents.",
    "6. Dezember 2026",  # would be a numbered list
    "1) one",
    "- a dash",
    "--- a rule",
    "+ plus",
    "* star",
    "> quote",
    "= setext",
    "  = indented setext",
    "C# and C++",
    "AT&T &amp; &#60;",
    "<b>tag</b>",
    "snake_case and *stars* and `ticks` and [brackets] and back\\slash",
    "two\nlines\n  - indented",
    "carriage\rreturn\r\nboth",
    "2026 is a year",  # a digit at the start, no list
    "\u0663. Arabic-Indic digit",
    "",
    " ",
]


@pytest.mark.parametrize("text", PLAIN_VALUES)
def test_escape_markdown_takes_every_step_where_one_could_change_the_text(text):
    assert escape_markdown(text) == _escaped(text)


@settings(max_examples=600, derandomize=True, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from([*"\r\n\t &#;\\`*_[]<>-+=.)19 ", "\u0663"]), st.text(max_size=4)),
        max_size=20,
    ).map("".join)
)
def test_escape_markdown_is_every_step_for_any_text(text):
    assert escape_markdown(text) == _escaped(text)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from([*"\r\n\t &#;\\`*_[]<>-+=.)19 ", "word", "\u0663"]), max_size=12).map(
        "".join
    )
)
def test_kept_markup_is_the_escaped_text(text):
    first = markdown_markup(text)
    assert type(first) is Markup and first == escape_markdown(text)
    assert markdown_markup(text) == first  # kept, or escaped again: the same
    subclass = type("Shown", (str,), {})(text)
    assert markdown_markup(subclass) == first


def test_kept_markup_is_bounded(monkeypatch):
    monkeypatch.setattr(context, "MAX_KEPT_MARKUP", 3)
    for number in range(10):
        assert markdown_markup(f"*{number}*") == f"\\*{number}\\*"
    assert len(context._KEPT_MARKUP) <= 3
    long = "*" * (context.MAX_KEPT_LENGTH + 1)
    assert markdown_markup(long) == escape_markdown(long) and long not in context._KEPT_MARKUP


def test_location_line_is_kept_for_the_last_company_object(catalog):
    _, _, companies = catalog
    local = Local.english("en-GB")
    for company in companies.values():
        line = local.location_line(company)
        assert local.location_line(company) == line == local._location_line(company)
        remote = dataclasses.replace(company, work_model="remote")  # another object
        assert local.location_line(remote) == local._location_line(remote)
        assert local._location_line_of == (remote, local._location_line(remote))  # one kept
    for company in companies.values():  # worded again, as each comes back
        assert local.location_line(company) == local._location_line(company)
