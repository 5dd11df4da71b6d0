"""The pages of a careers site: one per posting, an index per company, one at the top.

Rendered from templates a recruiter can restyle like any other (`site-posting.html.j2`
extends the posting's own page, so a company's page style carries over;
`site-index.html.j2`), self-contained like every jobgen page: inline CSS and images,
no script needed. The index filters by place, work model and level with CSS alone
(`:has()`); a short inline script, when it runs, adds the count and hides empty teams.
Links between pages are relative, so the site opens from disk and from any host;
canonical and hreflang links are absolute, under --base-url, as search engines ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..formats.html import description, language_name, page_context
from ..formats.jobposting import description_html, job_posting, script_json
from ..formats.logo import logo
from ..inputs.messages import N_
from ..render.context import SENIORITY_WORDS
from ..render.local import EMPLOYMENT_WORDS, WORK_MODEL_WORDS, Local
from .plan_page import first_sentence

if TYPE_CHECKING:
    from ..inputs.models import Company, Posting
    from ..render.renderer import Renderer

POSTING_TEMPLATE = "site-posting.html.j2"
PAGE_TEMPLATE = "page.html.j2"  # what the site's posting page extends
INDEX_TEMPLATE = "site-index.html.j2"
INDEX_NAME = "index.html"
NEUTRAL_BRAND = {"color": "#1F2937", "accent": "#6B7280", "font": "system-ui"}
REMOTE = "remote"  # the location filter's value for remote work
ONE_OPEN, MANY_OPEN = N_("%(count)s open position"), N_("%(count)s open positions")


@dataclass
class SitePosting:
    """One posting's page in the site, and what the feeds say of it."""

    posting: Posting
    path: str  # COMPANY/NAME.html, relative to the site folder
    url: str  # its address under --base-url
    fragment: str  # the posting, sanitized HTML
    pdf_path: str | None = None  # COMPANY/NAME.pdf, when PDFs are built
    pdf_url: str | None = None
    alternates: tuple[tuple[str, str], ...] = ()  # (language, url) of each version
    lastmod: Any = None  # the day its page last changed (set once the page is made)

    @property
    def title(self) -> str:
        return self.posting.role.title

    @property
    def summary(self) -> str:
        return first_sentence(self.posting.role.summary)

    @cached_property
    def description(self) -> str:
        """The posting as the HTML feeds carry (the tags Google and Indeed read)."""
        return description_html(self.fragment)

    @property
    def apply_url(self) -> str:
        apply = self.posting.company.apply
        found = self.posting.hire.apply_url or apply.url
        return found or f"mailto:{apply.email}"


def posting_page(entry: SitePosting, renderer: Renderer, size: str | None) -> str:
    """The posting's page: the posting as every format shows it, an Apply button at
    its top and its end, a link to its PDF, and the way back to every open position."""
    posting = entry.posting
    local = renderer.local(posting.language)
    heading, body = _split_heading(entry.fragment)
    context = page_context(posting, entry.fragment, renderer)
    for alternate in context["alternates"]:
        alternate["url"] = dict(entry.alternates).get(alternate["language"])
    data = job_posting(posting, entry.fragment)
    data["url"] = entry.url
    context.update(
        {
            "job_posting": Markup(script_json(data)),
            "canonical": entry.url,
            "heading": Markup(heading),
            "content": Markup(body),
            "apply": {"href": entry.apply_url, "email": entry.apply_url.startswith("mailto:")},
            "pdf": (
                {"href": entry.pdf_path.rsplit("/", 1)[-1], "size": size}
                if entry.pdf_path
                else None
            ),
            "index": {"href": INDEX_NAME, "home": f"../{INDEX_NAME}"},
            "local": local,
        }
    )
    page = renderer.render(POSTING_TEMPLATE, context)
    if 'class="site-apply"' not in page:
        _lost_apply_button(renderer)
    return page


def _lost_apply_button(renderer: Renderer) -> None:
    """The built-in posting page fills `main` of page.html.j2; a house page.html.j2 with
    no such block would drop the Apply button without a word."""
    own = renderer.find(POSTING_TEMPLATE)
    if own is not None and not own.is_relative_to(renderer.builtin_dir):
        return  # the house's own site page: its choice
    from ..errors import TemplateProblem
    from ..render.explain import shown

    raise TemplateProblem(
        f"{shown(renderer, PAGE_TEMPLATE)} has no {{% block main %}} around the posting, so "
        "the careers site's page cannot add its Apply button: put the <main> element in "
        "{% block main %}...{% endblock %} as the built-in page does, or copy "
        f"{POSTING_TEMPLATE} (`jobgen templates copy {POSTING_TEMPLATE}`) and lay it out there"
    )


def _split_heading(fragment: str) -> tuple[str, str]:
    """The posting's title (its first h1) and the rest, so the Apply button can sit
    under the title; a posting with no h1 has the button above it."""
    end = fragment.find("</h1>")
    if fragment.lstrip().startswith("<h1") and end != -1:
        end += len("</h1>")
        return fragment[:end], fragment[end:]
    return "", fragment


