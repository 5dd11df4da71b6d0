"""Prepared Word templates kept between runs: a run that finds its company's template
here never imports python-docx or lxml (~60 ms of a cold `jobgen generate`), nor opens
the reference again.

An entry is named after checksums of everything that makes it: the reference's bytes,
whether it is jobgen's own (its paper follows the posting's country), the brand's font,
colours, the logo's file name and its bytes. The folder is named after jobgen's version
and a checksum of the code that prepares a template and of python-docx's and lxml's
versions, so a template made by other code is never used. An entry that cannot be read
is made again; one that cannot be written is not kept. JOBGEN_NO_CACHE=1 turns it off, as
for templates.
An empty `checked-` file beside them says a reference with those bytes passed
`check_reference`, so a stage run or `jobgen check` need not open it again.
(marshal and zlib, not pickle and hashlib: ~100 ms of imports on a cold start.)
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import marshal
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..version import __version__

if TYPE_CHECKING:
    from ..inputs.company_parts import Brand

PREFIX = "docx-"


class Reference(Protocol):
    """docx_reference.Reference, as far as this module reads it (that module imports
    this one: importing it back would make a circle)."""

    data: bytes


def load(reference: Reference, brand: Brand, builtin: bool) -> dict | None:
    """The fields of the template kept for this reference and brand, or None."""
    path = _entry(reference, brand, builtin)
    if path is None:
        return None
    try:
        fields = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none yet, or written by something else: made again
    return fields if isinstance(fields, dict) else None


def save(reference: Reference, brand: Brand, builtin: bool, fields: dict) -> None:
    """Keep a template's fields (plain data: strings, bytes, numbers and collections)."""
    path = _entry(reference, brand, builtin)
    if path is None:
        return
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(OSError):  # a full disk or a removed folder: not kept
        partial.write_bytes(marshal.dumps(fields))
        os.replace(partial, path)


def passed_check(reference: Reference) -> bool:
    """Did these very bytes pass `check_reference` before (with this code)? Checking
    opens the file with python-docx: ~60 ms of every stage run and check, for a file
    that seldom changes."""
    path = _check_marker(reference)
    return path is not None and path.is_file()


def mark_checked(reference: Reference) -> None:
    path = _check_marker(reference)
    if path is not None:
        with contextlib.suppress(OSError):  # not kept: checked again next time
            path.touch()  # empty: a file cut short says the same


def _check_marker(reference: Reference) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    from ..limits import MAX_REFERENCE_BYTES, MAX_REFERENCE_UNPACKED  # the check's limits

    key = f"{MAX_REFERENCE_BYTES}\0{MAX_REFERENCE_UNPACKED}\0".encode() + reference.data
    return folder / f"checked-{zlib.crc32(key):08x}{zlib.adler32(key):08x}{len(key):x}"


def _entry(reference: Reference, brand: Brand, builtin: bool) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    logo = b""
    if brand.logo:
        try:
            logo = Path(brand.logo).read_bytes()
        except OSError:
            return None
    # The logo's file name too (Word's picture is described by it), not its folder: the
    # same brand in another workspace folder (a CI checkout, a copy) finds its template.
    name = os.path.basename(brand.logo) if brand.logo else brand.logo
    said = "\0".join(map(str, (builtin, brand.font, brand.color, brand.accent, name)))
    said += f"\0{len(logo)}"
    key = said.encode("utf-8") + b"\0" + logo + b"\0" + reference.data
    return folder / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}{len(key):x}"


def _folder() -> Path | None:
    if os.environ.get("JOBGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    parent = Path(base) / "jobgen"
    folder = parent / f"{PREFIX}{__version__}-{_code_fingerprint()}"
    if not folder.is_dir():
        _remove_other_caches(parent)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: prepared every run, as before
    return folder if os.access(folder, os.W_OK) else None


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A checksum of the code that prepares a template, and of the versions of
    python-docx and lxml (read from their files, without importing them)."""
    here = Path(__file__).parent
    files = [here / f"{name}.py" for name in ("docx_template", "docx_styles", "docx_reference")]
    files += [here / "docx_cache.py", here / "docx_package.py"]
    for package in ("docx", "lxml"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    checksum = 0
    for path in files:
        with contextlib.suppress(OSError):
            checksum = zlib.crc32(path.read_bytes(), checksum)
    return f"{checksum:08x}"


def _remove_other_caches(parent: Path) -> None:
    """Templates made by another jobgen are never used again: removed when a new folder
    is made, so the cache does not grow with upgrades."""
    import shutil

    with contextlib.suppress(OSError):
        for path in parent.iterdir():
            if path.name.startswith(PREFIX):
                shutil.rmtree(path, ignore_errors=True)
