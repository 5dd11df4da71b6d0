"""Compiled templates kept between runs: compiling costs ~15 ms of every start.

Jinja keys each entry by template name and checks it against a hash of the
source, so an edited template is recompiled. The environment shapes the
compiled code too (escaping, the sandbox's operator checks), so the folder is
named after a checksum of the code that sets it up and Jinja's version: code
compiled by an older jobgen, without the escaping, is never run.
Set JOBGEN_NO_CACHE=1 to do without.
"""

from __future__ import annotations

import contextlib
import functools
import os

import jinja2

from ..version import __version__


def bytecode_cache(compiler_code: tuple[str, ...]) -> jinja2.BytecodeCache | None:
    """The cache folder under $XDG_CACHE_HOME (or ~/.cache), or None without one;
    `compiler_code` are the source files of the code that sets up the environment."""
    if os.environ.get("JOBGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(
        base, "jobgen", f"templates-{__version__}-{compiler_fingerprint(compiler_code)}"
    )
    if not os.path.isdir(folder):
        _remove_other_caches(os.path.dirname(folder))
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time, as before
    if not os.access(folder, os.W_OK):
        return None
    return _Cache(folder)


class _Cache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, done without when a write fails: another jobgen (an older
    version) may remove the folder while this one writes into it, or the disk may be
    full; the template is compiled again next time, the run goes on."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _remove_other_caches(parent: str) -> None:
    """Code compiled by another jobgen is never used again (its folder name differs):
    remove it when a new folder is made, so the cache does not grow with upgrades."""
    import shutil

    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        if name.startswith("templates-"):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


@functools.lru_cache(maxsize=4)  # a run makes a renderer per company layer: read once
def compiler_fingerprint(compiler_code: tuple[str, ...]) -> str:
    """A checksum of the files of `compiler_code` and Jinja's version.
    (zlib's crc32, not hashlib: importing OpenSSL would cost ~3 ms of every start.)"""
    import zlib

    checksum = zlib.crc32(jinja2.__version__.encode())
    for module in compiler_code:
        with open(module, "rb") as source:
            checksum = zlib.crc32(source.read(), checksum)
    return f"{checksum:08x}"
