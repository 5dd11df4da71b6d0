"""HTML: sanitized content inside a complete, self-contained page."""

from __future__ import annotations

import dataclasses

from page_reader import read

from jobgen.formats.html import description, render_page, safe_fragment


def test_page_is_complete_and_self_contained(generator, posting):
    fragment = safe_fragment(generator.renderer.render_markdown(posting))
    page = render_page(posting, fragment, generator.renderer)
    assert page.startswith("<!DOCTYPE html>")
    reader = read(page)
    tags = dict(reader.tags)
    assert tags["html"]["lang"] == "en-US"
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        reader.tags
    )
    assert "description" in {a.get("name") for t, a in reader.tags if t == "meta"}
    assert "<title>AI/ML Engineer at Brindle Ledger</title>" in page
    # self-contained: no stylesheet, script or image fetched from anywhere
    assert not [t for t, a in reader.tags if t in ("link", "iframe")]
    scripts = [a for t, a in reader.tags if t == "script"]
    assert scripts == [{"type": "application/ld+json"}]  # data for search engines, not code
    images = [a["src"] for t, a in reader.tags if t == "img"]
    assert len(images) == 1 and images[0].startswith("data:image/png;base64,")  # the logo
    assert "<style>" in page and "--brand: #" in page
    assert "@media print" in page
    assert reader.headings[:3] == ["AI/ML Engineer", "About Brindle Ledger", "The role"]


def test_raw_html_and_script_urls_in_data_are_removed(generator, posting):
    hostile = (
        'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> '
        "[click](javascript:alert(3)) <a href='file:///etc/passwd'>f</a> <b>bold</b>"
    )
    # What a template writes itself is Markdown: the sanitizer keeps only safe HTML.
    fragment = safe_fragment(hostile)
    for forbidden in ("<script", "onerror", "javascript:", "file:", "<img"):
        assert forbidden not in fragment
    assert "<b>bold</b>" in fragment
    # Data is escaped on its way into the Markdown: it shows as written, as text.
    role = dataclasses.replace(posting.role, summary=hostile)
    markdown_text = generator.renderer.render_markdown(dataclasses.replace(posting, role=role))
    fragment = safe_fragment(markdown_text)
    assert "<script" not in fragment and "<img" not in fragment and 'href="java' not in fragment
    assert "Hi &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x" in fragment
    assert "[click](javascript:alert(3))" in fragment


def test_links_keep_safe_schemes_and_get_rel(generator, posting):
    fragment = safe_fragment("[a](https://x.example) [m](mailto:j@x.example) [f](ftp://x)")
    assert 'href="https://x.example"' in fragment
    assert 'href="mailto:j@x.example"' in fragment
    assert "ftp://" not in fragment
    assert 'rel="noopener noreferrer"' in fragment


def test_page_escapes_data_outside_the_content(generator, posting):
    company = dataclasses.replace(posting.company, name='Evil <script>x</script> & "Co"')
    page = render_page(
        dataclasses.replace(posting, company=company), "<p>x</p>", generator.renderer
    )
    assert "<script>x</script>" not in page
    assert "Evil &lt;script&gt;" in page


def test_description_is_cut_on_a_word():
    text = "word " * 60
    short = description(text)
    assert len(short) <= 160 and short.endswith("…")
    assert description("Short.") == "Short."
