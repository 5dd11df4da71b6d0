"""The sandboxed Jinja environment: search path, default: prefix, errors with file:line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from jobgen.errors import TemplateProblem
from jobgen.render import Renderer


def make_renderer(tmp_path: Path, builtin_templates: Path, **templates: str) -> Renderer:
    user = tmp_path / "templates"
    user.mkdir(exist_ok=True)
    for name, text in templates.items():
        (user / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return Renderer([user, builtin_templates], builtin_templates)


@pytest.fixture
def builtin_templates(builtin_workspace) -> Path:
    return builtin_workspace.builtin_templates


def test_markdown_has_every_section_in_order(generator, posting):
    text = generator.renderer.render_markdown(posting)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# AI/ML Engineer",
        "## About Brindle Ledger",
        "## The role",
        "## What you will do",
        "## What you bring",
        "## Nice to have",
        "## Why this role matters",
        "## Pay",
        "## Benefits",
        "## How to apply",
        "## Equal opportunity",
    ]
    assert "$175,000 – $235,000 per year" in text
    assert "£85,000 – £115,000 per year" in text
    assert "{{" not in text and "{%" not in text


def test_user_template_wins_and_can_extend_the_builtin(tmp_path, builtin_templates, posting):
    override = (
        '{% extends "default:posting.md.j2" %}\n'
        "{% block benefits %}## Perks\n\nOnly the best.\n\n{% endblock %}\n"
    )
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2=override)
    text = renderer.render_markdown(posting)
    assert "## Perks\n\nOnly the best." in text
    assert "## Benefits" not in text
    assert "## What you will do" in text  # the rest comes from the built-in


def test_data_is_never_executed_as_template(tmp_path, builtin_templates, posting):
    role = dataclasses.replace(posting.role, summary="{{ 7 * 7 }} and {% raw %}")
    text = Renderer([builtin_templates], builtin_templates).render_markdown(
        dataclasses.replace(posting, role=role)
    )
    assert "{{ 7 * 7 }} and {% raw %}" in text
    assert "49" not in text


def test_undefined_variable_names_file_line_and_suggests(tmp_path, builtin_templates, posting):
    renderer = make_renderer(
        tmp_path, builtin_templates, posting__md__j2="# {{ role.title }}\n\n{{ comapny.name }}\n"
    )
    with pytest.raises(TemplateProblem) as caught:
        renderer.render_markdown(posting)
    message = str(caught.value)
    assert "posting.md.j2:3" in message
    assert "'comapny' is undefined" in message
    assert "did you mean 'company'?" in message
    assert "{{ comapny.name }}" in message  # the offending line is shown


def test_undefined_attribute_is_an_error_not_empty(tmp_path, builtin_templates, posting):
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2="{{ role.salary }}\n")
    with pytest.raises(TemplateProblem, match=r"posting\.md\.j2:1"):
        renderer.render_markdown(posting)


def test_syntax_error_names_file_and_line(tmp_path, builtin_templates, posting):
    renderer = make_renderer(
        tmp_path, builtin_templates, posting__md__j2="line one\n{% if role.title %}\nno end\n"
    )
    with pytest.raises(TemplateProblem) as caught:
        renderer.render_markdown(posting)
    assert "posting.md.j2:" in str(caught.value)
    assert "endif" in str(caught.value)


def test_sandbox_blocks_python_internals(tmp_path, builtin_templates, posting):
    escape = "{{ role.__class__.__mro__[1].__subclasses__() }}\n"
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2=escape)
    with pytest.raises(TemplateProblem):
        renderer.render_markdown(posting)


def test_templates_cannot_change_the_data(tmp_path, builtin_templates, posting):
    mutate = "{{ role.responsibilities.append('x') }}{{ company.pay.clear() }}\n"
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2=mutate)
    with pytest.raises(TemplateProblem):
        renderer.render_markdown(posting)
    assert posting.company.pay  # untouched


def test_missing_template_lists_the_folders_searched(tmp_path, builtin_templates):
    renderer = make_renderer(tmp_path, builtin_templates)
    with pytest.raises(TemplateProblem, match="not found"):
        renderer.render("nope.md.j2", {})
