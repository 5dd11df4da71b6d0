"""The command line, through click's CliRunner: output, exit codes, no tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobgen.cli import main

ROOT = Path(__file__).resolve().parents[2]

ROLE_IDS = [
    "ai-architect",
    "ai-data-engineer",
    "ai-ethics-officer",
    "ai-infrastructure-engineer",
    "ai-ml-engineer",
    "ai-product-manager",
    "chief-ai-officer",
    "mlops-engineer",
    "nlp-llm-engineer",
    "prompt-engineer",
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, **kwargs):
    result = runner.invoke(main, list(args), catch_exceptions=False, **kwargs)
    assert "Traceback" not in result.output
    return result


def test_generate_writes_three_formats_and_prints_paths(runner, tmp_path):
    result = invoke(
        runner, "generate", "ai-ml-engineer", "--company", "furrowlight", "--out", str(tmp_path),
        "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "furrowlight").iterdir())
    assert written == ["ai-ml-engineer.docx", "ai-ml-engineer.html", "ai-ml-engineer.md"]
    printed = result.stdout.splitlines()
    assert len(printed) == 3 and all(line.endswith(("md", "html", "docx")) for line in printed)


def test_generate_several_roles_one_format(runner, tmp_path):
    result = invoke(
        runner, "generate", "mlops-engineer", "nlp-llm-engineer", "-c", "brindle-ledger",
        "-f", "html", "-o", str(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "brindle-ledger").iterdir()) == [
        "mlops-engineer.html",
        "nlp-llm-engineer.html",
    ]


def test_stdout_prints_markdown_and_writes_nothing(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "generate", "prompt-engineer", "-c", "furrowlight", "--stdout")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Prompt Engineer\n")
    assert "## How to apply" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_unknown_role_lists_choices_and_exits_2(runner, tmp_path):
    result = invoke(runner, "generate", "ai-ml-enginer", "-c", "furrowlight", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert (
        "unknown role or opening 'ai-ml-enginer' of furrowlight; did you mean 'ai-ml-engineer'?"
        in result.stderr
    )
    assert "openings of furrowlight: field-data-engineer, forecasting-ml-engineer," in result.stderr
    assert "known roles: ai-architect," in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_opening_of_another_company_says_whose_it_is(runner, tmp_path):
    result = invoke(
        runner, "generate", "forecasting-ml-engineer", "-c", "brindle-ledger", "-o", str(tmp_path)
    )
    assert result.exit_code == 2
    assert (
        "unknown role or opening 'forecasting-ml-engineer' of brindle-ledger; "
        "it is an opening of another company (-c furrowlight)"
    ) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_company_and_path_like_ids(runner, tmp_path):
    for company in ("nobody", "../etc", "/abs", "Furrowlight"):
        result = invoke(runner, "generate", "ai-ml-engineer", "-c", company, "-o", str(tmp_path))
        assert result.exit_code == 2
        assert f"unknown company {company!r}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_a_usage_error(runner):
    result = invoke(runner, "generate", "ai-ml-engineer", "-c", "furrowlight", "-f", "rtf")
    assert result.exit_code == 2
    assert "'rtf' is not one of 'md', 'html', 'docx', 'json', 'txt', 'pdf', 'all'" in result.stderr
    assert "did you mean" not in result.stderr
    near = invoke(runner, "stage", "early", "-c", "furrowlight", "-f", "doc")
    assert near.exit_code == 2
    assert "'all'; did you mean docx?" in near.stderr


def test_bad_date(runner):
    result = invoke(runner, "generate", "ai-ml-engineer", "-c", "furrowlight", "--date", "soon")
    assert result.exit_code == 2
    assert "--date: expected a date like 2026-11-25, got 'soon'" in result.stderr


def test_invalid_profile_reports_file_line_field(runner, workspace_copy, tmp_path):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("employees: 23", "employees: twenty-three"), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(
        runner, "--workspace", str(workspace_copy), "generate", "ai-ml-engineer",
        "-c", "furrowlight", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 2
    line = text.splitlines().index("employees: 23") + 1
    assert (
        f"furrowlight.yaml:{line}:12: employees: expected a whole number, got 'twenty-three'"
        in (result.stderr)
    )
    assert not out.exists()


def test_template_error_exits_2_and_writes_nothing(runner, workspace_copy, tmp_path):
    (workspace_copy / "templates" / "posting.md.j2").write_text("{{ role.titel }}\n")
    out = tmp_path / "out"
    result = invoke(
        runner, "-w", str(workspace_copy), "generate", "ai-ml-engineer", "-c", "furrowlight",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "posting.md.j2:1" in result.stderr and "titel" in result.stderr
    assert not out.exists()


def test_write_failure_exits_1(runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke(runner, "generate", "ai-ml-engineer", "-c", "furrowlight", "-o", str(blocker))
    assert result.exit_code == 1
    assert "error: cannot write" in result.stderr


def test_list_roles_companies_stages(runner):
    roles = invoke(runner, "list", "roles")
    assert roles.exit_code == 0
    assert [line.split()[0] for line in roles.stdout.splitlines()] == ROLE_IDS
    companies = invoke(runner, "list", "companies").stdout
    assert "furrowlight" in companies and "Brindle Ledger" in companies
    stages = invoke(runner, "list", "stages").stdout.splitlines()
    assert [line.split()[0] for line in stages] == ["early", "growth", "enterprise"]
    assert "ai-ml-engineer, ai-data-engineer" in stages[0]


def test_check_clean_builtins(runner):
    result = invoke(runner, "check")
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 10 roles, 3 companies, 3 stages")


def test_check_reports_every_problem(runner, workspace_copy):
    role = workspace_copy / "roles" / "prompt-engineer.yaml"
    role.write_text(role.read_text().replace("seniority: senior", "seniority: seior"))
    profile = workspace_copy / "company_profiles" / "brindle-ledger.yaml"
    profile.write_text(profile.read_text().replace("stage: growth", "stage: grwoth"))
    shutil.copy(role, workspace_copy / "roles" / "Bad Name.yaml")
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 2
    assert "3 problems" in result.stderr
    assert "seniority: expected one of entry, mid, senior" in result.stderr
    assert "(did you mean 'senior'?)" in result.stderr
    assert "stage: no stage with id 'grwoth' (did you mean 'growth'?)" in result.stderr
    assert "Bad Name.yaml" in result.stderr


def test_check_reports_template_syntax(runner, workspace_copy):
    (workspace_copy / "templates" / "extra.md.j2").write_text("{% if x %}\n")
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 2
    assert "extra.md.j2:" in result.stderr


def test_missing_workspace_folder(runner, tmp_path):
    result = invoke(runner, "-w", str(tmp_path / "nope"), "list", "roles")
    assert result.exit_code == 2


def test_workspace_from_environment(runner, workspace_copy):
    (workspace_copy / "roles" / "ai-ml-engineer.yaml").unlink()
    result = invoke(runner, "list", "roles", env={"JOBGEN_WORKSPACE": str(workspace_copy)})
    # the workspace lacks the file, so the built-in one shows through
    assert "ai-ml-engineer" in result.stdout


def all_commands(group=main, prefix=()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the CLI, found from click itself."""
    found = [prefix]
    for name, command in getattr(group, "commands", {}).items():
        found += all_commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("command", all_commands(), ids=" ".join)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(runner, command):
    for flag in ("-h", "--help"):
        result = invoke(runner, *command, flag)
        assert result.exit_code == 0
        assert "Example:" in result.stdout
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"jobgen {' '.join(command)}".strip() in readme


