"""Postings in German and French, read back from every format they are written in."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from jobgen.inputs.workspace import Workspace
from jobgen.publish.pipeline import generate
from tests.conftest import FIXED_DATE, ROOT
from tests.page_reader import read

FORMATS = ["md", "html", "docx", "txt", "json"]
# What an English posting writes itself: none of it may be left in another language.
ENGLISH = [
    "About ", "The role", "What you will do", "What you bring", "Nice to have", "Pay",
    "Benefits", "How to apply", "Equal opportunity", "Posted ", "per year", "Full-time",
    "Tools you will use", "Why this role matters", "Apply on",
]  # fmt: skip
EXPECTED = {
    "de-DE": {
        "title": "AI/ML Engineer (m/w/d)",
        "headings": ["Ihre Aufgaben", "Ihr Profil", "Gehalt", "So bewerben Sie sich"],
        "date": "25. November 2026",
        "amount": "58.000\xa0€",
        "paper": (210, 297),
    },
    "fr-FR": {
        "title": "Ingénieur IA/ML (H/F)",
        "headings": ["Vos missions", "Votre profil", "Rémunération", "Comment postuler"],
        "date": "25 novembre 2026",
        "amount": "58\u202f000\xa0€",
        "paper": (210, 297),
    },
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace whose company writes its profile in French and publishes in German
    too (its German text in company_profiles/de-DE/)."""
    root = tmp_path_factory.mktemp("ws")
    (root / "jobgen.yaml").write_text("{}\n")
    profiles = root / "company_profiles"
    (profiles / "de-DE").mkdir(parents=True)
    (profiles / "atelier.yaml").write_text(
        """name: Atelier Lumen
stage: early
industry: Logiciels de planification
website: https://atelier-lumen.example
employees: 60
language: fr-FR
about: Atelier Lumen conçoit des logiciels de planification pour les ateliers.
mission: Aider chaque atelier à tenir ses délais.
benefits: [Mutuelle prise en charge à 80 %.]
work_model: hybrid
locations: [{city: Lyon, country: FR}, {city: Berlin, country: DE}]
pay:
  ai-ml-engineer: {currency: EUR, min: 58000, max: 72000, period: year}
apply: {url: https://atelier-lumen.example/carrieres}
equal_opportunity: Atelier Lumen étudie toutes les candidatures sans distinction.
brand: {color: "#1F4E79", font: Source Sans 3}
stack: [PyTorch, AWS]
""",
        encoding="utf-8",
    )
    (profiles / "de-DE" / "atelier.yaml").write_text(
        """industry: Planungssoftware
about: Atelier Lumen entwickelt Planungssoftware für Werkstätten.
mission: Jeder Werkstatt helfen, ihre Termine zu halten.
benefits: [Zusatzkrankenversicherung zu 80 % bezahlt.]
equal_opportunity: Atelier Lumen prüft alle Bewerbungen ohne Unterschied.
""",
        encoding="utf-8",
    )
    return Workspace(root, (root, ROOT))


@pytest.fixture(scope="module", params=["de-DE", "fr-FR"])
def written(request, workspace, tmp_path_factory) -> tuple[str, dict[str, bytes]]:
    language = request.param
    out = tmp_path_factory.mktemp(language)
    generate(
        workspace, ["ai-ml-engineer"], "atelier", FORMATS, out, FIXED_DATE, languages=(language,)
    )
    folder = out / "atelier"
    return language, {path.suffix[1:]: path.read_bytes() for path in folder.iterdir()}


def test_markdown_is_in_the_language(written):
    language, files = written
    expected = EXPECTED[language]
    text = files["md"].decode()
    assert text.startswith(f"# {expected['title']}\n")
    for heading in expected["headings"]:
        assert f"\n## {heading}\n" in text
    assert expected["date"] in text and expected["amount"] in text
    for english in ENGLISH:
        assert english not in text, english
    # the stack keeps PyTorch of "PyTorch oder TensorFlow" / "PyTorch ou TensorFlow"
    assert "TensorFlow" not in text and "PyTorch" in text


def test_the_page_says_its_language(written):
    language, files = written
    page = files["html"].decode()
    assert re.search(rf'<html lang="{language}">', page)
    reader = read(page)
    assert reader.headings[0] == EXPECTED[language]["title"]
    assert set(EXPECTED[language]["headings"]) <= set(reader.headings)
    job_posting = json.loads(page.split('type="application/ld+json">')[1].split("</script>")[0])
    assert job_posting["@context"] == {"@vocab": "https://schema.org/", "@language": language}
    assert not re.search(r'hreflang="', page)  # one language asked: no alternates


