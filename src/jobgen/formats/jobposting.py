"""schema.org JobPosting: what search engines read from a posting's web page.

Built from the same data as the visible page: the title, the sanitized posting
as the description, the date, the company, its offices, the first pay range
(the one the page shows under the title), the employment type and, for remote
work (also an office job open to remote workers), where applicants may live;
for an opening, its requisition id, its own page, its offices and pay, and the
experience its level asks for. Google's
required properties are always present; recommended ones only where the data
exists, never guessed.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import nh3

from .fragment_sections import KEPT_SECTION_CHARS, KEPT_SECTIONS, sections, stands_alone, tags
from .json_text import dumps

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..inputs.regions import Region

# Google's employmentType values.
EMPLOYMENT_TYPES = {
    "full-time": "FULL_TIME",
    "part-time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
}
UNIT_TEXT = {"year": "YEAR", "month": "MONTH", "hour": "HOUR"}
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)  # in nh3's sanitized output
# What Google accepts in a JobPosting description.
DESCRIPTION_TAGS = {"p", "ul", "li", "h1", "h2", "h3", "h4", "h5", "strong", "em", "br"}


def _context(language: str) -> str | dict[str, str]:
    """schema.org, with the language of the texts for a posting not in US English:
    JSON-LD's own way to say it (JobPosting has no inLanguage). US English keeps the
    plain form every search engine's documentation shows."""
    if language == "en-US":
        return "https://schema.org"
    return {"@vocab": "https://schema.org/", "@language": language}


def job_posting(posting: Posting, fragment: str) -> dict[str, Any]:
    """The JobPosting object of one posting; `fragment` is its sanitized HTML."""
    role, company, hire = posting.role, posting.company, posting.hire
    data: dict[str, Any] = {
        "@context": _context(posting.language),
        "@type": "JobPosting",
        "title": role.title,
        "description": description_html(fragment),
        "datePosted": posting.date.isoformat(),
        "employmentType": EMPLOYMENT_TYPES[role.employment_type],
        "hiringOrganization": _organization(posting),
        "identifier": {
            "@type": "PropertyValue",
            "name": company.name,
            "value": hire.requisition_id or posting.slug,
        },
        "industry": company.industry,
        "directApply": company.apply.direct,
    }
    if hire.apply_url:
        data["url"] = hire.apply_url
    if posting.valid_through is not None:
        data["validThrough"] = posting.valid_through.isoformat()
    if hire.level is not None and hire.level.years:
        data["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": hire.level.years * 12,
        }
    if role.occupation is not None:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": role.occupation.code,
            "name": role.occupation.title,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "O*NET-SOC"},
        }
    places = [_place(location) for location in company.locations]
    if places:
        data["jobLocation"] = places[0] if len(places) == 1 else places
    # Remote, or an office job also open to remote workers: Google reads both kinds
    if company.work_model == "remote" or company.remote_regions:
        data["jobLocationType"] = "TELECOMMUTE"
        areas = [_area(region) for region in company.remote_areas]
        if areas:
            data["applicantLocationRequirements"] = areas[0] if len(areas) == 1 else areas
    if posting.pay:
        pay = posting.pay[0]  # the range the page shows under the title
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": pay.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": _number(pay.min),
                "maxValue": _number(pay.max),
                "unitText": UNIT_TEXT[pay.period],
            },
        }
    return data


def description_html(fragment: str) -> str:
    """The posting's HTML with only the tags Google reads: a link becomes its text with
    the address after it, numbered lists bulleted ones, h6 an h5.

    Made a section at a time (`fragment_sections`), each section's kept for the run:
    the links and renamed tags of the whole are those of each section when each
    section, so changed, stands alone (a link that ended in a later section would
    leave an `<a>` open in its own), and nh3, an HTML5 parser and serializer, cleans
    a section that stands alone after others the way it cleans it alone. So the
    whole's description is the sections', joined by the newlines the cut dropped.
    Where a section does not stand alone, the fragment is cleaned whole."""
    cleaned = []
    for section in sections(fragment):
        if len(section) <= KEPT_SECTION_CHARS:
            found = _kept_section_description(section)
        else:
            found = _section_description(section)
        if found is None:
            return _description(fragment).strip()
        cleaned.append(found)
    return "\n".join(cleaned).strip()


def _description(fragment: str) -> str:
    """`description_html` before the strip, the whole fragment at once."""
    return _clean(_readied(fragment))


def _readied(fragment: str) -> str:
    fragment = LINK.sub(_link_as_text, fragment)
    fragment = fragment.replace("<ol>", "<ul>").replace("</ol>", "</ul>")
    return fragment.replace("<h6>", "<h5>").replace("</h6>", "</h5>")


def _clean(readied: str) -> str:
    return nh3.clean(readied, tags=DESCRIPTION_TAGS, attributes={})


def _section_description(section: str) -> str | None:
    """`_description(section)`, or None where the section, readied, does not stand alone."""
    readied = _readied(section)
    parts = tags(readied)
    if parts is None or not stands_alone(parts):
        return None
    return _clean(readied)


_kept_section_description = lru_cache(maxsize=KEPT_SECTIONS)(_section_description)


def _link_as_text(match: re.Match[str]) -> str:
    href, text = html.unescape(match.group(1)), match.group(2)
    target = href.removeprefix("mailto:")
    return text if html.unescape(text) == target else f"{text} ({html.escape(target)})"


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no `</script>`, `<!--` or line separators can break out."""
    text = dumps(data)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _organization(posting: Posting) -> dict[str, Any]:
    company = posting.company
    organization = {"@type": "Organization", "name": company.name, "sameAs": company.website}
    if company.brand.logo_url:
        organization["logo"] = company.brand.logo_url
    return organization


def _place(location: Any) -> dict[str, Any]:
    address = {"@type": "PostalAddress", "addressLocality": location.city}
    if location.region:
        address["addressRegion"] = location.region
    address["addressCountry"] = location.country
    return {"@type": "Place", "address": address}


def _area(region: Region) -> dict[str, str]:
    """A remote region as schema.org types it: a country is a Country, a state or
    province a State, anything else ("European Union") an AdministrativeArea, the
    general type that applicantLocationRequirements takes."""
    kind = {"country": "Country", "subdivision": "State"}.get(region.kind, "AdministrativeArea")
    return {"@type": kind, "name": region.name}


def _number(amount: float) -> int | float:
    return int(amount) if float(amount).is_integer() else amount
