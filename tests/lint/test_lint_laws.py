"""Job-ad law beyond pay, and laws by their dates: for each law, a posting that breaks it
and one that satisfies it, the day before it takes effect and the day it does."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from samples import GOOD

from jobgen.inputs.company_parts import Location
from jobgen.lint import LintContext, Linter, PostingReport

TORONTO = (Location("Toronto", "CA", "ON"),)
CHICAGO = (Location("Chicago", "US", "IL"),)
NYC = (Location("New York", "US", "NY"),)
WARSAW = (Location("Warsaw", "PL"),)
BERLIN = (Location("Berlin", "DE"),)
COLUMBUS = (Location("Columbus", "US", "OH"),)
RICHMOND = (Location("Richmond", "US", "VA"),)
AMSTERDAM = (Location("Amsterdam", "NL"),)
STATEMENTS = (
    "\n\nThis posting is for an existing vacancy.\n\n"
    "We do not use artificial intelligence (AI) to screen, assess or select applicants.\n"
)
NO_PAY = GOOD.replace("- $120,000 – $150,000 per year, with stock options.", "- Competitive.")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def company(catalog, locations, employees=200):
    _, _, companies = catalog
    return dataclasses.replace(
        companies["brindle-ledger"], locations=locations, employees=employees, remote_regions=()
    )


def lint(
    linter: Linter,
    text: str,
    where,
    date=dt.date(2026, 11, 25),
    ai_used: bool | None = False,
    language: str = "en",
    valid_through: dt.date | None = None,
) -> PostingReport:
    context = LintContext(date, where, None, valid_through, ai_used, language)
    return linter.lint(text, context, "posting.md")


def found(report: PostingReport, rule: str = "job-ad-law") -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in report.findings if f.rule == rule]


# --- Ontario: AI screening, the vacancy, Canadian experience (from 2026-01-01, 25+) ---


def test_ontario_asks_whether_ai_screens_and_whether_the_vacancy_exists(linter, catalog):
    toronto = company(catalog, TORONTO)
    report = lint(linter, GOOD, toronto)
    assert found(report) == [
        (
            "error",
            "the posting does not say whether AI is used to screen, assess or select "
            "applicants; required in Ontario",
        ),
        (
            "error",
            "the posting does not say whether it is for an existing vacancy; required in Ontario",
        ),
    ]
    assert report.fails(strict=False)
    assert found(lint(linter, GOOD + STATEMENTS, toronto)) == []


def test_ontario_from_its_first_day_and_from_25_employees(linter, catalog):
    toronto = company(catalog, TORONTO)
    assert found(lint(linter, GOOD, toronto, date=dt.date(2025, 12, 31))) == []
    assert len(found(lint(linter, GOOD, toronto, date=dt.date(2026, 1, 1)))) == 2
    assert found(lint(linter, GOOD, company(catalog, TORONTO, employees=24))) == []


def test_ontario_refuses_a_canadian_experience_requirement(linter, catalog):
    text = (GOOD + STATEMENTS).replace(
        "- Experience building data pipelines in Python and SQL.",
        "- Two years of Canadian work experience with data pipelines.",
    )
    report = lint(linter, text, company(catalog, TORONTO))
    [finding] = [f for f in report.findings if f.rule == "job-ad-law"]
    assert finding.message == "asks for 'Canadian work experience'; required in Ontario"
    assert finding.text == "Canadian work experience" and finding.section == "What you bring"
    assert found(lint(linter, text, company(catalog, CHICAGO))) == []  # not a rule elsewhere


# --- Notice of AI used in hiring (Illinois, unsettled; New York City's Local Law 144) ---


def test_a_company_that_uses_ai_must_say_so_in_new_york_city(linter, catalog):
    nyc = company(catalog, NYC)
    assert found(lint(linter, GOOD, nyc, ai_used=True)) == [
        ("error", "the company uses AI in hiring, but the posting does not say so; "
                  "required in New York City"),
    ]  # fmt: skip
    assert (
        found(lint(linter, GOOD + STATEMENTS.replace("do not use", "use"), nyc, ai_used=True)) == []
    )
    assert found(lint(linter, GOOD, nyc, ai_used=False)) == []


def test_illinois_notice_is_unsettled_so_a_warning(linter, catalog):
    chicago = company(catalog, CHICAGO)
    [(severity, message)] = found(lint(linter, GOOD, chicago, ai_used=True))
    assert severity == "warning"
    assert message == (
        "the company uses AI in hiring, but the posting does not say so; Illinois may require it"
    )
    assert found(lint(linter, GOOD, chicago, ai_used=False)) == []


def test_a_profile_silent_on_ai_gets_a_warning_where_notice_is_due(linter, catalog):
    [(severity, message)] = found(lint(linter, GOOD, company(catalog, NYC), ai_used=None))
    assert severity == "warning" and message.startswith("the profile does not say whether AI")


# --- Laws by their dates, and laws coming before the posting closes --------------------


def test_virginia_the_day_before_and_the_day_of(linter, catalog):
    richmond = company(catalog, RICHMOND)
    before = lint(linter, NO_PAY, richmond, date=dt.date(2026, 6, 30))
    assert found(before, "pay-transparency") == []
    on = lint(linter, NO_PAY, richmond, date=dt.date(2026, 7, 1))
    assert found(on, "pay-transparency") == [
        ("error", "the posting shows no pay range; required in Virginia")
    ]
    assert found(lint(linter, GOOD, richmond, date=dt.date(2026, 7, 1)), "pay-transparency") == []


def test_a_law_that_starts_before_the_posting_closes_is_a_warning(linter, catalog):
    columbus = company(catalog, COLUMBUS, employees=50)
    [(severity, message)] = found(
        lint(
            linter, NO_PAY, columbus, date=dt.date(2026, 12, 20), valid_through=dt.date(2027, 1, 1)
        ),
        "pay-transparency",
    )
    assert severity == "warning"
    assert message == (
        "the posting shows no pay range; Columbus, Ohio requires it from 2027-01-01, before "
        "this posting closes on 2027-01-01"
    )
    closes_before = lint(
        linter, NO_PAY, columbus, date=dt.date(2026, 12, 20), valid_through=dt.date(2026, 12, 31)
    )
    assert found(closes_before, "pay-transparency") == []
    in_force = lint(linter, NO_PAY, columbus, date=dt.date(2027, 1, 1))
    assert found(in_force, "pay-transparency")[0][0] == "error"


# --- The EU: each state's own law and date ---------------------------------------------


def test_poland_wants_pay_before_the_interview_and_a_neutral_title(linter, catalog):
    warsaw = company(catalog, WARSAW)
    assert found(lint(linter, NO_PAY, warsaw), "pay-transparency") == [
        ("info", "the posting shows no pay, which applicants must get before the interview; "
                 "required in Poland"),
    ]  # fmt: skip
    salesman = NO_PAY.replace("# Data Engineer", "# Data Salesman")
    [(severity, message)] = found(lint(linter, salesman, warsaw))
    assert severity == "warning"
    assert message == "the title 'Data Salesman' names one gender (salesman); required in Poland"
    polish = NO_PAY.replace("# Data Engineer", "# Inżynier danych")
    assert (
        "has no mark for every gender" in found(lint(linter, polish, warsaw, language="pl"))[0][1]
    )
    marked = NO_PAY.replace("# Data Engineer", "# Inżynier danych (k/m)")
    assert found(lint(linter, marked, warsaw, language="pl")) == []


def test_germany_wants_a_title_for_every_gender(linter, catalog):
    berlin = company(catalog, BERLIN)
    german = GOOD.replace("# Data Engineer", "# Dateningenieur")
    assert found(lint(linter, german, berlin, language="de-DE"))[0][0] == "warning"
    assert found(lint(linter, german.replace("ingenieur", "ingenieur (m/w/d)"), berlin,
                      language="de-DE")) == []  # fmt: skip
    assert found(lint(linter, GOOD, berlin)) == []  # an English noun names no gender


def test_an_unsettled_law_never_makes_an_error(linter, catalog):
    amsterdam = company(catalog, AMSTERDAM)
    before = lint(linter, "# Data Salesman\n\nText.\n", amsterdam, date=dt.date(2026, 12, 31))
    assert found(before) == []
    on = lint(linter, "# Data Salesman\n\nText.\n", amsterdam, date=dt.date(2027, 1, 1))
    assert [severity for severity, _ in found(on)] == ["warning"]
    assert "Netherlands may require it" in found(on)[0][1]
    why = next(f.why for f in on.findings if f.rule == "job-ad-law")
    assert why.startswith("Not settled: Only a bill")


def test_the_law_table_in_the_docs_is_the_data():
    from pathlib import Path

    from jobgen.lint import load_book
    from jobgen.lint.report import laws_markdown

    committed = Path(__file__).resolve().parents[2] / "docs" / "laws.md"
    assert committed.read_text(encoding="utf-8") == laws_markdown(load_book()), (
        "refresh with: python scripts/laws_table.py"
    )


# --- Every law of the table: a posting that breaks it, one that satisfies it ----------

BOOK_LAWS = Linter().book.laws
BARE = """# Data Salesman

