"""Padding widths and constant expressions: bounded like repetition, compiled under the guards.

Jinja computes constant expressions while it compiles (`{{ "x"|center(3000000000) }}`
is folded into the compiled code), so a template could make gigabytes in `stage` or
`check`, which compile before any render, and leave the result in the template cache.
"""

from __future__ import annotations

import time
from pathlib import Path

import jinja2
import pytest

from jobgen.limits import MAX_OUTPUT_CHARS, RenderLimit
from jobgen.render.sandbox import PostingSandbox

from .harness import COMPANY, Workspace, assert_refused, assert_unchanged

POSTING = "templates/posting.md.j2"
FIRST_LINE = "{# a harmless first line, so the hostile one is line 2 #}\n"
HUGE = 3_000_000_000

WIDE = {
    "center-filter": f'{{{{ "x"|center({HUGE})|length }}}}',
    "center-method": f'{{{{ "x".center({HUGE}) }}}}',
    "ljust-method": f'{{{{ "x".ljust({HUGE}) }}}}',
    "rjust-method": f'{{{{ "x".rjust({HUGE}) }}}}',
    "zfill-method": f'{{{{ "1".zfill({HUGE}) }}}}',
    "percent-width": f'{{{{ "%{HUGE}s" % "x" }}}}',
    "percent-precision": f'{{{{ "%.{HUGE}f" % 1.5 }}}}',
    "percent-star": f'{{{{ "%*s" % ({HUGE}, "x") }}}}',
    "format-filter": f'{{{{ "%-{HUGE}s"|format("x") }}}}',
    "str-format-width": f'{{{{ "{{:>{HUGE}}}".format("x") }}}}',
    "str-format-nested": f'{{{{ "{{:>{{}}}}".format("x", {HUGE}) }}}}',
    "format-map-nested": f'{{{{ "{{a:{{w}}}}".format_map({{"a": "x", "w": {HUGE}}}) }}}}',
    "expandtabs-method": f'{{{{ "a\\tb".expandtabs({HUGE}) }}}}',
    "join-filter": '{{ ["", "", ""]|join("x" * 1500000) }}',
    "join-method": '{{ ("x" * 1500000).join(["", "", ""]) }}',
    "tojson-indent": f"{{{{ [[1, 2], [3]]|tojson(indent={HUGE}) }}}}",
    "indent-lines": '{{ ("a\\n" * 100000)|indent(100) }}',
    "replace-filter": "{{ ('ab' * 1000)|replace('a', 'a' * 100000) }}",
    "replace-method": "{{ ('ab' * 1000).replace('a', 'a' * 100000) }}",
}


@pytest.mark.parametrize("source", list(WIDE.values()), ids=list(WIDE))
def test_a_huge_width_is_refused_at_once(source: str) -> None:
    """Each is refused by the output limit before any text is made, compiled or rendered."""
    env = PostingSandbox(undefined=jinja2.StrictUndefined, autoescape=True)
    started = time.monotonic()
    with pytest.raises(RenderLimit, match=f"{MAX_OUTPUT_CHARS:,}"):
        env.from_string(source).render()
    assert time.monotonic() - started < 1


def test_ordinary_widths_still_work() -> None:
    env = PostingSandbox(undefined=jinja2.StrictUndefined, autoescape=True)
    source = (
        '{{ "a"|center(5) }}|{{ "b".ljust(3) }}|{{ "%4s|%-3d|%%" % ("c", 2) }}|'
        '{{ "{:>3}".format("d") }}|{{ "{:{}}".format("e", 2) }}|{{ "%s!"|format("f") }}|'
        '{{ 7 % 3 }}|{{ "ab"|replace("a", "xy") }}|{{ "g\nh"|indent(2, true) }}'
    )
    assert env.from_string(source).render() == "  a  |b  |   c|2  |%|  d|e |f!|1|xyb|  g\n  h"


@pytest.mark.parametrize(
    "command",
    [
        ["stage", "early", "-j", "1", "-q"],
        ["stage", "early", "-j", "2", "-q"],
        ["check"],
        ["generate", "ai-ml-engineer"],
    ],
    ids=["stage", "stage-2-jobs", "check", "generate"],
)
def test_a_constant_width_bomb_is_refused_by_every_command_and_never_cached(
    ws: Workspace,
    before: dict,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """`stage` and `check` compile before rendering: the compiled constant was once ~3 GB,
    made outside the guards and then cached, so `check` said ok."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("JOBGEN_NO_CACHE", raising=False)
    path = ws.root / POSTING
    original = path.read_text(encoding="utf-8")
    path.write_text(FIRST_LINE + WIDE["center-filter"] + "\n" + original, encoding="utf-8")
    output = [] if command == ["check"] else ["-c", COMPANY, "-f", "md", "-o", str(ws.out)]
    started = time.monotonic()
    result = ws.run(*command, *output)
    assert time.monotonic() - started < 5
    assert_refused(result, names=f"{POSTING}:2", says=f"{MAX_OUTPUT_CHARS:,}")
    assert_unchanged(before, ws.out)
    cached = [path for path in cache.rglob("*") if path.is_file()]
    assert all(path.stat().st_size < 1_000_000 for path in cached), cached
    again = ws.run("check")  # the cache holds nothing that says the template is fine
    assert_refused(again, names=f"{POSTING}:2", says=f"{MAX_OUTPUT_CHARS:,}")


def test_compiling_runs_under_the_time_and_memory_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a constant costs to fold (here a filter that takes a second), the compile
    is stopped at the limit and reported by file; Jinja's folding swallows the limit's
    exception, so the constant is not folded, and no cached code holds it."""
    from jobgen import limits
    from jobgen.errors import TemplateProblem
    from jobgen.inputs.workspace import TemplateLayer
    from jobgen.render.renderer import Renderer

    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.2)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("JOBGEN_NO_CACHE", raising=False)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "slow.md.j2").write_text("{{ 1|slow }}\n", encoding="utf-8")
    renderer = Renderer([TemplateLayer("workspace", folder)])
    renderer.env.filters["slow"] = lambda value: time.sleep(1) or "FOLDED-RESULT"
    started = time.monotonic()
    with pytest.raises(TemplateProblem, match=r"slow\.md\.j2.*0\.2 s"):
        renderer.compile("slow.md.j2")
    assert time.monotonic() - started < 0.9
    cached = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert not [path for path in cached if b"FOLDED-RESULT" in path.read_bytes()]