def test_version(runner):
    assert invoke(runner, "--version").stdout.startswith("jobgen, version ")


def test_help_and_list_do_not_import_heavy_modules():
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from jobgen.cli import main\n"
        "for args in (['--help'], ['list', 'roles']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('docx', 'jinja2', 'markdown', 'nh3', 'typst') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=Path(__file__).parent,
    )  # fmt: skip
    assert "HEAVY []" in result.stdout


def test_each_command_is_found_by_its_name():
    from jobgen.cli import COMMANDS

    context = main.make_context("jobgen", ["--help"], resilient_parsing=True)
    assert main.list_commands(context) == sorted(COMMANDS)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert command is not None and command.name == name
    assert main.get_command(context, "nosuch") is None


def test_markdown_only_generate_imports_only_what_it_needs(tmp_path):
    """`generate -f md` (with lint, as by default) leaves out Word, HTML and what only
    a mistake needs: each of these cost milliseconds of every start."""
    import subprocess
    import sys

    not_needed = (
        "docx", "lxml", "markdown", "nh3", "typst", "babel", "zipfile", "email", "html",
        "html.parser", "urllib.request", "difflib", "multiprocessing", "subprocess",
        "jobgen.cli.stage", "jobgen.cli.site", "jobgen.cli.style", "jobgen.cli.shards",
    )  # fmt: skip
    probe = (
        "import sys\n"
        "from jobgen.cli import main\n"
        "args = ['generate', 'ai-ml-engineer', '--company', 'furrowlight', '--date',\n"
        f"        '2026-11-25', '--format', 'md', '--out', {str(tmp_path)!r}]\n"
        "try:\n"
        "    main(args)\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        f"print('LOADED', [m for m in {not_needed!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=Path(__file__).parent,
    )  # fmt: skip
    assert "LOADED []" in result.stdout
    assert (tmp_path / "furrowlight" / "ai-ml-engineer.md").is_file()


def test_check_refuses_a_misspelt_block(runner, workspace_copy):
    (workspace_copy / "templates" / "posting.md.j2").write_text(
        '{% extends "default:posting.md.j2" %}\n{% block benefit %}x{% endblock %}\n'
    )
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 2
    assert (
        "posting.md.j2:2 (workspace template): block 'benefit' is not a block of" in result.stderr
    )
    assert "did you mean 'benefits'?" in result.stderr


def test_check_reports_a_render_error_once(runner, workspace_copy):
    shutil.rmtree(workspace_copy / "company_profiles" / "carrowmere-health" / "templates")
    (workspace_copy / "templates" / "posting.md.j2").write_text(
        "# {{ role.title }}\n{{ 1 // 0 }}\n"
    )
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 2
    assert result.stderr.count("ZeroDivisionError") == 1
    assert result.stderr.startswith("error: while rendering")  # one problem: one line
    assert "while rendering" in result.stderr and "posting.md.j2:2" in result.stderr


def _drop_pay(profile, role: str, next_role: str) -> None:
    text = profile.read_text(encoding="utf-8")
    start = text.index(f"  {role}:\n")
    end = text.index(f"  {next_role}:\n", start)  # the next role's pay
    profile.write_text(text[:start] + text[end:], encoding="utf-8")


def test_check_shows_missing_pay_for_a_role_the_company_posts(runner, workspace_copy):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    _drop_pay(profile, "prompt-engineer", "ai-data-engineer")  # not in Furrowlight's stage
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.stderr
    assert "no pay range" not in result.stderr
    _drop_pay(profile, "ai-data-engineer", "ai-ethics-officer")  # early stage, Furrowlight's
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("no pay range") == 1
    assert "warning: furrowlight: no pay range for ai-data-engineer" in result.stderr


def test_a_minimal_workspace_holds_only_what_it_changes(runner, tmp_path):
    workspace = tmp_path / "my-hiring"
    (workspace / "company_profiles").mkdir(parents=True)
    (workspace / "templates").mkdir()
    (workspace / "jobgen.yaml").write_text("# all defaults\n")
    shutil.copy(
        ROOT / "company_profiles" / "furrowlight.yaml", workspace / "company_profiles" / "mine.yaml"
    )
    (workspace / "templates" / "posting.md.j2").write_text(
        '{% extends "default:posting.md.j2" %}\n'
        "{% block equal_opportunity %}## Our promise\n\nFair hiring.\n{% endblock %}\n"
    )
    stages = invoke(runner, "-w", str(workspace), "list", "stages")
    assert stages.stdout.split()[0] == "early"  # the built-in stages apply
    result = invoke(
        runner, "-w", str(workspace), "generate", "ai-ml-engineer", "-c", "mine", "-f", "md"
    )
    assert result.exit_code == 0, result.stderr
    text = (workspace / "output" / "mine" / "ai-ml-engineer.md").read_text(encoding="utf-8")
    assert "## Our promise\n\nFair hiring." in text and "## Benefits" in text


def test_a_workspace_of_one_company_needs_no_company_option(runner, tmp_path):
    workspace = tmp_path / "my-hiring"
    (workspace / "company_profiles").mkdir(parents=True)
    (workspace / "jobgen.yaml").write_text("# all defaults\n")
    shutil.copy(
        ROOT / "company_profiles" / "furrowlight.yaml", workspace / "company_profiles" / "mine.yaml"
    )
    ws = ["-w", str(workspace)]
    wrote = invoke(runner, *ws, "generate", "ai-ml-engineer", "-f", "md", "--date", "2026-11-25")
    assert wrote.exit_code == 0, wrote.stderr
    assert (workspace / "output" / "mine" / "ai-ml-engineer.md").is_file()
    linted = invoke(runner, *ws, "lint", "ai-ml-engineer", "--date", "2026-11-25")
    assert linted.exit_code == 0 and linted.stdout.startswith("mine/ai-ml-engineer: score")
    staged = invoke(runner, *ws, "stage", "-f", "md", "-q", "--date", "2026-11-25")
    assert staged.exit_code == 0, staged.stderr
    assert (workspace / "output" / "mine" / "index.html").is_file()


def test_with_several_companies_the_option_is_asked_for_by_name(runner):
    result = invoke(runner, "generate", "ai-ml-engineer")
    assert result.exit_code == 2
    assert (
        "name a company with --company ID; the workspace has brindle-ledger, "
        "carrowmere-health, furrowlight"
    ) in result.stderr


def test_outside_a_workspace_an_unknown_company_says_why(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "generate", "ai-ml-engineer", "-c", "mine")
    assert result.exit_code == 2
    assert "no jobgen.yaml in this folder or above it" in result.stderr


@pytest.mark.parametrize("extra", [["-f", "html"], ["-o", "somewhere"]])
def test_stdout_refuses_options_it_would_ignore(runner, extra):
    result = invoke(runner, "generate", "ai-ml-engineer", "-c", "furrowlight", "--stdout", *extra)
    assert result.exit_code == 2
    assert "--stdout prints Markdown only" in result.stderr


def test_company_folder_that_is_a_file(runner, tmp_path):
    (tmp_path / "furrowlight").write_text("in the way")
    result = invoke(runner, "generate", "ai-ml-engineer", "-c", "furrowlight", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "furrowlight is a file where a folder is needed; no file was changed" in result.stderr


def test_check_renders_the_hiring_plan_page(runner, workspace_copy):
    (workspace_copy / "templates" / "index.html.j2").write_text(
        '{% extends "default:index.html.j2" %}\n'
        "{% block intro %}{{ plan.stage_name }}{% endblock %}\n"
    )
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 2
    assert "while rendering brindle-ledger/index.html:" in result.stderr
    assert (
        "index.html.j2:2 (workspace template):" in result.stderr and "stage_name" in result.stderr
    )


def test_check_warns_of_two_profiles_of_one_company(runner, workspace_copy):
    profiles = workspace_copy / "company_profiles"
    shutil.copy(profiles / "furrowlight.yaml", profiles / "furrowlight-copy.yaml")
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: furrowlight and furrowlight-copy both name the company 'Furrowlight'; each "
        "gets its own postings: delete the profile you do not use"
    ) in result.stderr


def test_check_warns_of_a_translation_that_translates_nothing(runner, workspace_copy):
    """jobgen finds a translation by its source's name: a misspelt one is never read."""
    roles = workspace_copy / "roles"
    shutil.copy(roles / "de-DE" / "ai-architect.yaml", roles / "de-DE" / "ai-architekt.yaml")
    openings = workspace_copy / "company_profiles" / "carrowmere-health" / "openings"
    english = sorted((openings / "en-GB").glob("*.yaml"))[0]
    shutil.copy(english, openings / "en-GB" / "cheif-ai-officer.yaml")
    profiles = workspace_copy / "company_profiles"  # a company's folder, not a language's
    shutil.copy(profiles / "furrowlight.yaml", profiles / "abc.yaml")
    (profiles / "abc").mkdir()
    (profiles / "abc" / "notes.yaml").write_text("mine: true\n", encoding="utf-8")
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: roles/de-DE/ai-architekt.yaml translates nothing: there is no "
        "roles/ai-architekt.yaml, so it is never read; did you mean ai-architect.yaml?"
    ) in result.stderr.replace(str(workspace_copy) + "/", "")
    assert "en-GB/cheif-ai-officer.yaml translates nothing" in result.stderr
    assert "did you mean chief-ai-officer.yaml?" in result.stderr
    assert result.stderr.count("translates nothing") == 2
    (roles / "ai-ml-engineer.yaml").unlink()  # the built-in role, the workspace's translation
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.stderr
    assert "ai-ml-engineer.yaml translates nothing" not in result.stderr


def test_check_warns_of_a_company_folder_named_after_no_profile(runner, workspace_copy):
    """An opening in company_profiles/furowlight/openings/ (misspelt) was never read, and
    check said ok."""
    profiles = workspace_copy / "company_profiles"
    shutil.copytree(profiles / "furrowlight" / "openings", profiles / "furowlight" / "openings")
    (profiles / "de-DE" / "openings").mkdir(parents=True)  # a language's folder: not a company's
    result = invoke(runner, "-w", str(workspace_copy), "check")
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: company_profiles/furowlight/ belongs to no company: there is no "
        "company_profiles/furowlight.yaml, so its openings are never read; did you mean "
        "furrowlight?"
    ) in result.stderr.replace(str(workspace_copy) + "/", "")
    assert result.stderr.count("belongs to no company") == 1


def test_a_workspace_translation_of_a_built_in_role_is_read(runner, workspace_copy):
    roles = workspace_copy / "roles"
    (roles / "ai-ml-engineer.yaml").unlink()
    german = roles / "de-DE" / "ai-ml-engineer.yaml"
    text = german.read_text(encoding="utf-8")
    german.write_text(text.replace("summary: ", "summary: ZZMARKERZZ ", 1), encoding="utf-8")
    args = ["generate", "ai-ml-engineer", "-c", "carrowmere-health", "--language", "de-DE"]
    result = invoke(runner, "-w", str(workspace_copy), *args, "--stdout")
    assert result.exit_code == 0, result.stderr
    assert "ZZMARKERZZ" in result.stdout


def test_check_says_a_translation_of_another_suffix_or_beside_a_company_called_de(
    runner, workspace_copy
):
    roles, profiles = workspace_copy / "roles", workspace_copy / "company_profiles"
    (roles / "de-DE" / "ai-architect.yaml").rename(roles / "de-DE" / "ai-architect.yml")
    shutil.copy(profiles / "brindle-ledger.yaml", profiles / "de.yaml")  # a company called de
    (roles / "de").mkdir()
    shutil.copy(roles / "de-DE" / "prompt-engineer.yaml", roles / "de" / "prompt-enginer.yaml")
    openings = profiles / "brindle-ledger" / "openings" / "de-DE"  # no opening yet
    openings.mkdir(parents=True)
    shutil.copy(roles / "de-DE" / "prompt-engineer.yaml", openings / "lead.yaml")
    result = invoke(runner, "-w", str(workspace_copy), "check")
    said = result.stderr.replace(str(workspace_copy) + "/", "")
    assert (
        "warning: roles/de-DE/ai-architect.yml translates nothing: it is read from a file "
        "named as its source, ai-architect.yaml; rename it to ai-architect.yaml"
    ) in said
    assert (
        "warning: roles/de/prompt-enginer.yaml translates nothing: there is no "
        "roles/prompt-enginer.yaml, so it is never read; did you mean prompt-engineer.yaml?"
    ) in said
    assert (
        "warning: company_profiles/brindle-ledger/openings/de-DE/lead.yaml translates nothing: "
        "there is no company_profiles/brindle-ledger/openings/lead.yaml, so it is never read"
    ) in said


def test_a_sample_company_asked_for_inside_a_workspace_says_why_it_is_unknown(runner, tmp_path):
    workspace = tmp_path / "ws"
    assert invoke(runner, "init", str(workspace)).exit_code == 0
    result = invoke(runner, "-w", str(workspace), "generate", "ai-ml-engineer", "-c", "furrowlight")
    assert result.exit_code == 2
    assert "unknown company 'furrowlight'\nknown companies: my-company\n" in result.stderr
    assert "jobgen's sample companies are used only outside a workspace" in result.stderr
