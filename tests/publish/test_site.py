"""`jobgen site` as a library: what a build writes, and what the next build does with it."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from page_reader import read
from schema_check import validate

from jobgen.errors import LintFailed, TemplateProblem, UsageError
from jobgen.formats.posting_schema import JOB_POSTING_SCHEMA
from jobgen.inputs.workspace import find_workspace
from jobgen.lint import Linter
from jobgen.publish.site import build_site, normal_base_url
from jobgen.publish.site_manifest import SITE_MANIFEST

BASE = "https://jobs.example.com/"
DAY = dt.date(2026, 12, 7)
BERLIN = "carrowmere-health/clinical-nlp-engineer-berlin"


def build(workspace, out: Path, date: dt.date = DAY, companies=("furrowlight",), **options):
    """A site without lint (unless given the config), of Furrowlight alone unless told:
    each build costs the suite time."""
    linter = Linter(options.pop("config").lint) if "config" in options else None
    chosen = list(companies) if companies else None
    return build_site(workspace, BASE, out, date, chosen, linter=linter, **options)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(built_site):
    """The built-in workspace's site, built once, linted (conftest.py)."""
    return built_site


def test_every_open_posting_has_a_page_and_the_site_its_files(site):
    out, result = site
    written = files_of(out)
    for name in ("index.html", "sitemap.xml", "feed.xml", "jobs.json", "indeed.xml"):
        assert name in written
    assert {"indexing.json", "robots.txt", SITE_MANIFEST} <= set(written)
    for company in ("furrowlight", "brindle-ledger", "carrowmere-health"):
        assert f"{company}/index.html" in written
    pages = [entry.path for entry in result.postings]
    assert pages and all(page in written for page in pages)
    # each opening once, and no role posting beside an opening of the same role
    assert "furrowlight/forecasting-ml-engineer.html" in pages
    assert "furrowlight/ai-ml-engineer.html" not in pages
    assert f"{BERLIN}.de-DE.html" in pages and f"{BERLIN}.en-GB.html" in pages
    assert not [name for name in written if name.startswith(".")]  # no staging left
    assert len(result.reports) == len(pages)  # every page linted


def test_a_posting_page_has_its_apply_button_canonical_address_and_job_posting(site):
    out, result = site
    entry = next(e for e in result.postings if e.path == "furrowlight/field-data-engineer.html")
    page = (out / entry.path).read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}furrowlight/field-data-engineer.html">' in page
    buttons = re.findall(r'<a class="site-apply" href="([^"]+)">([^<]+)</a>', page)
    assert [text for _, text in buttons] == ["Apply now", "Apply for this position"]
    assert {href for href, _ in buttons} == {entry.apply_url}
    assert page.index("site-apply") < page.index("<h2")  # under the title, before the text
    assert '<a href="index.html">All open positions at Furrowlight</a>' in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(script.group(1))
    validate(data, JOB_POSTING_SCHEMA)
    assert data["url"] == entry.url and data["datePosted"] == DAY.isoformat()


def test_every_page_s_job_posting_passes_the_checks_of_every_html_page(site):
    out, result = site
    for entry in result.postings:
        page = (out / entry.path).read_text(encoding="utf-8")
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert len(scripts) == 1, entry.path
        data = json.loads(scripts[0])
        validate(data, JOB_POSTING_SCHEMA)
        assert data["title"] == entry.title and data["url"] == entry.url
        assert data["hiringOrganization"]["name"] == entry.posting.company.name


def test_language_versions_link_each_other_with_absolute_hreflang(site):
    out, _ = site
    page = (out / f"{BERLIN}.de-DE.html").read_text(encoding="utf-8")
    for language in ("de-DE", "en-GB"):
        link = f'<link rel="alternate" hreflang="{language}" href="{BASE}{BERLIN}.{language}.html">'
        assert link in page
    # the visible switch stays relative, so the site works from disk and --serve
    assert 'href="clinical-nlp-engineer-berlin.en-GB.html" hreflang="en-GB"' in page
    assert '<html lang="de-DE">' in page and "Jetzt bewerben" in page


