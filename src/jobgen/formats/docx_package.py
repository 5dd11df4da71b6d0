"""The .docx file itself: the parts zipped in a fixed order with fixed timestamps, so the
same inputs always give the same bytes.

It writes what `zipfile` writes (deflate at zlib's default level, the same headers, a
test holds the two equal), but takes parts compressed ahead of time: the parts that are
the same for every posting of a company are compressed once (`docx_template.py`).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

VERSION = 20  # zipfile's DEFAULT_VERSION: deflate
SYSTEM = 0 if sys.platform == "win32" else 3  # zipfile's create_system
ATTRIBUTES = 0o644 << 16
_LOCAL = struct.Struct(zipfile.structFileHeader)
_CENTRAL = struct.Struct(zipfile.structCentralDir)
_END = struct.Struct(zipfile.structEndArchive)


@dataclass(frozen=True)
class Member:
    """One part, compressed: its name, CRC-32, size and deflated bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes


def member(name: str, data: bytes) -> Member:
    deflated = zlib.compress(data, zlib.Z_DEFAULT_COMPRESSION, wbits=-zlib.MAX_WBITS)
    return Member(name, zlib.crc32(data), len(data), deflated)


def zip_members(members: Iterable[Member], date: dt.date) -> bytes:
    """The package of `members`, in their order, each stamped with `date` instead of the
    time of saving."""
    stamp = _zip_stamp(date)
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    out, central = io.BytesIO(), io.BytesIO()
    count = 0
    for part in members:
        name, flags = _name(part.name)
        offset = out.tell()
        # version, flags, deflate, time, date, CRC, sizes, the name's length
        fields = (VERSION, 0, flags, 8, 0, dosdate, part.crc, len(part.deflated), part.size)
        out.write(_LOCAL.pack(zipfile.stringFileHeader, *fields, len(name), 0) + name)
        out.write(part.deflated)
        central_fields = (*fields, len(name), 0, 0, 0, 0, ATTRIBUTES, offset)
        central.write(_CENTRAL.pack(zipfile.stringCentralDir, VERSION, SYSTEM, *central_fields))
        central.write(name)
        count += 1
    start = out.tell()
    out.write(central.getvalue())
    out.write(_END.pack(zipfile.stringEndArchive, 0, 0, count, count, central.tell(), start, 0))
    return out.getvalue()


def zip_parts(members: Iterable[tuple[str, bytes]], date: dt.date) -> bytes:
    """The package of `members` (name, bytes), in their order, stamped with `date`."""
    return zip_members((member(name, data) for name, data in members), date)


def _name(name: str) -> tuple[bytes, int]:
    """The name as zipfile encodes it: ASCII, or UTF-8 with the flag that says so."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def _zip_stamp(date: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)


def normalize_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite the package with fixed timestamps: zip entries otherwise carry 'now'."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_parts(((i.filename, source.read(i)) for i in source.infolist()), date)
