"""Plain text: the quick way (sections kept, a regular expression for the tags, a greedy
wrap) writes exactly what html.parser and textwrap write, on every built-in posting in
English, German and French, and on generated HTML and lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXED_DATE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobgen.formats import fragment_sections, html, plain_text
from jobgen.formats import markdown as markdown_format
from jobgen.formats.fragment_sections import sections, stands_alone, tags
from jobgen.formats.plain_text import _textwrap_fill, fill, reference_text, to_text
from jobgen.inputs.models import Posting
from jobgen.inputs.stages import plan_postings
from jobgen.inputs.workspace import Workspace, builtin_root, find_workspace
from jobgen.publish.pipeline import Generator
from jobgen.publish.scaffold import init_workspace
from jobgen.render.local import Local

WIDTHS = (72, 40, 20, 0)


def posting_fragments(tmp: Path) -> Iterator[tuple[Posting, str, str, Local]]:
    """(posting, Markdown, sanitized HTML, its words) of every built-in posting (the
    Berlin opening in German and English among them), and of every role for a company
    writing in German and one writing in French."""
    workspaces = [Workspace(None, (builtin_root(),))]
    for company, language in (("werk", "de-DE"), ("atelier", "fr-FR")):
        init_workspace(tmp / language, company, language=language)
        workspaces.append(find_workspace(tmp / language))
    for workspace in workspaces:
        generator = Generator(workspace)
        for posting in plan_postings(workspace, None, None, FIXED_DATE)[1]:
            renderer = generator.renderer_for(posting.company)
            text = markdown_format.tidy(renderer.render_markdown(posting))
            yield posting, text, html.safe_fragment(text), renderer.local(posting.language)


@pytest.fixture(scope="module")
def fragments(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Posting, str, str]]:
    found = [f[:3] for f in posting_fragments(tmp_path_factory.mktemp("languages"))]
    assert {posting.language for posting, _, _ in found} >= {"en-US", "de-DE", "fr-FR"}
    return found


def test_every_posting_reads_as_html_parser_and_textwrap_read_it(fragments):
    for posting, _, fragment in fragments:
        for width in WIDTHS:
            for _ in range(2):  # read, then from the kept sections
                assert to_text(fragment, width) == reference_text(fragment, width), (
                    posting.slug,
                    posting.language,
                    width,
                )


def test_every_posting_goes_by_section(fragments):
    """The quick way is the one taken: each section of a posting stands alone."""
    for posting, _, fragment in fragments:
        found = sections(fragment)
        assert len(found) > 5, posting.slug
        for section in found:
            parts = tags(section)
            assert parts is not None and stands_alone(parts), (posting.slug, section)


def test_german_and_french_no_break_spaces_hold_at_any_width(fragments):
    """ "58.000 €", "Salaire :": wrapped at 20 columns, no line ends or starts there."""
    for language in ("de-DE", "fr-FR"):
        for posting, _, fragment in fragments:
            if posting.language == language:
                text = to_text(fragment, 20)
                assert "\xa0" in text and "\xa0\n" not in text and "\n\xa0" not in text


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>text</p>\ntext outside\n<h2>B</h2>\n<p>b</p>",  # text between blocks
        "<h2>A</h2>\n<ul>\n<li>one\n<h2>B</h2>\n<li>two</li>\n</ul>",  # cut inside a list
        "<h2>A</h2>\n<ul>\n<li>one</li>\n<h2>B</h2>\n<p>two</p>",  # a list left open
        '<h2>A</h2>\n<p><a href="https://x.example/">one\n<h2>B</h2>\n<p>two</a></p>',
        "<h2>A</h2>\n<ul>\n<li>one</ol>\n<h2>B</h2>\n<p>two</p>\n</ul>",  # closed as another
        "<h2>A</h2>\n<p><a href='x'>link</a></p>\n<h2>B</h2>",  # single quotes
        "<h2>A</h2>\n<!-- note -->\n<h2>B</h2>\n<p>b<br/>c</p>",  # a comment, <br/>
        "<h2>A</h2>\n<p>a < b &amp; c</p>",  # a stray <
        "<h2>A</h2>\n<li>an item outside a list</li>\n<h2>B</h2>",
        "<h2>A</h2>\n<p><strong>open</p></strong>\n<h2>B</h2>",  # misnested
        "<h2>A</h2>\n<P>upper case</P>\n<span>unknown</span>\n<script>x</script>",
    ],
)
def test_html_the_quick_way_does_not_take_reads_the_plain_way(fragment):
    for width in WIDTHS:
        assert to_text(fragment, width) == reference_text(fragment, width)


def test_what_is_kept_is_bounded():
    kept = plain_text._kept_section_blocks
    assert kept.cache_info().maxsize == fragment_sections.KEPT_SECTIONS
    long = "<h2>A</h2>\n<p>" + "word " * 1000 + "</p>"
    before = kept.cache_info().currsize
    to_text(long + "\n" + long)
    assert kept.cache_info().currsize == before  # longer than KEPT_SECTION_CHARS: not kept
    assert to_text(long) == reference_text(long)


# --- Generated HTML ------------------------------------------------------------------
# Sections as the sanitizer writes them, most of them standing alone, and HTML with any
# tag soup.

CLEAN_TEXT = st.sampled_from(
    [
        "word", "two words", " spaced  out ", "\n", "line\nbreak", "\t", "", " ",
        "&amp;", "&lt;p&gt;", "&nbsp;", "&", "a &b", "&#60;", "\xa0", "x\xa0y", "\u2007",
        "\x1c", "very-long-hyphenated-word-without-any-break-at-all", "60\u202f000\xa0€",
        "a > b", "https://x.example/", "a@x.example",
    ]
)  # fmt: skip
LINK = st.sampled_from(
    ['a href="https://x.example/"', 'a href="mailto:a@x.example"', 'a href="word"',
     'a href="a&amp;b" rel="noopener noreferrer"', 'a title="t" href="https://x.example/"', "a"]
)  # fmt: skip


def _wrapped(names: st.SearchStrategy[str], inner: st.SearchStrategy[str], gap: str = ""):
    """An element of one of `names`; now and then left open, or closed as another."""
    return st.builds(
        lambda tag, items, end: f"<{tag}>{gap}{gap.join(items)}{gap}" + end(tag.split()[0]),
        names,
        st.lists(inner, max_size=3),
        st.sampled_from([lambda name: f"</{name}>"] * 58 + [lambda name: "", lambda _: "</p>"]),
    )


INLINE = st.recursive(
    st.one_of(CLEAN_TEXT, st.just("<br>"), _wrapped(LINK, CLEAN_TEXT)),
    lambda inner: _wrapped(st.sampled_from(["strong", "em", "b", "i", "code"]), inner),
    max_leaves=6,
)
LEAF_BLOCK = st.one_of(
    _wrapped(st.sampled_from(["p", "p", "pre"]), INLINE),
    st.just("<hr>"),
)
BLOCK = st.recursive(
    LEAF_BLOCK,
    lambda inner: st.one_of(
        *[_wrapped(st.sampled_from(["ul", "ol"]), _wrapped(st.just("li"), inner | INLINE), "\n")]
        * 3,
        _wrapped(st.just("blockquote"), inner, "\n"),
    ),
    max_leaves=8,
)
CLEAN_SECTION = st.builds(
    lambda level, heading, blocks: f"<h{level}>{heading}</h{level}>\n" + "\n".join(blocks),
    st.sampled_from([1, 2, 3, 6]),
    INLINE,
    st.lists(BLOCK, max_size=4),
)

# Tags the sanitizer writes, in any order (an a in an a, a block in a paragraph, an li
# outside a list, text between blocks, an element left open), and tag soup.
PLAIN_NAMES = st.sampled_from(
    ["p", "p", "li", "li", "ul", "ol", "h1", "h2", "h3", "h6", "blockquote", "pre",
     "strong", "em", "b", "i", "code", "a"]
)  # fmt: skip
PLAIN_ATTRIBUTES = st.sampled_from(
    ["", "", ' href="https://x.example/"', ' href="mailto:a@x.example"', ' href="word"',
     ' href="a&amp;b" rel="noopener"', ' title="t"']
)  # fmt: skip
NAMES = st.one_of(PLAIN_NAMES, st.sampled_from(["span", "div", "P", "script", "textarea"]))
ATTRIBUTES = st.one_of(
    PLAIN_ATTRIBUTES, st.sampled_from([" href='single'", ' href="a>b"', " href"])
)
TEXT = st.one_of(CLEAN_TEXT, st.sampled_from(["<", "a < b", "</", "<3"]))
VOID = st.sampled_from(["<br>", "<hr>", "<br/>", "<!-- c -->", "</br>"])


def _element(names, attributes, children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda name, attributes, inner, closed: (
            f"<{name}{attributes}>{''.join(inner)}" + (f"</{name}>" if closed else "")
        ),
        names,
        attributes,
        st.lists(children, max_size=4),
        st.sampled_from([True] * 9 + [False]),  # now and then an element left open
    )


PLAIN_NODE = st.recursive(
    st.one_of(CLEAN_TEXT, st.sampled_from(["<br>", "<hr>"])),
    lambda inner: _element(PLAIN_NAMES, PLAIN_ATTRIBUTES, inner),
    max_leaves=12,
)
NODE = st.recursive(
    st.one_of(TEXT, VOID), lambda inner: _element(NAMES, ATTRIBUTES, inner), max_leaves=12
)
ANY_SECTION = st.one_of(
    CLEAN_SECTION,
    PLAIN_NODE,
    NODE,
    st.builds("<h2>{}</h2>\n{}".format, TEXT, PLAIN_NODE),
)
# Fragments made of a few sections, as a batch's postings share theirs: most of them
# with only clean ones
FRAGMENTS = st.one_of(
    st.lists(CLEAN_SECTION, min_size=1, max_size=5),
    st.lists(CLEAN_SECTION, min_size=1, max_size=5),
    st.lists(ANY_SECTION, min_size=1, max_size=5),
).flatmap(
    lambda pool: st.lists(
        st.lists(st.sampled_from(pool), min_size=1, max_size=5).map("\n".join),
        min_size=1,
        max_size=4,
    )
)
PROPERTIES = settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def reads_as_the_reference(fragments: list[str], width: int) -> None:
    for fragment in fragments:
        assert to_text(fragment, width) == reference_text(fragment, width)


@settings(PROPERTIES, max_examples=40)  # ~0.6 s; the slow step runs 1,000 (below)
@given(FRAGMENTS, st.sampled_from(WIDTHS))
def test_any_html_reads_as_html_parser_and_textwrap_read_it(fragments, width):
    """Several fragments in turn: sections kept from one are reused by the next."""
    reads_as_the_reference(fragments, width)


@pytest.mark.slow
@settings(PROPERTIES, max_examples=1_000)
@given(FRAGMENTS, st.sampled_from(WIDTHS))
def test_any_html_reads_as_html_parser_and_textwrap_read_it_thoroughly(fragments, width):
    reads_as_the_reference(fragments, width)


SANITIZED = FRAGMENTS.map(lambda fragments: [html.safe_fragment(f) for f in fragments])


@settings(PROPERTIES, max_examples=30)  # ~0.6 s; the slow step runs 1,000 (below)
@given(SANITIZED)
def test_any_sanitized_html_reads_as_html_parser_and_textwrap_read_it(fragments):
    for width in WIDTHS:
        reads_as_the_reference(fragments, width)


@pytest.mark.slow
@settings(PROPERTIES, max_examples=1_000)
@given(SANITIZED)
def test_any_sanitized_html_reads_as_html_parser_and_textwrap_read_it_thoroughly(fragments):
    for width in WIDTHS:
        reads_as_the_reference(fragments, width)


WORD = st.text(
    st.sampled_from("aZ9-é€.\xa0\u2007\u202f\x1c\u3000\t\n\r\x0b\x0c\x00\u200b"),
    min_size=0,
    max_size=14,
)
LINE = st.lists(WORD, max_size=12).flatmap(
    lambda words: st.sampled_from([" ", " ", "  ", "\t"]).map(lambda gap: gap.join(words))
)


@PROPERTIES
@given(
    LINE,
    st.integers(min_value=1, max_value=50),
    st.sampled_from(["", "- ", "1. ", "  - ", "    10. ", "x" * 30]),
    st.sampled_from(["", "  ", "   ", "    ", "x" * 30]),
)
def test_fill_wraps_any_line_as_textwrap_does(line, width, first, rest):
    assert fill(line, width, first, rest) == _textwrap_fill(line, width, first, rest)


@pytest.mark.parametrize("width", [1, 5, 10, 72, 200])
def test_fill_on_long_words_and_empty_lines(width):
    for line in ("one two three four five six seven eight nine ten " * 3, "a", "", "x" * 80):
        for first, rest in (("", ""), ("- ", "  "), ("  12. ", "      ")):
            assert fill(line, width, first, rest) == _textwrap_fill(line, width, first, rest)


# --- Headings -------------------------------------------------------------------------


def test_a_long_title_wraps_and_its_underline_is_as_wide_as_its_longest_line():
    title = "Senior Clinical NLP Engineer, Healthcare Language Models (Berlin, hybrid)"
    text = to_text(f"<h1>{title}</h1>\n<p>Body.</p>", 40)
    assert text == (
        "Senior Clinical NLP Engineer, Healthcare\n"
        "Language Models (Berlin, hybrid)\n" + "=" * 40 + "\n\nBody.\n"
    )
    assert text == reference_text(f"<h1>{title}</h1>\n<p>Body.</p>", 40)
    assert to_text(f"<h1>{title}</h1>", 0) == f"{title}\n{'=' * len(title)}\n"  # no wrapping


@pytest.mark.parametrize(
    ("heading", "columns"),
    [
        ("機械学習エンジニア", 18),  # wide: two columns each
        ("Cafe\u0301 Ops", 8),  # a combining accent takes none
        ("AI/ML Engineer", 14),
    ],
)
def test_an_underline_is_as_wide_as_the_heading_shows(heading, columns):
    assert plain_text.display_width(heading) == columns
    assert to_text(f"<h2>{heading}</h2>") == f"{heading}\n{'-' * columns}\n"
