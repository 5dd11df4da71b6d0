"""The Word body written a section at a time, each section kept: the same XML, links and
numbering as writing every section anew, whatever comes before or after a section."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobgen.formats import docx_body
from jobgen.formats.docx_body import BodyWriter
from jobgen.formats.docx_reference import Reference, load_reference
from jobgen.formats.docx_template import template_for
from jobgen.formats.html import safe_fragment
from jobgen.inputs.tailor import make_posting
from tests.formats.test_docx_body import HOSTILE

MARKDOWN = ["## Head\n\n", "## Other\n\n", "# Title\n\n", "### Sub\n\n", "text ", "more words"]
MARKDOWN += ["\n\n", "\n", "- item\n", "  - deep\n", "1. one\n", "2. two\n", "> quoted\n"]
MARKDOWN += ["**bold** ", "*it* ", "`code` ", "[link](https://a.example/) ", "<br>", "&amp; "]
MARKDOWN += ["[mail](mailto:x@y.example) ", "    indented code\n", "<h2>raw</h2>", "---\n"]
HTML = ["<h2>", "</h2>", "<h2>", "<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>"]
HTML += ["</li>", "<strong>", "</strong>", "<em>", "</em>", "<blockquote>", "</blockquote>"]
HTML += ['<a href="https://b.example/">', "</a>", "<br/>", "word ", " ", "\n", "&lt;", "<"]
HTML += ["<!--", "-->", '"', "<H2>", "<OL>", "<code>", "</code>", "<h3>", "</h3>", "x\ny"]
FIXTURES = [HealthCheck.function_scoped_fixture]


def written(template, fragments: list[str], keep: bool, logo: bool = False) -> list[tuple]:
    found = []
    for fragment in fragments:
        writer = BodyWriter(template)
        if logo:
            writer.add_logo()
        writer.build(fragment, keep=keep)
        writer.keep_the_end_together()
        found.append((writer.xml(), writer.new_links, writer.new_nums))
    return found


def house(generator, edit) -> Reference:
    document = docx.Document(io.BytesIO(load_reference(generator.renderer).data))
    edit(document)
    out = io.BytesIO()
    document.save(out)
    return Reference(generator.renderer.builtin_dir / "house.docx", out.getvalue())


def templates(generator, posting) -> list:
    def keep_normal(document):  # Normal kept with the next by its style: not "loose"
        document.styles["Normal"].paragraph_format.keep_with_next = True
        document.styles["Heading 1"].style_id = "HouseHeading"

    brand = posting.company.brand
    return [
        template_for(load_reference(generator.renderer), brand),
        template_for(house(generator, keep_normal), brand),
    ]


def check(template, fragments: list[str]) -> None:
    for logo in (False, True):
        assert written(template, fragments, True, logo) == written(
            template, fragments, False, logo
        ), fragments


def test_every_built_in_posting_is_written_the_same(generator, catalog):
    config, roles, companies = catalog
    fragments = []
    for company in companies.values():
        for role in roles.values():
            posting = make_posting(config, role, company, dt.date(2026, 11, 25))
            fragments.append(
                safe_fragment(generator.renderer_for(company).render_markdown(posting))
            )
    for template in templates(generator, posting):
        docx_body._SECTIONS.clear()
        check(template, fragments)
        check(template, fragments)  # every section now kept
        assert any(docx_body._SECTIONS.values())


def test_a_section_reused_after_a_list_a_link_or_a_numbered_list(generator, posting):
    section = "<h2>Kept</h2><p>a <strong>b</strong></p><ul><li>x</li></ul>\n<p>tail</p>"
    befores = [
        "",
        "<p>lead</p>",
        "<ol><li>1</li></ol>",
        '<p><a href="https://a.example/">l</a></p>',
    ]
    befores += ["<ul><li>open", "<strong>open", "<blockquote><p>q", "<h2>Kept</h2>"]
    afters = ["", "<ul><li>after</li></ul>", "<h2>Next</h2><ol><li>n</li></ol>", "<p>end</p>"]
    for template in templates(generator, posting):
        check(template, [b + section + a for b in befores for a in afters])


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURES)
@given(st.lists(st.lists(st.sampled_from(MARKDOWN), max_size=24), min_size=1, max_size=4))
def test_kept_sections_on_random_markdown(generator, posting, texts):
    fragments = [safe_fragment("".join(text)) for text in texts]
    for template in templates(generator, posting):
        check(template, fragments)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURES)
@given(st.lists(st.lists(st.sampled_from(HTML), max_size=30), min_size=1, max_size=4))
def test_kept_sections_on_random_html(generator, posting, pieces):
    """Any text, not only nh3's: unbalanced tags, comments, a "<" that opens nothing."""
    fragments = ["".join(piece) for piece in pieces]
    for template in templates(generator, posting):
        check(template, fragments)


def test_sections_are_cut_only_at_an_h2_token():
    fragment = '<p>a</p><h2>b</h2><a href="x<h2>y">l</a><!-- <h2> --><h2>c</h2>'
    cut = [m.group() for m in docx_body.SECTIONS.finditer(fragment) if m.group()]
    assert cut == ["<p>a</p>", '<h2>b</h2><a href="x<h2>y">l</a><!-- <h2> -->', "<h2>c</h2>"]
    assert "".join(cut) == fragment


class Recorder(BodyWriter):
    """What the writer's own walk hands its handlers, in the shape `tokens` gives it."""

    def __init__(self, template) -> None:
        super().__init__(template)
        self.seen: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(("start", tag, attrs))

    def handle_endtag(self, tag, attrs=None):
        self.seen.append(("end", tag, []))

    def handle_data(self, data):
        self.seen.append(("data", data, []))


@pytest.mark.parametrize("fragment", [*HOSTILE, *(safe_fragment(f) for f in HOSTILE)])
def test_the_walk_is_tokens(generator, posting, fragment):
    recorder = Recorder(templates(generator, posting)[0])
    recorder.build(fragment, keep=False)
    assert recorder.seen == list(docx_body.tokens(fragment))


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=FIXTURES)
@given(st.lists(st.sampled_from(HTML), max_size=40))
def test_the_walk_is_tokens_on_random_html(generator, posting, pieces):
    fragment = "".join(pieces)
    recorder = Recorder(templates(generator, posting)[0])
    recorder.build(fragment, keep=False)
    assert recorder.seen == list(docx_body.tokens(fragment))
