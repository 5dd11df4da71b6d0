"""HTML: the Markdown converted and sanitized, wrapped in a self-contained page.

Python-Markdown passes raw HTML in the text through untouched, so its output
goes through nh3 (a maintained, allowlist-based sanitizer): only the tags a
posting uses survive, and links keep only http, https and mailto URLs. The
DOCX writer reads the same sanitized fragment.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import markdown
import nh3
from markdown.extensions.sane_lists import SaneListExtension
from markupsafe import Markup

from ..render.renderer import PAGE_TEMPLATE
from . import html_inline, html_sections
from .jobposting import job_posting, script_json
from .logo import logo

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..render.renderer import Renderer

ALLOWED_TAGS = {
    *(f"h{level}" for level in range(1, 7)),
    *("p", "ul", "ol", "li", "strong", "em", "b", "i", "a", "code", "pre", "blockquote"),
    *("br", "hr"),
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
DESCRIPTION_LENGTH = 160


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # An instance, not the name "sane_lists": a name makes Markdown scan every
    # installed package's entry points, ~20 ms of start-up.
    converter = markdown.Markdown(extensions=[SaneListExtension()], output_format="html")
    html_inline.install(converter)
    return converter


@lru_cache(maxsize=1)
def _sections() -> html_sections.SectionConverter:
    return html_sections.SectionConverter(_converter())


def safe_fragment(markdown_text: str) -> str:
    """The posting's Markdown as sanitized HTML (no <html>, <head> or <body>)."""
    raw = _sections().convert(markdown_text)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The first sentences of `text` that fit in `limit` characters, for <meta>."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def alternates(posting: Posting, extension: str) -> list[dict[str, str]]:
    """The posting's versions in every language it is published in (itself too, as
    hreflang asks), as links relative to its own file."""
    if len(posting.languages) < 2:
        return []
    names = [language_name(language) for language in posting.languages]
    return [
        {
            "language": language,
            "href": f"{posting.id}.{language}.{extension}",
            "url": None,  # the absolute address, where the page has one (the careers site)
            # each in its own language; with the country where two share a language
            "name": language_name(language, names.count(name) > 1),
        }
        for language, name in zip(posting.languages, names, strict=True)
    ]


def language_name(language: str, with_country: bool = False) -> str:
    """`Deutsch`, `English (United Kingdom)`: a language as its speakers name it (CLDR)."""
    from babel import Locale

    locale = Locale.parse(language, sep="-")
    name = locale.get_display_name() if with_country else locale.get_language_name()
    return (name or language)[:1].upper() + (name or language)[1:]


def render_page(posting: Posting, fragment: str, renderer: Renderer) -> str:
    """The complete HTML page: inline CSS, brand colours, no external requests."""
    return renderer.render(PAGE_TEMPLATE, page_context(posting, fragment, renderer))


def page_context(posting: Posting, fragment: str, renderer: Renderer) -> dict[str, Any]:
    """What `page.html.j2` sees (and the careers site's page, which extends it)."""
    company, role = posting.company, posting.role
    local = renderer.local(posting.language)
    title = local.pgettext("page title", "%(title)s at %(company)s")
    return {
        "title": title % {"title": role.title, "company": company.name},
        "description": description(role.summary),
        "lang": posting.language,
        "local": local,  # the words of _() in the page
        "rtl": local.right_to_left,
        "alternates": alternates(posting, "html"),
        "company": company,
        "role": role,
        "posting": {"date": posting.date.isoformat()},
        "brand": company.brand,
        "logo": logo(company),
        "stylesheet": renderer.stylesheet(),
        "content": Markup(fragment),
        "job_posting": Markup(script_json(job_posting(posting, fragment))),
    }
