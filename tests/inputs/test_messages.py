"""Messages: what jobgen writes itself, from gettext catalogs in each template layer."""

from __future__ import annotations

import pytest

from jobgen.errors import InputError
from jobgen.inputs.messages import describe_origins, load_messages, template_keys
from tests.conftest import ROOT

BUILTIN = ROOT / "templates"


@pytest.mark.parametrize("language", ["de-DE", "fr-FR"])
def test_the_built_in_catalogs_translate_every_message(language):
    messages = load_messages(language, [BUILTIN])
    assert messages.lacking(template_keys(BUILTIN)) == []


def test_the_catalogs_are_up_to_date_with_the_templates_and_code():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_messages.py"), "--check"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_needs_no_catalog_and_another_language_does(tmp_path):
    english = load_messages("en-GB", [tmp_path, BUILTIN])
    assert english.gettext("Pay") == "Pay"
    with pytest.raises(InputError, match=r"no messages in nl-NL: add this catalog"):
        load_messages("nl-NL", [tmp_path / "workspace", BUILTIN])


def test_a_workspace_catalog_changes_one_message_and_says_so(tmp_path):
    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Pay"\nmsgstr "Vergütung"\n',
        encoding="utf-8",
    )
    messages = load_messages("de-DE", [tmp_path, BUILTIN])
    assert messages.gettext("Pay") == "Vergütung"  # de.po of the workspace over de-DE.po
    assert messages.gettext("Benefits") == "Was wir bieten"
    rows = {key[1]: where for key, _, where in describe_origins(messages, [("", "Pay")])}
    assert rows["Pay"].endswith("messages/de.po")
    builtin = describe_origins(messages, [("", "Benefits")])
    assert builtin[0][2] == "built-in de-DE.po"


def test_a_message_no_catalog_has_is_an_error_naming_the_catalog(tmp_path):
    messages = load_messages("de-DE", [tmp_path, BUILTIN])
    with pytest.raises(InputError) as error:
        messages.gettext("Perks")
    assert "messages/de-DE.po: no de-DE translation of the message 'Perks'" in str(error.value)


def test_a_broken_catalog_is_reported_with_its_name(tmp_path):
    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "de-DE.po").write_text('msgid "Pay"\nmsgstr "Gehalt\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_messages("de-DE", [tmp_path, BUILTIN])
    assert "de-DE.po:2: not a readable PO catalog: a quoted text is not closed" in str(error.value)
    (folder / "de-DE.po").write_text('msgid "Pay"\nmsgstr Gehalt\n', encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"de-DE.po:2: not a readable PO catalog: the text after the keyword must be in",
    ):
        load_messages("de-DE", [tmp_path, BUILTIN])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('msgstr "Über %(firma)s"', "%(firma)s is not one of the message's placeholders"),
        ('msgstr "Über %(company)"', "a % that starts no placeholder"),
    ],
)
def test_a_translation_with_wrong_placeholders_is_refused_at_its_line(tmp_path, line, expected):
    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "de-DE.po").write_text(f'msgid "About %(company)s"\n{line}\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_messages("de-DE", [tmp_path, BUILTIN])
    assert "de-DE.po:1: msgstr of 'About %(company)s': " + expected in str(error.value)


def test_a_misspelt_keyword_is_named_at_its_own_line(tmp_path):
    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "de-DE.po").write_text('msgid "Pay"\nmsgtsr "Gehalt"\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_messages("de-DE", [tmp_path, BUILTIN])
    assert (
        "de-DE.po:2: not a readable PO catalog: Unknown or misformatted keyword: "
        """'msgtsr "Gehalt"'""" in str(error.value)
    )


def test_a_catalog_linked_from_outside_is_refused_without_showing_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "templates" / "messages"
    folder.mkdir(parents=True)
    (folder / "de-DE.po").symlink_to(secret)
    with pytest.raises(InputError) as error:
        load_messages("de-DE", [tmp_path / "templates", BUILTIN])
    assert "outside the template folder; copy the catalog in instead" in str(error.value)
    assert "root:x" not in str(error.value)


def test_a_workspace_stage_or_level_shows_as_written_unless_a_catalog_translates_it():
    """jobgen.yaml's own stages and levels are the workspace's text, written in its own
    language: a German workspace's 'Aufbauphase' needs no catalog entry."""
    messages = load_messages("de-DE", [BUILTIN])
    assert messages.pgettext("stage", "Aufbauphase") == "Aufbauphase"
    assert messages.pgettext("stage", "Early-stage") == "Frühphase"
    with pytest.raises(InputError):
        messages.pgettext("", "A heading jobgen does not have")
