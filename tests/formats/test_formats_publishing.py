"""Publishing: schema.org JobPosting in every page, --format json and txt, input schemas."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXED_DATE
from schema_check import validate

from jobgen.cli import main
from jobgen.formats.jobposting import DESCRIPTION_TAGS
from jobgen.formats.posting_schema import JOB_POSTING_SCHEMA, POSTING_SCHEMA
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.tailor import make_posting
from jobgen.inputs.workspace import find_workspace
from jobgen.publish.pipeline import Generator
from jobgen.publish.schemas import FILE_NAMES, SCHEMA_NAMES, schema_for
from jobgen.render.local import Local

money = Local.english().money

ROOT = Path(__file__).resolve().parents[2]
ROLES = sorted(p.stem for p in (ROOT / "roles").glob("*.yaml"))
COMPANIES = sorted(p.stem for p in (ROOT / "company_profiles").glob("*.yaml"))


class Page(HTMLParser):
    """The page's scripts (type and text) and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.scripts: list[tuple[str | None, str]] = []
        self.text: list[str] = []
        self._in_script: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = dict(attrs).get("type") or ""
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        else:
            self.text.append(data)

    def job_posting(self) -> dict:
        [(kind, text)] = self.scripts
        assert kind == "application/ld+json"
        return json.loads(text)


@pytest.fixture(scope="module")
def rendered(builtin_workspace):
    """Every built-in role for every sample company, in html, json and txt."""
    config, roles, companies = Catalog(builtin_workspace).load()
    generator = Generator(builtin_workspace)
    return {
        (company, role): generator.render(
            make_posting(config, roles[role], companies[company], FIXED_DATE),
            ["html", "json", "txt"],
        )
        for company in COMPANIES
        for role in ROLES
    }


# --- JSON-LD in the page ----------------------------------------------------------------


def test_every_page_has_a_valid_job_posting_that_agrees_with_it(rendered, catalog):
    _, roles, companies = catalog
    for (company_id, role_id), result in rendered.items():
        page = Page(result.files["html"].decode())
        data = page.job_posting()
        validate(data, JOB_POSTING_SCHEMA)
        company, role = companies[company_id], roles[role_id]
        visible = " ".join(" ".join(page.text).split())
        assert data["title"] == role.title and role.title in visible
        assert data["datePosted"] == "2026-11-25"
        assert data["hiringOrganization"]["name"] == company.name
        assert data["hiringOrganization"]["sameAs"] == company.website
        assert data["employmentType"] == "FULL_TIME"
        assert data["identifier"]["value"] == f"{company_id}/{role_id}"
        tags = set(re.findall(r"</?([a-z0-9]+)", data["description"]))
        assert tags <= DESCRIPTION_TAGS, tags
        assert role.responsibilities[0] in data["description"]
        salary, pay = data["baseSalary"], company.pay[role_id][0]
        assert (salary["currency"], salary["value"]["unitText"]) == (pay.currency, "YEAR")
        shown = f"{money(salary['value']['minValue'], pay.currency)} – "
        shown += money(salary["value"]["maxValue"], pay.currency)
        assert shown in visible  # the range under the title
        places = (
            data["jobLocation"] if isinstance(data["jobLocation"], list) else [data["jobLocation"]]
        )
        assert [p["address"]["addressLocality"] for p in places] == [
            loc.city for loc in company.locations
        ]


def test_a_remote_role_is_telecommute_with_where_applicants_may_live(rendered):
    data = Page(rendered[("furrowlight", "ai-ml-engineer")].files["html"].decode()).job_posting()
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    office = Page(rendered[("brindle-ledger", "ai-ml-engineer")].files["html"].decode())
    assert "jobLocationType" not in office.job_posting()


def test_valid_through_comes_from_the_option_or_the_profile_and_is_shown(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "company_profiles", workspace / "company_profiles")
    (workspace / "jobgen.yaml").write_text("")
    profile = workspace / "company_profiles" / "furrowlight.yaml"
    profile.write_text(profile.read_text().replace("valid_for_days: 30\n", ""))
    found = find_workspace(workspace)

    def posting(closes=None):
        config, roles, companies = Catalog(found).load(["ai-ml-engineer"], ["furrowlight"])
        made = make_posting(config, roles["ai-ml-engineer"], companies["furrowlight"],
                            FIXED_DATE, closes)  # fmt: skip
        result = Generator(found).render(made, ["md", "html"])
        return result.markdown, Page(result.files["html"].decode()).job_posting()

    markdown, data = posting()
    assert "validThrough" not in data and "Applications close" not in markdown
    profile.write_text(profile.read_text() + "valid_for_days: 60\n")
    markdown, data = posting()
    assert data["validThrough"] == "2027-01-24"
    assert "Applications close January 24, 2027." in markdown
    markdown, data = posting(dt.date(2026, 12, 31))
    assert data["validThrough"] == "2026-12-31"


