"""The machine-read files of a careers site, read back with real parsers against their
specifications: sitemaps.org's XML Schema, RFC 4287 (Atom), Indeed's XML feed as
docs/site.md lists it from Indeed's own reference, jobs.json's JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from jobgen.publish import feeds
from jobgen.publish.jobs_schema import JOBS_SCHEMA

BASE = "https://jobs.example.com/"
DAY = dt.date(2026, 12, 7)
HERE = Path(__file__).parent
ROOT = HERE.parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture
def site(built_site):
    return built_site


def sitemap_schema() -> etree.XMLSchema:
    """sitemaps.org's schema, with the XHTML link element hreflang alternates use."""
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9"
                  schemaLocation="{(HERE / "xml" / "sitemap.xsd").as_uri()}"/>
      <xsd:import namespace="http://www.w3.org/1999/xhtml"
                  schemaLocation="{(HERE / "xml" / "xhtml-link.xsd").as_uri()}"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def test_the_sitemap_validates_and_lists_every_page_once(site):
    out, result = site
    document = etree.parse(str(out / "sitemap.xml"))
    schema = sitemap_schema()
    assert schema.validate(document), schema.error_log
    ns = {"s": feeds.SITEMAP_NS, "x": feeds.XHTML_NS}
    urls = document.xpath("//s:url/s:loc/text()", namespaces=ns)
    assert len(urls) == len(set(urls))
    assert urls[0] == BASE  # the top index first
    assert set(urls) >= {entry.url for entry in result.postings}
    assert all(url.startswith(BASE) for url in urls)
    assert set(document.xpath("//s:lastmod/text()", namespaces=ns)) == {DAY.isoformat()}
    berlin = document.xpath(
        "//s:url[contains(s:loc, 'clinical-nlp-engineer-berlin.de-DE')]/x:link/@hreflang",
        namespaces=ns,
    )
    assert berlin == ["de-DE", "en-GB"]


def test_a_sitemap_that_breaks_the_schema_is_caught():
    """The schema check can fail: a lastmod that is no date."""
    page = feeds.SitePage("https://x.example/", DAY)
    text = feeds.sitemap([page]).decode().replace(DAY.isoformat(), "yesterday")
    assert not sitemap_schema().validate(etree.fromstring(text.encode()))


def test_the_atom_feed_has_what_rfc_4287_requires(site):
    out, result = site
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(result.postings)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}author/{ATOM}name").text  # the feed has no author
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link.get("href") == entry.findtext(f"{ATOM}id")
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.get("{http://www.w3.org/XML/1998/namespace}lang")


def indeed_elements() -> dict[str, str]:
    """Indeed's job elements as docs/site.md lists them: name -> what jobgen does."""
    text = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")
    section = text.split("### indeed.xml", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `<(\w+)>` \| ([^|]+) \|", section, re.M)
    return {name: status.strip() for name, status in rows}


def test_the_indeed_feed_carries_every_element_docs_site_md_lists(site):
    out, result = site
    raw = (out / "indeed.xml").read_text(encoding="utf-8")
    source = ET.fromstring(raw)
    assert source.tag == "source"
    for name in ("publisher", "publisherurl", "lastBuildDate"):
        assert source.findtext(name), name
    assert re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} 00:00:00 GMT", source.findtext("lastBuildDate"))
    documented = indeed_elements()
    required = {n for n, status in documented.items() if status.startswith("always")}
    assert {"title", "date", "referencenumber", "url", "company", "city", "state"} <= required
    jobs = source.findall("job")
    offices = sum(max(1, len(e.posting.company.locations)) for e in result.postings)
    assert len(jobs) == offices  # one <job> per posting and office, as Indeed asks
    references = [job.findtext("referencenumber") for job in jobs]
    assert len(set(references)) == len(references)
    for job in jobs:
        names = [child.tag for child in job]
        assert names == [n for n in documented if documented[n] != "never"], names
        for name in required - {"state"}:  # a state is blank outside the US and Canada
            assert job.findtext(name).strip(), (job.findtext("referencenumber"), name)
        assert job.findtext("jobtype") == "fulltime"
        assert job.findtext("url").startswith(BASE)
        assert dt.date.fromisoformat(job.findtext("date")[:10]) <= DAY  # never in the future
    assert raw.count("<![CDATA[") == sum(len(job) for job in jobs)  # every value in CDATA
    salaries = {job.findtext("salary") for job in jobs}
    assert all(re.fullmatch(r"\S?\d+ - \S?\d+ per year", s) for s in salaries), salaries


def test_indeed_gets_the_pay_of_each_office(site):
    out, _ = site
    source = ET.parse(out / "indeed.xml").getroot()
    by_reference = {job.findtext("referencenumber"): job for job in source.findall("job")}
    berlin = by_reference["carrowmere-health/clinical-nlp-engineer-berlin.de-DE/berlin"]
    assert berlin.findtext("salary") == "€82000 - €112000 per year"
    assert berlin.findtext("country") == "DE" and berlin.findtext("remotetype") == "Hybrid remote"


def test_hostile_text_stays_text_in_every_feed():
    from types import SimpleNamespace

    text = 'A]]><x>"&<script>\x01'
    posting = SimpleNamespace(
        language="en-US",
        date=DAY,
        company=SimpleNamespace(name=text, website="https://x.example/"),
        hire=SimpleNamespace(team=text),
    )
    entry = SimpleNamespace(
        url="https://x.example/a.html", title=text, lastmod=DAY, posting=posting,
        summary=text, description=f"<p>{text}</p>",
    )  # fmt: skip
    atom = ET.fromstring(feeds.atom_feed("https://x.example/", text, "en", [entry], DAY))
    assert atom.findtext(f"{ATOM}entry/{ATOM}title") == text.replace("\x01", "")
    cdata = feeds._cdata(text)
    assert ET.fromstring(f"<v>{cdata}</v>").text == text.replace("\x01", "")


def test_jobs_json_follows_its_published_schema(site):
    out, result = site
    data = json.loads((out / "jobs.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        JOBS_SCHEMA, format_checker=jsonschema.FormatChecker()
    ).validate(data)
    published = json.loads((ROOT / "schemas" / "jobs.schema.json").read_text())
    assert published == JOBS_SCHEMA
    assert [job["url"] for job in data["jobs"]] == [e.url for e in result.postings]
    berlin = next(job for job in data["jobs"] if job["id"].endswith(".de-DE"))
    assert [a["language"] for a in berlin["alternates"]] == ["de-DE", "en-GB"]


def test_indexing_notices_have_the_shape_the_indexing_api_takes(site):
    out, result = site
    notices = json.loads((out / "indexing.json").read_text())
    assert notices == result.notices
    assert all(set(notice) == {"url", "type"} for notice in notices)
    assert {notice["type"] for notice in notices} == {"URL_UPDATED"}
    assert len(notices) == len(result.postings)  # a first build: every posting page


def test_robots_txt_names_the_sitemap(site):
    out, _ = site
    assert f"Sitemap: {BASE}sitemap.xml" in (out / "robots.txt").read_text()
