"""Unit tests: money in text, and which pay-transparency laws reach a company."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jobgen.inputs.company_parts import Location
from jobgen.lint import load_book
from jobgen.lint.laws import Area, applicable_laws, company_areas
from jobgen.lint.pay import open_ended, parse_money, pay_ranges

DATE = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def book():
    return load_book()


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$145,000", 145000, "USD"),
        ("CA$90,000", 90000, "CAD"),
        ("150k €", 150000, "EUR"),
        ("£62.500", 62500, "GBP"),
        ("85,000 CHF", 85000, "CHF"),
        ("$42.50", 42.5, "USD"),
        # Cents after grouped thousands, in either convention (these used to crash lint).
        ("$90,000.00", 90000, "USD"),
        ("90.000,00 €", 90000, "EUR"),
        ("$1,234,567.89", 1234567.89, "USD"),
        ("145\u202f000,50 €", 145000.5, "EUR"),
        ("42,5 €", 42.5, "EUR"),
    ],
)
def test_parse_money(text: str, amount: float, currency: str) -> None:
    money = parse_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_pay_ranges_need_a_currency_and_an_order() -> None:
    found = pay_ranges("Pay: $145,000 – $190,000 per year, or 120k-150k € in Dublin.")
    assert [(r.low.amount, r.high.amount, r.currency) for r in found] == [
        (145000, 190000, "USD"),
        (120000, 150000, "EUR"),
    ]
    assert pay_ranges("We were founded 2019-2021 and have 20 to 30 people.") == []
    assert pay_ranges("$200,000 – $100,000") == []


def test_a_range_written_with_cents_is_read_as_one() -> None:
    found = pay_ranges("Pay: $90,000.00 – $120,000.00 per year; 55.000,00 € bis 70.000,00 €.")
    assert [(r.low.amount, r.high.amount, r.currency) for r in found] == [
        (90000, 120000, "USD"),
        (55000, 70000, "EUR"),
    ]


def test_open_ended_pay() -> None:
    assert open_ended("Salary: $150,000+ a year") == ["$150,000+"]
    assert open_ended("from $90,000 depending on experience") == ["from $90,000"]
    assert open_ended("up to $60,000") == ["up to $60,000"]
    assert open_ended("$120,000 and up") == ["$120,000 and up"]
    assert open_ended("$145,000 – $190,000 per year") == []


def test_the_table_knows_every_law_the_issue_names(book) -> None:
    jurisdictions = " ".join(law.jurisdiction for law in book.laws)
    for name in ["Colorado", "California", "Washington", "New York", "New York City",
                 "Jersey City", "Hawaii", "District of Columbia", "Maryland", "Illinois",
                 "Minnesota", "New Jersey", "Vermont", "Massachusetts", "Cleveland",
                 "British Columbia", "Ontario", "Virginia", "Delaware", "Columbus, Ohio",
                 "Poland", "Netherlands", "Italy", "Germany"]:  # fmt: skip
        assert name in jurisdictions, name
    for law in book.laws:
        assert set(law.requires) <= {
            "pay_range", "benefits", "application_deadline", "closed_range", "range_width",
            "pay_to_applicants", "ai_screening_statement", "ai_notice", "vacancy_statement",
            "no_local_experience", "gender_neutral_title",
        }  # fmt: skip
        assert law.source.startswith("http"), law.id
        assert law.confirmed or law.unconfirmed, f"{law.id}: say what is unsettled"
        if "no_local_experience" in law.requires:
            assert law.local_experience_phrases, law.id
        if "pay_to_applicants" in law.requires:
            assert law.pay_to_applicants_by in {"interview", "negotiation", "contract",
                                                "employment"}, law.id  # fmt: skip
        if "range_width" in law.requires:
            assert {"max", "currency", "applies_up_to"} <= set(law.range_width or {})


def _ids(book, areas, employees=500, date=DATE) -> set[str]:
    return {match.law.id for match in applicable_laws(book.laws, areas, employees, date, ())}


def _law_id(book, jurisdiction: str) -> str:
    return next(law.id for law in book.laws if law.jurisdiction == jurisdiction)


def test_an_office_brings_its_state_and_city_laws(book) -> None:
    nyc = Area("New York, NY", "US", "NY", "New York")
    found = _ids(book, [nyc])
    assert {_law_id(book, "New York City"), _law_id(book, "New York State")} <= found
    assert _law_id(book, "Colorado") not in found
    buffalo = _ids(book, [Area("Buffalo, NY", "US", "NY", "Buffalo")])
    assert _law_id(book, "New York City") not in buffalo


def test_remote_across_a_country_brings_every_law_that_covers_remote_work(book) -> None:
    found = _ids(book, [Area("United States", "US", remote=True)])
    remote_laws = {law.id for law in book.laws if law.remote and law.where.get("country") == "US"}
    in_force = {law.id for law in book.laws if law.effective <= DATE}
    assert remote_laws & in_force <= found
    assert _law_id(book, "Colorado") in found
    assert not {law.id for law in book.laws if not law.remote} & found


def test_employer_size_and_effective_date_limit_the_laws(book) -> None:
    hawaii = next(law for law in book.laws if law.jurisdiction == "Hawaii")
    area = [Area("Honolulu, HI", "US", "HI", "Honolulu")]
    assert hawaii.id in _ids(book, area, employees=hawaii.min_employees)
    if hawaii.min_employees > 1:
        assert hawaii.id not in _ids(book, area, employees=hawaii.min_employees - 1)
    before = hawaii.effective - dt.timedelta(days=1)
    assert hawaii.id not in _ids(book, area, date=before)


def test_an_eu_office_brings_its_own_states_law_not_the_directive(book) -> None:
    """The directive binds employers only through each state's law, from its own date."""
    assert _ids(book, [Area("Warsaw, Poland", "PL")]) >= {"poland"}
    assert "italy" not in _ids(book, [Area("Milan, Italy", "IT")], date=dt.date(2026, 6, 6))
    assert "italy" in _ids(book, [Area("Milan, Italy", "IT")], date=dt.date(2026, 6, 7))
    assert _ids(book, [Area("Dublin, Ireland", "IE")]) == set()  # no Irish act yet


def test_company_areas_map_names_and_regions(book, catalog) -> None:
    _, _, companies = catalog
    furrowlight = companies["furrowlight"]
    areas, unknown = company_areas(furrowlight, book.places)
    assert unknown == []
    assert Area("Boulder, CO", "US", "CO", "Boulder") in areas
    assert any(a.remote and a.country == "US" and a.region is None for a in areas)
    renamed = dataclasses.replace(
        furrowlight,
        locations=(Location("Denver", "US", "Colorado"),),
        remote_regions=("Mars",),
    )
    areas, unknown = company_areas(renamed, book.places)
    assert [(a.country, a.region, a.city) for a in areas] == [("US", "CO", "Denver")]
    assert unknown == ["Mars"]
