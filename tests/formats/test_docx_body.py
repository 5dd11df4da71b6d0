"""The Word body as XML text: read as html.parser reads it, escaped as lxml escapes it,
and nothing in a posting can write XML of its own."""

from __future__ import annotations

import dataclasses
import io
import random
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from lxml import etree

from jobgen.formats.docx import render_docx
from jobgen.formats.docx_body import attribute, text, tokens
from jobgen.formats.docx_reference import load_reference
from jobgen.formats.html import safe_fragment

HOSTILE = [
    "<h1>&lt;w:t&gt; ]]&gt; &amp;amp; \" ' \u2028 x</h1><p>\u00a0lead trail\u00a0 <em>i</em></p>",
    '<p>a < b > c <a href="https://x.example/?a=1&amp;b=&quot;2&quot;" title="t>i\'t">l</a></p>',
    "<pre><code>line1\n  line2 &lt;x&gt;</code></pre><p>a<br>b<br/>c</p><!-- gone --><hr>",
    "<ol><li><p>loose</p><ul><li>deep</li></ul></li></ol><blockquote><p>q</p></blockquote>",
    "text outside <B>Bold</B> <I>it</I> &copy; &#60; &#x3e; &nbsp; &amp",
]


class Recorder(HTMLParser):
    """What html.parser reports, in the shape `tokens` gives it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(("start", tag, attrs if tag == "a" else []))

    def handle_endtag(self, tag):
        self.seen.append(("end", tag, []))

    def handle_data(self, data):
        self.seen.append(("data", data, []))


def parsed(fragment: str) -> list[tuple]:
    recorder = Recorder()
    recorder.feed(fragment)
    recorder.close()
    return recorder.seen


def test_the_tokens_are_what_html_parser_finds(generator, posting):
    fragments = [safe_fragment(generator.renderer.render_markdown(posting)), *HOSTILE]
    fragments += [safe_fragment(f) for f in HOSTILE]
    fragments += [safe_fragment('[a](https://x.example/ "ti>t&le") *b* `c<d>` \\<e>')]
    for fragment in fragments:
        assert list(tokens(fragment)) == parsed(fragment), fragment


def test_random_markdown_reads_the_same_through_nh3():
    pieces = ["*", "_", "`", "<", ">", "&", "&amp;", "&#1;", "[x](https://a.example/?q=<>)"]
    pieces += ["\n", "\n\n", "- ", "1. ", "# ", "> ", "<b>", "</b>", "<p>", '"', "'", "é", " "]
    pieces += ["<a href='https://b.example/\"x'>", "</a>", "<!--", "-->", "<br/>", "word"]
    chooser = random.Random(20)
    for _ in range(300):
        fragment = safe_fragment("".join(chooser.choices(pieces, k=30)))
        assert list(tokens(fragment)) == parsed(fragment), fragment


def test_escaping_is_lxmls():
    samples = ["", " ", "a&b<c>d\"e'f\r\n\tg\x7f\u00a0\u2028é", "]]>", "&amp;", "<w:t>"]
    chooser = random.Random(7)
    alphabet = "ab &<>\"'\r\n\t\u00a0é]"
    samples += ["".join(chooser.choices(alphabet, k=12)) for _ in range(200)]
    for sample in samples:
        element = etree.Element("e")
        element.text = sample
        element.set("a", sample)
        expected = f'<e a="{attribute(sample)}">{text(sample)}</e>'.encode()
        assert etree.tostring(element, encoding="UTF-8").split(b"?>\n")[-1] == expected


def document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_posting_text_cannot_write_xml(generator, posting):
    payload = "</w:t></w:r><w:r><w:t>injected</w:t></w:r><w:p/> & \"x\" 'y' ]]>"
    role = dataclasses.replace(posting.role, title=payload, summary=payload, tools=[payload])
    hostile = dataclasses.replace(posting, role=role)
    fragment = safe_fragment(generator.renderer.render_markdown(hostile))
    data = render_docx(hostile, fragment, load_reference(generator.renderer))
    etree.fromstring(document_xml(data))  # well-formed
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert payload in texts  # the title, shown as written
    assert "injected" not in texts
    assert document.core_properties.title.startswith(payload)
    assert document.core_properties.keywords == payload


def test_a_link_target_cannot_write_xml(generator, posting):
    target = 'https://x.example/?a="b"&c=<d>'
    fragment = f'<p><a href="{attribute(target)}">link</a></p>'
    data = render_docx(posting, fragment, load_reference(generator.renderer))
    document = docx.Document(io.BytesIO(data))
    found = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("hyperlink")]
    assert found == [target]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_what_xml_cannot_hold_is_refused_as_lxml_refuses_it(generator, posting, char):
    """Data cannot hold these (refused on load) and a template cannot write them; a
    character reference could still make one: the error is lxml's, as it always was."""
    reference = load_reference(generator.renderer)
    if not char.isspace():  # \x0b and \x1c-\x1f are white space in text: a space
        with pytest.raises(ValueError, match="All strings must be XML compatible"):
            render_docx(posting, f"<p>a{char}b</p>", reference)
    with pytest.raises(ValueError, match="All strings must be XML compatible"):
        render_docx(posting, f'<p><a href="https://x.example/{char}">l</a></p>', reference)
