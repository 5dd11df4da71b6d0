"""What the careers-site tests share: the built-in workspace's site, built once per
test process (each build costs the suite a second or two)."""

from __future__ import annotations

import datetime as dt

import pytest

from jobgen.lint import Linter
from jobgen.publish.site import build_site

SITE_BASE = "https://jobs.example.com/"
SITE_DAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="session")
def built_site(builtin_workspace, catalog, tmp_path_factory):
    """(folder, result) of every company's site, linted, as `jobgen site -a` builds it."""
    out = tmp_path_factory.mktemp("site") / "public"
    linter = Linter(catalog[0].lint)
    return out, build_site(builtin_workspace, SITE_BASE, out, SITE_DAY, None, linter=linter)
