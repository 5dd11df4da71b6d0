"""PDF: the posting laid out by Typst (`pip install 'jobgen[pdf]'`), tagged as PDF/UA-1.

The posting reaches Typst as data: the blocks of its sanitized HTML
(`pdf_content.py`) as JSON in `sys.inputs`, which the template
(`templates/posting.typ`, overridable like every template) sets as text. Typst's
root is a temporary folder holding only the template and the logo, so its
`read()` and `image()` reach nothing else. Typst runs in a worker process
(`pdf_worker.py`) that jobgen kills past the time limit; it has a memory limit.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import weakref
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import TemplateProblem, UsageError, display_path
from ..limits import MAX_RENDER_SECONDS, MAX_TEMPLATE_BYTES, memory_limit_text, time_limit_text
from ..render.local import paper_size
from .pdf_content import blocks
from .pdf_worker import read_frame, write_frame

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from ..render.local import Local
    from ..render.renderer import Renderer

PDF_TEMPLATE = "posting.typ"
FONTS = "fonts"  # a folder of .ttf/.otf files beside the templates of any layer
FALLBACK_FONT = "Libertinus Serif"  # built into Typst: there on every machine
PAPER = {"a4": "a4", "letter": "us-letter"}
STANDARDS = ["ua-1"]  # PDF/UA-1: tagged, titled, with the language, for screen readers
INSTALL = "pip install 'jobgen[pdf]'"
WORKER = "jobgen.formats.pdf_worker"
LINE = re.compile(r":(\d+):(\d+)")
MISSING_GLYPH = "could not be displayed with font"  # Typst's PDF/UA-1 error for a glyph


def require_typst(instead: str = "leave pdf out of --format") -> None:
    """UsageError, with the command that installs it, unless Typst can be imported;
    `instead` is the way to do without."""
    if importlib.util.find_spec("typst") is None:
        raise UsageError(
            "PDF output needs Typst, which is an optional extra of jobgen; install it with "
            f"{INSTALL} (from a clone of jobgen: pip install -e '.[pdf]'), or {instead}"
        )


class Typesetter:
    """One PDF template (the winning `posting.typ` of a template search path) in a
    root folder of its own; reuse it for every posting of those templates."""

    def __init__(self, renderer: Renderer, font_folders: list[Path] | None = None) -> None:
        require_typst()
        template = renderer.find(PDF_TEMPLATE)
        if template is None:
            raise TemplateProblem(f"template {PDF_TEMPLATE!r} not found in {renderer.searched()}")
        if template.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateProblem(
                f"{display_path(template)} is larger than {MAX_TEMPLATE_BYTES:,} bytes"
            )
        self.template = template
        self.root = Path(tempfile.mkdtemp(prefix="jobgen-pdf-"))
        weakref.finalize(self, _remove, self.root, os.getpid())
        shutil.copyfile(template, self.root / PDF_TEMPLATE)
        (self.root / "packages").mkdir()  # empty: no Typst package is found
        layers = [layer.path / FONTS for layer in renderer.layers]
        self.fonts = [str(p) for p in [*layers, *(font_folders or [])] if p.is_dir()]
        self._families: set[str] | None = None

    def families(self) -> set[str]:
        """The font families Typst can use here, in lower case."""
        if self._families is None:
            answer, _ = _worker().ask({"op": "families", "fonts": self.fonts})
            self._families = {family.lower() for family in answer["families"]}
        return self._families

    def logo(self, path: str) -> str:
        """The logo's name in the root folder, copied there once."""
        stat = os.stat(path)
        name, data = _named_logo(path, stat.st_mtime_ns, stat.st_size)
        target = self.root / name
        if not target.exists():
            # Written whole, then renamed: forked batch workers share this folder.
            part = target.with_name(f".{name}.{os.getpid()}")
            part.write_bytes(data)
            os.replace(part, target)
        return name

    def compile(self, document: dict[str, Any], timestamp: int) -> tuple[bytes, list[str]]:
        """The PDF of `document` (the template's data), and Typst's warnings."""
        request = {
            "op": "compile",
            "template": str(self.root / PDF_TEMPLATE),
            "root": str(self.root),
            "packages": str(self.root / "packages"),
            "fonts": self.fonts,
            "inputs": {"posting": json.dumps(document, ensure_ascii=False, sort_keys=True)},
            "standards": STANDARDS,
            "timestamp": timestamp,
        }
        answer, pdf = self._ask(request)
        said = []
        missing = answer.get("error", {}).get("message", "")
        if MISSING_GLYPH in missing:
            # PDF/UA-1 refuses a character no font has (Arabic or Chinese text with
            # none installed): the posting still deserves a PDF, tagged all the same.
            answer, pdf = self._ask({**request, "standards": []})
            said.append(
                f"the PDF is tagged but not PDF/UA-1: {missing.removeprefix('PDF/UA-1 error: ')}"
                f" (no font here has it: install one that does, or put it in {FONTS}/)"
            )
        if "error" in answer:
            raise TemplateProblem(self._explain(answer["error"]))
        return pdf, said + [self._explain(w) for w in answer["warnings"]]

    def _ask(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        try:
            return _worker().ask(request)
        except _Stopped as stopped:
            where = display_path(self.template)
            raise TemplateProblem(f"{where}: Typst stopped: {stopped}") from None

    def check(self) -> None:
        """Compile a small posting, so a broken template fails before a batch starts."""
        sample = {"kind": "paragraph", "body": [{"kind": "text", "text": "Check."}]}
        document = {
            "title": "Check", "company": "Check", "lang": "en", "region": "US",
            "paper": "us-letter", "fonts": [FALLBACK_FONT], "logo": None, "logo_alt": "",
            "brand": {"color": "#000000", "accent": "#000000"}, "date": "2000-01-01",
            "blocks": [{"kind": "heading", "level": 1, "body": sample["body"]}, sample],
        }  # fmt: skip
        self.compile(document, 0)

    def _explain(self, problem: dict[str, Any]) -> str:
        """Typst's message with the template's own path and line, not the copy's."""
        where = display_path(self.template)
        found = LINE.search(problem["diagnostic"].replace(str(self.root), ""))
        if found:
            where += f", line {found.group(1)}"
        hints = "".join(f"\n  hint: {hint}" for hint in problem["hints"])
        message = problem["message"].replace(str(self.root), "<PDF root>")
        return f"{where}: {message}{hints}".replace(str(self.root), "<PDF root>")


def render_pdf(
    posting: Posting, fragment: str, typesetter: Typesetter, local: Local
) -> tuple[bytes, list[str]]:
    """The posting as PDF bytes (the same inputs, the same bytes) and warnings to show."""
    company = posting.company
    brand = company.brand
    warnings = []
    fonts = [FALLBACK_FONT]
    if brand.font.lower() in typesetter.families():
        fonts.insert(0, brand.font)
    else:
        warnings.append(
            f"{company.id}: the brand font {brand.font!r} is neither installed nor in a "
            f"{FONTS}/ folder of the workspace or its templates; the PDF uses {FALLBACK_FONT} "
            "instead"
        )
    language, _, rest = posting.language.partition("-")
    region = next((part for part in rest.split("-") if len(part) == 2 and part.isalpha()), None)
    title = local.pgettext("page title", "%(title)s at %(company)s")
    document = {
        "title": title % {"title": posting.role.title, "company": company.name},
        "company": company.name,
        "lang": language.lower(),
        "region": region.upper() if region else None,
        "paper": PAPER[paper_size(posting.language)],
        "fonts": fonts,
        "brand": {"color": brand.color, "accent": brand.accent or brand.color},
        "logo": typesetter.logo(brand.logo) if brand.logo else None,
        "logo_alt": f"{company.name} logo",
        "date": posting.date.isoformat(),
        "blocks": blocks(fragment),
    }
    moment = dt.datetime.combine(posting.date, dt.time(0, 0), tzinfo=dt.timezone.utc)
    pdf, more = typesetter.compile(document, int(moment.timestamp()))
    return pdf, warnings + [f"{posting.slug}: {warning}" for warning in more]


def _remove(folder: Path, owner: int) -> None:
    """Remove the root folder, in the process that made it (not in a forked worker)."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


@lru_cache(maxsize=32)  # once per logo in a batch; keyed by mtime and size, as logo.py
def _named_logo(path: str, mtime_ns: int, size: int) -> tuple[str, bytes]:
    """The logo's bytes and a name made of their hash: an edited logo is a new file."""
    data = Path(path).read_bytes()
    return f"logo-{hashlib.sha256(data).hexdigest()[:16]}{Path(path).suffix.lower()}", data


class _Stopped(Exception):
    """The worker was stopped past the time limit, or died (past its memory limit)."""


class _Worker:
    """The Typst process: started on first use, restarted after it is killed."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()
        self.pid = os.getpid()  # a forked copy of this object leaves the process alone
        atexit.register(self.stop)

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            # -I: neither the environment nor the current folder (a workspace) adds
            # modules; the worker sees the modules this process sees, bar the current folder.
            path = [os.path.abspath(p) for p in sys.path if p]
            code = f"import sys; sys.path[:] = {path!r}; from {WORKER} import main; main()"
            self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-c", code],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.stderr,  # a crash's backtrace: read when it dies, not shown
            )
        return self.process

    def ask(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        with self.lock:  # one request at a time (preview renders in threads)
            return self._ask(request)

    def _ask(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        process = self._start()
        answer: list[bytes | None] = []

        def read() -> None:
            try:
                assert process.stdout is not None
                answer.extend((read_frame(process.stdout), read_frame(process.stdout)))
            except (OSError, EOFError, ValueError):
                answer.append(None)

        reader = threading.Thread(target=read, daemon=True)
        try:
            assert process.stdin is not None
            write_frame(process.stdin, json.dumps(request).encode("utf-8"))
            reader.start()
            reader.join(MAX_RENDER_SECONDS)  # the render guard's timer may raise first
        except BrokenPipeError:
            pass
        except BaseException:  # the guard's RenderLimit, Ctrl-C: Typst must stop too
            self.stop()
            raise
        if reader.is_alive():
            self.stop()
            raise _Stopped(time_limit_text())
        if len(answer) != 2 or answer[0] is None or answer[1] is None:
            why = self._why()
            self.stop()
            raise _Stopped(why)
        return json.loads(answer[0]), answer[1]

    def _why(self) -> str:
        self.stderr.seek(0)
        said = self.stderr.read().decode("utf-8", "replace")
        if "memory allocation" in said:
            return memory_limit_text()
        last = [line for line in said.splitlines() if line.strip()][-1:]
        return last[0] if last else "the worker process ended"

    def stop(self) -> None:
        if os.getpid() != self.pid:
            return
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout, self.stderr):
                if stream is not None:
                    stream.close()
        self.process = None


_WORKERS: dict[int, _Worker] = {}  # by process id: a forked batch worker starts its own
_LOCK = threading.Lock()


def _worker() -> _Worker:
    with _LOCK:
        pid = os.getpid()
        if pid not in _WORKERS:
            _WORKERS[pid] = _Worker()
        return _WORKERS[pid]
