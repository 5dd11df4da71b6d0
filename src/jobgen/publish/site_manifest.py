"""`manifest.json` of a careers site: what a build published, read by the next build.

The next build reads it to keep each posting's first date (a page is not re-dated
every day: Google treats a job re-posted daily as spam), to give each page the date
its content last changed (sitemap `lastmod`, Atom `updated`), to tell a deploy step
which posting pages changed or went (`indexing.json`), and to remove the pages of
postings that closed or, with --prune, no longer exist. It names only files jobgen
writes, by a strict pattern, so a manifest edited by hand cannot make a build delete
anything else.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import display_path
from ..version import __version__

SITE_MANIFEST = "manifest.json"
SITE_MANIFEST_VERSION = 1
SITE_KIND = "jobgen-site"
# What a site manifest may name: a page or PDF in a company folder, or a file at the top.
SITE_FILE = re.compile(
    r"(?:[a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*(?:\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?"
    r"\.(?:html|pdf|xml|json|txt)"
)

POSTING_ID = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")  # COMPANY/ID


@dataclass(frozen=True)
class SiteFile:
    """One file of a build, as its manifest lists it."""

    path: str  # relative to the site folder, forward slashes
    bytes: int
    sha256: str
    url: str | None = None  # where a page is published
    posting: str | None = None  # COMPANY/ID of the posting it shows (a page, a PDF)
    posted: dt.date | None = None  # a posting page: the day it was first published
    lastmod: dt.date | None = None  # a page: the day its content last changed
    role: str | None = None  # an opening's page: its role (to see a role posted again)

    def entry(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "bytes": self.bytes, "sha256": self.sha256}
        for name in ("url", "posting", "role"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        for name in ("posted", "lastmod"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value.isoformat()
        return data


def file_record(path: str, data: bytes, **details: Any) -> SiteFile:
    return SiteFile(path, len(data), hashlib.sha256(data).hexdigest(), **details)


@dataclass(frozen=True)
class Previous:
    """What the last build published: its files by path, and what it left in place."""

    files: dict[str, SiteFile]
    earlier: dict[str, SiteFile]  # stale files a build without --prune left in place
    note: str | None = None  # why it could not be read, when it could not
    base_url: str | None = None
    # Postings that closed (valid_for_days passed), by COMPANY/ID: the day each was first
    # published, so that later builds keep it closed instead of posting it anew.
    closed: dict[str, dt.date] = field(default_factory=dict)
    date: dt.date | None = None  # the build's date

    def get(self, path: str) -> SiteFile | None:
        return self.files.get(path)

    def first_posted(self, posting: str) -> dt.date | None:
        """The day the posting COMPANY/ID was first published, open or closed: the earliest
        of its pages' (one per language; a page renamed when its languages changed, or
        left in place by a build of other companies, still counts)."""
        return self._first_dates.get(posting)

    @functools.cached_property
    def _first_dates(self) -> dict[str, dt.date]:  # one pass, not one per posting
        first = dict(self.closed)
        for record in (*self.earlier.values(), *self.files.values()):
            if record.posting is not None and record.posted is not None:
                known = first.get(record.posting)
                first[record.posting] = (
                    record.posted if known is None else min(known, record.posted)
                )
        return first


def read_previous(manifest: Path) -> Previous:
    """The build recorded in `manifest`; empty (with a note) when it is not one."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Previous({}, {})
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Previous({}, {}, f"{display_path(manifest)} cannot be read ({reason})")
    if not isinstance(data, dict) or data.get("kind") != SITE_KIND:
        return Previous(
            {}, {}, f"{display_path(manifest)} is not a jobgen site's manifest; it was not used"
        )
    base = data.get("base_url") if isinstance(data.get("base_url"), str) else None
    files, earlier = _entries(data.get("files")), _entries(data.get("earlier"))
    return Previous(
        files, earlier, None, base, _closed(data.get("closed")), _date(data.get("date"))
    )


def _closed(items: object) -> dict[str, dt.date]:
    found: dict[str, dt.date] = {}
    for item in items if isinstance(items, list) else []:
        posting = item.get("posting") if isinstance(item, dict) else None
        posted = _date(item.get("posted")) if isinstance(item, dict) else None
        if isinstance(posting, str) and POSTING_ID.fullmatch(posting) and posted is not None:
            found[posting] = posted
    return found


def _entries(items: object) -> dict[str, SiteFile]:
    found: dict[str, SiteFile] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        path, size, digest = item.get("path"), item.get("bytes"), item.get("sha256")
        if not (isinstance(path, str) and SITE_FILE.fullmatch(path)):
            continue
        if not (isinstance(size, int) and isinstance(digest, str)):
            continue
        found[path] = SiteFile(
            path,
            size,
            digest,
            _text(item.get("url")),
            _text(item.get("posting")),
            _date(item.get("posted")),
            _date(item.get("lastmod")),
            _text(item.get("role")),
        )
    return found


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def unchanged_on_disk(site: Path, record: SiteFile) -> bool | None:
    """Is the file as the build wrote it? None when it is gone, or not a plain file."""
    target = site / record.path
    if target.is_symlink() or not target.is_file():
        return None
    # A size other than the one recorded means changed, without reading the file.
    if target.stat().st_size != record.bytes:
        return False
    return hashlib.sha256(target.read_bytes()).hexdigest() == record.sha256


def manifest_bytes(
    base_url: str,
    date: dt.date,
    files: list[SiteFile],
    earlier: list[SiteFile],
    closed: dict[str, dt.date] | None = None,
) -> bytes:
    data = {
        "manifest_version": SITE_MANIFEST_VERSION,
        "kind": SITE_KIND,
        "generator": f"jobgen {__version__}",
        "base_url": base_url,
        "date": date.isoformat(),
        "files": [record.entry() for record in sorted(files, key=lambda r: r.path)],
        # Files an earlier build wrote that this one left in place (it was not --prune).
        "earlier": [record.entry() for record in sorted(earlier, key=lambda r: r.path)],
    }
    if closed:  # postings that closed, and the day each was first published
        data["closed"] = [
            {"posting": posting, "posted": posted.isoformat()}
            for posting, posted in sorted(closed.items())
        ]
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
