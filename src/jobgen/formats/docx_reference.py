"""The Word reference: `reference.docx` gives every posting's styles, page set-up,
header and footer, as pandoc's `--reference-doc` does; its body is ignored.

The winning file comes from the template folders (the company's, the
workspace's, then the built-in one). Every style name jobgen uses is checked
up front, because python-docx silently ignores a missing one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TemplateProblem, display_path
from ..limits import MAX_REFERENCE_BYTES, MAX_REFERENCE_UNPACKED

if TYPE_CHECKING:
    from docx.document import Document

    from ..render.renderer import Renderer

REFERENCE_DOCX = "reference.docx"
HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
HEADING_STYLES |= {"h5": "Heading 3", "h6": "Heading 3"}
LIST_STYLES = {"ul": ("List Bullet", "List Bullet 2"), "ol": ("List Number", "List Number 2")}
PARAGRAPH_STYLES = {"Normal", "Quote", *HEADING_STYLES.values()}
PARAGRAPH_STYLES |= {name for pair in LIST_STYLES.values() for name in pair}
CHARACTER_STYLES = {"Hyperlink"}


@dataclass(frozen=True)
class Reference:
    """The winning reference.docx: where it is and its bytes; and, once a posting has used
    it, the template made ready from it for each brand (`docx_template.py`)."""

    path: Path
    data: bytes
    prepared: dict = field(default_factory=dict, compare=False, repr=False)


def load_reference(renderer: Renderer) -> Reference:
    """The reference.docx of the first template folder that has one (not yet checked)."""
    path = renderer.find(REFERENCE_DOCX)
    if path is None:
        raise TemplateProblem(
            f"no {REFERENCE_DOCX} in {', '.join(map(str, renderer.template_dirs))}"
        )
    return Reference(path, path.read_bytes())


def check_reference(reference: Reference) -> None:
    """Raise TemplateProblem unless the file opens as Word and has every style jobgen uses.

    `render_docx` checks the same as it goes; this is for checking up front,
    before a batch starts. Bytes that passed before are not opened again (docx_cache).
    """
    from . import docx_cache

    if docx_cache.passed_check(reference):
        return
    document = open_reference(reference)
    check_styles(reference, {style.name for style in document.styles})
    docx_cache.mark_checked(reference)


def describe_reference(reference: Reference) -> list[str]:
    """What a recruiter wants to know of a reference.docx, line by line."""
    document = open_reference(reference)
    section = document.sections[0]
    lines = []
    if section.page_width and section.page_height:
        width, height = section.page_width.mm, section.page_height.mm
        paper = next((n for n, (w, h) in PAPER_SIZES.items() if _near(width, height, w, h)), "")
        lines.append(f"page: {paper + ', ' if paper else ''}{width:.0f} x {height:.0f} mm")
    margins = [section.top_margin, section.right_margin, section.bottom_margin, section.left_margin]
    if all(margins):
        lines.append(
            "margins (top, right, bottom, left): " + ", ".join(f"{m.mm:.0f} mm" for m in margins)
        )
    for label, part in (("header", section.header), ("footer", section.footer)):
        text = " / ".join(p.text for p in part.paragraphs if p.text.strip())
        lines.append(
            f"{label}: {text or '(empty)'}" if not part.is_linked_to_previous else f"{label}: none"
        )
    names = {style.name for style in document.styles}
    used = sorted(PARAGRAPH_STYLES | CHARACTER_STYLES)
    missing = [name for name in used if name not in names]
    lines.append("styles jobgen uses: " + ", ".join(used))
    lines.append("missing: " + (", ".join(missing) if missing else "none"))
    return lines


PAPER_SIZES = {"A4": (210, 297), "US Letter": (215.9, 279.4), "US Legal": (215.9, 355.6)}


def _near(width: float, height: float, w: float, h: float) -> bool:
    return abs(width - w) < 2 and abs(height - h) < 2


def open_reference(reference: Reference) -> Document:
    import docx  # ~60 ms to import: only when a reference is opened (docx_cache.py)

    _check_size(reference)
    try:
        return docx.Document(io.BytesIO(reference.data))
    except Exception as error:  # python-docx raises several types for a broken file
        why = "not a zip package" if isinstance(error, zipfile.BadZipFile) else "parts are missing"
        if isinstance(error, ValueError) and "content type" in str(error):
            why = "a Word template (.dotx) or another kind of file, not a document"
        raise TemplateProblem(
            f"{display_path(reference.path)}: not a Word document ({why}); save it again "
            "from Word or LibreOffice as .docx, or start over with "
            "`jobgen templates copy reference.docx --force`"
        ) from None


def _check_size(reference: Reference) -> None:
    """Refuse a reference.docx that is, or unpacks to, far more than a style sheet:
    a "zip bomb" would otherwise fill the memory of every posting's render."""
    size = len(reference.data)
    try:
        with zipfile.ZipFile(io.BytesIO(reference.data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile:
        return  # said in words by open_reference
    if size > MAX_REFERENCE_BYTES or unpacked > MAX_REFERENCE_UNPACKED:
        raise TemplateProblem(
            f"{display_path(reference.path)}: {size:,} bytes, {unpacked:,} unpacked; the "
            f"limits are {MAX_REFERENCE_BYTES:,} and {MAX_REFERENCE_UNPACKED:,} (remove "
            "pictures or pasted content: it holds only styles, page set-up, header and footer)"
        )


def check_styles(reference: Reference, names: Iterable[str | None]) -> None:
    missing = (PARAGRAPH_STYLES | CHARACTER_STYLES) - set(names)
    if missing:
        one = len(missing) == 1
        raise TemplateProblem(
            f"{display_path(reference.path)}: missing the Word style{'' if one else 's'} "
            f"{', '.join(sorted(missing))}; add {'it' if one else 'them'} in Word (Styles "
            "pane) or start from jobgen's built-in reference.docx"
        )
