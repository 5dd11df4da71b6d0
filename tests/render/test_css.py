"""A brace left open in a house stylesheet is found, at its line, and cannot take the
brand's colours down with it."""

from __future__ import annotations

from click.testing import CliRunner

from jobgen.cli import main
from jobgen.render.css import unbalanced


def test_an_open_brace_is_found_at_its_line() -> None:
    css = ".a { color: red; }\n.posting h2 {\n  color: purple;\n.b { margin: 0; }\n"
    [(line, why)] = unbalanced(css)
    assert line == 2 and why.startswith("this { is never closed with }")


def test_a_stray_closing_brace_is_found() -> None:
    assert unbalanced(".a { }\n}\n") == [(2, "a } with no { before it; remove it")]


def test_a_comment_never_closed_is_found() -> None:
    [(line, why)] = unbalanced(".a { color: red; }\n/* the headings\n.b { margin: 0; }\n")
    assert line == 2 and why.startswith("this /* comment is never closed with */")


def test_braces_in_comments_and_strings_are_not_structure() -> None:
    css = "/* a { in a comment */\n.a::before { content: \"}\"; }\n.b { content: '{'; }\n"
    assert unbalanced(css) == []


def test_check_and_generate_warn_and_the_brand_keeps_its_own_style_element(
    workspace_copy, tmp_path
) -> None:
    custom = workspace_copy / "templates" / "custom.css"
    custom.write_text(".posting h2 {\n  text-transform: uppercase;\n", encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["-w", str(workspace_copy), "check"])
    assert checked.exit_code == 0
    assert "templates/custom.css:1: this { is never closed with }" in checked.stderr
    out = tmp_path / "out"
    args = ["generate", "ai-ml-engineer", "-c", "furrowlight", "-f", "html", "-o", str(out)]
    wrote = runner.invoke(main, ["-w", str(workspace_copy), *args])
    assert wrote.exit_code == 0 and "this { is never closed" in wrote.stderr
    page = (out / "furrowlight" / "ai-ml-engineer.html").read_text(encoding="utf-8")
    # the brand's variables open a style element of their own, after the house CSS
    assert "</style><style>\n:root {\n  --brand: #" in page


def test_the_hiring_plan_says_a_stylesheet_warning_once_not_on_every_card(workspace_copy, tmp_path):
    (workspace_copy / "templates" / "custom.css").write_text(".a {\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["-w", str(workspace_copy), "stage", "-c", "furrowlight", "-f", "html", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-11-25"])
    assert result.exit_code == 0, result.output
    plan = (out / "furrowlight" / "index.html").read_text(encoding="utf-8")
    assert plan.count("this { is never closed") == 1
