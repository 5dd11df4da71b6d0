"""Translation files: a role, profile or opening in another language, checked with
file, line and field like every input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from jobgen.errors import InputError, Problem
from jobgen.inputs import translations
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.localize import Localizer
from jobgen.inputs.stages import plan_postings
from jobgen.inputs.translations import stray_translations, text_paths, translate
from jobgen.inputs.workspace import Workspace
from tests.conftest import FIXED_DATE, ROOT


@pytest.fixture
def role_and_path(catalog):
    _, roles, _ = catalog
    return roles["ai-ml-engineer"], ROOT / "roles" / "ai-ml-engineer.yaml"


def translated(tmp_path: Path, text: str, role_and_path, language: str = "de-DE"):
    role, source = role_and_path
    path = tmp_path / "roles" / language / source.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    result = translate(role, source, path, "en-US", language, problems)
    return result, problems


def test_every_built_in_role_has_a_complete_german_and_french_translation(catalog):
    _, roles, _ = catalog
    for language in ("de-DE", "fr-FR"):
        for role in roles.values():
            source = ROOT / "roles" / f"{role.id}.yaml"
            path = ROOT / "roles" / language / f"{role.id}.yaml"
            problems: list[Problem] = []
            result = translate(role, source, path, "en-US", language, problems)
            assert result is not None and not problems, (language, role.id, problems)
            assert result.model.summary != role.summary
            assert len(result.model.skills) == len(role.skills)


def test_text_paths_name_every_text_of_a_role(role_and_path):
    role, _ = role_and_path
    paths = text_paths(role)
    assert "title" in paths and "skills[0]" in paths and "market.facts[0].text" in paths
    assert not any(p.startswith(("tools", "alternatives", "occupation")) for p in paths)


def test_a_list_of_the_wrong_length_is_refused_at_its_line(tmp_path, role_and_path):
    result, problems = translated(tmp_path, "title: KI-Ingenieur\nskills:\n  - Python\n",
                                  role_and_path)  # fmt: skip
    assert result is None
    [problem] = [p for p in problems if p.field == "skills"]
    assert (problem.line, problem.column) == (3, 3)
    assert "expected a list of 6 items, one for each in the source, got 1 item" in problem.message


def test_a_field_that_is_not_text_is_refused_with_why(tmp_path, role_and_path):
    _, problems = translated(tmp_path, "seniority: senior\ntitel: x\n", role_and_path)
    messages = {p.field: p.message for p in problems}
    assert messages["seniority"].startswith("not text to translate: names, tools")
    assert "did you mean 'title'?" in messages["titel"]


def test_another_language_needs_every_text(tmp_path, role_and_path):
    result, problems = translated(tmp_path, "title: KI-Ingenieur\n", role_and_path)
    assert not problems and "summary" in result.missing
    problem = result.missing_problem("de-DE", lambda text: True)
    assert "needs all the text of roles/ai-ml-engineer.yaml; translate summary, " in (
        problem.message
    )
    assert problem.message.endswith("market.facts[1].text")  # every one, none cut off


def test_a_company_translation_needs_the_pay_of_the_posted_role_only(tmp_path):
    """Equity text of the other roles is not asked for a posting of one role."""
    root = tmp_path / "ws"
    shutil.copytree(ROOT / "company_profiles", root / "company_profiles")
    (root / "jobgen.yaml").write_text("{}\n")
    german = root / "company_profiles" / "de-DE" / "carrowmere-health.yaml"
    text = yaml.safe_load(german.read_text(encoding="utf-8"))
    del text["pay"]  # no equity text for any role
    german.write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    workspace = Workspace(root, (root, ROOT))
    _, [posting] = plan_postings(workspace, ["ai-ml-engineer"], ["carrowmere-health"],
                                 FIXED_DATE, languages=("de-DE",))  # fmt: skip
    assert posting.company.about.startswith("Carrowmere Health ist")
    with pytest.raises(InputError, match=r"translate pay\.ai-architect\[0\]\.equity, "):
        plan_postings(workspace, ["ai-architect"], ["carrowmere-health"], FIXED_DATE,
                      languages=("de-DE",))  # fmt: skip


def test_a_variant_of_the_language_gives_only_what_it_changes(tmp_path, role_and_path):
    result, problems = translated(tmp_path, "title: AI/ML Engineer (UK)\n", role_and_path,
                                  "en-GB")  # fmt: skip
    assert not problems and result.model.title == "AI/ML Engineer (UK)"
    assert result.model.skills == role_and_path[0].skills


def test_a_missing_file_says_which_to_add(tmp_path, role_and_path):
    role, source = role_and_path
    problems: list[Problem] = []
    assert translate(role, source, tmp_path / "nope.yaml", "en-US", "nl-NL", problems) is None
    assert "no nl-NL translation of roles/ai-ml-engineer.yaml: add this file" in (
        problems[0].message
    )


def test_a_workspace_copy_of_a_built_in_role_keeps_its_translations(tmp_path):
    """`jobgen init` copies the roles: unedited, they are the built-in ones."""
    (tmp_path / "jobgen.yaml").write_text("{}\n")
    (tmp_path / "roles").mkdir()
    shutil.copy(ROOT / "roles" / "ai-ml-engineer.yaml", tmp_path / "roles")
    shutil.copytree(ROOT / "company_profiles", tmp_path / "company_profiles")
    workspace = Workspace(tmp_path, (tmp_path, ROOT))
    _, [posting] = plan_postings(workspace, ["ai-ml-engineer"], ["carrowmere-health"],
                                 FIXED_DATE, languages=("de-DE",))  # fmt: skip
    assert posting.role.title == "AI/ML Engineer (m/w/d)"
    edited = tmp_path / "roles" / "ai-ml-engineer.yaml"
    edited.write_text(edited.read_text().replace("quickly", "fast"))
    with pytest.raises(InputError, match=r"roles/de-DE/ai-ml-engineer.yaml: no de-DE translation"):
        plan_postings(workspace, ["ai-ml-engineer"], ["carrowmere-health"], FIXED_DATE,
                      languages=("de-DE",))  # fmt: skip


def test_languages_come_from_the_opening_else_the_company(builtin_workspace):
    catalog = Catalog(builtin_workspace)
    config, _, companies = catalog.load([], ["carrowmere-health"])
    openings = catalog.load_openings(config, companies)["carrowmere-health"]
    localizer = Localizer(catalog)
    company = companies["carrowmere-health"]
    assert localizer.languages(company) == ("en-US",)
    berlin = openings["clinical-nlp-engineer-berlin"]
    assert localizer.languages(company, berlin) == ("de-DE", "en-GB")
    assert Localizer(catalog, ("fr-FR",)).languages(company, berlin) == ("fr-FR",)


def test_a_translation_linked_from_outside_is_refused(tmp_path, role_and_path):
    role, source = role_and_path
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: stolen\n")
    path = tmp_path / "roles" / "de-DE" / source.name
    path.parent.mkdir(parents=True)
    path.symlink_to(secret)
    problems: list[Problem] = []
    assert translate(role, tmp_path / "roles" / source.name, path, "en-US", "de-DE",
                     problems) is None  # fmt: skip
    assert "outside" in problems[0].message and "stolen" not in problems[0].message


@pytest.mark.parametrize("name", ["de", "de-DE", "fr-FR", "zh-Hant-TW", "pt-BR"])
def test_a_language_folder_is_one(name):
    assert translations.language_folder(name)


@pytest.mark.parametrize(
    "name", ["openings", "templates", "DE", "de_DE", "de-", "acme-co", "old", "tmp", "wip"]
)
def test_other_folders_are_not_language_folders(name):
    assert not translations.language_folder(name)


def _files(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("title: x\n", encoding="utf-8")


def test_a_translation_read_by_its_source_is_not_said(tmp_path):
    _files(tmp_path, "roles/de-DE/ai-architect.yaml", "roles/fr/ai-architect.yaml")
    assert stray_translations({tmp_path / "roles": ["ai-architect.yaml"]}) == []


def test_a_misspelt_translation_is_said_with_the_name_meant(tmp_path):
    _files(tmp_path, "roles/de-DE/ai-architekt.yaml")
    [said] = stray_translations({tmp_path / "roles": ["ai-architect.yaml"]})
    assert said.endswith(
        "de-DE/ai-architekt.yaml translates nothing: there is no "
        f"{tmp_path}/roles/ai-architekt.yaml, so it is never read; did you mean ai-architect.yaml?"
    )


def test_a_translation_with_another_suffix_is_said_with_the_name_to_give(tmp_path):
    """jobgen reads the translation of x.yaml from LANG/x.yaml only: x.yml is never read."""
    _files(tmp_path, "roles/de-DE/ai-architect.yml")
    [said] = stray_translations({tmp_path / "roles": ["ai-architect.yaml"]})
    assert said.endswith(
        "de-DE/ai-architect.yml translates nothing: it is read from a file named as its "
        "source, ai-architect.yaml; rename it to ai-architect.yaml"
    )


def test_only_the_folders_named_are_no_language_s(tmp_path):
    """A company called `de` has its own folder beside the profiles, not in roles/."""
    _files(tmp_path, "company_profiles/de/notes.yaml", "roles/de/ai-architekt.yaml")
    said = stray_translations(
        {tmp_path / "roles": ["ai-architect.yaml"], tmp_path / "company_profiles": ["de.yaml"]},
        not_languages={tmp_path / "company_profiles": {"de"}},
    )
    assert len(said) == 1 and "roles/de/ai-architekt.yaml translates nothing" in said[0]


def test_a_folder_of_another_name_is_not_read_as_a_language_s(tmp_path):
    _files(tmp_path, "roles/old/retired-role.yaml", "roles/drafts/x.yaml")
    assert stray_translations({tmp_path / "roles": ["ai-architect.yaml"]}) == []


def test_a_translation_is_found_in_the_folder_of_the_language_its_country_or_script(tmp_path):
    """de-AT reads de/ or de-DE/; de alone reads de-DE/, its own country's, but en alone
    is not en-GB (British spelling for a US text); zh-Hant-TW never reads zh-Hans-CN."""
    from jobgen.inputs.localize import beside

    source = tmp_path / "roles" / "x.yaml"
    for folder in ("de-DE", "en-GB", "zh-Hans-CN"):
        (tmp_path / "roles" / folder).mkdir(parents=True)
        (tmp_path / "roles" / folder / "x.yaml").write_text("title: x\n")
    found = {lang: beside(source, lang).parent.name for lang in ("de-AT", "de", "en", "zh-Hant-TW")}
    assert found == {"de-AT": "de-DE", "de": "de-DE", "en": "en", "zh-Hant-TW": "zh-Hant-TW"}
    assert beside(source, "zh-CN").parent.name == "zh-Hans-CN"  # no script asked: any