def test_word_has_the_language_and_a4(written):
    language, files = written
    document = docx.Document(io.BytesIO(files["docx"]))
    assert document.core_properties.language == language
    assert document.paragraphs[0].text == EXPECTED[language]["title"]
    styles = zipfile.ZipFile(io.BytesIO(files["docx"])).read("word/styles.xml").decode()
    assert f'w:lang w:val="{language}"' in styles  # Normal: Word's spelling checks it
    width, height = EXPECTED[language]["paper"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (width, height)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert set(EXPECTED[language]["headings"]) <= set(headings)


def test_text_and_json_are_in_the_language(written):
    language, files = written
    text = files["txt"].decode()
    assert EXPECTED[language]["date"] in text and "per year" not in text
    document = json.loads(files["json"])
    # German is not the company's own language: its files are named by it, never over it
    own = language == "fr-FR"
    assert document["language"] == language
    assert document["languages"] == ([] if own else [language])
    assert document["title"] == EXPECTED[language]["title"]
    assert EXPECTED[language]["amount"] in document["pay"][0]["text"]


def test_a_us_english_posting_stays_letter_and_plain_json_ld(tmp_path):
    out = tmp_path / "out"
    generate(Workspace(None, (ROOT,)), ["ai-architect"], "furrowlight", ["docx", "html"], out,
             FIXED_DATE)  # fmt: skip
    document = docx.Document(out / "furrowlight" / "ai-architect.docx")
    assert round(document.sections[0].page_width.mm) == 216  # US Letter
    assert (
        '"@context": "https://schema.org"'
        in (out / "furrowlight" / "ai-architect.html").read_text()
    )


def test_two_languages_link_to_each_other_and_repeat_byte_for_byte(workspace, tmp_path):
    runs = []
    for name in ("one", "two"):
        out = tmp_path / name
        generate(workspace, ["ai-ml-engineer"], "atelier", ["html", "md"], out, FIXED_DATE,
                 languages=("de-DE", "fr-FR"))  # fmt: skip
        runs.append({p.name: p.read_bytes() for p in (out / "atelier").iterdir()})
    assert runs[0] == runs[1]
    assert sorted(runs[0]) == [
        "ai-ml-engineer.de-DE.html", "ai-ml-engineer.de-DE.md",
        "ai-ml-engineer.fr-FR.html", "ai-ml-engineer.fr-FR.md",
    ]  # fmt: skip
    for language in ("de-DE", "fr-FR"):
        page = runs[0][f"ai-ml-engineer.{language}.html"].decode()
        links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
        assert links == [
            ("de-DE", "ai-ml-engineer.de-DE.html"), ("fr-FR", "ai-ml-engineer.fr-FR.html"),
        ]  # fmt: skip


def test_the_sample_berlin_opening_is_published_in_german_and_english():
    folder = ROOT / "output" / "examples" / "carrowmere-health"
    german = (folder / "clinical-nlp-engineer-berlin.de-DE.md").read_text(encoding="utf-8")
    english = (folder / "clinical-nlp-engineer-berlin.en-GB.md").read_text(encoding="utf-8")
    assert german.startswith("# Senior NLP/LLM Engineer (m/w/d)\n")
    assert english.startswith("# Senior NLP/LLM Engineer\n")
    assert (
        "82.000\xa0€ – 112.000\xa0€ brutto pro Jahr" in german
        and "€82,000 – €112,000 per year" in english
    )
    assert "summarisation" in english and "centre" in english  # British spelling
    page = (folder / "clinical-nlp-engineer-berlin.en-GB.html").read_text(encoding="utf-8")
    assert 'hreflang="de-DE" href="clinical-nlp-engineer-berlin.de-DE.html"' in page


def test_a_missing_translation_names_the_file_to_add(workspace, tmp_path):
    from jobgen.errors import InputError

    with pytest.raises(InputError) as error:
        generate(workspace, ["ai-ml-engineer"], "atelier", ["md"], tmp_path, FIXED_DATE,
                 languages=("nl-NL",))  # fmt: skip
    message = str(error.value)
    assert "company_profiles/nl-NL/atelier.yaml" in message
    assert "roles/nl-NL/ai-ml-engineer.yaml" in message
    assert "no messages in nl-NL" in message and "templates/messages/nl-NL.po" in message
    assert not any(Path(tmp_path).iterdir())  # nothing written


def test_a_catalog_is_text_never_markup(workspace, tmp_path):
    """A workspace catalog is input like any other: its text is escaped in every format."""
    folder = Path(workspace.root) / "templates" / "messages"
    folder.mkdir(parents=True)
    catalog = folder / "de.po"
    catalog.write_text(
        'msgid "Pay"\nmsgstr "<script>alert(1)</script> [Gehalt](javascript:alert(1))"\n\n'
        'msgid "This posting in other languages"\nmsgstr "\\" onmouseover=\\"alert(1)"\n',
        encoding="utf-8",
    )
    try:
        out = tmp_path / "out"
        generate(workspace, ["ai-ml-engineer"], "atelier", ["md", "html"], out, FIXED_DATE,
                 languages=("de-DE", "fr-FR"))  # fmt: skip
        page = (out / "atelier" / "ai-ml-engineer.de-DE.html").read_text(encoding="utf-8")
        markdown = (out / "atelier" / "ai-ml-engineer.de-DE.md").read_text(encoding="utf-8")
    finally:
        catalog.unlink()
    assert "<script>alert" not in page and 'href="javascript' not in page
    assert '" onmouseover="' not in page and "&#34; onmouseover=&#34;alert(1)" in page
    assert "## &lt;script>alert(1)&lt;/script> \\[Gehalt\\](javascript:alert(1))" in markdown


def test_a_right_to_left_language_gets_dir_rtl_and_isolated_names(builtin_workspace):
    """Arabic, with every message as written (a stand-in catalog): the page runs right to
    left, the company's Latin name is isolated, and Word marks the text's language."""
    import dataclasses

    from jobgen.formats import html
    from jobgen.formats.docx import render_docx
    from jobgen.formats.docx_reference import load_reference
    from jobgen.inputs.messages import Messages, template_keys
    from jobgen.inputs.stages import plan_postings
    from jobgen.publish.pipeline import Generator
    from jobgen.render.local import Local

    _, [posting] = plan_postings(builtin_workspace, ["ai-ml-engineer"], ["furrowlight"],
                                 FIXED_DATE)  # fmt: skip
    posting = dataclasses.replace(posting, language="ar-EG")
    renderer = Generator(builtin_workspace).renderer
    table = {key: key[1] for key in template_keys(ROOT / "templates")}
    local = Local(Messages("ar-EG", table=table))
    renderer._locals["ar-EG"] = local
    fragment = html.safe_fragment(renderer.render_markdown(posting))
    page = html.render_page(posting, fragment, renderer)
    assert '<html lang="ar-EG" dir="rtl">' in page
    assert "<bdi>Furrowlight</bdi>" in page
    styles = (
        zipfile.ZipFile(io.BytesIO(render_docx(posting, fragment, load_reference(renderer), local)))
        .read("word/styles.xml")
        .decode()
    )
    assert 'w:val="ar-EG"' in styles and 'w:bidi="ar-EG"' in styles


def test_french_punctuation_and_no_break_spaces_reach_every_text_format(written):
    """Labels jobgen writes take French spacing ("Rattachement :"), and the text file
    keeps the no-break spaces of amounts and labels (a line never breaks inside 58 000 €)."""
    language, files = written
    if language != "fr-FR":
        return
    markdown, text = files["md"].decode(), files["txt"].decode()
    assert "**Paris\u00a0:**" not in markdown  # no such office: the pay has no where
    assert "58\u202f000\u00a0€" in markdown and "58\u202f000\u00a0€" in text
    assert "Vos outils\u00a0:" in text


def test_a_french_title_without_its_mark_is_flagged_under_french_law(workspace):
    """France asks an offer not to name a sex (Code du travail L1142-1): a title written
    without "(H/F)" by a catalog that dropped the mark is a warning naming the French mark."""
    from jobgen.publish.pipeline import render_postings

    folder = Path(workspace.root) / "templates" / "messages"
    folder.mkdir(parents=True, exist_ok=True)
    catalog = folder / "fr-FR.po"
    catalog.write_text('msgctxt "job title"\nmsgid "%(title)s"\nmsgstr "%(title)s"\n',
                       encoding="utf-8")  # fmt: skip
    try:
        _, [result] = render_postings(workspace, ["ai-ml-engineer"], "atelier", ["md"],
                                      FIXED_DATE)  # fmt: skip
    finally:
        catalog.unlink()
    assert result.markdown.startswith("# Ingénieur IA/ML\n")
    found = [f for f in result.lint.findings if f.rule == "job-ad-law"]
    assert any("no mark for every gender, like (H/F)" in f.message for f in found)
    assert "france-code-du-travail" in (result.lint.laws or [])
