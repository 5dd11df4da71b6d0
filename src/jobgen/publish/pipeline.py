"""The steps from files to written postings: load, build, render, convert, write.

`generate` is what `jobgen generate` runs; `Generator` renders postings in
memory for callers that write them elsewhere (tests, benchmarks, batches).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TemplateProblem, UsageError
from ..formats import markdown as markdown_format
from ..inputs.arguments import (
    as_date,
    as_name,
    as_names,
    as_workspace,
    checked_lint_mode,
    format_list,
    optional_path,
)
from ..inputs.catalog import OPENINGS, Catalog
from ..inputs.dates import resolve_date
from ..inputs.format_names import DEFAULT_FORMATS, FORMATS
from ..inputs.models import Company, Posting, WorkspaceConfig
from ..inputs.stages import plan_postings
from ..inputs.workspace import Workspace
from ..limits import RenderLimit, memory_limit_text, render_guard
from ..render.renderer import Renderer
from .output import posting_path, write_files

if TYPE_CHECKING:
    from ..formats.docx_reference import Reference
    from ..formats.pdf import Typesetter
    from ..inputs.openings import Opening
    from ..lint import Linter, PostingReport


@dataclass
class Rendered:
    posting: Posting
    markdown: str
    files: dict[str, bytes]  # format -> bytes
    warnings: list[str] = field(default_factory=list)
    lint: PostingReport | None = None  # when the generator has a linter


class Generator:
    """Renders postings with one workspace's templates; reuse it across postings.

    Each company may have its own template layer, so renderers (and the Word
    reference each one finds) are made per template search path and kept.
    """

    def __init__(
        self,
        workspace: Workspace,
        renderer: Renderer | None = None,
        text_width: int = 72,
        linter: Linter | None = None,
    ) -> None:
        self.workspace = workspace
        self.text_width = text_width  # for txt: 0 means no wrapping
        self.linter = linter  # checks each posting as it is rendered
        self._sources: tuple[dict[str, Path], dict[str, Path]] | None = None
        self.renderer = renderer or Renderer(workspace.template_layers())
        self._renderers: dict[Path | None, Renderer] = {None: self.renderer}
        self._references: dict[Path | None, Reference] = {}
        self._typesetters: dict[Path | None, Typesetter] = {}
        self._company_dirs: dict[
            str, Path | None
        ] = {}  # looked up once per company, not per posting

    def _company_dir(self, company: Company | None) -> Path | None:
        if company is None:
            return None
        if company.id not in self._company_dirs:
            self._company_dirs[company.id] = self.workspace.company_template_dir(company)
        return self._company_dirs[company.id]

    def renderer_for(self, company: Company) -> Renderer:
        """The renderer whose search path starts with `company`'s own templates, if any."""
        folder = self._company_dir(company)
        if folder not in self._renderers:
            self._renderers[folder] = Renderer(self.workspace.template_layers(company))
        return self._renderers[folder]

    def prepare(self, formats: Iterable[str], postings: Iterable[Posting] = ()) -> None:
        """Compile every template `postings` need in `formats` and check each Word
        reference and PDF template, so that a mistake fails a batch before any work."""
        from ..render.renderer import PAGE_TEMPLATE

        formats = list(formats)
        postings = list(postings)
        companies = {p.company.id: p.company for p in postings}
        # Once per template folder and role, not per posting: each compile call guards
        # the process (memory cap, signals) even when the template is already compiled.
        for renderer, role_id in dict.fromkeys(
            (self.renderer_for(posting.company), posting.role.id) for posting in postings
        ):
            renderer.compile(renderer.content_template(role_id))
        renderers = list(dict.fromkeys(self.renderer_for(c) for c in companies.values()))
        if "html" in formats:
            for renderer in renderers:
                renderer.compile(PAGE_TEMPLATE)
        if "docx" in formats:
            for company in [None, *companies.values()]:
                self.reference(company, check=True)
        if "pdf" in formats:
            checked = set()
            for company in companies.values() or [None]:
                typesetter = self.typesetter(company)
                if typesetter.template not in checked:
                    typesetter.check()
                    checked.add(typesetter.template)

    def reference(self, company: Company | None, check: bool = False) -> Reference:
        """The reference.docx that `company`'s postings use, read once."""
        from ..formats import docx_reference  # imported here: runs without Word skip it

        folder = self._company_dir(company)
        reference = self._references.get(folder)
        if reference is None:
            renderer = self.renderer if company is None else self.renderer_for(company)
            reference = docx_reference.load_reference(renderer)
            if check:  # else render_docx checks it while building the first document
                docx_reference.check_reference(reference)
            self._references[folder] = reference
        return reference

    def typesetter(self, company: Company | None) -> Typesetter:
        """The PDF template `company`'s postings use, with the workspace's fonts."""
        from ..formats.pdf import Typesetter  # Typst is imported only in its worker

        folder = self._company_dir(company)
        if folder not in self._typesetters:
            renderer = self.renderer if company is None else self.renderer_for(company)
            fonts = [self.workspace.root / "fonts"] if self.workspace.root is not None else []
            self._typesetters[folder] = Typesetter(renderer, fonts)
        return self._typesetters[folder]

    def render(self, posting: Posting, formats: Iterable[str] = DEFAULT_FORMATS) -> Rendered:
        """The posting in `formats`, within the time and memory limits of one posting."""
        try:
            with render_guard():
                return self._render(posting, list(formats))
        except (RenderLimit, MemoryError) as error:  # past the templates: converting, linting
            what = error.what if isinstance(error, RenderLimit) else memory_limit_text()
            raise TemplateProblem(f"{posting.slug}: {what}") from None

    def _render(self, posting: Posting, formats: list[str]) -> Rendered:
        renderer = self.renderer_for(posting.company)
        text = markdown_format.tidy(renderer.render_markdown(posting))
        files: dict[str, bytes] = {}
        if "md" in formats:
            files["md"] = markdown_format.to_bytes(text)
        warnings = renderer.stylesheet_warnings() if "html" in formats else []
        if set(formats) & {"html", "docx", "json", "txt", "pdf"}:
            from ..formats import html  # imported here: Markdown-only runs skip it

            fragment = html.safe_fragment(text)
            if "html" in formats:
                files["html"] = html.render_page(posting, fragment, renderer).encode("utf-8")
            if "docx" in formats:
                from ..formats import docx

                reference = self.reference(posting.company)
                local = renderer.local(posting.language)
                files["docx"] = docx.render_docx(posting, fragment, reference, local)
            if "json" in formats:
                from ..formats import posting_json

                document = posting_json.posting_document(
                    posting, text, fragment, renderer.local(posting.language)
                )
                files["json"] = posting_json.to_bytes(document)
            if "txt" in formats:
                from ..formats import plain_text

                files["txt"] = plain_text.to_bytes(plain_text.to_text(fragment, self.text_width))
            if "pdf" in formats:
                from ..formats import pdf

                typesetter = self.typesetter(posting.company)
                local = renderer.local(posting.language)
                files["pdf"], said = pdf.render_pdf(posting, fragment, typesetter, local)
                warnings.extend(said)
        if not posting.pay and self.linter is None:  # lint says so, naming the laws
            warnings.append(no_pay_warning(posting))
        ordered = {fmt: files[fmt] for fmt in FORMATS if fmt in files}
        report = None
        if self.linter is not None:
            report = self.linter.lint_posting(posting, text, self.sources(posting))
        return Rendered(posting, text, ordered, warnings, report)

    def sources(self, posting: Posting) -> list[Path]:
        """The files `posting` is made from, most specific first (its opening, the role,
        the profile), to point lint findings at."""
        if self._sources is None:
            self._sources = (
                self.workspace.files("roles"),
                self.workspace.files("company_profiles"),
            )
        roles, companies = self._sources
        found = [roles.get(posting.role.id), companies.get(posting.company.id)]
        profile = found[1]
        if posting.hire.opening and profile is not None:
            folder = profile.parent / posting.company.id / OPENINGS
            named = (folder / f"{posting.hire.opening}{suffix}" for suffix in (".yaml", ".yml"))
            found.insert(0, next((path for path in named if path.is_file()), None))  # no scan
        return [path for path in found if path is not None]


