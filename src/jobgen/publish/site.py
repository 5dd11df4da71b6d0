"""`jobgen site`: a static careers site from the same inputs as every posting.

What it publishes is what the companies are hiring for: every opening, and each role a
company gives pay for or its stage hires that no opening stands in for (the postings
`jobgen lint` checks), in each posting's languages, less those closed on the build
date. Every file is staged and moved into place together (`output.Staging`), like a
stage run: a failure leaves the last build as it was. The same inputs, date and
previous build give the same bytes.

The previous build's manifest (`site_manifest.py`) carries a posting's first date
forward, so a page keeps its date and its bytes from one day's build to the next and
only what changed reaches `lastmod` and `indexing.json` (`site_changes.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import UsageError, display_path
from ..inputs.arguments import (
    as_date,
    as_names,
    as_path,
    as_workspace,
    checked_lint_mode,
    optional_names,
    optional_path,
)
from ..inputs.catalog import Catalog
from ..inputs.dates import resolve_date
from ..inputs.stages import plan_postings
from ..inputs.workspace import Workspace
from . import feeds
from .output import Staging
from .pipeline import Generator, posted, stop_if_blocked
from .plan_page import size_text
from .site_changes import (
    NOTICES,
    address_notes,
    normal_base_url,
    notices,
    pending_notices,
    reposted_roles,
    stale_files,
)
from .site_manifest import (
    SITE_MANIFEST,
    Previous,
    SiteFile,
    file_record,
    manifest_bytes,
    read_previous,
)
from .site_pages import (
    INDEX_NAME,
    INDEX_TEMPLATE,
    POSTING_TEMPLATE,
    SitePosting,
    index_page,
    posting_page,
)

if TYPE_CHECKING:
    from ..inputs.models import Company, Posting
    from ..inputs.openings import Opening
    from ..lint import Linter, PostingReport

Progress = Callable[[str, int, int], None]  # (the posting's COMPANY/NAME, done, total)
Phase = Callable[[str, int | None], None]


@dataclass
class SiteResult:
    out_dir: Path
    postings: list[SitePosting]  # every posting page, in build order
    written: list[Path]
    notices: list[dict[str, str]]  # this build's for indexing.json (`pending`: all it holds)
    reports: list[PostingReport] = field(default_factory=list)  # lint's, one per page
    warnings: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)  # COMPANY/ID of postings left out
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # an earlier build's, edited since
    left: list[Path] = field(default_factory=list)  # an earlier build's, left (no --prune)
    note: str | None = None  # the previous manifest could not be read
    pending: int = 0  # notices in indexing.json: this build's and those not yet sent
    seconds: float = 0.0


def build_site(
    workspace: Workspace | str | Path,
    base_url: str,
    out_dir: Path | str,
    date: dt.date | str | None,
    company_ids: Sequence[str] | str | None = None,
    *,
    prune: bool = False,
    linter: Linter | None = None,
    lint: str = "error",
    strict: bool = False,
    pdf: bool = False,
    languages: tuple[str, ...] | list[str] | str = (),
    previous: Path | str | None = None,
    progress: Progress | None = None,
    on_phase: Phase | None = None,
) -> SiteResult:
    """Build the careers site of `company_ids` (every company for None) into `out_dir`.

    A posting closed on `date` (its valid_through passed) is left out and its earlier
    page removed; with `prune`, so are the pages of postings no longer in the inputs.
    A page changed by hand since jobgen wrote it is never removed. A lint error stops
    the build before anything is written, unless `lint` is "warn".
    """
    start = time.perf_counter()
    checked_lint_mode(lint)
    workspace, out_dir = as_workspace(workspace), as_path("out_dir", out_dir)
    date, previous = (
        as_date("date", date) or resolve_date(None),
        optional_path("previous", previous),
    )
    company_ids = optional_names("company_ids", company_ids)
    languages = tuple(as_names("languages", languages))
    phase = on_phase or (lambda name, total: None)
    base = normal_base_url(base_url)
    phase("reading", None)
    chosen = list(company_ids) if company_ids is not None else None
    if chosen is None and not Catalog(workspace).company_paths:
        raise UsageError("no company profiles in this workspace: add one to company_profiles/")
    shut: list[Opening] = []
    config, found = plan_postings(workspace, None, chosen, date, None, languages, shut)
    generator = Generator(workspace, text_width=config.defaults.text_width, linter=linter)
    # Staging holds the folder's lock: the last build's manifest is read under it, so a
    # build that waited for another starts from what that one wrote.
    with Staging(out_dir) as staging:
        before = read_previous(previous or out_dir / SITE_MANIFEST)
        _not_before(before, date, previous or out_dir / SITE_MANIFEST)
        closed = {f"{opening.company}/{opening.id}" for opening in shut}
        entries: list[SitePosting] = []
        # Postings closed, each with the day it was first published: this build's, and an
        # earlier build's of the companies this one leaves out (-c another company).
        still_closed = {
            key: day
            for key, day in before.closed.items()
            if chosen is not None and key.partition("/")[0] not in chosen
        }
        for posting in _open_positions(posted(found, config), shut):
            entry = _entry(posting, base, before, date, pdf)
            key = f"{posting.company.id}/{posting.id}"
            if isinstance(entry, SitePosting):
                entries.append(entry)
            else:
                closed.add(key)
                still_closed[key] = entry
        _link_languages(entries)
        companies = list({e.posting.company.id: e.posting.company for e in entries}.values())
        phase("preparing", None)
        generator.prepare(["md", "pdf"] if pdf else ["md"], [entry.posting for entry in entries])
        for company in companies:
            for name in (POSTING_TEMPLATE, INDEX_TEMPLATE):
                generator.renderer_for(company).compile(name)
        result = SiteResult(out_dir, entries, [], [], note=before.note, closed=sorted(closed))
        result.warnings += address_notes(base, before) + reposted_roles(entries, before)
        published = {f"{e.posting.company.id}/{e.posting.id}" for e in entries}
        phase("rendering", len(entries))
        files = _render_postings(generator, entries, staging, before, date, progress, result)
        stop_if_blocked(result.reports, lint, strict)
        phase("writing", None)
        files += _index_pages(generator, companies, entries, staging, base, before, date)
        files += _feeds(companies, entries, staging, base, date, files)
        in_inputs = {p.company.id for p in found} | {opening.company for opening in shut}
        written = {f.path for f in files}
        stale = stale_files(out_dir, before, written, closed, published, prune, in_inputs)
        # A closed posting's page the last build published is announced as deleted even
        # when it is not here to remove: a build in a fresh folder, with --previous.
        gone = [
            record
            for path, record in before.files.items()
            if record.posting in closed and path not in written and not (out_dir / path).exists()
        ]
        new = notices(files, [*stale.remove, *gone], before)
        pending = pending_notices(out_dir, new)
        files.append(_write(staging, NOTICES, pending))
        manifest = manifest_bytes(base, date, files, stale.left, still_closed)
        staging.write(SITE_MANIFEST, manifest)
        paths = [f.path for f in files] + [SITE_MANIFEST]
        result.written = staging.commit(paths, [r.path for r in stale.remove])
    result.notices = [{"url": url, "type": kind} for url, kind in sorted(new.items())]
    result.pending = len(json.loads(pending))
    result.removed = [out_dir / r.path for r in stale.remove]
    result.left = [out_dir / r.path for r in stale.left]
    result.kept = [out_dir / path for path in stale.kept]
    result.seconds = time.perf_counter() - start
    return result


def _not_before(before: Previous, date: dt.date, manifest: Path) -> None:
    """A build dated before the last one would date every page that day: pages would say
    they were posted before they were, and every one would be announced as updated."""
    if before.date is not None and date < before.date:
        raise UsageError(
            f"{display_path(manifest)}: the last build was dated {before.date}, and --date"
            f" {date} is earlier: its pages would say they were posted before they were."
            f" Build on {before.date} or later, or build the earlier day into an empty"
            " folder (-o) without --previous."
        )


def _open_positions(postings: list[Posting], shut: list[Opening]) -> list[Posting]:
    """Each opening, and each role a company hires that none of its openings (open or
    closed) stands in for: a role's general posting beside its openings would list
    one job twice, and in place of a closed one would post a job just filled."""
    opened = {(p.company.id, p.role.id) for p in postings if p.hire.opening}
    opened |= {(opening.company, opening.role_id) for opening in shut}
    return [p for p in postings if p.hire.opening or (p.company.id, p.role.id) not in opened]


def _entry(
    posting: Posting, base: str, before: Previous, date: dt.date, pdf: bool
) -> SitePosting | dt.date:
    """The posting's page, dated the day it was first published; once closed (its
    valid_for_days passed, counted from that day), that day."""
    path = f"{posting.company.id}/{posting.name}.html"
    first = before.first_posted(f"{posting.company.id}/{posting.id}")
    if first is not None and first <= date:
        posting = replace(posting, date=first)
    if posting.valid_through is not None and posting.valid_through < date:
        return posting.date
    entry = SitePosting(posting, path, base + path, "")
    if pdf:
        entry.pdf_path = path.removesuffix(".html") + ".pdf"
        entry.pdf_url = base + entry.pdf_path
    return entry


def _link_languages(entries: list[SitePosting]) -> None:
    """Each page's versions in other languages, for hreflang: those published."""
    versions: dict[str, list[SitePosting]] = {}
    for entry in entries:
        versions.setdefault(f"{entry.posting.company.id}/{entry.posting.id}", []).append(entry)
    for group in versions.values():
        if len(group) > 1:
            alternates = tuple((e.posting.language, e.url) for e in group)
            for entry in group:
                entry.alternates = alternates


