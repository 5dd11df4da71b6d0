"""Unit tests: each lint rule fires on a posting that breaks it, and not on one that keeps it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from samples import GOOD

from jobgen.inputs.company_parts import Location
from jobgen.inputs.lint_settings import (
    EntryLevelSettings,
    GenderedWordSettings,
    LintConfig,
    PhraseEntry,
    PhraseSettings,
    RuleSettings,
    WordCountSettings,
)
from jobgen.lint import LintContext, Linter, PostingReport

DATE = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def check(linter: Linter, text: str, company=None, seniority: str | None = None) -> PostingReport:
    return linter.lint(text, LintContext(DATE, company, seniority), "posting.md")


def rules(report: PostingReport, severity: str | None = None) -> list[str]:
    return [f.rule for f in report.findings if severity is None or f.severity == severity]


def test_the_good_posting_passes_strict(linter) -> None:
    report = check(linter, GOOD)
    assert not report.fails(strict=True), [f.message for f in report.findings]
    assert 300 <= report.words <= 700
    assert report.score == 100
    assert report.laws is None  # no company: no jurisdictions known


# --- Inclusive language ----------------------------------------------------


def test_gendered_words_are_each_reported_and_balanced(linter) -> None:
    report = check(linter, GOOD)
    words = [f.text for f in report.findings if f.rule == "gendered-word"]
    assert "together" in words and "support" in words
    assert report.coding.endswith("feminine-coded")
    assert "gendered-balance" not in rules(report)


def test_a_masculine_coded_posting_gets_a_warning(linter) -> None:
    text = GOOD.replace(
        "Clear writing, and patience",
        "A decisive, competitive, ambitious and assertive leader with strong analytical "
        "skills and patience",
    )
    report = check(linter, text)
    balance = [f for f in report.findings if f.rule == "gendered-balance"]
    assert len(balance) == 1 and balance[0].severity == "warning"
    assert "masculine-coded" in balance[0].message
    assert report.coding.endswith("masculine-coded")
    assert report.fails(strict=True) and not report.fails(strict=False)


def test_stems_match_word_starts_and_exact_words_match_whole_words(linter) -> None:
    report = check(linter, GOOD.replace("Acme makes", "Leadership at Acme, with kindness, makes"))
    found = {f.text.lower() for f in report.findings if f.rule == "gendered-word"}
    assert "leadership" in found  # lead* is a stem
    assert "kindness" not in found  # kind is a whole word


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("We want a rockstar engineer.", "cliche"),
        ("You are a coding ninja.", "cliche"),
        ("We work hard, play hard.", "cliche"),
        ("Join a young team.", "exclusionary-language"),
        ("You are a digital native.", "exclusionary-language"),
        ("You are a native English speaker.", "exclusionary-language"),
        ("We hire for culture fit.", "exclusionary-language"),
        ("You will hit the ground running.", "cliche"),
    ],
)
def test_exclusionary_and_cliche_phrases(linter, phrase: str, rule: str) -> None:
    report = check(linter, GOOD.replace("Tell us what would help.", phrase))
    hits = [f for f in report.findings if f.rule == rule]
    assert hits, phrase
    assert hits[0].suggestion and hits[0].suggestion.startswith("Say instead: ")
    assert hits[0].section == "Equal opportunity" and hits[0].line is not None


def test_phrases_do_not_fire_on_innocent_words(linter) -> None:
    text = GOOD.replace("Tell us what would help.", "Youngstown natives and guru-free teams.")
    report = check(linter, text)
    assert "exclusionary-language" not in rules(report)


# --- Structure -------------------------------------------------------------


def test_missing_equal_opportunity_and_apply_sections(linter) -> None:
    text = GOOD.split("## How to apply")[0]
    report = check(linter, text)
    messages = [f.message for f in report.findings if f.rule == "missing-section"]
    assert messages == ["no equal-opportunity statement section", "no how to apply section"]


def test_an_equal_opportunity_sentence_without_a_heading_counts(linter) -> None:
    text = GOOD.replace("## Equal opportunity\n", "")
    assert "missing-section" not in rules(check(linter, text))


def test_empty_sections(linter) -> None:
    text = GOOD.replace("## Pay\n", "## Travel\n\n## Pay\n")
    empties = [f.message for f in check(linter, text).findings if f.rule == "empty-section"]
    assert empties == ["the section 'Travel' is empty"]
    # A heading whose subsections hold the text is not empty.
    text = GOOD.replace("## Nice to have\n", "## Nice to have\n\n### Extras\n")
    assert "empty-section" not in rules(check(linter, text))


# --- Length and readability ------------------------------------------------


def test_word_count_band(linter) -> None:
    short = check(
        linter,
        "# Title\n\n## How to apply\n\nApply on our site.\n\n"
        "## EEO\n\nWe are an equal opportunity employer.\n",
    )
    notice = 6  # "We are an equal opportunity employer.": required, so not counted
    assert [f.message for f in short.findings if f.rule == "word-count"] == [
        f"{short.words - notice} words (besides {notice} of notices); the target is 150 to 700"
    ]
    items = "\n".join(["- One more plain item here."] * 100)
    long = check(linter, GOOD + f"\n## More to know\n\n{items}\n")  # not under the EEO heading
    assert "word-count" in rules(long, "warning")


def test_long_sentences_are_quoted(linter) -> None:
    sentence = "Plain " + " ".join(["word"] * 35) + "."
    report = check(linter, GOOD.replace("Tell us what would help.", sentence))
    found = [f for f in report.findings if f.rule == "long-sentence"]
    assert len(found) == 1 and found[0].text == sentence
    assert found[0].message == "a sentence of 36 words (limit 35)"


def test_reading_ease(linter) -> None:
    dense = (
        "Comprehensive organizational infrastructure responsibilities necessitate "
        "sophisticated interdisciplinary collaboration capabilities. "
    )
    text = GOOD.replace(
        "## What you will do", "## Context\n\n" + dense * 30 + "\n\n## What you will do"
    )
    report = check(linter, text)
    assert report.reading_ease is not None and report.reading_ease < 30
    assert "reading-ease" in rules(report, "warning")


# --- Realism ---------------------------------------------------------------


def test_more_than_ten_requirements(linter) -> None:
    items = "\n".join(f"- Requirement number {n}." for n in range(11))
    text = GOOD.replace("## Nice to have", items + "\n\n## Nice to have", 1)
    found = [f.message for f in check(linter, text).findings if f.rule == "many-requirements"]
    assert found == ["15 requirements under 'What you bring' (limit 10)"]


def test_nice_to_have_items_are_not_requirements(linter) -> None:
    items = "\n".join(f"- Bonus number {n}." for n in range(12))
    text = GOOD.replace("- Experience with weather", items + "\n- Experience with weather")
    assert "many-requirements" not in rules(check(linter, text))


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("10 years of LLM fine-tuning experience.", True),
        ("Fifteen years of experience with Kubernetes.", True),
        ("Ten years of experience with Kubernetes.", False),  # it dates from 2014
        ("5+ years with LangChain in production.", True),
        ("5 years of Python, including work with LLMs.", False),  # Python is old enough
        ("3 years of experience fine-tuning large language models.", False),
    ],
)
def test_experience_longer_than_the_technology_exists(linter, sentence: str, fires: bool) -> None:
    report = check(linter, GOOD.replace("- Clear writing", f"- {sentence}\n- Clear writing"))
    assert ("impossible-experience" in rules(report)) is fires, report.findings


def test_entry_level_with_senior_requirements(linter) -> None:
    text = GOOD.replace("# Data Engineer", "# Junior Data Engineer").replace(
        "- Clear writing", "- 5+ years of experience as a senior engineer.\n- Clear writing"
    )
    found = [f.message for f in check(linter, text).findings if f.rule == "entry-level-mismatch"]
    assert "an entry-level role asking for 5 years of experience" in found
    assert "an entry-level role asking for 'senior'" in found
    # The same text for a senior role is fine, and the role's seniority alone marks entry level.
    senior = text.replace("# Junior Data Engineer", "# Data Engineer")
    assert "entry-level-mismatch" not in rules(check(linter, senior))
    assert "entry-level-mismatch" in rules(check(linter, senior, seniority="entry"))


# --- Pay transparency ------------------------------------------------------


def company(catalog, **changes):
    _, _, companies = catalog
    return dataclasses.replace(companies["brindle-ledger"], **changes)


NYC = (Location("New York", "US", "NY"),)
LONDON = (Location("London", "GB"),)


def pay_findings(report: PostingReport) -> list[str]:
    return [f.message for f in report.findings if f.rule == "pay-transparency"]


def test_a_new_york_city_posting_without_pay_fails(linter, catalog) -> None:
    without_pay = GOOD.replace("**Acme** · Denver, CO · Full-time", "**Acme** · New York").replace(
        "- $120,000 – $150,000 per year, with stock options.", "- Competitive."
    )
    report = check(linter, without_pay, company(catalog, locations=NYC, employees=50))
    assert report.laws is not None and {"new-york-city", "new-york-state"} <= set(report.laws)
    messages = pay_findings(report)
    assert len(messages) == 1 and messages[0].startswith("the posting shows no pay range")
    assert "New York City" in messages[0]
    assert report.fails(strict=False)  # an error fails without --strict


def test_a_new_york_city_posting_with_pay_passes(linter, catalog) -> None:
    report = check(linter, GOOD, company(catalog, locations=NYC, employees=50))
    assert pay_findings(report) == []


def test_a_range_written_with_cents_satisfies_the_law(linter, catalog) -> None:
    with_cents = GOOD.replace("**Acme** · Denver, CO", "**Acme** · New York").replace(
        "$120,000 – $150,000 per year", "$120,000.00 – $150,000.00 per year"
    )
    assert with_cents != GOOD
    report = check(linter, with_cents, company(catalog, locations=NYC, employees=50))
    assert pay_findings(report) == []


@pytest.mark.parametrize(
    ("places", "missing"),
    [
        (("London, UK",), "New York, NY"),  # the only range is London's
        (("Austin, TX", "London"), "New York, NY"),
        (("New York, NY",), None),
        (("NY",), None),  # the state names the office
        (("London", None), None),  # one range for every place
    ],
)
def test_a_pay_law_wants_a_range_for_its_own_place(linter, catalog, places, missing) -> None:
    offices = (*NYC, *LONDON)
    context = LintContext(
        DATE, company(catalog, locations=offices, employees=50), pay_places=places
    )
    found = pay_findings(linter.lint(GOOD, context, "posting.md"))
    if missing is None:
        assert found == []
    else:
        [message] = found
        shown = " and ".join(p for p in places if p)
        assert message.startswith(
            f"the posting shows no pay range for {missing} (its ranges are for {shown}); "
            "required in New York State and New York City"
        )


def test_remote_work_from_a_pay_law_place_needs_its_range_or_a_remote_one(linter, catalog) -> None:
    remote = company(catalog, locations=LONDON, remote_regions=("Colorado",), employees=50)
    london_only = LintContext(DATE, remote, pay_places=("London",))
    [message] = pay_findings(linter.lint(GOOD, london_only, "posting.md"))
    assert message.startswith("the posting shows no pay range for remote work from Colorado (")
    for covering in ("Remote (US)", "Colorado", "US"):
        context = LintContext(DATE, remote, pay_places=("London", covering))
        assert pay_findings(linter.lint(GOOD, context, "posting.md")) == [], covering


TORONTO = (Location("Toronto", "CA", "ON"),)


@pytest.mark.parametrize(
    "places", [("Toronto",), ("Ontario",), ("ON",), ("Canada",), ("Toronto", "New York")]
)
def test_an_office_range_serves_remote_work_from_its_region_and_the_region_its_office(
    linter, catalog, places
) -> None:
    """Ontario's law reaches the Toronto office and remote work from Ontario: a range for
    Toronto serves both, and so does one for Ontario (by name or code) or Canada."""
    toronto = company(catalog, locations=TORONTO, remote_regions=("ON",), employees=50)
    context = LintContext(DATE, toronto, pay_places=places)
    assert pay_findings(linter.lint(GOOD, context, "posting.md")) == []


def test_a_small_employer_or_a_place_without_a_law_needs_no_pay(linter, catalog) -> None:
    without_pay = GOOD.replace("- $120,000 – $150,000 per year, with stock options.", "- Good.")
    small = check(linter, without_pay, company(catalog, locations=NYC, employees=3))
    assert pay_findings(small) == [] and "new-york-city" not in (small.laws or [])
    report = check(linter, without_pay, company(catalog, locations=LONDON))
    assert report.laws == [] and pay_findings(report) == []


def test_a_remote_role_open_to_colorado_residents_needs_pay_and_a_deadline(linter, catalog) -> None:
    remote = company(
        catalog, work_model="remote", locations=(), remote_regions=("Colorado",), employees=5
    )
    without = GOOD.replace("- $120,000 – $150,000 per year, with stock options.", "- Good.")
    without = without.replace(" Applications close January 15, 2027.", "")
    report = check(linter, without, remote)
    assert report.laws == ["colorado"]
    messages = pay_findings(report)
    assert any(m.startswith("the posting shows no pay range") for m in messages)
    assert any(m.startswith("the posting does not say when applications close") for m in messages)
    assert pay_findings(check(linter, GOOD, remote)) == []


def test_open_ended_ranges_fail_where_a_law_wants_a_maximum(linter, catalog) -> None:
    text = GOOD.replace(
        "$120,000 – $150,000 per year", "$120,000 – $150,000 per year, or $160,000+ for leads"
    )
    report = check(linter, text, company(catalog, locations=NYC, employees=50))
    assert any("open-ended pay '$160,000+'" in m for m in pay_findings(report))
    assert pay_findings(check(linter, text, company(catalog, locations=LONDON))) == []


def test_ontario_limits_the_width_of_a_range(linter, catalog) -> None:
    toronto = company(catalog, locations=(Location("Toronto", "CA", "ON"),), employees=100)
    wide = GOOD.replace("$120,000 – $150,000", "CA$100,000 – CA$160,000")
    assert any("is 60,000 wide" in m for m in pay_findings(check(linter, wide, toronto)))
    narrow = GOOD.replace("$120,000 – $150,000", "CA$100,000 – CA$140,000")
    assert pay_findings(check(linter, narrow, toronto)) == []


def test_an_unknown_remote_region_is_a_warning_its_laws_go_unchecked(linter, catalog) -> None:
    remote = company(catalog, work_model="remote", locations=(), remote_regions=("Europe",))
    found = [f for f in check(linter, GOOD, remote).findings if f.rule == "unknown-region"]
    assert len(found) == 1 and found[0].severity == "warning"  # fails --strict: CI sees it
    assert "its laws are not checked" in found[0].message


def test_the_balance_suggestion_names_the_postings_own_words(linter) -> None:
    text = GOOD.replace(
        "Clear writing, and patience",
        "A decisive, competitive, ambitious and assertive leader with strong analytical "
        "skills and patience",
    )
    [balance] = [f for f in check(linter, text).findings if f.rule == "gendered-balance"]
    assert balance.suggestion.startswith('Replace some of "decisive", "competitive", ')


# --- Settings from jobgen.yaml ---------------------------------------------


def test_settings_change_severity_bands_and_words(catalog) -> None:
    config = LintConfig(
        word_count=WordCountSettings(min=10, max=200),
        cliche=PhraseSettings(
            severity="info", add=(PhraseEntry(("data wrangler",), "data engineer"),)
        ),
        gendered_word=GenderedWordSettings(ignore=("support",), masculine=("farm*",)),
        missing_section=RuleSettings(severity="off"),
        entry_level_mismatch=EntryLevelSettings(entry_words=("apprentice data",)),
    )
    linter = Linter(config)
    text = GOOD.replace("Acme makes software", "Acme hires a data wrangler. Acme makes software")
    report = check(linter, text.split("## How to apply")[0])
    assert [f.message for f in report.findings if f.rule == "word-count"] == [
        f"{report.words} words; the target is 10 to 200"
    ]
    added = [f for f in report.findings if f.rule == "cliche"]
    assert added and added[0].severity == "info"  # and so it passes --strict
    coded = {f.text.lower() for f in report.findings if f.rule == "gendered-word"}
    assert "support" not in coded and "farms" in coded
    assert "missing-section" not in rules(report)
    assert "apprentice data" in linter.book.rule("entry-level-mismatch").settings["entry_words"]
    assert "junior" in linter.book.rule("entry-level-mismatch").settings["entry_words"]


def test_every_rule_has_its_texts_and_a_setting_class(linter) -> None:
    fields = {f.metadata["key"] for f in dataclasses.fields(LintConfig)}
    assert set(linter.book.rules) == fields
    for rule in linter.book.rules.values():
        assert rule.category in linter.book.categories
        assert rule.why and rule.source and rule.title
        assert rule.severity in ("error", "warning", "info")


# --- Tailoring: generic-posting and starter-text ------------------------------------------


def test_a_posting_that_says_nothing_of_the_hire_is_generic(linter):
    report = check(linter, GOOD)
    [finding] = [f for f in report.findings if f.rule == "generic-posting"]
    assert finding.severity == "info"
    assert finding.message == (
        "a generic posting: it does not say the team, whom the hire reports to or what success "
        "looks like"
    )


def test_team_reporting_line_and_outcomes_make_it_specific(linter):
    tailored = GOOD.replace(
        "## About Acme",
        "## The job at a glance\n\n- **Team:** Data platform\n- **You report to:** the CTO\n\n"
        "## What success looks like\n\n- In your first year, the pipeline runs on its own.\n\n"
        "## About Acme",
    )
    assert not [f for f in check(linter, tailored).findings if f.rule == "generic-posting"]
    half = GOOD.replace("## About Acme", "## The team\n\nSix engineers.\n\n## About Acme")
    [finding] = [f for f in check(linter, half).findings if f.rule == "generic-posting"]
    assert finding.message.endswith("does not say whom the hire reports to or what success "
                                    "looks like")  # fmt: skip


def test_text_left_from_the_example_workspace_is_a_warning(linter):
    text = GOOD.replace("Acme makes software", "My Company makes route-planning software for "
                        "regional freight carriers and software")  # fmt: skip
    found = [f for f in check(linter, text).findings if f.rule == "starter-text"]
    assert [f.text for f in found] == [
        "My Company", "route-planning software for regional freight carriers",
    ]  # fmt: skip
    assert {f.severity for f in found} == {"warning"}
    assert not [f for f in check(linter, GOOD).findings if f.rule == "starter-text"]


def test_a_workspace_can_turn_the_tailoring_rules_down():
    config = LintConfig(generic_posting=RuleSettings(severity="off"))
    assert not [f for f in check(Linter(config), GOOD).findings if f.rule == "generic-posting"]


def test_phrase_matchers_follow_each_book_even_when_an_old_book_is_freed():
    """Books come and go (a preview server, a library user); a new book must never get
    the matchers of a freed one whose memory it took over."""
    extra = LintConfig(
        cliche=PhraseSettings(add=(PhraseEntry(("ledger gardener",), "say what the work is"),))
    )
    text = GOOD.replace("Acme makes", "Acme, a ledger gardener, makes")
    for _ in range(50):
        with_extra = check(Linter(extra), text)
        assert "cliche" in rules(with_extra)
        del with_extra
        assert "cliche" not in rules(check(Linter(), text))


def test_gender_word_lists_follow_each_book_even_when_an_old_book_is_freed():
    """The same for the gender-coded word lists: a book with a workspace's own words must
    never get the lists a freed book left under the id it now has."""
    from jobgen.lint import rules_inclusive

    plain = Linter().book
    extra = Linter(LintConfig(gendered_word=GenderedWordSettings(masculine=("farm*",)))).book
    rules_inclusive._gender_lists(plain)
    # What a freed book leaves behind, when Python gives its id to a new one:
    rules_inclusive._LISTS[id(extra)] = rules_inclusive._LISTS[id(plain)]
    assert rules_inclusive._gender_lists(extra).kind("farms") == "masculine"
    assert rules_inclusive._gender_lists(plain).kind("farms") is None