def render_postings(
    workspace: Workspace | str | Path,
    ids: list[str] | str,
    company_id: str,
    formats: Iterable[str] | str | None = None,
    date: dt.date | str | None = None,
    valid_through: dt.date | str | None = None,
    lint: bool | str = True,
    languages: tuple[str, ...] | list[str] | str = (),
) -> tuple[WorkspaceConfig, list[Rendered]]:
    """The postings `ids` name at one company (an opening of the company, else a role),
    in memory, in the order asked, in each of their languages (or `languages`); each
    one checked by `jobgen lint`'s rules (with the workspace's settings) unless not
    `lint`."""
    workspace = as_workspace(workspace)
    ids, company_id = as_names("ids", ids), as_name("company_id", company_id)
    date = as_date("date", date) or resolve_date(None)
    valid_through = as_date("valid_through", valid_through)
    languages = tuple(as_names("languages", languages))
    if valid_through is not None and valid_through < date:  # as --valid-through says it
        raise UsageError(
            f"valid_through: {valid_through.isoformat()} is before the posting date "
            f"{date.isoformat()}"
        )
    if isinstance(lint, str):  # the mode the writers take
        lint = checked_lint_mode(lint) != "off"
    config, postings = plan_postings(workspace, ids, [company_id], date, valid_through, languages)
    formats = format_list(formats, config.defaults.formats)
    generator = _generator(workspace, config, lint)
    if "pdf" in formats:  # no extra, or a broken PDF template: said before any work
        generator.prepare(["pdf"], postings)
    return config, [generator.render(posting, formats) for posting in postings]


