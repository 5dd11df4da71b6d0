"""The compiled-template cache: a write that fails is done without."""

from __future__ import annotations

import os
import shutil

import jinja2

from jobgen.render.cache import bytecode_cache


def test_a_cache_folder_removed_while_writing_does_not_stop_the_run(tmp_path, monkeypatch):
    """Another jobgen version removes caches not its own, maybe while this one writes."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = bytecode_cache((__file__,))
    assert cache is not None
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    shutil.rmtree(cache.directory)
    assert env.get_template("t").render() == "2"  # compiled, not cached


def test_the_templates_a_template_names_are_kept_between_runs(tmp_path):
    """`check` parses every template for the files it includes: the names are kept by
    the template's bytes, so an edited include is read again."""
    from jobgen.inputs.workspace import TemplateLayer, builtin_root
    from jobgen.render.renderer import Renderer
    from jobgen.render.template_files import unused_templates

    folder = tmp_path / "templates"
    (folder / "roles").mkdir(parents=True)
    (folder / "partials").mkdir()
    (folder / "partials" / "extra.md.j2").write_text("{{ role.title }}\n")
    (folder / "partials" / "other.md.j2").write_text("{{ role.title }}\n")
    role = folder / "roles" / "mlops-engineer.md.j2"
    role.write_text('{% include "partials/extra.md.j2" %}\r\n')
    layers = [
        TemplateLayer("workspace", folder),
        TemplateLayer("built-in", builtin_root() / "templates"),
    ]
    env = Renderer(layers).env

    def unused() -> list[str]:
        return [f.name for f, _ in unused_templates(layers, {"mlops-engineer"}, env)]

    assert unused() == ["partials/other.md.j2"]
    assert os.path.isfile(os.path.join(env.bytecode_cache.directory, "references.json"))
    assert unused() == ["partials/other.md.j2"]  # from the kept names
    role.write_text('{% include "workspace:partials/other.md.j2" %}\n')
    assert unused() == ["partials/extra.md.j2"]
    role.write_text("{% include 'partials/extra.md.j2' %}{% if %}\n")  # a syntax error
    assert unused() == ["partials/extra.md.j2", "partials/other.md.j2"]