def _render_postings(
    generator: Generator,
    entries: list[SitePosting],
    staging: Staging,
    before: Previous,
    date: dt.date,
    progress: Progress | None,
    result: SiteResult,
) -> list[SiteFile]:
    from ..formats.html import safe_fragment

    files = []
    for done, entry in enumerate(entries, 1):
        posting = entry.posting
        rendered = generator.render(posting, ["md", "pdf"] if entry.pdf_path else ["md"])
        entry.fragment = safe_fragment(rendered.markdown)
        if rendered.lint is not None:
            result.reports.append(rendered.lint)
        result.warnings += [w for w in rendered.warnings if w not in result.warnings]
        renderer = generator.renderer_for(posting.company)
        size = None
        owner = f"{posting.company.id}/{posting.id}"
        if entry.pdf_path:
            data = rendered.files["pdf"]
            size = size_text(len(data), renderer.local(posting.language))
            files.append(_write(staging, entry.pdf_path, data, url=entry.pdf_url, posting=owner))
        page = posting_page(entry, renderer, size).encode("utf-8")
        entry.lastmod = _lastmod(before.get(entry.path), page, date)
        files.append(
            _write(
                staging, entry.path, page, url=entry.url, posting=owner,
                posted=posting.date, lastmod=entry.lastmod,
                role=posting.role.id if posting.hire.opening else None,
            )
        )  # fmt: skip
        if progress is not None:
            progress(posting.slug, done, len(entries))
    return files