def _generator(workspace: Workspace, config: WorkspaceConfig, lint: bool | Linter) -> Generator:
    linter = lint if not isinstance(lint, bool) else None
    if lint is True:
        from ..lint import Linter

        linter = Linter(config.lint)
    return Generator(workspace, text_width=config.defaults.text_width, linter=linter)


def lint_roles(
    workspace: Workspace,
    linter: Linter,
    ids: Sequence[str] | None,
    company_ids: Sequence[str] | None,
    date: dt.date,
    all_roles: bool = False,
    languages: tuple[str, ...] = (),
    closed: list[Opening] | None = None,
) -> list[PostingReport]:
    """The postings `ids` name at each company, rendered in memory and linted. With no
    ids: every opening, and the roles each company hires (those its profile gives pay
    for, and those of its own stage that no opening stands in for: what `stage` would
    post), or every role with `all_roles`; then an opening closed on `date` goes to
    `closed`, as `stage` leaves it out (one named in `ids` is an error)."""
    if company_ids is None and not Catalog(workspace).company_paths:
        raise UsageError("no company profiles in this workspace: add one to company_profiles/")
    chosen = list(company_ids) if company_ids is not None else None
    config, postings = plan_postings(
        workspace, list(ids) if ids else None, chosen, date, languages=languages,
        closed=None if ids else closed,
    )  # fmt: skip
    if not ids and not all_roles:
        postings = posted(postings, config)
    generator = _generator(workspace, config, linter)
    reports = []
    for posting in postings:
        rendered = generator.render(posting, ["md"])
        assert rendered.lint is not None
        reports.append(rendered.lint)
    return reports


def posted(postings: list[Posting], config: WorkspaceConfig) -> list[Posting]:
    """What the companies post: every opening, and each role a company hires (see
    `lint_roles`); a careers site lists these."""
    return [p for p in postings if p.hire.opening or _hired(p, config, postings)]


def _hired(posting: Posting, config: WorkspaceConfig, postings: list[Posting]) -> bool:
    """Does the company post this role: pay for it, or its stage's role with no opening?"""
    company, role_id = posting.company, posting.role.id
    if role_id in company.pay:
        return True
    stage = config.stage(company.stage)
    opened = any(
        p.hire.opening and p.role.id == role_id and p.company.id == company.id for p in postings
    )
    return stage is not None and role_id in stage.roles and not opened


@dataclass
class Generated:
    written: list[Path]
    warnings: list[str]
    reports: list[PostingReport]  # lint's, one per posting


def generate(
    workspace: Workspace | str | Path,
    role_ids: list[str] | str,
    company_id: str,
    formats: Iterable[str] | str | None = None,
    out_dir: Path | str | None = None,
    date: dt.date | str | None = None,
    valid_through: dt.date | str | None = None,
    strict: bool = False,
    lint: str = "error",
    languages: tuple[str, ...] | list[str] | str = (),
) -> Generated:
    """Write each role's posting for one company, checked by lint.

    Everything is rendered and checked in memory first and written only when
    every posting succeeded, so a template error leaves earlier output
    untouched. A lint error (a law the posting breaks) raises LintFailed before
    anything is written, and with `strict` a warning does too; `lint="warn"`
    reports and writes, `lint="off"` skips lint.
    """
    lint = checked_lint_mode(lint)
    workspace, out_dir = as_workspace(workspace), optional_path("out_dir", out_dir)
    config, results = render_postings(
        workspace, role_ids, company_id, formats, date, valid_through, lint != "off", languages
    )
    reports = [result.lint for result in results if result.lint is not None]
    stop_if_blocked(reports, lint, strict)
    out_dir = out_dir if out_dir is not None else workspace.default_output(config.defaults.output)
    files = {
        posting_path(company_id, result.posting.name, fmt): data
        for result in results
        for fmt, data in result.files.items()
    }
    warnings = list(dict.fromkeys(w for result in results for w in result.warnings))
    return Generated(write_files(out_dir, files), warnings, reports)


def stop_if_blocked(reports: list[PostingReport], lint: str, strict: bool) -> None:
    """LintFailed, naming each problem and its fix, if lint's findings stop the run."""
    from ..lint.report import blocking, lint_failure

    checked_lint_mode(lint)
    blocked = blocking(reports, lint, strict)
    if blocked:
        from ..errors import LintFailed

        raise LintFailed(lint_failure(blocked, strict))


def no_pay_warning(posting: Posting) -> str:
    return (
        f"{posting.company.id}: no pay range for {posting.role.id}; "
        "the posting has no Pay section (many US states and the EU require one)"
    )
