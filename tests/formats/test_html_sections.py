"""Converting a posting section by section, each section kept, gives the whole text's HTML."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.sane_lists import SaneListExtension

from jobgen.formats import html_inline, html_sections
from jobgen.formats.html import _sections
from jobgen.inputs.tailor import make_posting
from jobgen.publish.pipeline import generate


def converter() -> markdown.Markdown:
    made = markdown.Markdown(extensions=[SaneListExtension()], output_format="html")
    html_inline.install(made)
    return made


WHOLE = converter()
SECTIONS = html_sections.SectionConverter(converter())


def whole(text: str) -> str:
    WHOLE.reset()
    return WHOLE.convert(text)


def test_the_posting_converter_goes_by_section():
    assert _sections().by_section
    assert SECTIONS.by_section


def test_another_converter_converts_whole():
    plain = markdown.Markdown(extensions=[SaneListExtension()], output_format="html")
    assert not html_sections.studied(plain)  # Python-Markdown's own inline pass
    extended = converter()
    extended.inlinePatterns.register(
        markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 75
    )
    assert not html_sections.studied(extended)
    tables = markdown.Markdown(extensions=["tables"], output_format="html")
    html_inline.install(tables)
    assert not html_sections.studied(tables)
    assert not html_sections.SectionConverter(tables).by_section


@pytest.mark.parametrize("mark", html_sections.WHOLE_IF)
def test_a_text_with_what_reaches_across_sections_is_converted_whole(mark):
    assert html_sections.sections(f"# A\n\nsome {mark} text\n\n## B\n\nmore\n") is None


@pytest.mark.parametrize("text", [" # A\n\n# B", "\t# A\n\n# B", "\n\n# A", "# A\n\n#"])
def test_a_leading_blank_or_an_empty_section_is_converted_whole(text):
    found = html_sections.sections(text)
    assert found is None or all(section.strip() for section in found)
    assert SECTIONS.convert(text) == whole(text)


def test_sections_are_cut_before_each_heading_block():
    text = "# A\n\nintro\n# not cut\n\n## B\n\n- x\n\n- y\n\n### C\ntext\n"
    assert html_sections.sections(text) == [
        "# A\n\nintro\n# not cut",
        "## B\n\n- x\n\n- y",
        "### C\ntext\n",
    ]


def test_every_built_in_posting_converts_as_a_whole(generator, catalog):
    config, roles, companies = catalog
    split = 0
    for company in companies.values():
        for role in roles.values():
            posting = make_posting(config, role, company, dt.date(2026, 11, 25))
            text = generator.renderer_for(company).render_markdown(posting)
            split += html_sections.sections(text) is not None
            for _ in range(2):  # converted, then from the kept sections
                assert SECTIONS.convert(text) == whole(text), posting.slug
    assert split > len(companies) * len(roles) // 2  # most postings go by section


def test_a_german_posting_converts_as_a_whole(builtin_workspace, tmp_path):
    generate(
        builtin_workspace,
        ["ai-ml-engineer"],
        "carrowmere-health",
        ["md"],
        tmp_path,
        dt.date(2026, 11, 25),
        languages=("de-DE",),
    )
    (path,) = tmp_path.rglob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "## " in text and html_sections.sections(text) is not None
    assert SECTIONS.convert(text) == whole(text)


INLINE = st.sampled_from(
    [
        "word", "two words", "*em*", "**strong**", "_em_", "__strong__", "***both***", "*",
        "_", "**", "`code`", "``", "\\*", "\\", "[link](http://x.example)", "[ref]", "[ref][]",
        "![img](i.png)", "&amp;", "&copy;", "&", "&#60;", "#", "C#", "  \n", "1.", "-", ">",
        "=", ")", "(", "]", "[", "*a **b** c*", "**a *b* c**", "snake_case_word", "2*3*4",
    ]
)  # fmt: skip
LINE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
HEADING = st.builds("#{} {}".format, st.sampled_from(["", "#", "##", "#####", "######"]), LINE)
BLOCK = st.one_of(
    LINE,
    HEADING,
    HEADING,
    st.builds("#{}".format, LINE),  # no space after the marks
    st.builds("{}\n{}".format, LINE, st.sampled_from(["===", "---", "= =", "-"])),
    st.builds("{} {}".format, st.sampled_from(["-", "*", "+", "1.", "2)", "10.", ">"]), LINE),
    st.sampled_from(["---", "***", "- - -", "_ _ _", "#", "##", "-", "1.", ">"]),
    st.lists(st.builds("- {}".format, LINE), min_size=1, max_size=3).map("\n".join),
    st.lists(st.builds("1. {}".format, LINE), min_size=1, max_size=3).map("\n".join),
    st.lists(st.builds("> {}".format, LINE), min_size=1, max_size=3).map("\n".join),
    st.builds("{}\n{}".format, LINE, LINE),
    st.builds("{}\n# {}".format, LINE, LINE),  # a heading inside a block: not cut there
)
DOCUMENT = st.lists(
    st.tuples(BLOCK, st.sampled_from(["\n\n"] * 6 + ["\n", "\n\n\n"])), min_size=1, max_size=12
).map(lambda blocks: "".join(block + gap for block, gap in blocks))


AS_A_WHOLE = settings(
    max_examples=50,  # ~0.7 s; the slow step runs 1,000 (below)
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@AS_A_WHOLE
@given(st.lists(DOCUMENT, min_size=1, max_size=4))
def test_any_document_converts_as_a_whole(documents):
    """Several documents through one converter: sections kept from one are reused by
    the next, as in a batch."""
    for text in documents:
        assert SECTIONS.convert(text) == whole(text)


@pytest.mark.slow
@settings(AS_A_WHOLE, max_examples=1_000)
@given(st.lists(DOCUMENT, min_size=1, max_size=4))
def test_any_document_converts_as_a_whole_thoroughly(documents):
    for text in documents:
        assert SECTIONS.convert(text) == whole(text)
