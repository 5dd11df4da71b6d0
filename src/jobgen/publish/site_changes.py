"""What changed since a careers site's last build, and what to do about it: the files
to remove or leave, the notices for Google's Indexing API, what to tell the user.

Also the site's address (--base-url): it goes into every canonical link, the sitemap
and the feeds, so a wrong one is refused before any work.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..errors import UsageError
from .site_manifest import SITE_MANIFEST, Previous, SiteFile, unchanged_on_disk
from .site_pages import SitePosting

NOTICES = "indexing.json"
UPDATED, DELETED = "URL_UPDATED", "URL_DELETED"


def normal_base_url(text: str) -> str:
    """The site's address, ending in one slash: `https://jobs.example.com/`."""
    parts = urlsplit(text.strip())
    wrong = None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        wrong = "expected the address the site will have, like https://jobs.example.com"
    elif any(char.isspace() for char in text.strip()):
        wrong = "an address has no spaces"
    elif parts.query or parts.fragment:
        wrong = "expected an address without ? or #"
    elif parts.username is not None or parts.password is not None:
        wrong = "no user or password in the address: every page and feed would publish it"
    elif "." in parts.path.rstrip("/").rsplit("/", 1)[-1]:
        wrong = "expected the site's folder, not a file in it (leave out the file name)"
    else:
        try:
            parts.port  # noqa: B018 - raises for a port that is no number
        except ValueError:
            wrong = "the port is not a number"
    if wrong:
        raise UsageError(f"--base-url: {wrong}; got {text!r}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def address_notes(base: str, before: Previous) -> list[str]:
    """What to say of an address that works but may not be what was meant."""
    parts = urlsplit(base)
    notes = []
    if _local(parts.hostname or ""):
        notes.append(
            f"{base} is this machine's own address: search engines and boards cannot reach it"
        )
    elif parts.scheme == "http":
        notes.append(f"{base} is http, not https: search engines and job boards expect https")
    if before.base_url and before.base_url != base:
        notes.append(
            f"the last build in this folder was for {before.base_url}: its pages' old "
            "addresses are not announced as deleted in indexing.json (only the owner of that "
            "site can announce them)"
        )
    return notes


def _local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Stale:
    """The last build's files this build does not write, sorted by what happens to them."""

    remove: list[SiteFile] = field(default_factory=list)
    left: list[SiteFile] = field(default_factory=list)  # no --prune: listed for a later one
    kept: list[str] = field(default_factory=list)  # changed by hand since: never removed


def stale_files(
    out_dir: Path,
    before: Previous,
    written: set[str],
    closed: set[str],
    published: set[str],
    prune: bool,
    companies: Iterable[str] = (),
) -> Stale:
    """Removed: a closed posting's files, the files a posting still published no longer
    has (its PDF without --pdf, a language it left), files at the top (robots.txt under
    a new address), the page of a company of `companies` (in the inputs) with no open
    position left, and with `prune` all others; left: the files of postings no longer
    in the inputs. Never removed: a file changed since the build that wrote it."""
    found = Stale()
    earlier = {**before.earlier, **before.files}
    derived = closed | published  # postings whose every file this build decides
    pages = {f"{company}/index.html" for company in companies}  # their pages: decided too
    for path in sorted(earlier):
        if path in written or path in (SITE_MANIFEST, NOTICES):
            continue
        record = earlier[path]
        state = unchanged_on_disk(out_dir, record)
        if state is None:
            continue  # gone already
        if state is False:
            found.kept.append(path)
        elif prune or "/" not in path or record.posting in derived or path in pages:
            found.remove.append(record)
        else:
            found.left.append(record)
    return found


def notices(
    written: Sequence[SiteFile], removed: Sequence[SiteFile], before: Previous
) -> dict[str, str]:
    """This build's notices: each posting page new or changed, each one removed."""
    found = {
        record.url: UPDATED
        for record in written
        if record.url and _posting_page(record) and _changed(record, before)
    }
    found |= {record.url: DELETED for record in removed if record.url and _posting_page(record)}
    return found


def _posting_page(record: SiteFile) -> bool:
    """A posting's own page: what the Indexing API is for (not indexes, not PDFs)."""
    return record.posting is not None and record.path.endswith(".html")


def _changed(record: SiteFile, before: Previous) -> bool:
    earlier = before.get(record.path)
    return earlier is None or earlier.sha256 != record.sha256


def pending_notices(out_dir: Path, new: dict[str, str]) -> bytes:
    """indexing.json: this build's notices on top of those the last build's file still
    holds (a deploy step deletes the file once it has sent them), one per address."""
    merged: dict[str, str] = {}
    try:
        for item in json.loads((out_dir / NOTICES).read_text(encoding="utf-8")):
            if item.get("type") in (UPDATED, DELETED) and isinstance(item.get("url"), str):
                merged[item["url"]] = item["type"]
    except (OSError, ValueError, AttributeError, TypeError):
        pass  # none, or not ours: this build's notices alone
    merged |= new
    ordered = sorted(merged.items(), key=lambda item: (item[1] != UPDATED, item[0]))
    body = [{"url": url, "type": kind} for url, kind in ordered]
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def reposted_roles(entries: Sequence[SitePosting], before: Previous) -> list[str]:
    """Roles now posted on their own that an opening stood in for in the last build: an
    opening file deleted puts the role's general posting back, which is easy to miss."""
    openings: dict[tuple[str, str], list[str]] = {}
    for record in before.files.values():
        if record.role and record.posting and record.path.endswith(".html"):
            company, opening = record.posting.split("/", 1)
            openings.setdefault((company, record.role), []).append(opening)
    notes = []
    for entry in entries:
        posting = entry.posting
        key = (posting.company.id, posting.role.id)
        if posting.hire.opening or key not in openings or before.get(entry.path):
            continue
        gone = ", ".join(sorted(set(openings[key])))
        notes.append(
            f"{posting.company.id}/{posting.role.id} is posted as the role's own posting now "
            f"that no opening stands in for it ({gone} no longer does); the role's pay in the "
            "profile is what posts it: take it out if the role is not hiring"
        )
    return notes