def test_the_index_lists_each_posting_once_grouped_by_team_with_its_filters(site):
    out, _ = site
    page = (out / "carrowmere-health" / "index.html").read_text(encoding="utf-8")
    reader = read(page)
    titles = re.findall(r'class="site-job-title" href="([^"]+)"', page)
    assert len(titles) == len(set(titles))
    # listed once, in English on this English (en-US) page, with a link to the German
    assert "clinical-nlp-engineer-berlin.en-GB.html" in titles
    assert "clinical-nlp-engineer-berlin.de-DE.html" not in titles
    assert 'hreflang="de-DE" lang="de-DE">Deutsch</a>' in page
    assert reader.headings[0] == "Open positions at Carrowmere Health"
    assert reader.headings[-1] == "More positions"  # the roles without a team, last
    filters = re.findall(r'<select id="filter-(\w+)"', page)
    assert filters == ["location", "level"]  # all hybrid: no work-model filter
    assert '<option value="berlin">Berlin, Germany</option>' in page
    assert re.search(r'data-location="[^"]*\bberlin\b', page)


def test_the_top_index_lists_every_company(site):
    out, result = site
    page = (out / "index.html").read_text(encoding="utf-8")
    for company in ("furrowlight", "brindle-ledger", "carrowmere-health"):
        assert f'<h2><a href="{company}/index.html">' in page
    jobs = re.findall(r'class="site-job-title" href="([^"]+)"', page)
    assert len(jobs) == len({e.posting.slug.split(".")[0] for e in result.postings})
    assert all((out / href).is_file() for href in jobs)


def test_two_builds_of_the_same_inputs_and_date_give_the_same_bytes(
    builtin_workspace, site, tmp_path
):
    build(builtin_workspace, tmp_path / "again", companies=None)  # lint changes no byte
    assert files_of(tmp_path / "again") == files_of(site[0])


def test_the_next_days_build_keeps_each_posting_s_date_and_bytes(builtin_workspace, tmp_path):
    out = tmp_path / "public"
    first = build(builtin_workspace, out)
    assert {n["type"] for n in first.notices} == {"URL_UPDATED"}
    pages = {e.path: (out / e.path).read_bytes() for e in first.postings}
    second = build(builtin_workspace, out, DAY + dt.timedelta(days=3))
    assert second.notices == []  # nothing changed: nothing to tell Google
    assert {e.path: (out / e.path).read_bytes() for e in second.postings} == pages
    manifest = json.loads((out / SITE_MANIFEST).read_text())
    assert manifest["date"] == "2026-12-10"
    page = next(f for f in manifest["files"] if f["path"] == "furrowlight/index.html")
    assert page["lastmod"] == "2026-12-07"
    assert "<lastmod>2026-12-07</lastmod>" in (out / "sitemap.xml").read_text()


def test_a_build_dated_before_the_last_one_is_refused(builtin_workspace, tmp_path):
    """Else every page would be re-dated to the earlier day, and announced as updated."""
    out = tmp_path / "public"
    build(builtin_workspace, out)
    written = files_of(out)
    for previous in (None, out / SITE_MANIFEST):  # in the folder, or given (--previous)
        target = out if previous is None else tmp_path / "fresh"
        with pytest.raises(UsageError, match=r"last build was dated 2026-12-07, and --date"):
            build(builtin_workspace, target, DAY - dt.timedelta(days=1), previous=previous)
    assert files_of(out) == written and not (tmp_path / "fresh").exists()
    build(builtin_workspace, tmp_path / "other", DAY - dt.timedelta(days=1))  # a new folder
    build(builtin_workspace, out, DAY)  # the same day again


def test_a_closed_posting_is_dropped_and_listed_as_deleted(workspace_copy, tmp_path):
    opening = workspace_copy / "company_profiles/furrowlight/openings/field-data-engineer.yaml"
    data = yaml.safe_load(opening.read_text())
    data["valid_through"] = "2026-12-20"
    opening.write_text(yaml.safe_dump(data, sort_keys=False))
    workspace = find_workspace(workspace_copy)
    out = tmp_path / "public"
    build(workspace, out)
    page = out / "furrowlight/field-data-engineer.html"
    assert page.is_file()
    edited = tmp_path / "edited"
    shutil.copytree(out, edited)
    (edited / "furrowlight/field-data-engineer.html").write_text("mine")
    later = build(workspace, out, dt.date(2026, 12, 21))
    assert not page.exists()
    url = f"{BASE}furrowlight/field-data-engineer.html"
    assert later.notices == [{"url": url, "type": "URL_DELETED"}]
    # indexing.json keeps what no deploy has sent yet: the first build's pages, this one's
    pending = {n["url"]: n["type"] for n in json.loads((out / "indexing.json").read_text())}
    assert pending[url] == "URL_DELETED" and len(pending) == len(later.postings) + 1
    assert later.pending == len(pending)
    assert later.closed == ["furrowlight/field-data-engineer"]
    for feed in ("sitemap.xml", "feed.xml", "jobs.json", "indeed.xml", "index.html"):
        assert "field-data-engineer" not in (out / feed).read_text(), feed
    # a page someone changed by hand is never deleted, nor said to be
    kept = build(workspace, edited, dt.date(2026, 12, 21))
    assert kept.kept == [edited / "furrowlight/field-data-engineer.html"]
    assert kept.notices == []


