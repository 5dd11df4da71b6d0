"""The JSON writer's quick ways write what the plain ways write: indented JSON as
json.dumps writes it, the JobPosting description section by section as nh3 cleans
the whole, on every built-in posting in English, German and French and on generated
values and HTML."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_plain_text import FRAGMENTS, PROPERTIES, posting_fragments

from jobgen.formats import html, jobposting, json_text, posting_json
from jobgen.formats.fragment_sections import sections, stands_alone, tags
from jobgen.formats.jobposting import description_html


@pytest.fixture(scope="module")
def fragments(tmp_path_factory: pytest.TempPathFactory):
    return list(posting_fragments(tmp_path_factory.mktemp("languages")))


def plain_description(fragment: str) -> str:
    return jobposting._description(fragment).strip()


def plain_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_every_posting_s_document_is_written_as_json_dumps_writes_it(fragments):
    for posting, markdown, fragment, local in fragments:
        document = posting_json.posting_document(posting, markdown, fragment, local)
        assert posting_json.to_bytes(document) == (plain_dumps(document) + "\n").encode()


def test_every_posting_s_description_is_the_whole_s_by_section(fragments):
    for posting, _, fragment, _ in fragments:
        for _ in range(2):  # cleaned, then from the kept sections
            assert description_html(fragment) == plain_description(fragment), posting.slug
        for section in sections(fragment):  # the quick way is the one taken
            parts = tags(jobposting._readied(section))
            assert parts is not None and stands_alone(parts), (posting.slug, section)


@pytest.mark.parametrize(
    "fragment",
    [
        '<h2>A</h2>\n<p><a href="https://x.example/">open\n<h2>B</h2>\n<p>x</a></p>',
        "<h2>A</h2>\n<ul>\n<li>one</li>\n<h2>B</h2>\n<p>two</p>",  # a list left open
        "<h2>A</h2>\n<ul>\n<li>one</ol>\n<h2>B</h2>\n<p>two</p>\n</ul>",  # closed as another
        "<h2>A</h2>\n<blockquote>\n<h3>inside</h3>\n</blockquote>",
        "<h2>A</h2>\n<p>a<p>b</p></p>\n<h2>B</h2>\n<ul><li>x<li>y</ul>",
        '<h2>A</h2>\n<ol start="3">\n<li>x</li>\n</ol>\n<h2>B</h2>\n<p>y</p>',
        "<h2>A</h2>\n<p><b>x<p>y</p></b></p>\n<h2>B</h2>\n<p>z</p>",
        "<h2>A</h2>\n<p>a < b</p>\n<h6>six</h6>",
    ],
)
def test_html_that_does_not_stand_alone_is_cleaned_whole(fragment):
    assert description_html(fragment) == plain_description(fragment)


def descriptions_are_whole(fragments: list[str]) -> None:
    """Several fragments in turn: sections kept from one are reused by the next."""
    for fragment in fragments:
        assert description_html(fragment) == plain_description(fragment)


@settings(PROPERTIES, max_examples=40)  # ~0.6 s; the slow step runs 1,000 (below)
@given(FRAGMENTS)
def test_any_html_s_description_is_the_whole_s(fragments):
    descriptions_are_whole(fragments)


@pytest.mark.slow
@settings(PROPERTIES, max_examples=1_000)
@given(FRAGMENTS)
def test_any_html_s_description_is_the_whole_s_thoroughly(fragments):
    descriptions_are_whole(fragments)


SANITIZED = FRAGMENTS.map(lambda fragments: [html.safe_fragment(f) for f in fragments])


@settings(PROPERTIES, max_examples=30)  # ~0.5 s; the slow step runs 1,000 (below)
@given(SANITIZED)
def test_any_sanitized_html_s_description_is_the_whole_s(fragments):
    descriptions_are_whole(fragments)


@pytest.mark.slow
@settings(PROPERTIES, max_examples=1_000)
@given(SANITIZED)
def test_any_sanitized_html_s_description_is_the_whole_s_thoroughly(fragments):
    descriptions_are_whole(fragments)


class Tone(enum.IntEnum):
    LOUD = 3


class Word(str):
    pass


KEYS = st.one_of(
    st.text(max_size=5), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=True)
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.sampled_from(["\u2028", "\x00\x1f\x7f", '"\\/', "</script>", Word("w"), Tone.LOUD]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=3),
    ),
    max_leaves=20,
)


def _outcome(write, value: Any) -> tuple[str, str]:
    try:
        return "text", write(value)
    except Exception as error:  # what json.dumps refuses, dumps refuses the same way
        return "error", type(error).__name__


@PROPERTIES
@given(VALUES)
def test_dumps_writes_any_value_as_json_dumps_does(value):
    assert _outcome(json_text.dumps, value) == _outcome(plain_dumps, value)


@pytest.mark.parametrize(
    "value",
    [{}, [], (), {"a": {}}, [[]], {"set": {1}}, {"x": object()}, [1.5, -0.0, 1e300, 5e-324]],
)
def test_dumps_on_empty_containers_and_what_json_refuses(value):
    assert _outcome(json_text.dumps, value) == _outcome(plain_dumps, value)


def test_dumps_refuses_a_cycle_as_json_dumps_does():
    cycle: list[Any] = []
    cycle.append(cycle)
    assert (
        _outcome(json_text.dumps, cycle)
        == _outcome(plain_dumps, cycle)
        == (
            "error",
            "ValueError",
        )
    )