You will build data pipelines.

## What you bring

- Two years of Canadian work experience.
"""
COMPLETE = (
    GOOD + "\n\nThis posting is for an existing vacancy.\n\n"
    "We use artificial intelligence (AI) to screen, assess or select applicants: a matching "
    "model sorts applications for a recruiter.\n"
)


def _office(law) -> tuple[Location, ...]:
    where = law.where
    country = where.get("country") or where["countries"][0]
    cities = where.get("cities") or ["Capital"]
    return (Location(cities[0], country, where.get("region")),)


def _naming(report: PostingReport, law) -> list[str]:
    """The severities of the findings that come from `law` (by its source)."""
    return [f.severity for f in report.findings if law.source in f.source]


@pytest.mark.parametrize("law", BOOK_LAWS, ids=lambda law: law.id)
def test_every_law_is_broken_by_a_bare_posting_from_its_first_day(linter, catalog, law):
    where = company(catalog, _office(law), employees=max(law.min_employees, 200))
    day_before = law.effective - dt.timedelta(days=1)
    assert _naming(lint(linter, BARE, where, date=day_before, ai_used=True), law) == []
    found = _naming(lint(linter, BARE, where, date=law.effective, ai_used=True), law)
    assert found, f"{law.id}: a posting lacking {law.requires} passed"
    if not law.confirmed:
        assert "error" not in found, f"{law.id} is unsettled: warnings at most"


@pytest.mark.parametrize("law", BOOK_LAWS, ids=lambda law: law.id)
def test_every_law_is_met_by_a_complete_posting(linter, catalog, law):
    where = company(catalog, _office(law), employees=max(law.min_employees, 200))
    report = lint(linter, COMPLETE, where, date=law.effective, ai_used=True)
    assert _naming(report, law) == [], [f.message for f in report.findings]
