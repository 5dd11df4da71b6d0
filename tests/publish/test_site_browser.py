"""The careers site in a real browser: headless Chromium at desktop and phone widths.

Each page is served by `jobgen site --serve`'s server, opened, photographed and
measured by the browser itself (tests/browser.py): links that resolve, requests that
stay inside the site, headings in order, alt text, WCAG AA contrast, no sideways
scrolling, the Apply button in the first screen, and the filters with and without
the page's script.
"""

from __future__ import annotations

import itertools
import urllib.request
from urllib.error import HTTPError

import pytest
from browser import CHROMIUM, PAGE_FACTS, Browser

from jobgen.publish.site_server import SiteServer

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
BASE = "https://jobs.example.com/"
PAGES = (
    "index.html",
    "carrowmere-health/index.html",
    "carrowmere-health/clinical-nlp-engineer-berlin.de-DE.html",
    "brindle-ledger/credit-mlops-engineer.html",
)
WIDTHS = (1200, 390)


@pytest.fixture(scope="module")
def served(built_site):
    server = SiteServer(built_site[0], 0).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browsers():
    """A browser per width, started once for the module (a start costs a second)."""
    started = {}
    try:
        for width in WIDTHS:
            started[width] = Browser(width)
        yield started
    finally:
        for browser in started.values():
            browser.close()


@pytest.fixture(scope="module", params=WIDTHS)
def looked_at(request, served, browsers, tmp_path_factory):
    """Every page at one width: its facts, the requests it made, its screenshot."""
    shots = tmp_path_factory.mktemp(f"shots-{request.param}")
    found = {}
    browser = browsers[request.param]
    for page in PAGES:
        browser.open(served.url + page)
        facts = browser.evaluate(PAGE_FACTS)
        shot = browser.screenshot(shots / (page.replace("/", "_") + ".png"))
        found[page] = (facts, browser.requests(), shot)
    return request.param, found


def test_no_request_leaves_the_site(looked_at, served):
    _, pages = looked_at
    for page, (_, requests, _) in pages.items():
        assert requests[0] == served.url + page
        outside = [url for url in requests if not url.startswith((served.url, "data:"))]
        assert outside == [], page


def test_every_link_resolves_inside_the_site_or_is_a_way_out(looked_at, served):
    _, pages = looked_at
    for page, (facts, _, _) in pages.items():
        for link in facts["links"]:
            if link.startswith(served.url):
                target = link.split("#", 1)[0]
                try:
                    status = urllib.request.urlopen(target).status
                except HTTPError as error:
                    status = error.code
                assert status == 200, (page, link)
            else:  # the Apply link, the company's site, an email: where a candidate goes
                assert link.startswith(("https://", "mailto:")), (page, link)


def test_headings_go_in_order_and_images_have_alt_text(looked_at):
    _, pages = looked_at
    for page, (facts, _, _) in pages.items():
        levels = facts["headings"]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (page, levels)
        assert facts["images_without_alt"] == 0, page


def test_all_text_meets_wcag_aa_contrast(looked_at):
    _, pages = looked_at
    for page, (facts, _, _) in pages.items():
        assert facts["contrast"] == [], page


def test_nothing_scrolls_sideways_and_apply_is_in_the_first_screen(looked_at):
    width, pages = looked_at
    for page, (facts, _, shot) in pages.items():
        assert facts["overflow"] <= 0, (width, page)
        if page.endswith("index.html"):
            assert facts["jobs_shown"] > 0
        else:
            assert 0 < facts["apply_top"] < 800, (width, page)  # above the fold
        assert png_width(shot.read_bytes()) == width


def png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a picture, not a blank
    return int.from_bytes(data[16:20], "big")


@pytest.mark.parametrize("scripts", [True, False], ids=["with script", "CSS alone"])
def test_the_filters_work_with_and_without_the_script(served, browsers, scripts):
    browser = browsers[WIDTHS[0]]
    browser.open(served.url + "carrowmere-health/index.html", scripts=scripts)
    everything = browser.evaluate(PAGE_FACTS)["jobs_shown"]
    browser.evaluate(
        """(() => { const select = document.getElementById("filter-location");
        select.value = "berlin"; select.dispatchEvent(new Event("change")); })()"""
    )
    berlin = browser.evaluate(PAGE_FACTS)["jobs_shown"]
    count = browser.evaluate("document.getElementById('site-count').textContent")
    assert 1 <= berlin < everything
    if scripts:
        assert count == f"{berlin} open position" + ("s" if berlin != 1 else "")
    else:
        assert count == f"{everything} open positions"  # the script's count is optional
