"""Lint reads a posting with its language's lists, headings and reading-ease formula;
the English ones never judge German or French text."""

from __future__ import annotations

import datetime as dt

import pytest

from jobgen.lint import Linter
from jobgen.lint.readability import syllables, text_stats
from jobgen.lint.scan import LintContext

DATE = dt.date(2026, 11, 25)
GERMAN = """# KI/ML-Ingenieur (m/w/d)

## Über Atelier Lumen

Wir entwickeln Planungssoftware für Werkstätten. Unser Team arbeitet in Berlin.

## Ihre Aufgaben

- Sie trainieren Modelle und bringen sie in den Betrieb.
- Sie messen, was jedes Modell für unsere Kunden verändert.

## Ihr Profil

- Erfahrung mit Python und PyTorch.
- Sie sind durchsetzungsstark und ehrgeizig.

## Gehalt

- 58.000 € – 72.000 € pro Jahr.

## So bewerben Sie sich

Bewerben Sie sich auf unserer Karriereseite.

## Chancengleichheit

Wir freuen uns über jede Bewerbung, unabhängig von Geschlecht, Herkunft, Alter oder Behinderung.
"""


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def check(linter: Linter, text: str, language: str | None):
    return linter.lint(text, LintContext(DATE, language=language), "posting.md")


def test_german_headings_are_read_as_their_sections(linter):
    german = check(linter, GERMAN, "de-DE")
    assert not [f for f in german.findings if f.rule == "missing-section"]
    # the same text read as English misses every section it has
    english = check(linter, GERMAN, "en-US")
    assert len([f for f in english.findings if f.rule == "missing-section"]) == 2


def test_german_text_is_coded_with_the_german_list_not_the_english(linter):
    german = check(linter, GERMAN, "de-DE")
    assert german.masculine >= 2  # durchsetzungsstark, ehrgeizig: TUM's list
    english_words = GERMAN.replace("durchsetzungsstark und ehrgeizig", "assertive and ambitious")
    assert check(linter, english_words, "de-DE").masculine < german.masculine
    assert check(linter, english_words, "en-US").masculine >= 2  # Gaucher et al.'s list


def test_french_has_no_published_list_so_nothing_is_coded(linter):
    text = "# Ingénieur IA (H/F)\n\n## Votre profil\n\n- Vous êtes ambitieux et compétitif.\n"
    assert check(linter, text, "fr-FR").masculine == 0
    assert check(linter, text.replace("ambitieux et compétitif", "ambitious"), "en").masculine


def test_reading_ease_uses_the_formula_of_the_language():
    sentence = ["Wir entwickeln Planungssoftware für Werkstätten in ganz Deutschland."]
    german = text_stats(sentence, "de")
    assert german.formula == "Amstad reading ease"
    assert german.reading_ease == pytest.approx(
        180 - german.words / german.sentences - 58.5 * german.syllables / german.words
    )
    french = text_stats(["Nous concevons des logiciels de planification."], "fr")
    assert french.formula == "Kandel-Moles reading ease"
    assert text_stats(["Wij bouwen software."], "nl").reading_ease is None


@pytest.mark.parametrize(
    ("word", "language", "count"),
    [("Werkstätten", "de", 3), ("Planungssoftware", "de", 5), ("entreprise", "fr", 3),
     ("logiciels", "fr", 3), ("compétences", "fr", 3), ("software", "en", 2)],
)  # fmt: skip
def test_syllables_by_the_rules_of_the_language(word, language, count):
    assert syllables(word, language) == count


def test_a_reading_ease_finding_names_its_formula(linter):
    long = (
        "## Ihre Aufgaben\n\n"
        + "Sie verantworten ausnahmslos sämtliche Infrastrukturentscheidungen. " * 3
    )
    found = [f for f in check(linter, long, "de-DE").findings if f.rule == "reading-ease"]
    assert found and found[0].message.startswith("Amstad reading ease")


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Mindestens 8 Jahre Erfahrung mit LangChain.", "de-DE", True),
        ("8 ans d'expérience avec LangChain.", "fr-FR", True),
        ("Vous avez 25 ans et LangChain vous intéresse.", "fr-FR", False),
        ("Du bist zwischen 25 und 35 Jahre alt und kennst LangChain.", "de-DE", False),
    ],
)
def test_years_of_experience_are_read_in_german_and_french(linter, text, language, found):
    report = check(linter, f"## Profil\n\n- {text}\n", language)
    assert any(f.rule == "impossible-experience" for f in report.findings) is found


def test_pay_written_the_way_cldr_writes_it_is_read(linter):
    from jobgen.lint.pay import pay_ranges

    for text, currency in [
        ("145\u202f000\xa0$US – 190\u202f000\xa0$US par an", "USD"),
        ("120\u202f000\xa0£GB – 160\u202f000\xa0£GB par an", "GBP"),
        ("145\xa0000\xa0$\xa0US – 190\xa0000\xa0$\xa0US", "USD"),
        ("85.000\xa0€ – 115.000\xa0€ brutto pro Jahr", "EUR"),
        ("150.000\xa0$ – 190.000\xa0$ pro Jahr", "USD"),
    ]:
        [found] = pay_ranges(text)
        assert found.currency == currency and found.high.amount > 100_000, text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Entre 45 000 et 55 000 euros bruts annuels", 45_000, 55_000),
        ("De 45 000 à 55 000 euros par an", 45_000, 55_000),
        ("zwischen 60.000 und 75.000 Euro brutto", 60_000, 75_000),
        ("45 à 55 k€ brut annuel", 45_000, 55_000),
    ],
)
def test_pay_in_words_is_read_in_german_and_french(text, low, high):
    from jobgen.lint.pay import pay_ranges

    [found] = pay_ranges(text)
    assert (found.low.amount, found.high.amount, found.currency) == (low, high, "EUR")


def test_a_language_with_no_word_list_is_not_called_neutral(linter):
    text = "# Ingénieur IA (H/F)\n\n## Votre profil\n\n- Vous êtes ambitieux et compétitif.\n"
    assert check(linter, text, "fr-FR").coding == "not checked"
    assert check(linter, text.replace("ambitieux et compétitif", "curieux"), "de-DE").coding in (
        "neutral",
        "slightly feminine-coded",
        "slightly masculine-coded",
    )


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Vous avez moins de 30 ans.", "exclusionary-language"),
        ("Excellente présentation, CV et photo.", "exclusionary-language"),
        ("Dix ans d'expérience avec LangChain.", "impossible-experience"),
        ("Zehn Jahre Erfahrung mit LangChain.", "impossible-experience"),
    ],
)
def test_french_and_german_age_looks_and_spelled_out_years_are_caught(linter, line, rule):
    language = "de-DE" if "Jahre" in line else "fr-FR"
    report = check(linter, f"## Profil\n\n- {line}\n", language)
    assert any(f.rule == rule for f in report.findings)
