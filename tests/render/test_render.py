"""The sandboxed Jinja environment: search path, default: prefix, errors with file:line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobgen.errors import TemplateProblem
from jobgen.inputs.workspace import TemplateLayer
from jobgen.render.blocks import check_blocks
from jobgen.render.renderer import UNWRITABLE, Renderer, unwritable


def make_renderer(tmp_path: Path, builtin_templates: Path, **templates: str) -> Renderer:
    user = tmp_path / "templates"
    user.mkdir(exist_ok=True)
    for name, text in templates.items():
        (user / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return Renderer(
        [TemplateLayer("workspace", user), TemplateLayer("built-in", builtin_templates)]
    )


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
    text = Renderer([TemplateLayer("built-in", builtin_templates)]).render_markdown(
        dataclasses.replace(posting, role=role)
    )
    assert "{{ 7 \\* 7 }} and {% raw %}" in text  # escaped for Markdown, never evaluated
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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ("{{ role.title / 2 }}", "TypeError"),
        ('{{ role.title | money("USD") }}', "ValueError"),
        ("{{ range(10000000) | list }}", "OverflowError"),
    ],
)
def test_runtime_errors_name_the_line_without_a_traceback(
    tmp_path, builtin_templates, posting, line, expected
):
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2=f"# x\n{line}\n")
    with pytest.raises(TemplateProblem) as caught:
        renderer.render_markdown(posting)
    assert f"posting.md.j2:2 (workspace template): {expected}" in str(caught.value)
    assert line in str(caught.value)


def test_misspelt_attribute_suggests_the_field(tmp_path, builtin_templates, posting):
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2="{{ company.benefit }}\n")
    with pytest.raises(TemplateProblem) as caught:
        renderer.render_markdown(posting)
    assert "company has no field 'benefit' (did you mean 'benefits'?)" in str(caught.value)
    assert "jobgen.models" not in str(caught.value)


def test_missing_parent_names_the_extending_file(tmp_path, builtin_templates, posting):
    renderer = make_renderer(
        tmp_path, builtin_templates, posting__md__j2='{% extends "default:postng.md.j2" %}\n'
    )
    with pytest.raises(TemplateProblem) as caught:
        renderer.render_markdown(posting)
    assert "posting.md.j2:1 (workspace template): template 'default:postng.md.j2' not found" in str(
        caught.value
    )


def test_output_size_is_limited(tmp_path, builtin_templates, posting):
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2="{{ 'x' * 3000000 }}\n")
    with pytest.raises(TemplateProblem, match="the limit is 2,000,000"):
        renderer.render_markdown(posting)


def test_template_that_is_not_utf8(tmp_path, builtin_templates, posting):
    renderer = make_renderer(tmp_path, builtin_templates)
    (tmp_path / "templates" / "posting.md.j2").write_bytes(b"# caf\xe9\n")
    with pytest.raises(TemplateProblem, match="not UTF-8 text"):
        renderer.render_markdown(posting)


def test_a_misspelt_block_is_refused(tmp_path, builtin_templates):
    override = (
        '{% extends "default:posting.md.j2" %}\n\n{% block benefit %}## Perks{% endblock %}\n'
    )
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2=override)
    with pytest.raises(TemplateProblem) as caught:
        check_blocks(renderer, "posting.md.j2")
    assert (
        "posting.md.j2:3 (workspace template): "
        "block 'benefit' is not a block of 'default:posting.md.j2'" in str(caught.value)
    )
    assert "(did you mean 'benefits'?)" in str(caught.value)


def test_known_blocks_and_templates_without_extends_pass(tmp_path, builtin_templates):
    override = '{% extends "default:posting.md.j2" %}{% block benefits %}x{% endblock %}'
    renderer = make_renderer(tmp_path, builtin_templates, posting__md__j2=override)
    check_blocks(renderer, "posting.md.j2")
    check_blocks(renderer, "page.html.j2")


def test_each_pay_range_is_its_own_bullet(generator, posting):
    text = generator.renderer.render_markdown(posting)
    section = text.split("## Pay\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(section) == len(posting.pay) == 2
    assert section[0].startswith("- **New York, NY:** $175,000 – $235,000 per year.")
    assert section[1].startswith("- **London, United Kingdom:** £")
    assert all(line.endswith("Equity: Stock options vesting over four years.") for line in section)


def test_compiled_templates_are_cached_and_an_edit_is_picked_up(
    tmp_path, builtin_templates, posting, cache_home
):
    first = make_renderer(tmp_path, builtin_templates, note__md__j2="Hello {{ role.title }}\n")
    assert first.render("note.md.j2", {"role": posting.role}) == "Hello AI/ML Engineer\n"
    cached = list((cache_home / "jobgen").rglob("*.cache"))
    assert cached  # written for the next run
    again = make_renderer(tmp_path, builtin_templates, note__md__j2="Hello {{ role.title }}\n")
    assert again.render("note.md.j2", {"role": posting.role}) == "Hello AI/ML Engineer\n"
    edited = make_renderer(tmp_path, builtin_templates, note__md__j2="Bye {{ role.id }}\n")
    assert edited.render("note.md.j2", {"role": posting.role}) == "Bye ai-ml-engineer\n"


def test_without_a_writable_cache_folder_templates_still_render(
    tmp_path, builtin_templates, posting, monkeypatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    renderer = make_renderer(tmp_path, builtin_templates, note__md__j2="{{ role.id }}\n")
    assert renderer.env.bytecode_cache is None
    assert renderer.render("note.md.j2", {"role": posting.role}) == "ai-ml-engineer\n"
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert make_renderer(tmp_path, builtin_templates).env.bytecode_cache is None


def test_the_cache_folder_is_named_after_the_code_that_compiles(tmp_path, monkeypatch):
    """Code compiled by an older jobgen (before the Markdown escaping, say) must never
    run: the folder name carries a checksum of sandbox.py and renderer.py, and a new
    folder replaces the others."""
    from jobgen.render import cache, renderer, sandbox
    from jobgen.version import __version__

    assert (sandbox.__file__, renderer.__file__) == renderer.COMPILER_CODE
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = tmp_path / "jobgen" / "templates-0.1.0"
    stale.mkdir(parents=True)
    (stale / "__jinja2_posting.cache").write_bytes(b"compiled without escaping")
    code = renderer.COMPILER_CODE
    bytecode = cache.bytecode_cache(code)
    assert bytecode is not None
    folder = Path(bytecode.directory)
    assert folder.name == f"templates-{__version__}-{cache.compiler_fingerprint(code)}"
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]
    (tmp_path / "changed.py").write_text("# another jobgen\n")
    changed = (code[0], str(tmp_path / "changed.py"))
    assert cache.compiler_fingerprint(changed) not in folder.name


@settings(max_examples=600, derandomize=True, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=8),  # surrogates too
            st.sampled_from(["\x00", "\x08", "\t", "\n", "\x0b", "\r", "\x1f", "\x7f", "\x80"]),
            st.sampled_from(["\ud800", "\udfff", "\ufffd", "\ufffe", "\uffff", "\uffef", "·–"]),
        ),
        max_size=12,
    ).map("".join)
)
def test_unwritable_finds_what_the_expression_finds(text):
    found, expected = unwritable(text), UNWRITABLE.search(text)
    assert (found and found.group()) == (expected and expected.group())
    assert (found and found.start()) == (expected and expected.start())