def test_a_name_with_a_closing_script_tag_cannot_break_out(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "company_profiles", workspace / "company_profiles")
    (workspace / "jobgen.yaml").write_text("")
    profile = workspace / "company_profiles" / "furrowlight.yaml"
    evil = "Evil</script><script>alert(1)</script><!--"
    profile.write_text(profile.read_text().replace("name: Furrowlight", f"name: '{evil}'"))
    found = find_workspace(workspace)
    config, roles, companies = Catalog(found).load(["ai-ml-engineer"], ["furrowlight"])
    made = make_posting(config, roles["ai-ml-engineer"], companies["furrowlight"], FIXED_DATE)
    html = Generator(found).render(made, ["html"]).files["html"].decode()
    page = Page(html)
    assert len(page.scripts) == 1  # still the one JSON-LD block
    assert page.job_posting()["hiringOrganization"]["name"] == evil


# --- --format json and txt --------------------------------------------------------------


def test_json_output_validates_against_its_published_schema(rendered, catalog):
    _, _, companies = catalog
    for (company_id, role_id), result in rendered.items():
        document = json.loads(result.files["json"])
        validate(document, POSTING_SCHEMA)
        # the role as the company's stack tailors it
        assert document["responsibilities"] == list(result.posting.role.responsibilities)
        assert document["benefits"] == list(companies[company_id].benefits)
        assert document["markdown"] == result.markdown
        assert [p["min"] for p in document["pay"]] == [
            p.min for p in companies[company_id].pay[role_id]
        ]


def test_txt_output_has_no_markdown_left_and_links_written_out(rendered):
    for (company_id, role_id), result in rendered.items():
        text = result.files["txt"].decode()
        assert not re.search(r"^#|\*\*|\]\(|^\* |`|<[a-z/]", text, re.M), (company_id, role_id)
        lines = text.splitlines()
        assert lines[1] == "=" * len(lines[0])  # the title, underlined
        assert all(len(line) <= 72 or "://" in line for line in lines)
        assert "- " in text and "\n\nHow to apply\n------------\n" in text
    furrowlight = rendered[("furrowlight", "ai-ml-engineer")].files["txt"].decode()
    assert "our careers page (https://furrowlight.example/careers/)" in furrowlight


def test_txt_width_comes_from_the_workspace(tmp_path, runner_env):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    shutil.copytree(ROOT / "company_profiles", workspace / "company_profiles")
    (workspace / "jobgen.yaml").write_text("defaults:\n  text_width: 40\n")
    out = tmp_path / "out"
    args = ["-w", str(workspace), "generate", "mlops-engineer", "-c", "brindle-ledger",
            "-f", "txt", "-o", str(out)]  # fmt: skip
    result = runner_env.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    lines = (out / "brindle-ledger" / "mlops-engineer.txt").read_text().splitlines()
    assert max(len(line) for line in lines if "://" not in line) <= 40


@pytest.fixture
def runner_env() -> CliRunner:
    return CliRunner()


