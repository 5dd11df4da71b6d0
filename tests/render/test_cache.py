"""The compiled-template cache: a write that fails is done without."""

from __future__ import annotations

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
