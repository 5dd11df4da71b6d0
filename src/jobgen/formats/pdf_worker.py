"""The process that runs Typst for `pdf.py`: `python -m jobgen.formats.pdf_worker`.

Typst is Rust: a template that loops or allocates without end cannot be stopped
from Python inside the process (a timer signal waits for the compile to return,
and an allocation past the memory limit aborts the whole process). So Typst runs
here, in a child process with its own memory limit, which the parent kills when
a posting takes too long and restarts when it dies. It reads requests and writes
answers as frames on stdin and stdout (an 8-byte length, then JSON or the PDF),
and imports nothing of jobgen's but the limits.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, BinaryIO

from ..limits import MAX_RENDER_MEMORY

HEADER = 8
# Typst downloads `@preview` packages when a template imports one: a proxy that
# refuses every connection keeps templates off the network.
NO_NETWORK = "http://127.0.0.1:9"


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame's payload, or None at the end of the stream."""
    header = _read_exactly(stream, HEADER)
    if header is None:
        return None
    payload = _read_exactly(stream, int.from_bytes(header, "big"))
    if payload is None:
        raise EOFError("the stream ended inside a frame")
    return payload


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(len(payload).to_bytes(HEADER, "big") + payload)
    stream.flush()


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _cap_memory() -> None:
    """What the worker uses once started, plus what a posting may add."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = in_use + MAX_RENDER_MEMORY
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no rlimits (macOS, Windows): the parent's timer still applies


class Worker:
    """Compilers kept per template and font folders: Typst reuses what it parsed,
    laid out and loaded (fonts) from one posting to the next."""

    def __init__(self) -> None:
        import typst

        self.typst = typst
        self.fonts: dict[tuple[str, ...], Any] = {}
        self.compilers: dict[tuple[str, str, tuple[str, ...]], Any] = {}

    def _fonts(self, folders: list[str]) -> Any:
        key = tuple(folders)
        if key not in self.fonts:
            self.fonts[key] = self.typst.Fonts(font_paths=list(folders))
        return self.fonts[key]

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        if request["op"] == "families":
            return {"families": sorted(set(self._fonts(request["fonts"]).families()))}, b""
        key = (request["template"], request["root"], tuple(request["fonts"]))
        compiler = self.compilers.get(key)
        if compiler is None:
            compiler = self.typst.Compiler(
                request["template"],
                root=request["root"],
                font_paths=self._fonts(request["fonts"]),
                package_path=request["packages"],
                package_cache_path=request["packages"],
            )
            self.compilers[key] = compiler
        try:
            pdf, warnings = compiler.compile_with_warnings(
                format="pdf",
                sys_inputs=request["inputs"],
                pdf_standards=request["standards"],
                timestamp=request["timestamp"],
            )
        except self.typst.TypstError as error:
            return {"error": _diagnostic(error)}, b""
        return {"warnings": [_diagnostic(w) for w in warnings]}, pdf


def _diagnostic(problem: Any) -> dict[str, Any]:
    return {
        "message": str(getattr(problem, "message", problem)),
        "diagnostic": str(getattr(problem, "diagnostic", "")),
        "hints": [str(h) for h in getattr(problem, "hints", None) or []],
    }


def main() -> None:
    os.environ.update(HTTPS_PROXY=NO_NETWORK, HTTP_PROXY=NO_NETWORK, ALL_PROXY=NO_NETWORK)
    os.environ.pop("NO_PROXY", None)
    os.environ.pop("no_proxy", None)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    worker = Worker()
    _cap_memory()
    while True:
        frame = read_frame(stdin)
        if frame is None:
            return
        try:
            header, payload = worker.answer(json.loads(frame))
        except Exception as error:  # a bug here: told to the parent, not lost
            header, payload = (
                {"error": {"message": repr(error), "diagnostic": "", "hints": []}},
                b"",
            )
        write_frame(stdout, json.dumps(header).encode("utf-8"))
        write_frame(stdout, payload)


if __name__ == "__main__":
    main()
