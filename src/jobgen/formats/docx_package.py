"""The .docx file itself: the parts zipped in a fixed order with fixed timestamps, so the
same inputs always give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable


def zip_parts(members: Iterable[tuple[str, bytes]], date: dt.date) -> bytes:
    """The package of `members` (name, bytes), in their order, each stamped with `date`
    instead of the time of saving."""
    stamp = _zip_stamp(date)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(_entry(name, stamp), data)
    return out.getvalue()


def _zip_stamp(date: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def normalize_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite the package with fixed timestamps: zip entries otherwise carry 'now'."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_parts(((i.filename, source.read(i)) for i in source.infolist()), date)