def test_a_posting_gone_from_the_inputs_stays_until_prune(workspace_copy, tmp_path):
    out = tmp_path / "public"
    build(find_workspace(workspace_copy), out)
    (workspace_copy / "company_profiles/furrowlight/openings/imagery-ml-engineer.yaml").unlink()
    workspace = find_workspace(workspace_copy)
    page = out / "furrowlight/imagery-ml-engineer.html"
    kept = build(workspace, out)
    assert page.is_file() and kept.left == [page] and kept.notices == []
    earlier = json.loads((out / SITE_MANIFEST).read_text())["earlier"]
    assert [e["path"] for e in earlier] == ["furrowlight/imagery-ml-engineer.html"]
    assert "imagery-ml-engineer" not in (out / "sitemap.xml").read_text()
    pruned = build(workspace, out, prune=True)
    assert not page.exists() and pruned.removed == [page]
    assert pruned.notices == [{"url": f"{BASE}furrowlight/imagery-ml-engineer.html",
                               "type": "URL_DELETED"}]  # fmt: skip


def test_a_manifest_naming_other_files_removes_nothing(builtin_workspace, tmp_path):
    out = tmp_path / "public"
    build(builtin_workspace, out)
    (tmp_path / "secret.txt").write_text("keep")
    (out / "notes.html").write_text("keep")
    manifest = json.loads((out / SITE_MANIFEST).read_text())
    for path in ("../secret.txt", "notes.html", "/etc/hostname"):
        manifest["earlier"].append({"path": path, "bytes": 4, "sha256": "0" * 64})
    (out / SITE_MANIFEST).write_text(json.dumps(manifest))
    build(builtin_workspace, out, prune=True)
    assert (tmp_path / "secret.txt").read_text() == "keep"
    assert (out / "notes.html").read_text() == "keep"  # its hash is not the file's


def test_the_previous_build_can_come_from_elsewhere(builtin_workspace, tmp_path):
    first = tmp_path / "first"
    build(builtin_workspace, first)
    fresh = build(
        builtin_workspace, tmp_path / "fresh", DAY + dt.timedelta(days=1),
        previous=first / SITE_MANIFEST,
    )  # fmt: skip
    assert fresh.notices == []  # a CI checkout with the live site's manifest
    assert all(e.posting.date == DAY for e in fresh.postings)
    # Closed there (valid_for_days: 30): the live pages are announced as deleted, though
    # the fresh folder never had them.
    closing = build(
        builtin_workspace, tmp_path / "fresh-2", DAY + dt.timedelta(days=31),
        previous=first / SITE_MANIFEST,
    )  # fmt: skip
    assert len(closing.notices) == 11
    assert {notice["type"] for notice in closing.notices} == {"URL_DELETED"}


def test_an_unreadable_previous_manifest_is_said_and_not_used(builtin_workspace, tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / SITE_MANIFEST).write_text("{not json")
    result = build(builtin_workspace, out)
    assert "manifest.json cannot be read" in result.note
    assert json.loads((out / SITE_MANIFEST).read_text())["kind"] == "jobgen-site"


def test_a_law_broken_writes_nothing(workspace_copy, tmp_path, catalog):
    profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
    text = profile.read_text()
    start, end = text.index("  ai-data-engineer:"), text.index("  ai-ethics-officer:")
    profile.write_text(text[:start] + text[end:])  # no pay for the data engineer (Colorado)
    out = tmp_path / "public"
    with pytest.raises(LintFailed, match="pay-transparency"):
        build(find_workspace(workspace_copy), out, config=catalog[0])
    assert not out.exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://jobs.example.com", "https://jobs.example.com/"),
        ("https://Jobs.Example.com/careers", "https://jobs.example.com/careers/"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ],
)
def test_the_base_url_ends_in_one_slash(given, expected):
    assert normal_base_url(given) == expected


