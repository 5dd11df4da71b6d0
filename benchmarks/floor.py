"""The floor of a batch: the same postings turned into md + html + docx with the least
work there is, measured in the same run as jobgen, so that a noisy machine moves both.

Issue 20 put it at ~3.4 ms a posting on a good day (Python-Markdown 2.7 ms, DOCX as
XML 0.7, nh3 0.1, writes 0.05) and set the target at 5 ms, that is 1.47x this floor.
What the floor does for each posting's Markdown (as jobgen wrote it):

- Python-Markdown, one converter reset between postings (jobgen's extensions);
- nh3 with jobgen's allowlist;
- a DOCX with one paragraph per line of text, as bare XML, zipped (no styles, no
  lists, no links: the least a Word file can be);
- three files written (open, write, close), no sync.

No templates, no lint, no pages, no manifest, no checks, no planning: that is jobgen's
own work, and the ratio says what it costs.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
BODY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{}</w:body></w:document>"
)


def bare_docx(text: str) -> bytes:
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.splitlines()
        if line.strip()
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELATIONSHIPS)
        package.writestr("word/document.xml", BODY.format(paragraphs))
    return buffer.getvalue()


def write_new(path: str, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        os.write(handle, data)
    finally:
        os.close(handle)


def floor_per_posting(markdown_files: list[Path], passes: int = 3) -> float:
    """Seconds a posting for the least md + html + docx work on these postings: the
    median of `passes` passes over all of them, each into a fresh folder."""
    texts, convert = _texts_and_converter(markdown_files)
    times = []
    for _ in range(passes):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            _least_work(texts, convert, out)
            times.append((time.perf_counter() - start) / len(texts))
    return statistics.median(times)


def floor_in_processes(markdown_files: list[Path], jobs: int) -> float:
    """Wall seconds for the floor's work on these postings shared by `jobs` forked
    processes, forks and waits included: one process against two says how much faster
    two cores of this machine can do this kind of work, at best (the ceiling of
    `--jobs 2`, which a shared or throttled machine keeps well under 2x)."""
    texts, convert = _texts_and_converter(markdown_files)  # before the fork, as jobgen does
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        children = []
        for share in range(jobs):
            child = os.fork()
            if child == 0:  # pragma: no cover - the child's exit code says how it went
                code = 1
                try:
                    _least_work(texts[share::jobs], convert, os.path.join(out, str(share)))
                    code = 0
                finally:
                    os._exit(code)
            children.append(child)
        failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])]
        seconds = time.perf_counter() - start
    if failed:
        raise RuntimeError(f"{len(failed)} of {jobs} floor processes failed")
    return seconds


def _texts_and_converter(markdown_files: list[Path]) -> tuple[list[str], Callable[[str], str]]:
    import markdown
    import nh3
    from markdown.extensions.sane_lists import SaneListExtension

    from jobgen.formats.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

    texts = [path.read_text(encoding="utf-8") for path in markdown_files]
    converter = markdown.Markdown(extensions=[SaneListExtension()], output_format="html")

    def convert(text: str) -> str:
        converter.reset()
        return nh3.clean(
            converter.convert(text),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
        )

    return texts, convert


def _least_work(texts: list[str], convert: Callable[[str], str], out: str) -> None:
    """Each text as md, html and a bare docx, ten to a folder under `out`."""
    os.makedirs(out, exist_ok=True)
    for number, text in enumerate(texts):
        html = convert(text)
        folder = os.path.join(out, str(number // 10))
        if number % 10 == 0:
            os.mkdir(folder)
        write_new(os.path.join(folder, f"{number}.md"), text.encode())
        write_new(os.path.join(folder, f"{number}.html"), html.encode())
        write_new(os.path.join(folder, f"{number}.docx"), bare_docx(text))
