"""jobgen's own template functions (`_`, `gettext`, `pgettext`, `ngettext`) are called
without Jinja's checks only where that gives what Jinja's call would: the same text, the
same errors, and every other callable checked as before."""

from __future__ import annotations

import jinja2
import pytest
from jinja2.exceptions import SecurityError

from jobgen.inputs.workspace import builtin_root
from jobgen.render import i18n
from jobgen.render.local import Local
from jobgen.render.sandbox import PostingSandbox, finalize

TEMPLATES = {
    "plain.md.j2": '{{ _("About %(company)s", company=name) }} {{ gettext("x *y*") }}',
    "loop.md.j2": '{% for x in [1] %}{% set local = german %}{{ _("The role") }}{% endfor %}'
    '{% for local in [german] %}{{ _("The role") }}{% endfor %}{{ _("The role") }}',
    "set.md.j2": '{% block b %}{{ _("The role") }} {% set local = german %}'
    '{{ pgettext("label", "%(label)s:", label=_("The role")) }}{% endblock %}',
    "plural.md.j2": '{{ ngettext("%(num)s item", "%(num)s items", 3) }} {{ _("a", b=1) }}',
    "page.html.j2": '<p>{{ _("About %(company)s", company=name) }}</p>',
    "macro.md.j2": '{% macro m(x) %}{{ _("m %(x)s", x=x) }}{% endmacro %}{{ m("<b>") }}',
    "local.md.j2": '{{ _("Posted %(date)s.", date=local) }}',
    "bad.md.j2": '{{ _("%(missing)s") }}',
    "args.md.j2": "{{ _() }}",
    "other.md.j2": '{{ "ab".center(5) }} {{ name.upper() }} {{ range(3) | list }}',
}


def environment(direct: bool) -> PostingSandbox:
    env = PostingSandbox(
        loader=jinja2.DictLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
    )
    i18n.install(env)
    if not direct:
        env.direct_calls = frozenset()
    return env


BRITISH = Local.english("en-GB")
GERMAN = Local.of("de-DE", [builtin_root() / "templates"])


def outcome(env: PostingSandbox, name: str) -> tuple[str, str]:
    context = {"name": "Brindle *Ledger*", "local": BRITISH, "german": GERMAN}
    try:
        return "text", env.get_template(name).render(context)
    except Exception as error:  # the same kind and words either way
        return type(error).__name__, str(error)


def test_a_variable_set_in_a_block_or_loop_is_the_language():
    text = outcome(environment(True), "set.md.j2")[1]
    assert text == "The role Ihre Rolle:" == outcome(environment(False), "set.md.j2")[1]


def test_the_own_functions_are_called_directly():
    assert environment(True).direct_calls == {i18n.gettext, i18n.pgettext, i18n.ngettext}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_direct_calls_give_what_jinjas_call_gives(name):
    assert outcome(environment(True), name) == outcome(environment(False), name)


def test_only_safe_context_functions_may_be_called_directly():
    env = environment(True)

    def plain(text: str) -> str:
        return text

    unsafe = jinja2.pass_context(lambda context: None)
    unsafe.unsafe_callable = True
    for function in (plain, unsafe, str.upper, print):
        with pytest.raises(TypeError):
            env.direct_call(function)


def test_an_unsafe_callable_is_still_refused():
    env = environment(True)

    @jinja2.pass_context
    def danger(context):
        return "ran"

    danger.unsafe_callable = True
    with pytest.raises(SecurityError):
        env.from_string("{{ f() }}").render(f=danger)
