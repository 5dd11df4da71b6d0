"""Every limit jobgen puts on its input and its work, in one place (see SECURITY.md).

Input files come from many hands and templates are edited by recruiters, so a
file can be broken or hostile. Each limit is far above what a real posting
needs and turns what would be a hang, a crash or a full disk into an error
that names the file and says which limit was hit.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Input files (YAML)
MAX_FILE_BYTES = 1_000_000  # a role or profile is ~5 KB
MAX_DEPTH = 100  # nesting levels; libyaml's composer recurses in C and can crash the process
MAX_ALIASES = 200  # `*alias` uses in one file; real files need a handful
MAX_NODES = 100_000  # values a file expands to once aliases are followed ("billion laughs")
MAX_IMAGE_BYTES = 1_000_000  # a logo is inlined into every page
MAX_TEMPLATE_BYTES = 1_000_000  # each template and stylesheet; the built-in ones are ~10 KB
MAX_REFERENCE_BYTES = 5_000_000  # reference.docx: styles, page set-up, header, footer (~30 KB)
MAX_REFERENCE_UNPACKED = 50_000_000  # ...and what its zip unpacks to (a "zip bomb" guard)
MAX_ID_LENGTH = 64  # role, company and stage ids, which become file names
MAX_LINE_CHARS = 200  # a title or a name: it heads the posting and names the Word file
MAX_TEXT_CHARS = 10_000  # any other text field; a whole posting is ~4,000
MAX_FOLDER_FILES = 20_000  # entries of roles/, company_profiles/, an openings/ folder

# Rendering, per posting
MAX_OUTPUT_CHARS = 2_000_000  # of any one rendered template; a posting is ~10,000
MAX_RENDER_SECONDS = 10.0  # rendering and converting one posting takes ~20 ms
MAX_RENDER_MEMORY = 512 << 20  # bytes of address space a render may add (512 MiB)

# Writing
MAX_LOCK_WAIT_SECONDS = 30.0  # a run waits this long for another run writing the same folder

_active = threading.local()


class RenderLimit(Exception):
    """A render ran out of time or memory; `what` says which, in words."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def time_limit_text(seconds: float | None = None) -> str:
    return (
        f"rendering took longer than the limit of {seconds or MAX_RENDER_SECONDS:g} s per posting "
        "(a loop that never ends?)"
    )


def memory_limit_text() -> str:
    return (
        f"rendering needed more memory than the limit of {MAX_RENDER_MEMORY >> 20:,} MiB "
        "(text repeated or padded without bound?)"
    )


@contextmanager
def render_guard() -> Iterator[None]:
    """Bound the time and memory of the block (a template render, a posting).

    Time: a timer signal raises RenderLimit inside the block, which stops
    loops that never end. Memory: the process's address-space limit is
    lowered to what it uses now plus MAX_RENDER_MEMORY for the block, so a
    runaway string raises MemoryError (left to the caller, whose traceback
    shows the template line) instead of exhausting the machine.

    Code inside the block may swallow the RenderLimit (Jinja's constant
    folding, while it compiles, catches every Exception): `time_is_up()`
    says whether the time limit has passed all the same.

    Both need the main thread of a Unix process (signals and rlimits are
    per process); elsewhere, and when nested, the block runs unguarded
    (the output-size limit still applies).
    """
    if getattr(_active, "on", False) or threading.current_thread() is not threading.main_thread():
        yield
        return
    _active.on = True
    _active.fired = fired = []
    restore_timer = _start_timer(fired)
    restore_memory = _cap_memory()
    try:
        yield
    finally:
        restore_timer()
        restore_memory()
        _active.on = False
        _active.fired = []


def time_is_up() -> bool:
    """Whether the time limit of the guarded block running now has passed."""
    return bool(getattr(_active, "fired", None))


def _start_timer(fired: list[bool]):  # type: ignore[no-untyped-def]
    if not hasattr(signal, "setitimer"):  # Windows
        return lambda: None

    def expired(signum: int, frame: object) -> None:
        fired.append(True)
        raise RenderLimit(time_limit_text())

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, MAX_RENDER_SECONDS)

    def restore() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return restore


def _cap_memory():  # type: ignore[no-untyped-def]
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        in_use = _address_space()
    except (ImportError, OSError, ValueError):
        return lambda: None
    cap = in_use + MAX_RENDER_MEMORY
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        return lambda: None  # already as tight: leave it
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError):
        return lambda: None

    def restore() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return restore


def _address_space() -> int:
    """Bytes of address space the process maps now (Linux; OSError elsewhere)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")
