"""Item 7 of the first hour: the native-speaker family of phrases, suggestions in the
posting's own words, and counts that agree with their nouns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import GOOD

from jobgen.cli import main
from jobgen.inputs.lint_settings import LintConfig, PhraseEntry, PhraseSettings, phrase_problems
from jobgen.lint import LintContext, Linter, PostingReport
from jobgen.lint.phrasing import literal_parts, phrase_pattern, with_article

DATE = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def check(linter: Linter, text: str, **context: object) -> PostingReport:
    return linter.lint(text, LintContext(DATE, **context), "posting.md")


def found(report: PostingReport, rule: str) -> list[tuple[str, str]]:
    return [(f.text or "", f.suggestion or "") for f in report.findings if f.rule == rule]


def with_line(line: str) -> str:
    """The good posting with one more requirement."""
    return GOOD.replace("- Clear writing, and patience", f"- {line}\n- Clear writing, and patience")


# --- The native-speaker family ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "words", "language"),
    [
        ("Native German speaker.", "Native German speaker", "German"),
        ("A native speaker of French.", "native speaker of French", "French"),
        ("English (native) and Python.", "English (native)", "English"),
        ("Native-level Spanish.", "Native-level Spanish", "Spanish"),
        ("Native English or German speaker.", "Native English or German speaker", None),
        ("German/French native speaker.", "German/French native speaker", "German/French"),
        ("Dutch, French and German: native.", "Dutch, French and German: native", "French"),
        ("German mother tongue.", "German mother tongue", "German"),
        ("English as your first language.", "English as your first language", "English"),
        ("Muttersprachler in Deutsch.", "Muttersprachler", None),
        ("Français langue maternelle.", "langue maternelle", None),
        ("Native speakers only.", "Native speakers", None),
    ],
)
def test_the_native_speaker_family_is_caught(linter, line, words, language) -> None:
    hits = found(check(linter, with_line(line)), "exclusionary-language")
    assert [text for text, _ in hits] == [words]
    if language:  # the suggestion asks for fluency in the language the posting named
        assert f" {language} " in hits[0][1] or hits[0][1].endswith(f" {language}")


@pytest.mark.parametrize(
    "line",
    [
        "Cloud-native English documentation.",  # a hyphenated word is not the phrase
        "Non-native speakers are welcome.",
        "Native mobile apps in Swift.",
        "Native Python bindings for our SDK.",
        "Fluent German for customer calls.",
    ],
)
def test_lookalikes_are_left_alone(linter, line) -> None:
    assert found(check(linter, with_line(line)), "exclusionary-language") == []


def test_a_slot_matches_any_word_of_its_list_and_several_joined() -> None:
    import re

    slots = {"language": ("German", "English", "French")}
    pattern = re.compile(phrase_pattern("native {language} speaker*", slots), re.IGNORECASE)
    assert pattern.search("a native german-speaker")
    assert pattern.search("native English, French and German speakers")
    assert not pattern.search("native Klingon speaker")
    assert literal_parts("native {language} speaker*") == ["native", "speaker"]


# --- Suggestions in the posting's own words ----------------------------------------


def test_a_rockstar_in_an_ml_posting_is_offered_the_role_not_a_backend_engineer(linter) -> None:
    text = "# AI/ML Engineer (m/w/d)\n\n" + GOOD.split("\n", 1)[1].replace(
        "Tell us what would help.", "Tell us what would help. Be a rockstar."
    )
    [(words, suggestion)] = found(check(linter, text), "cliche")
    assert words == "rockstar"
    assert suggestion == "Say instead: a skilled AI/ML Engineer"
    assert "backend" not in suggestion


def test_tools_come_from_the_role_else_from_the_posting(linter) -> None:
    text = with_line("A ninja with Kubernetes.")
    [(_, from_role)] = found(check(linter, text, tools=("PyTorch", "MLflow")), "cliche")
    assert from_role.endswith("experienced with PyTorch")
    [(_, from_text)] = found(check(linter, text), "cliche")  # a file from elsewhere
    assert from_text.endswith("experienced with Snowflake")  # the first the requirements name
    assert from_text.startswith("Say instead: a ") or from_text.startswith("Say instead: an ")


def test_without_a_title_or_a_tool_the_suggestion_still_reads(linter) -> None:
    text = "Be a guru and a jedi.\n\n" + "We build things. " * 40
    suggestions = dict(found(check(linter, text), "cliche"))
    assert suggestions["guru"] == "Say instead: a specialist in the tools the role uses"
    assert suggestions["jedi"] == "Say instead: an experienced person for this role"


def test_a_posting_that_says_native_speaker_gets_its_own_language(linter) -> None:
    """The phrase list applies in every language (it holds German and French forms
    too); the suggestion names the posting's language."""
    text = with_line("Native speaker.")
    [(_, german)] = found(check(linter, text, language="de-DE"), "exclusionary-language")
    assert "spoken German for" in german
    [(_, english)] = found(check(linter, text), "exclusionary-language")
    assert "spoken English for" in english