def index_page(
    entries: Sequence[SitePosting],
    companies: Sequence[Company],
    renderer: Renderer,
    language: str,
    canonical: str,
    top: bool,
    home: bool = True,
) -> str:
    """An index of open positions: of one company (in its folder), or of every company
    (`top`, at the site's root), grouped by company and team, with its filters; a
    company's links `home` to the top one, unless the site has no other company."""
    local = renderer.local(language)
    prefix = "" if top else "../"
    one = companies[0] if len(companies) == 1 else None
    sections = []
    for company in companies:
        own = [e for e in entries if e.posting.company.id == company.id]
        listed = _one_per_posting(own, language)
        teams: dict[str, list[dict[str, Any]]] = {}
        for entry in listed:
            team = entry.posting.hire.team or ""
            teams.setdefault(team, []).append(
                _job(entry, own, local, renderer.local(entry.posting.language))
            )
        named = sorted((t for t in teams if t), key=str.casefold)
        groups = [{"name": t, "jobs": teams[t]} for t in named]
        if "" in teams:
            name = local.gettext("More positions") if named else ""
            groups.append({"name": name, "jobs": teams[""]})
        sections.append(
            {
                "company": company,
                "logo": logo(company),
                "href": f"{company.id}/{INDEX_NAME}" if top else INDEX_NAME,
                "count": len(listed),
                "count_text": _positions(local, len(listed)),
                "groups": groups,
            }
        )
    jobs = [job for section in sections for group in section["groups"] for job in group["jobs"]]
    if one is not None:
        title = local.gettext("Open positions at %(company)s") % {"company": one.name}
    else:
        title = local.gettext("Open positions")
    return renderer.render(
        INDEX_TEMPLATE,
        {
            "title": title,
            "lang": language,
            "local": local,
            "top": top,
            "company": one,
            "brand": one.brand if one else NEUTRAL_BRAND,
            "logo": logo(one) if one else None,
            "stylesheet": renderer.stylesheet(),
            "canonical": canonical,
            "count_text": _positions(local, len(jobs)),
            "count": len(jobs),
            # the script's words for its count, as JSON (the template may not build it)
            "counts": Markup(
                script_json({"one": local.gettext(ONE_OPEN), "many": local.gettext(MANY_OPEN)})
            ),
            "filters": _filters(jobs, local),
            "sections": sections,
            "feeds": {"atom": f"{prefix}feed.xml", "json": f"{prefix}jobs.json"},
            "home": f"../{INDEX_NAME}" if home and not top else None,
            "description": description(
                title + ": " + ", ".join(sorted({str(job["title"]) for job in jobs}))
            ),
        },
    )


def _positions(local: Local, count: int) -> str:
    return local.gettext(ONE_OPEN if count == 1 else MANY_OPEN) % {"count": count}


def _one_per_posting(entries: Sequence[SitePosting], language: str) -> list[SitePosting]:
    """Each posting once: in the page's language where it has that version, else in
    one of the same language (en-GB on an en-US page), else in its first."""
    base = language.split("-")[0]

    def fit(entry: SitePosting) -> int:
        own = entry.posting.language
        return 2 if own == language else 1 if own.split("-")[0] == base else 0

    chosen: dict[str, SitePosting] = {}
    for entry in entries:
        key = entry.posting.id
        if key not in chosen or fit(entry) > fit(chosen[key]):
            chosen[key] = entry
    return list(chosen.values())


def _job(
    entry: SitePosting, entries: Sequence[SitePosting], page: Local, own: Local
) -> dict[str, Any]:
    """One position in the list: its facts in its own language (`own`), like its title
    and summary; the filters' labels in the page's; the filters' values as slugs."""
    posting = entry.posting
    company, hire, role = posting.company, posting.hire, posting.role
    places = [(_slug(place.city), place) for place in company.locations]
    remote = company.work_model == REMOTE or bool(company.remote_regions)
    level = hire.level.id if hire.level else role.seniority

    def level_name(local: Local) -> str:
        return hire.level.name if hire.level else local.gettext(SENIORITY_WORDS[role.seniority])

    def place_names(local: Local) -> dict[str, str]:
        names = {value: local.place(place) for value, place in places}
        if remote:
            names[REMOTE] = local.gettext(WORK_MODEL_WORDS["remote"])
        return names

    others = [
        {
            "href": other.path.rsplit("/", 1)[-1],
            "language": other.posting.language,
            "name": language_name(other.posting.language),
        }
        for other in entries
        if other.posting.id == posting.id and other is not entry
    ]
    return {
        "title": entry.title,
        "href": entry.path.rsplit("/", 1)[-1],
        "language": posting.language,
        "summary": entry.summary,
        "location": own.location_line(company),
        "level": level_name(own),
        "employment_type": own.gettext(EMPLOYMENT_WORDS[role.employment_type]),
        "pay": _pay(posting, own),
        "others": others,
        "data": {
            "location": " ".join(place_names(page)),
            "work": company.work_model,
            "level": level,
        },
        "labels": {
            "location": place_names(page),
            "work": {company.work_model: page.gettext(WORK_MODEL_WORDS[company.work_model])},
        },
        "level_label": {level: level_name(page)},
    }


def _pay(posting: Posting, local: Local) -> str | None:
    """The first range, and where it applies when the posting has others."""
    if not posting.pay:
        return None
    first = posting.pay[0]
    where = local.where(first.where, posting.company) if len(posting.pay) > 1 else None
    text = local.pay_range(first)
    return f"{text} ({where})" if where else text


def _filters(jobs: list[dict[str, Any]], local: Local) -> list[dict[str, Any]]:
    """The filters worth showing: those with two values or more among the positions."""
    kinds = (
        ("location", N_("Location"), N_("All locations"), "labels", "location"),
        ("work", N_("Work model"), N_("All work models"), "labels", "work"),
        ("level", N_("Level"), N_("All levels"), "level_label", None),
    )
    filters = []
    for name, label, everything, source, key in kinds:
        options: dict[str, str] = {}
        for job in jobs:
            found = job[source][key] if key else job[source]
            options.update(found)
        if len(options) < 2:
            continue
        ordered = sorted(options.items(), key=lambda item: (item[0] == REMOTE, item[1]))
        filters.append(
            {
                "name": name,
                "label": local.gettext(label),
                "all": local.gettext(everything),
                "options": [{"value": value, "label": text} for value, text in ordered],
            }
        )
    return filters


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "office"
