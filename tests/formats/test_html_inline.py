"""The quick inline pass gives Python-Markdown's own output, byte for byte."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import InlineProcessor

from jobgen.formats import html_inline
from jobgen.formats.html import _converter
from jobgen.inputs.tailor import make_posting
from jobgen.render.context import escape_markdown


def plain() -> markdown.Markdown:
    return markdown.Markdown(extensions=[SaneListExtension()], output_format="html")


def quick() -> markdown.Markdown:
    converter = plain()
    html_inline.install(converter)
    return converter


PLAIN, QUICK = plain(), quick()


def both(text: str) -> tuple[str, str]:
    PLAIN.reset()
    QUICK.reset()
    return PLAIN.convert(text), QUICK.convert(text)


TRICKY = [
    "plain words only",
    "**bold** and *em* and _em_ and __strong__ and ***both***",
    "a `code` span, ``double `tick``, \\`escaped\\` and \\\\`after two backslashes`",
    "[link](https://example.com) [ref][r] [short] ![img](x.png) ![ref img][r]\n\n[r]: /url",
    "<https://example.com> <me@example.com> <b>raw</b> <!-- c --> <?pi?> <![CDATA[x]]>",
    "&amp; &#60; &#x3c; &copy; & alone, AT&T",
    "line one  \nline two with a hard break\\\nthree",
    "* not emphasis * and _ alone _ and snake_case_word and 2*3*4",
    "- **Walk the rows.** Everyone\n- *Plain* [numbers](http://x)\n\n1. one\n2) two",
    "> quote with **bold** and `code`\n\n    indented code *not em*",
    "# Heading with C\\# and [link](u)\n\nSetext\n===",
    "\x02klzzwxh:0000\x03 a placeholder typed in, and \x02 \x03 alone",
    "nested **bold with *em* and `code` and [link](u)** end",
    '[link with **bold** and `code`](http://example.com "title") after',
    "![alt *em*](src) and [![img](i)](link)",
    "*a **b** c* **a *b* c** _a __b__ c_",
    "text\twith\ttabs  \n   and spaces  ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_markdown_converts_as_python_markdown_does(text):
    before, after = both(text)
    assert after == before


def test_every_sample_posting_converts_as_python_markdown_does(generator, catalog):
    config, roles, companies = catalog
    for company in companies.values():
        for role in roles.values():
            posting = make_posting(config, role, company, dt.date(2026, 11, 25))
            text = generator.renderer_for(company).render_markdown(posting)
            before, after = both(text)
            assert after == before, posting.slug
    escaped = escape_markdown(text)  # every character of markup escaped
    before, after = both(escaped)
    assert after == before


MARKUP = st.sampled_from([*"*_`[]()!<>&#;\\ \n\t-+.:/@=\"'x1", "  \n", "&amp;", "\x02"])


@settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.one_of(MARKUP, st.text(max_size=3)), max_size=40).map("".join))
def test_any_text_converts_as_python_markdown_does(text):
    before, after = both(text)
    assert after == before


def test_the_converter_uses_the_quick_pass_and_knows_every_pattern():
    """Every inline pattern of the installed Python-Markdown is one studied in NEEDS, so no
    text is tried against patterns it cannot match. A new Markdown release that changes
    a pattern fails this test: read its expression, then update NEEDS."""
    converter = _converter()
    inline = converter.treeprocessors["inline"]
    assert type(inline) is html_inline.QuickInlineProcessor
    registry = converter.inlinePatterns
    names = [name for name in html_inline.NEEDS if name in registry]
    assert len(names) == len(registry)
    for name in names:
        assert html_inline.needs_of(name, registry[name]) is not None, name


def test_a_pattern_not_studied_is_tried_on_every_text():
    converter = plain()
    converter.inlinePatterns.register(
        markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 75
    )
    # the same name, another expression: not the pattern studied
    converter.inlinePatterns.register(
        markdown.inlinepatterns.SimpleTagInlineProcessor(r"()==(.+?)==", "mark"), "entity", 80
    )
    html_inline.install(converter)
    assert html_inline.needs_of("entity", converter.inlinePatterns["entity"]) is None
    converter.reset()
    assert converter.convert("a ~~gone~~ and ==marked== word") == (
        "<p>a <del>gone</del> and <mark>marked</mark> word</p>"
    )


def test_install_leaves_another_inline_processor_alone():
    converter = plain()

    class Custom(InlineProcessor):
        pass

    converter.treeprocessors.register(Custom(converter), "inline", 20)
    html_inline.install(converter)
    assert type(converter.treeprocessors["inline"]) is Custom


def test_the_inert_test_covers_every_need():
    needs = [need for _, _, need in html_inline.NEEDS.values()]
    inert = html_inline._inert(needs)
    assert inert is not None
    for text in ("`", "\\", "[", "<", "  \n", "&", "*", "_"):
        assert not inert(f"a {text} b"), text
    assert inert("plain words, digits 1.5 and (brackets) # ! = ~")
    assert html_inline._inert([*needs, None]) is None


def test_patterns_changed_after_a_conversion_are_studied_again():
    converter = quick()
    assert converter.convert("a ~~x~~ and ~y~ b") == "<p>a ~~x~~ and ~y~ b</p>"
    converter.reset()
    converter.inlinePatterns.register(
        markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 75
    )
    assert converter.convert("a ~~x~~ b") == "<p>a <del>x</del> b</p>"
    converter.reset()
    converter.delimiters.add("~", "del,del")  # the same pattern object, a new expression
    assert converter.convert("a ~y~ b") == PLAIN.convert("a ~y~ b").replace("~y~", "<del>y</del>")
