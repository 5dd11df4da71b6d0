"""What is worked out of a template's source, kept between runs: an unchanged override is
not parsed again to check its blocks, and any edit, of it or of what it extends, is."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobgen.errors import TemplateProblem
from jobgen.inputs.workspace import TemplateLayer
from jobgen.render import source_facts
from jobgen.render.blocks import check_blocks
from jobgen.render.renderer import Renderer

GOOD = '{% extends "base.md.j2" %}{% block benefits %}Perks{% endblock %}\n'
BASE = '{% extends "default:posting.md.j2" %}{% block benefits %}{% endblock %}\n'


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def renderer(tmp_path: Path, builtin: Path, **files: str) -> Renderer:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Renderer([TemplateLayer("workspace", folder), TemplateLayer("built-in", builtin)])


class Parses:
    """Counts the templates parsed by a renderer's environment."""

    def __init__(self, made: Renderer, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        parse = made.env.parse

        def counting(source, name=None, filename=None):
            self.names.append(name)
            return parse(source, name, filename)

        monkeypatch.setattr(made.env, "parse", counting)


def test_an_unchanged_override_is_not_parsed_again(
    tmp_path, own_cache, builtin_workspace, monkeypatch
):
    builtin = builtin_workspace.builtin_templates
    first = renderer(tmp_path, builtin, **{"posting.md.j2": GOOD, "base.md.j2": BASE})
    counted = Parses(first, monkeypatch)
    check_blocks(first, "posting.md.j2")
    assert counted.names == ["posting.md.j2", "base.md.j2", "default:posting.md.j2"]
    again = renderer(tmp_path, builtin)  # the next run: a new renderer, the same files
    counted = Parses(again, monkeypatch)
    check_blocks(again, "posting.md.j2")
    assert counted.names == []
    assert list(own_cache.rglob("outlines.json"))


def test_an_edited_override_is_checked_again(tmp_path, own_cache, builtin_workspace):
    builtin = builtin_workspace.builtin_templates
    check_blocks(renderer(tmp_path, builtin, **{"posting.md.j2": GOOD}), "posting.md.j2")
    stray = GOOD.replace("block benefits", "block benefit")
    edited = renderer(tmp_path, builtin, **{"posting.md.j2": stray, "base.md.j2": BASE})
    with pytest.raises(TemplateProblem, match=r"block 'benefit' is not a block of 'base\.md\.j2'"):
        check_blocks(edited, "posting.md.j2")


def test_an_edit_of_the_template_it_extends_is_seen(tmp_path, own_cache, builtin_workspace):
    builtin = builtin_workspace.builtin_templates
    files = {"posting.md.j2": GOOD, "base.md.j2": BASE}
    check_blocks(renderer(tmp_path, builtin, **files), "posting.md.j2")
    # base.md.j2 now extends nothing and has no `benefits` block: the override's is stray
    edited = renderer(tmp_path, builtin, **{"base.md.j2": "## Nothing to fill\n"})
    with pytest.raises(TemplateProblem, match=r"'benefits' is not a block of 'base\.md\.j2'"):
        check_blocks(edited, "posting.md.j2")
    looped = renderer(tmp_path, builtin, **{"base.md.j2": '{% extends "posting.md.j2" %}\n'})
    with pytest.raises(TemplateProblem, match="extend each other in a loop"):
        check_blocks(looped, "posting.md.j2")


def test_a_damaged_facts_file_is_parsed_again(tmp_path, own_cache, builtin_workspace, monkeypatch):
    builtin = builtin_workspace.builtin_templates
    check_blocks(renderer(tmp_path, builtin, **{"posting.md.j2": GOOD, "base.md.j2": BASE}),
                 "posting.md.j2")  # fmt: skip
    (kept,) = own_cache.rglob("outlines.json")
    kept.write_text(kept.read_text()[:-5])
    again = renderer(tmp_path, builtin)
    counted = Parses(again, monkeypatch)
    check_blocks(again, "posting.md.j2")
    assert len(counted.names) == 3


def test_a_kept_value_of_another_shape_is_not_believed(tmp_path, own_cache, builtin_workspace):
    made = renderer(tmp_path, builtin_workspace.builtin_templates)
    facts = source_facts.SourceFacts(made.env, "x.json", lambda kept: isinstance(kept, list))
    facts.add(b"source", {"not": "a list"})
    facts.save()
    again = source_facts.SourceFacts(made.env, "x.json", lambda kept: isinstance(kept, list))
    assert again.get(b"source") is None