def test_generate_writes_json_and_txt_and_checks_valid_through(runner_env, tmp_path):
    args = ["generate", "prompt-engineer", "-c", "furrowlight", "--date", "2026-11-25",
            "-o", str(tmp_path)]  # fmt: skip
    result = runner_env.invoke(main, [*args, "-f", "json", "-f", "txt",
                                      "--valid-through", "2027-01-31"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = [Path(line).name for line in result.stdout.splitlines()]
    assert written == ["prompt-engineer.json", "prompt-engineer.txt"]
    document = json.loads((tmp_path / "furrowlight" / "prompt-engineer.json").read_text())
    assert document["valid_through"] == "2027-01-31"
    before = runner_env.invoke(main, [*args, "--valid-through", "2026-11-01"])
    assert before.exit_code == 2
    assert "--valid-through: 2026-11-01 is before the posting date 2026-11-25" in before.stderr


# --- Input schemas ----------------------------------------------------------------------


def test_the_committed_schemas_are_the_ones_jobgen_prints():
    for name in SCHEMA_NAMES:
        committed = json.loads((ROOT / "schemas" / FILE_NAMES[name]).read_text())
        assert committed == schema_for(name), f"refresh with: jobgen schema {name}"


@pytest.mark.parametrize(
    ("name", "folder"),
    [("role", "roles"), ("company", "company_profiles"), ("workspace", None)],
)
def test_input_schemas_accept_every_builtin_file(name, folder):
    files = sorted((ROOT / folder).glob("*.yaml")) if folder else [ROOT / "jobgen.yaml"]
    schema = schema_for(name)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        assert FILE_NAMES[name] in text.splitlines()[0]
        validate(yaml.safe_load(text), schema)


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (("seniority: senior", "seniority: wizard"), "'wizard' is not one of"),
        (("title: AI/ML Engineer", "titel: AI/ML Engineer"), "'title' is a required property"),
        (("employment_type: full-time", "employment_type: full-time\nsalary: 3"),
         "Additional properties are not allowed"),
    ],
)  # fmt: skip
def test_the_role_schema_rejects_a_broken_file(edit, complaint):
    text = (ROOT / "roles" / "ai-ml-engineer.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    broken = yaml.safe_load(text.replace(*edit))
    errors = jsonschema.Draft202012Validator(schema_for("role")).iter_errors(broken)
    assert any(complaint in error.message for error in errors)


def test_the_company_schema_checks_patterns_and_bounds():
    data = yaml.safe_load((ROOT / "company_profiles" / "furrowlight.yaml").read_text())
    schema = schema_for("company")
    for key, value in (("website", "ftp://x"), ("employees", 0), ("stage", "Early Stage")):
        broken = {**data, key: value}
        with pytest.raises(jsonschema.ValidationError):
            validate(broken, schema)


def test_schema_command_prints_each_schema(runner_env):
    for name in SCHEMA_NAMES:
        result = runner_env.invoke(main, ["schema", name])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == schema_for(name)


# --- Data a search engine would refuse or misread ---------------------------------------


def profile_problems(tmp_path, old: str, new: str) -> str:
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "company_profiles", workspace / "company_profiles")
    (workspace / "jobgen.yaml").write_text("")
    profile = workspace / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text()
    assert old in text
    profile.write_text(text.replace(old, new))
    from jobgen.errors import InputError

    with pytest.raises(InputError) as caught:
        Catalog(find_workspace(workspace)).load([], ["furrowlight"])
    return str(caught.value)


def test_a_remote_company_needs_regions_or_a_location(tmp_path):
    text = "remote_regions:\n  - United States\nlocations:\n  - city: Boulder\n"
    text += "    region: CO\n    country: US\n"
    message = profile_problems(tmp_path, text, "locations: []\n")
    assert "remote_regions: a remote company needs remote_regions" in message


def test_direct_apply_needs_a_url(tmp_path):
    message = profile_problems(
        tmp_path, "  url: https://furrowlight.example/careers/\n", "  direct: true\n"
    )
    assert "apply.direct: direct: true says the url starts an application; give the url" in message


def test_a_title_on_two_lines_is_refused(tmp_path):
    message = profile_problems(tmp_path, "name: Furrowlight\n", 'name: "Furrow\\nlight"\n')
    assert "name: expected one line of text" in message


def test_remote_regions_are_typed_as_states_countries_or_areas():
    from jobgen.formats.jobposting import _area
    from jobgen.inputs.regions import resolve_region

    regions = ("Colorado", "TX", "US-CO", "United States", "Germany", "European Union")
    assert [_area(resolve_region(r, ["US"])) for r in regions] == [
        {"@type": "State", "name": "Colorado"},
        {"@type": "State", "name": "Texas"},
        {"@type": "State", "name": "Colorado"},
        {"@type": "Country", "name": "United States"},
        {"@type": "Country", "name": "Germany"},
        {"@type": "AdministrativeArea", "name": "European Union"},
    ]


def test_the_description_keeps_link_addresses(rendered):
    data = Page(rendered[("furrowlight", "ai-ml-engineer")].files["html"].decode()).job_posting()
    assert "our careers page (https://furrowlight.example/careers/)" in data["description"]
    assert "<a " not in data["description"]