@pytest.mark.parametrize(
    "given",
    [
        "jobs.example.com",
        "ftp://x.example",
        "https://x.example/?a=1",
        "https://careers example.pt",
        "https://user:secret@x.example",
        "https://x.example/careers/index.html",
        "https://x.example:http/",
    ],
)
def test_a_base_url_that_is_not_an_address_is_refused(given):
    with pytest.raises(UsageError, match="--base-url"):
        normal_base_url(given)


def test_no_company_site_is_an_error_not_an_empty_site(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(Path(__file__).parents[2] / "jobgen.yaml", root / "jobgen.yaml")
    with pytest.raises(UsageError, match="no company profiles"):
        build(find_workspace(root), tmp_path / "public", companies=None)


def test_with_pdf_each_posting_has_its_pdf_linked_and_listed(workspace_copy, tmp_path):
    from pypdf import PdfReader

    opening = workspace_copy / "company_profiles/furrowlight/openings/field-data-engineer.yaml"
    opening.write_text(opening.read_text() + "valid_through: 2026-12-20\n")
    workspace = find_workspace(workspace_copy)
    out = tmp_path / "public"
    result = build(workspace, out, pdf=True)
    jobs = {job["url"]: job for job in json.loads((out / "jobs.json").read_text())["jobs"]}
    for entry in result.postings:
        pdf = out / entry.pdf_path
        assert PdfReader(pdf).metadata.title.startswith(entry.title)
        page = (out / entry.path).read_text(encoding="utf-8")
        assert f'<a class="site-pdf" href="{pdf.name}" type="application/pdf">' in page
        assert jobs[entry.url]["pdf"] == f"{BASE}{entry.pdf_path}"
    assert ".pdf" not in (out / "sitemap.xml").read_text()  # pages only
    pdf = out / "furrowlight/field-data-engineer.pdf"
    later = build(workspace, out, dt.date(2026, 12, 21), pdf=True)
    assert not pdf.exists() and pdf in later.removed  # closed: its PDF goes with its page
    assert [n["type"] for n in later.notices] == ["URL_DELETED"]  # the page, not the PDF
    without = build(workspace, out, dt.date(2026, 12, 21))
    assert not list(out.rglob("*.pdf")) and not without.left  # no --pdf: no stale PDF
    updated = {n["url"] for n in without.notices if n["type"] == "URL_UPDATED"}
    assert updated == {e.url for e in without.postings}  # their pages changed: no PDF link


def test_a_house_page_without_the_main_block_is_an_error_not_a_page_without_apply(
    workspace_copy, tmp_path
):
    page = workspace_copy / "templates" / "page.html.j2"
    text = (
        page.read_text()
        .replace("{% block main %}", "")
        .replace("</main>\n{% endblock %}", "</main>")
    )
    page.write_text(text)
    (workspace_copy / "templates" / "site-posting.html.j2").unlink()  # the built-in's
    with pytest.raises(TemplateProblem, match=r"page.html.j2 has no \{% block main %\}"):
        build(find_workspace(workspace_copy), tmp_path / "public")


def test_a_deleted_opening_s_role_posted_again_is_said(workspace_copy, tmp_path):
    out = tmp_path / "public"
    build(find_workspace(workspace_copy), out)
    (workspace_copy / "company_profiles/furrowlight/openings/field-data-engineer.yaml").unlink()
    result = build(find_workspace(workspace_copy), out)
    assert "furrowlight/ai-data-engineer.html" in [e.path for e in result.postings]
    [note] = [w for w in result.warnings if "ai-data-engineer" in w]
    assert "is posted as the role's own posting now that no opening stands in for it" in note
    assert "field-data-engineer no longer does" in note
    assert [p.name for p in result.left] == ["field-data-engineer.html"]  # until --prune


def test_a_new_address_is_said_and_robots_txt_goes_where_it_means_nothing(
    builtin_workspace, tmp_path
):
    out = tmp_path / "public"
    build(builtin_workspace, out)
    assert (out / "robots.txt").is_file()
    moved = build_site(builtin_workspace, "http://jobs.example.com/careers", out, DAY,
                       ["furrowlight"])  # fmt: skip
    assert not (out / "robots.txt").exists() and not moved.left
    assert any("is http, not https" in w for w in moved.warnings)
    assert any(f"the last build in this folder was for {BASE}" in w for w in moved.warnings)
    local = build_site(builtin_workspace, "http://127.0.0.1:8000", tmp_path / "l", DAY,
                       ["furrowlight"])  # fmt: skip
    assert any("this machine's own address" in w for w in local.warnings)


def test_the_index_says_where_once_and_whose_pay_it_shows(site):
    out, _ = site
    furrowlight = (out / "furrowlight" / "index.html").read_text(encoding="utf-8")
    facts = re.findall(r'<p class="site-job-facts">([^<]+)</p>', furrowlight)
    assert facts and not [f for f in facts if f.count("Remote") > 1], facts
    carrowmere = (out / "carrowmere-health" / "index.html").read_text(encoding="utf-8")
    assert "per year (San Francisco, CA)" in carrowmere  # the first of several ranges, named


def test_a_posting_closed_by_valid_for_days_stays_closed_and_its_company_page_goes(
    builtin_workspace, tmp_path
):
    """Furrowlight's postings stay open 30 days (valid_for_days). They closed on day 31,
    then came back on day 32 dated that day, forever; and the company's page stayed,
    listing eleven pages just deleted."""
    out = tmp_path / "public"
    first = build(builtin_workspace, out, DAY)
    pages = sorted(p.name for p in (out / "furrowlight").glob("*.html"))
    assert len(first.postings) == 11 and "index.html" in pages
    closing = build(builtin_workspace, out, DAY + dt.timedelta(days=31))
    assert closing.postings == [] and len(closing.closed) == 11
    assert not (out / "furrowlight").exists()  # every page gone, the folder with them
    closed = json.loads((out / SITE_MANIFEST).read_text())["closed"]
    assert {entry["posted"] for entry in closed} == {DAY.isoformat()}
    assert len(closed) == 11
    for later in (32, 60):
        after = build(builtin_workspace, out, DAY + dt.timedelta(days=later))
        assert after.postings == [] and after.notices == [], later
        assert len(after.closed) == 11 and not (out / "furrowlight").exists()


def test_a_build_of_another_company_keeps_the_closed_record(builtin_workspace, tmp_path):
    """Furrowlight's postings close on day 31 (valid_for_days: 30). A build of
    brindle-ledger alone on day 32 drops Furrowlight's `closed` records, and the full
    build of day 33 posts all eleven again, dated day 33."""
    out = tmp_path / "public"
    both = ("furrowlight", "brindle-ledger")
    build(builtin_workspace, out, DAY, both)
    assert len(build(builtin_workspace, out, DAY + dt.timedelta(days=31), both).closed) == 11
    build(builtin_workspace, out, DAY + dt.timedelta(days=32), ("brindle-ledger",))
    closed = json.loads((out / SITE_MANIFEST).read_text()).get("closed", [])
    assert len(closed) == 11
    later = build(builtin_workspace, out, DAY + dt.timedelta(days=33), both)
    assert not [e.path for e in later.postings if e.path.startswith("furrowlight/")]


def test_a_language_added_does_not_reopen_a_closed_posting(workspace_copy, tmp_path):
    """Carrowmere's role postings close on day 31; adding a second language on day 32
    renames each page (ai-ml-engineer.html -> ai-ml-engineer.en-US.html), and the
    record keyed by the old path no longer applies: they are posted anew, dated day 32."""
    profile = workspace_copy / "company_profiles/carrowmere-health.yaml"
    text = profile.read_text()
    profile.write_text(
        text.replace("\nlanguage: en-US", "\nlanguage: en-US\nvalid_for_days: 30", 1)
    )
    out = tmp_path / "public"
    build(find_workspace(workspace_copy), out, DAY, ("carrowmere-health",))
    closing = build(
        find_workspace(workspace_copy), out, DAY + dt.timedelta(days=31), ("carrowmere-health",)
    )
    assert "carrowmere-health/ai-ml-engineer" in closing.closed
    profile.write_text(
        profile.read_text().replace(
            "valid_for_days: 30", "valid_for_days: 30\nlanguages: [en-US, en-GB]"
        )
    )
    later = build(
        find_workspace(workspace_copy), out, DAY + dt.timedelta(days=32), ("carrowmere-health",)
    )
    assert not [e.path for e in later.postings if "ai-ml-engineer" in e.path]
