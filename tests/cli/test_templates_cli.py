"""`jobgen init` and `jobgen templates list|show|copy`: a recruiter's way into the house style."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jobgen.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def workspace(runner, tmp_path) -> Path:
    """A workspace made by `jobgen init`, as a recruiter would start."""
    root = tmp_path / "hiring"
    result = invoke(runner, "init", str(root), "--company", "acme", "--name", "Acme Robotics")
    assert result.exit_code == 0, result.stderr
    return root


# --- init -------------------------------------------------------------------------------


def test_init_creates_a_workspace_that_check_passes_and_generate_uses(runner, workspace):
    assert sorted(
        p.relative_to(workspace).as_posix() for p in workspace.rglob("*") if p.is_file()
    ) == sorted(
        ["jobgen.yaml", "README.md", "company_profiles/acme.yaml", "templates/posting.md.j2"]
        + [f"roles/{p.name}" for p in (ROOT / "roles").glob("*.yaml")]
        + [f"schemas/{name}.schema.json" for name in ("company", "opening", "role", "workspace")]
    )
    check = invoke(runner, "-w", str(workspace), "check")
    assert check.exit_code == 0, check.stderr
    assert check.stdout.startswith("ok: 10 roles, 1 company, 3 stages, 7 templates; 10 postings")
    result = invoke(runner, "generate", "-w", str(workspace), "ai-ml-engineer", "-c", "acme")
    assert result.exit_code == 0, result.stderr
    markdown = (workspace / "output" / "acme" / "ai-ml-engineer.md").read_text()
    assert markdown.startswith("# AI/ML Engineer\n\n**Acme Robotics** · Hybrid · Columbus, OH")
    assert "$140,000 – $180,000 per year" in markdown and "## Benefits" in markdown
    readme = (workspace / "README.md").read_text()
    assert "company_profiles/acme.yaml" in readme and "$" not in readme.replace("$ ", "")


def test_init_refuses_a_folder_with_files_and_writes_nothing(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = invoke(runner, "init", str(tmp_path))
    assert result.exit_code == 2
    assert "has files in it; give a new or empty folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_in_the_folder_it_is_given_names_that_folder(runner, tmp_path, monkeypatch):
    workspace = tmp_path / "ws"
    assert invoke(runner, "init", str(workspace)).exit_code == 0
    monkeypatch.chdir(workspace)
    result = invoke(runner, "init", str(workspace))
    assert result.exit_code == 2
    assert f"{workspace.resolve()} (the current folder) has a workspace already in it" in (
        result.stderr
    )


def test_init_refuses_a_bad_company_id(runner, tmp_path):
    result = invoke(runner, "init", str(tmp_path / "ws"), "--company", "Acme Inc")
    assert result.exit_code == 2
    assert "--company: expected a lowercase id" in result.stderr
    assert not (tmp_path / "ws").exists()


def test_init_quotes_a_name_yaml_would_misread(runner, tmp_path):
    root = tmp_path / "ws"
    assert invoke(runner, "init", str(root), "--name", "Acme: #1 Robots").exit_code == 0
    assert invoke(runner, "-w", str(root), "check").exit_code == 0
    result = invoke(
        runner, "-w", str(root), "generate", "prompt-engineer", "-c", "my-company", "--stdout"
    )
    assert "**Acme: \\#1 Robots**" in result.stdout  # the # escaped for Markdown


# --- templates list and show ------------------------------------------------------------


def test_list_shows_the_winning_layer_and_what_it_shadows(runner, workspace):
    folder = workspace / "company_profiles" / "acme" / "templates"
    folder.mkdir(parents=True)
    (folder / "custom.css").write_text("h1 { color: red; }\n")
    (workspace / "templates" / "roles").mkdir()
    (workspace / "templates" / "roles" / "mlops-engineer.md.j2").write_text(
        '{% extends "posting.md.j2" %}\n'
    )
    plain = invoke(runner, "-w", str(workspace), "templates", "list")
    assert plain.exit_code == 0, plain.stderr
    rows = [line.split() for line in plain.stdout.splitlines()]
    assert rows[0] == ["index.html.j2", "built-in"]
    posting = next(row for row in rows if row[0] == "posting.md.j2")
    assert posting[1] == "workspace" and posting[-2:] == ["shadows", "built-in"]
    assert next(row for row in rows if row[0] == "roles/mlops-engineer.md.j2")[-4:] == [
        "replaces",
        "posting.md.j2",
        "for",
        "mlops-engineer",
    ]
    assert plain.stdout.splitlines()[-1].startswith("companies with templates of their own: acme")
    with_company = invoke(runner, "-w", str(workspace), "templates", "list", "-c", "acme").stdout
    assert "custom.css" in with_company and "company acme" in with_company


def test_show_prints_the_winning_file_or_the_builtin(runner, workspace):
    mine = invoke(runner, "-w", str(workspace), "templates", "show", "posting.md.j2").stdout
    assert mine == (workspace / "templates" / "posting.md.j2").read_text()
    builtin = invoke(runner, "-w", str(workspace), "templates", "show", "default:posting.md.j2")
    assert builtin.stdout == (ROOT / "templates" / "posting.md.j2").read_text()


def test_show_describes_a_reference_docx(runner, workspace):
    result = invoke(runner, "-w", str(workspace), "templates", "show", "reference.docx")
    assert result.exit_code == 0
    assert "page: US Letter" in result.stdout and "missing: none" in result.stdout
    # the built-in leaves the font and the colours to the brand (the workspace's only
    # company's: Acme's), and keeps pages whole
    assert (
        "  each part a style sets wins; the brand (Acme Robotics: colour #1F4E79, accent "
        "#F2A900, font Source Sans 3) and jobgen fill the rest:"
    ) in result.stdout
    assert "    Normal: font Source Sans 3 (brand), widow control (reference)\n" in result.stdout
    assert (
        "    Heading 3: font Source Sans 3 (brand, from Normal), colour #1F4E79 (brand), keep "
        "with next (reference), widow control (reference, from Normal)\n"
    ) in result.stdout
    assert "    Hyperlink: colour #1F4E79 (brand)\n" in result.stdout
    several = invoke(runner, "templates", "show", "reference.docx")  # the three samples
    assert "the brand (every company's own: --company ID shows one)" in several.stdout


def test_show_says_which_parts_of_a_reference_docx_win_over_the_brand(runner, workspace):
    invoke(runner, "-w", str(workspace), "templates", "copy", "reference.docx")
    path = workspace / "templates" / "reference.docx"
    reference = docx.Document(str(path))
    reference.styles["Heading 3"].font.name = "Georgia"
    reference.styles["Heading 2"].font.color.rgb = docx.shared.RGBColor(0x2F, 0x5D, 0x3A)
    reference.styles["Hyperlink"].font.color.rgb = docx.shared.RGBColor(0x05, 0x63, 0xC1)
    reference.styles["Heading 1"].paragraph_format.keep_with_next = False
    reference.save(str(path))
    args = ("-w", str(workspace), "templates", "show", "reference.docx", "--company", "acme")
    lines = invoke(runner, *args).stdout.splitlines()
    start = lines.index(
        "  each part a style sets wins; the brand (Acme Robotics: colour #1F4E79, accent "
        "#F2A900, font Source Sans 3) and jobgen fill the rest:"
    )
    assert lines[start + 1 : start + 6] == [
        "    Normal: font Source Sans 3 (brand), widow control (reference)",
        "    Title: font Source Sans 3 (brand, from Normal), colour #1F4E79 (brand), rule below "
        "#F2A900 (brand), keep with next (reference), widow control (reference, from Normal)",
        "    Heading 1: font Source Sans 3 (brand, from Normal), colour #1F4E79 (brand), keep "
        "with next off (reference), widow control (reference, from Normal)",
        "    Heading 2: font Source Sans 3 (brand, from Normal), colour #2F5D3A (reference), "
        "keep with next (reference), widow control (reference, from Normal)",
        "    Heading 3: font Georgia (reference), colour #1F4E79 (brand), keep with next "
        "(reference), widow control (reference, from Normal)",
    ]
    assert lines[-1] == "    Hyperlink: colour #0563C1 (reference)"
    invoke(runner, "-w", str(workspace), "generate", "ai-ml-engineer", "-c", "acme", "-f", "docx")
    styles = docx.Document(str(workspace / "output" / "acme" / "ai-ml-engineer.docx")).styles
    assert styles["Heading 3"].font.name == "Georgia"  # what show said is what Word gets
    assert str(styles["Heading 3"].font.color.rgb) == "1F4E79"
    assert str(styles["Heading 2"].font.color.rgb) == "2F5D3A"
    assert str(styles["Hyperlink"].font.color.rgb) == "0563C1"
    assert styles["Heading 1"].paragraph_format.keep_with_next is False


def test_show_unknown_template_suggests(runner, workspace):
    result = invoke(runner, "-w", str(workspace), "templates", "show", "posting.md")
    assert result.exit_code == 2
    assert "no template 'posting.md'; did you mean 'posting.md.j2'?" in result.stderr


# --- templates copy ---------------------------------------------------------------------


def test_copy_one_block_then_another_into_the_same_override(runner, workspace):
    (workspace / "templates" / "posting.md.j2").unlink()
    first = invoke(
        runner, "-w", str(workspace), "templates", "copy", "posting.md.j2", "-b", "benefits"
    )
    assert first.exit_code == 0, first.stderr
    assert "block 'benefits' of default:posting.md.j2" in first.stdout
    again = invoke(
        runner, "-w", str(workspace), "templates", "copy", "posting.md.j2", "-b", "footer"
    )
    assert again.exit_code == 0, again.stderr
    text = (workspace / "templates" / "posting.md.j2").read_text()
    assert text.count('{% extends "default:posting.md.j2" %}') == 1
    benefits = '## {{ _("Benefits") }}'
    assert f"{{% block benefits %}}\n{benefits}\n" in text and "{% block footer %}" in text
    # edit the copied block: the change reaches the posting, the rest is as before
    (workspace / "templates" / "posting.md.j2").write_text(text.replace(benefits, "## Perks"))
    result = invoke(
        runner, "-w", str(workspace), "generate", "ai-ml-engineer", "-c", "acme", "--stdout"
    )
    assert "\n## Perks\n" in result.stdout and "\n## What you will do\n" in result.stdout


def test_copy_a_block_that_is_already_there_is_refused(runner, workspace):
    (workspace / "templates" / "posting.md.j2").unlink()
    invoke(runner, "-w", str(workspace), "templates", "copy", "posting.md.j2", "-b", "pay")
    result = invoke(runner, "-w", str(workspace), "templates", "copy", "posting.md.j2", "-b", "pay")
    assert result.exit_code == 2 and "already has block 'pay'" in result.stderr


def test_copy_a_misspelt_block_suggests(runner, workspace):
    result = invoke(
        runner, "-w", str(workspace), "templates", "copy", "posting.md.j2", "-b", "benefts"
    )
    assert result.exit_code == 2
    assert "posting.md.j2 has no block 'benefts'; did you mean 'benefits'?" in result.stderr


def test_copy_for_a_company_extends_the_workspace_file(runner, workspace):
    result = invoke(
        runner,
        "-w",
        str(workspace),
        "templates",
        "copy",
        "posting.md.j2",
        "-c",
        "acme",
        "-b",
        "intro",
    )
    assert result.exit_code == 0, result.stderr
    written = workspace / "company_profiles" / "acme" / "templates" / "posting.md.j2"
    assert '{% extends "workspace:posting.md.j2" %}' in written.read_text()
    assert invoke(runner, "-w", str(workspace), "check").exit_code == 0


def test_copy_for_a_role_makes_its_own_template(runner, workspace):
    result = invoke(
        runner, "-w", str(workspace), "templates", "copy", "posting.md.j2",
        "--role", "mlops-engineer", "--block", "skills",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = workspace / "templates" / "roles" / "mlops-engineer.md.j2"
    text = written.read_text()
    assert '{% extends "posting.md.j2" %}' in text
    written.write_text(text.replace('_("What you bring")', '"What you bring to MLOps"'))
    mlops = invoke(
        runner, "-w", str(workspace), "generate", "mlops-engineer", "-c", "acme", "--stdout"
    )
    assert "## What you bring to MLOps" in mlops.stdout
    other = invoke(
        runner, "-w", str(workspace), "generate", "ai-ml-engineer", "-c", "acme", "--stdout"
    )
    assert "## What you bring\n" in other.stdout


def test_copy_reference_docx_then_restyle_it(runner, workspace):
    result = invoke(runner, "-w", str(workspace), "templates", "copy", "reference.docx")
    assert result.exit_code == 0, result.stderr
    path = workspace / "templates" / "reference.docx"
    document = docx.Document(str(path))
    document.styles["Heading 1"].font.size = docx.shared.Pt(20)
    document.save(str(path))
    invoke(runner, "-w", str(workspace), "generate", "ai-ml-engineer", "-c", "acme", "-f", "docx")
    data = (workspace / "output" / "acme" / "ai-ml-engineer.docx").read_bytes()
    assert docx.Document(io.BytesIO(data)).styles["Heading 1"].font.size == docx.shared.Pt(20)
    again = invoke(runner, "-w", str(workspace), "templates", "copy", "reference.docx")
    assert again.exit_code == 2 and "exists; pass --force" in again.stderr


def test_copy_needs_a_workspace_of_your_own(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "templates", "copy", "style.css")
    assert result.exit_code == 2
    assert "`jobgen init DIR`" in result.stderr


def test_copy_a_block_into_the_override_init_wrote(runner, workspace):
    """init's posting.md.j2 shows an example block in a comment: that is no block."""
    result = invoke(
        runner, "-w", str(workspace), "templates", "copy", "posting.md.j2", "-b", "benefits"
    )
    assert result.exit_code == 0, result.stderr
    text = (workspace / "templates" / "posting.md.j2").read_text()
    assert text.count('{% extends "default:posting.md.j2" %}') == 1
    assert text.endswith('{% block benefits %}\n## {{ _("Benefits") }}\n\n'
                         "{% for item in company.benefits %}\n"
                         "- {{ item }}\n{% endfor %}\n\n{% endblock %}\n")  # fmt: skip
    assert invoke(runner, "-w", str(workspace), "check").exit_code == 0


def test_force_replaces_one_block_and_keeps_the_others(runner, workspace):
    """`--block benefits --force` on an override with a `pay` block of the user's own
    replaces the benefits block only."""
    copy = ["-w", str(workspace), "templates", "copy", "posting.md.j2", "-b"]
    assert invoke(runner, *copy, "benefits").exit_code == 0
    assert invoke(runner, *copy, "pay").exit_code == 0
    path = workspace / "templates" / "posting.md.j2"
    head, tag, tail = path.read_text().rpartition("{% block pay %}")  # not the comment's
    path.write_text(f"{head}{tag}MY PAY {tail}")
    head, tag, tail = path.read_text().rpartition("{% block benefits %}")
    path.write_text(f"{head}{tag}OLD {tail}")
    comment = path.read_text().split("-#}")[0]
    result = invoke(runner, *copy, "benefits", "--force")
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert "MY PAY" in text and "OLD" not in text and text.startswith(comment)
    assert invoke(runner, "-w", str(workspace), "check").exit_code == 0