def _lastmod(earlier: SiteFile | None, data: bytes, date: dt.date) -> dt.date:
    """The day the page last changed: the earlier build's, if its bytes are the same."""
    record = file_record("", data)
    if earlier is not None and earlier.sha256 == record.sha256 and earlier.lastmod:
        return min(earlier.lastmod, date)
    return date


def _write(staging: Staging, path: str, data: bytes, **details: object) -> SiteFile:
    staging.write(path, data)
    return file_record(path, data, **details)


def main_language(company: Company) -> str:
    """The language of a company's own pages: its first posting language."""
    return (company.languages or (company.language,))[0]


def _index_pages(
    generator: Generator,
    companies: Sequence[Company],
    entries: list[SitePosting],
    staging: Staging,
    base: str,
    before: Previous,
    date: dt.date,
) -> list[SiteFile]:
    """Each company's index, then the top one (of every company). A site of one company
    has the same list twice: the company's page names the top one as its address."""
    files = []
    one = companies[0] if len(companies) == 1 else None
    for company in companies:
        own = [e for e in entries if e.posting.company.id == company.id]
        renderer = generator.renderer_for(company)
        url = base if one else f"{base}{company.id}/"
        page = index_page(
            own, [company], renderer, main_language(company), url, top=False, home=not one
        )
        record = _page(staging, f"{company.id}/{INDEX_NAME}", page, url, before, date)
        files.append(replace(record, url=None) if one else record)  # not in the sitemap
    renderer = generator.renderer_for(one) if one else generator.renderer
    language = main_language(companies[0]) if companies else "en-US"
    page = index_page(entries, companies, renderer, language, base, top=True)
    files.append(_page(staging, INDEX_NAME, page, base, before, date))
    return files


def _page(
    staging: Staging, path: str, page: str, url: str, before: Previous, date: dt.date
) -> SiteFile:
    data = page.encode("utf-8")
    return _write(staging, path, data, url=url, lastmod=_lastmod(before.get(path), data, date))


def _feeds(
    companies: Sequence[Company],
    entries: list[SitePosting],
    staging: Staging,
    base: str,
    date: dt.date,
    pages: list[SiteFile],
) -> list[SiteFile]:
    language = main_language(companies[0]) if companies else "en-US"
    names = ", ".join(company.name for company in companies) or "jobgen"
    indexes = [f for f in pages if f.path.endswith(INDEX_NAME) and f.url]
    indexes = indexes[-1:] + indexes[:-1]  # the top one first
    listed = [feeds.SitePage(f.url or "", f.lastmod or date) for f in indexes]
    listed += [feeds.SitePage(e.url, e.lastmod, e.alternates) for e in entries]
    title = "Open positions" if len(companies) != 1 else f"Open positions at {names}"
    files = [
        _write(staging, "sitemap.xml", feeds.sitemap(listed)),
        _write(staging, "feed.xml", feeds.atom_feed(base, title, language, entries, date)),
        _write(staging, "jobs.json", feeds.jobs_json(base, entries, date)),
        _write(staging, "indeed.xml", feeds.indeed_feed(names, base, entries, date)),
    ]
    if urlsplit(base).path == "/":  # robots.txt is read only at a host's root
        robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n".encode()
        files.append(_write(staging, "robots.txt", robots))
    return files