def test_a_phrase_matches_across_a_comma_between_its_words(linter) -> None:
    text = with_line("Du arbeitest in einem jungen, dynamischen Team.")
    [(words, _)] = found(check(linter, text, language="de-DE"), "exclusionary-language")
    assert words == "jungen, dynamischen Team"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("AI/ML Engineer", "an AI/ML Engineer"),
        ("MLOps Engineer", "an MLOps Engineer"),
        ("NLP/LLM Engineer", "an NLP/LLM Engineer"),
        ("Prompt Engineer", "a Prompt Engineer"),
        ("AI Ethics Officer", "an AI Ethics Officer"),
        ("Chief AI Officer", "a Chief AI Officer"),
        ("Engineering Manager", "an Engineering Manager"),
        ("User Researcher", "a User Researcher"),
        ("UX Designer", "a UX Designer"),
        ("SRE", "an SRE"),
    ],
)
def test_the_article_follows_the_sound_not_the_letter(title, expected) -> None:
    assert with_article(title) == expected


def test_a_workspace_phrase_may_use_slots_and_placeholders(linter) -> None:
    entry = PhraseEntry(("{language} speaking household",), "fluent {language} for {a_role}")
    config = LintConfig(exclusionary_language=PhraseSettings(add=(entry,)))
    text = "# Data Engineer\n\n" + with_line("A Polish speaking household.").split("\n", 1)[1]
    [(words, suggestion)] = found(
        Linter(config).lint(text, LintContext(DATE), "p.md"), "exclusionary-language"
    )
    assert words == "Polish speaking household"
    assert suggestion == "Say instead: fluent Polish for a Data Engineer"


def test_unknown_slots_and_placeholders_are_named_with_a_guess() -> None:
    problems = phrase_problems(("native {langauge}", "{language}"), "a {rol}", {"language"})
    assert problems == [
        ("phrases[0]", "no slot {langauge} (did you mean {language}?)"),
        ("phrases[1]", "expected a word besides the slots"),
        ("instead", "no placeholder {rol} (did you mean {role}?)"),
    ]


def test_a_misspelt_slot_in_jobgen_yaml_is_reported_with_its_line(
    workspace_copy: Path, tmp_path: Path
) -> None:
    config = workspace_copy / "jobgen.yaml"
    lines = config.read_text().splitlines()
    config.write_text(
        "\n".join(
            [
                *lines,
                "lint:",
                "  cliche:",
                "    add:",
                '      - phrases: ["{lang} rockstar"]',
                "        instead: a skilled {role}",
                "",
            ]
        )
    )
    posting = tmp_path / "p.md"
    posting.write_text(GOOD)
    result = CliRunner().invoke(main, ["-w", str(workspace_copy), "lint", str(posting)])
    assert result.exit_code == 2
    assert (
        f"jobgen.yaml:{len(lines) + 4}:19: lint.cliche.add[0].phrases[0]: "
        "no slot {lang} (did you mean {language}?)"
    ) in result.stderr
    assert "Traceback" not in result.output


# --- Counts that agree with their nouns ---------------------------------------------


def test_one_masculine_word_reads_as_one(linter) -> None:
    text = "# Data Engineer\n\nYou are competitive.\n"
    [message] = [f.message for f in check(linter, text).findings if f.rule == "gendered-balance"]
    assert "1 masculine-coded word (competitive)" in message


@pytest.mark.parametrize(
    ("asked", "date", "expected"),
    [
        (
            3,
            dt.date(2026, 11, 25),
            "asks for 3 years of Model Context Protocol, which has "
            "existed for about 2 years (since 2024)",
        ),
        (
            2,
            dt.date(2025, 6, 1),
            "asks for 2 years of Model Context Protocol, which has "
            "existed for about 1 year (since 2024)",
        ),
        (
            1,
            dt.date(2024, 12, 1),
            "asks for 1 year of Model Context Protocol, which has "
            "existed for less than a year (since 2024)",
        ),
    ],
)
def test_years_agree_with_their_number(linter, asked, date, expected) -> None:
    text = with_line(f"{asked} years of Model Context Protocol.".replace("1 years", "1 year"))
    report = linter.lint(text, LintContext(date), "posting.md")
    messages = [f.message for f in report.findings if f.rule == "impossible-experience"]
    assert messages == [expected]


def test_the_companys_own_name_is_no_coded_wording(linter, catalog) -> None:
    import dataclasses

    quillon = dataclasses.replace(catalog[2]["brindle-ledger"], name="Quillon Analytics")
    text = GOOD.replace("Acme", "Quillon Analytics") + "\nYou will build analytics.\n"
    coded = [
        f.text
        for f in check(linter, text, company=quillon).findings
        if f.rule == "gendered-word" and f.text.lower().startswith("analy")
    ]
    assert coded == ["analytics"]  # the word in the text counts; the name, four times, not
    assert text.count("Quillon Analytics") == 4
