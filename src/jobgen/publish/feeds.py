"""The machine-read files of a careers site: sitemap, Atom feed, jobs.json and Indeed's
feed (the Indexing API notices are in site_changes.py).

Each is written by hand rather than through an XML library: the shapes are small and
fixed, the bytes must not depend on a library's version, and Indeed wants every value
in CDATA, which ElementTree cannot write. Values are cleaned of the characters XML 1.0
forbids. docs/site.md lists every element and where its specification says so.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ..inputs.company_parts import names_place
from ..version import __version__

if TYPE_CHECKING:
    from ..inputs.company_parts import Location, PayRange
    from .site_pages import SitePosting

JOBS_VERSION = 1  # jobs.json's `version`: raised when a field changes meaning or goes
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Indeed documents "fulltime" and "parttime"; the others are the plain words for the rest.
INDEED_JOB_TYPES = {
    "full-time": "fulltime",
    "part-time": "parttime",
    "contract": "contract",
    "temporary": "temporary",
    "internship": "internship",
}
INDEED_REMOTE = {"remote": "Fully remote", "hybrid": "Hybrid remote", "onsite": ""}
INDEED_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}


@dataclass(frozen=True)
class SitePage:
    """A page of the site as the sitemap lists it."""

    url: str
    lastmod: dt.date
    alternates: tuple[tuple[str, str], ...] = ()  # (language, url), itself included


def _text(value: str) -> str:
    return escape(NOT_IN_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(NOT_IN_XML.sub("", value))


def _cdata(value: str) -> str:
    value = NOT_IN_XML.sub("", value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _timestamp(day: dt.date) -> str:
    """RFC 3339 at midnight UTC: a build knows its date, never its time (reproducible)."""
    return f"{day.isoformat()}T00:00:00Z"


def sitemap(pages: Sequence[SitePage]) -> bytes:
    """sitemap.xml (sitemaps.org 0.9), with Google's hreflang links between languages."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for page in pages:
        lines.append("  <url>")
        lines.append(f"    <loc>{_text(page.url)}</loc>")
        lines.append(f"    <lastmod>{page.lastmod.isoformat()}</lastmod>")
        for language, url in page.alternates:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={_attr(language)} href={_attr(url)}/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def atom_feed(
    base_url: str, title: str, language: str, postings: Sequence[SitePosting], built: dt.date
) -> bytes:
    """feed.xml (Atom, RFC 4287): one entry per posting page, newest change first."""
    updated = max((p.lastmod for p in postings), default=built)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={_attr(language)}>',
        f"  <id>{_text(base_url)}</id>",
        f"  <title>{_text(title)}</title>",
        f"  <updated>{_timestamp(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={_attr(base_url + "feed.xml")}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(base_url)}/>',
        f'  <generator version="{__version__}">jobgen</generator>',
    ]
    for entry in sorted(postings, key=lambda p: (-p.lastmod.toordinal(), p.url)):
        posting = entry.posting
        lines += [
            f"  <entry xml:lang={_attr(posting.language)}>",
            f"    <id>{_text(entry.url)}</id>",
            f"    <title>{_text(entry.title)}</title>",
            f"    <updated>{_timestamp(entry.lastmod)}</updated>",
            f"    <published>{_timestamp(posting.date)}</published>",
            f"    <author><name>{_text(posting.company.name)}</name>"
            f"<uri>{_text(posting.company.website)}</uri></author>",
            f'    <link rel="alternate" type="text/html" href={_attr(entry.url)}/>',
        ]
        if posting.hire.team:
            lines.append(f"    <category term={_attr(posting.hire.team)}/>")
        lines += [
            f"    <summary>{_text(entry.summary)}</summary>",
            f'    <content type="html">{_text(entry.description)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def jobs_json(base_url: str, postings: Sequence[SitePosting], built: dt.date) -> bytes:
    """jobs.json: every open posting as data, for other tools (docs/site.md)."""
    data = {
        "version": JOBS_VERSION,
        "generator": f"jobgen {__version__}",
        "base_url": base_url,
        "date": built.isoformat(),
        "jobs": [_job(entry) for entry in postings],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _job(entry: SitePosting) -> dict[str, Any]:
    posting = entry.posting
    role, company, hire = posting.role, posting.company, posting.hire
    return {
        "id": posting.slug,
        "url": entry.url,
        "title": entry.title,
        "language": posting.language,
        "alternates": [{"language": lang, "url": url} for lang, url in entry.alternates],
        "company": {"id": company.id, "name": company.name, "website": company.website},
        "role": role.id,
        "opening": hire.opening,
        "requisition_id": hire.requisition_id,
        "team": hire.team,
        "level": hire.level.id if hire.level else None,
        "seniority": hire.level.seniority if hire.level else role.seniority,
        "employment_type": role.employment_type,
        "work_model": company.work_model,
        "locations": [
            {"city": place.city, "region": place.region, "country": place.country}
            for place in company.locations
        ],
        "remote_regions": list(company.remote_regions),
        "pay": [
            {
                "min": pay.min,
                "max": pay.max,
                "currency": pay.currency,
                "period": pay.period,
                "where": pay.where,
            }
            for pay in posting.pay
        ],
        "summary": entry.summary,
        "description": entry.description,
        "date_posted": posting.date.isoformat(),
        "updated": entry.lastmod.isoformat(),
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "apply": {"url": entry.apply_url, "email": company.apply.email},
        "pdf": entry.pdf_url,
    }


def indeed_feed(
    publisher: str, publisher_url: str, postings: Sequence[SitePosting], built: dt.date
) -> bytes:
    """indeed.xml: Indeed's XML job feed, one <job> per posting and office (Indeed asks
    for one entry per location), every value in CDATA as Indeed's examples show."""
    stamp = dt.datetime.combine(built, dt.time(), dt.timezone.utc)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<source>",
        f"  <publisher>{_text(publisher)}</publisher>",
        f"  <publisherurl>{_text(publisher_url)}</publisherurl>",
        f"  <lastBuildDate>{stamp.strftime('%a, %d %b %Y %H:%M:%S GMT')}</lastBuildDate>",
    ]
    for entry in postings:
        for fields in _indeed_jobs(entry):
            lines.append("  <job>")
            lines += [f"    <{name}>{_cdata(value)}</{name}>" for name, value in fields]
            lines.append("  </job>")
    lines.append("</source>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _indeed_jobs(entry: SitePosting) -> Iterable[list[tuple[str, str]]]:
    posting = entry.posting
    role, company, hire = posting.role, posting.company, posting.hire
    places: list[Location | None] = list(company.locations) or [None]
    # The O*NET occupation: a team's name is free text, often with commas of its own.
    category = role.occupation.title if role.occupation else ""
    years = hire.level.years if hire.level and hire.level.years else None
    for place in places:
        reference = posting.slug if place is None else f"{posting.slug}/{_slug(place.city)}"
        if place is None:  # remote only: Indeed's way to post a remote job
            city, state, country = "Remote", "", _remote_country(posting)
        else:
            city, state, country = place.city, place.region or "", place.country
        yield [
            ("title", entry.title),
            ("date", _timestamp(posting.date)),
            ("referencenumber", reference),
            ("requisitionid", hire.requisition_id or posting.slug),
            ("url", entry.url),
            ("company", company.name),
            ("sourcename", company.name),
            ("city", city),
            ("state", state),
            ("country", country),
            ("email", company.apply.email or ""),
            ("description", entry.description),
            ("salary", _salary(_pay_at(posting.pay, place))),
            ("jobtype", INDEED_JOB_TYPES[role.employment_type]),
            ("category", category),
            ("experience", f"{years}+ years" if years else ""),
            ("expirationdate", posting.valid_through.isoformat() if posting.valid_through else ""),
            ("remotetype", INDEED_REMOTE[company.work_model]),
        ]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "office"


def _remote_country(posting: Any) -> str:
    for area in posting.company.remote_areas:
        code = getattr(area, "country", None)
        if code:
            return str(code)
    return ""


def _pay_at(pay: Sequence[PayRange], place: Location | None) -> PayRange | None:
    """The range for `place`: the one whose `where` names its city, else its state or
    country (the way an opening picks its ranges), else one for anywhere."""
    if place is not None:
        for name in place.names:  # the city first, the country last
            for item in pay:
                if item.where and names_place(name, item.where):
                    return item
    return next((item for item in pay if not item.where), pay[0] if pay else None)


def _salary(pay: PayRange | None) -> str:
    """`$85000 - $115000 per year`: Indeed's form (no separators, the period in words)."""
    if pay is None:
        return ""
    symbol = INDEED_SYMBOLS.get(pay.currency)

    def amount(value: float) -> str:
        number = f"{value:.2f}".removesuffix(".00")
        return f"{symbol}{number}" if symbol else f"{number} {pay.currency}"

    return f"{amount(pay.min)} - {amount(pay.max)} per {pay.period}"
