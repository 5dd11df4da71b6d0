"""The .docx file itself: the package zipped with fixed timestamps, so the same
inputs always give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

from docx.opc.pkgwriter import PackageWriter

if TYPE_CHECKING:
    from docx.document import Document


def package_bytes(document: Document, date: dt.date) -> bytes:
    """The .docx file, its zip entries stamped with `date` instead of the time of saving.

    Writes the package once through python-docx's PackageWriter steps; where a
    python-docx version lacks them, saves normally and rewrites the zip.
    """
    package = document.part.package
    steps = [getattr(PackageWriter, name, None) for name in _WRITER_STEPS]
    if not all(steps):
        buffer = io.BytesIO()
        document.save(buffer)
        return normalize_zip(buffer.getvalue(), date)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _StampedWriter(archive, date)
        write_content_types, write_package_rels, write_parts = steps
        parts = list(package.iter_parts())
        write_content_types(writer, parts)
        write_package_rels(writer, package.rels)
        write_parts(writer, parts)
    return out.getvalue()


_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")


class _StampedWriter:
    """The `write(pack_uri, blob)` that PackageWriter's steps call, with fixed timestamps."""

    def __init__(self, archive: zipfile.ZipFile, date: dt.date) -> None:
        self.archive = archive
        self.stamp = _zip_stamp(date)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.writestr(_entry(pack_uri.membername, self.stamp), blob)


def _zip_stamp(date: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def normalize_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite the package with fixed timestamps: zip entries otherwise carry 'now'."""
    stamp = _zip_stamp(date)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(_entry(info.filename, stamp), source.read(info.filename))
    return out.getvalue()
