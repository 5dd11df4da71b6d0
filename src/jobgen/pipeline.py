"""The steps from files to written postings: load, build, render, convert, write.

`generate` is what `jobgen generate` runs; `Generator` renders postings in
memory for callers that write them elsewhere (tests, benchmarks, batches).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .catalog import Catalog
from .errors import UsageError
from .formats import markdown as markdown_format
from .models import FORMATS, Company, Posting, Role, WorkspaceConfig
from .output import posting_path, write_files
from .render import PAGE_TEMPLATE, POSTING_TEMPLATE, Renderer
from .workspace import Workspace

if TYPE_CHECKING:
    from .formats.docx import Reference


def resolve_date(value: str | None) -> dt.date:
    """The posting date: `--date`, else $SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--date: expected a date like 2026-11-25, got {value!r}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH: expected seconds since 1970, got {epoch!r}"
            ) from None
    return dt.date.today()


@dataclass
class Rendered:
    posting: Posting
    markdown: str
    files: dict[str, bytes]  # format -> bytes
    warnings: list[str] = field(default_factory=list)


class Generator:
    """Renders postings with one workspace's templates; reuse it across postings."""

    def __init__(self, workspace: Workspace, renderer: Renderer | None = None) -> None:
        self.renderer = renderer or Renderer(workspace.template_dirs(), workspace.builtin_templates)
        for name in (POSTING_TEMPLATE, PAGE_TEMPLATE):
            self.renderer.check_blocks(name)
        self._reference: Reference | None = None

    def prepare(self, formats: Iterable[str]) -> None:
        """Load and check what `formats` need now, so that a broken reference.docx
        fails a batch before any work."""
        if "docx" in formats and self._reference is None:
            from .formats import docx

            reference = docx.load_reference(self.renderer)
            docx.check_reference(reference)
            self._reference = reference

    def render(self, posting: Posting, formats: Iterable[str] = FORMATS) -> Rendered:
        formats = list(formats)
        text = markdown_format.tidy(self.renderer.render_markdown(posting))
        files: dict[str, bytes] = {}
        if "md" in formats:
            files["md"] = markdown_format.to_bytes(text)
        if "html" in formats or "docx" in formats:
            from .formats import html  # imported here: Markdown-only runs skip it

            fragment = html.safe_fragment(text)
            if "html" in formats:
                files["html"] = html.render_page(posting, fragment, self.renderer).encode("utf-8")
            if "docx" in formats:
                from .formats import docx  # python-docx costs ~60 ms to import

                if self._reference is None:  # checked as the first document is built
                    self._reference = docx.load_reference(self.renderer)
                files["docx"] = docx.render_docx(posting, fragment, self._reference)
        warnings = []
        if not posting.pay:
            warnings.append(
                f"{posting.company.id}: no pay range for {posting.role.id}; "
                "the posting has no Pay section (many US states and the EU require one)"
            )
        ordered = {fmt: files[fmt] for fmt in FORMATS if fmt in files}
        return Rendered(posting, text, ordered, warnings)


def make_posting(config: WorkspaceConfig, role: Role, company: Company, date: dt.date) -> Posting:
    stage = next((s for s in config.stages if role.id in s.roles), None)
    return Posting(role, company, stage, date)


def render_postings(
    workspace: Workspace,
    role_ids: list[str],
    company_id: str,
    formats: Iterable[str] | None = None,
    date: dt.date | None = None,
) -> tuple[WorkspaceConfig, list[Rendered]]:
    """Each role's posting for one company, in memory, in the order asked."""
    config, roles, companies = Catalog(workspace).load(role_ids, [company_id])
    formats = list(formats or config.defaults.formats)
    date = date or resolve_date(None)
    generator = Generator(workspace)
    postings = [
        make_posting(config, roles[role_id], companies[company_id], date)
        for role_id in dict.fromkeys(role_ids)
    ]
    return config, [generator.render(posting, formats) for posting in postings]


def generate(
    workspace: Workspace,
    role_ids: list[str],
    company_id: str,
    formats: Iterable[str] | None = None,
    out_dir: Path | None = None,
    date: dt.date | None = None,
) -> tuple[list[Path], list[str]]:
    """Write each role's posting for one company; returns (paths written, warnings).

    Everything is rendered in memory first and written only when every posting
    succeeded, so a template error leaves earlier output untouched.
    """
    config, results = render_postings(workspace, role_ids, company_id, formats, date)
    out_dir = out_dir if out_dir is not None else workspace.base / config.defaults.output
    files = {
        posting_path(company_id, result.posting.role.id, fmt): data
        for result in results
        for fmt, data in result.files.items()
    }
    warnings = [warning for result in results for warning in result.warnings]
    return write_files(out_dir, files), warnings
