"""The child process `jobgen preview` renders in, so that its limits hold.

The preview's server renders in its own threads, where neither a timer signal nor
a memory limit can be set (both are per process and need the main thread). So the
page is rendered here instead: in the main thread of a child process, under
`render_guard()` (the time limit and the memory cap). The worker stays warm
between renders; when a render does not answer within the time limit and a grace
period (code the timer cannot interrupt), or the process dies (an allocation
refused in C), it is killed and a fresh one is started for the next render.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .. import limits

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

GRACE_SECONDS = 2.0  # past the time limit, before the worker is killed
START_SECONDS = 60.0  # for a new worker to be ready: imports on a slow, busy laptop
Answer = tuple[int, bytes, "str | None"]


class RenderWorker:
    """Renders `preview`'s page in a child process; `render()`, then `stop()`.
    `time_limit` replaces limits.MAX_RENDER_SECONDS (tests make it short)."""

    def __init__(self, preview: Any, time_limit: float | None = None) -> None:
        self.preview = preview  # a preview.Preview (which imports this module)
        self.time_limit = time_limit
        self.restarts = 0  # workers started after a kill (tests read it)
        self._process: Any = None
        self._connection: Connection | None = None

    def render(self) -> Answer:
        """(HTTP status, page, error message), as Preview.render gives them."""
        try:
            connection = self._start()
            connection.send("render")
            seconds = (self.time_limit or limits.MAX_RENDER_SECONDS) + GRACE_SECONDS
            if connection.poll(seconds):
                status, body, error, role_id, folders = connection.recv()
                self.preview.role_id, self.preview._extra_folders = role_id, folders
                return status, body, error
            what = limits.time_limit_text(self.time_limit)
        except (EOFError, OSError):  # the worker died: an allocation refused in C
            what = limits.memory_limit_text()
        self._kill()
        message = f"{self.preview.posting_id}: {what}"
        return 500, error_page(message), message

    def stop(self) -> None:
        self._kill()

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection:
            return self._connection
        if self._process is not None:
            self._kill()
            self.restarts += 1
        import multiprocessing

        # spawn, not fork: the server's threads hold locks a forked child would inherit
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=serve,
            args=(theirs, self.preview, self.time_limit),
            name="jobgen-preview-render",
            daemon=True,
        )
        self._process.start()
        theirs.close()
        self._connection = ours
        # Starting (a new interpreter, jobgen's imports) is not the template's time.
        if not (ours.poll(START_SECONDS) and ours.recv() == "ready"):
            raise EOFError("the preview's render process did not start")
        return ours

    def _kill(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)


def error_page(message: str) -> bytes:
    """A plain page that shows what `jobgen generate` would print, so it can be fixed."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jobgen preview: a problem to fix</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
  color: #1d2330; }}
h1 {{ color: #a61b1b; font-size: 1.4rem; }}
pre {{ background: #fff4f4; border-left: 4px solid #a61b1b; padding: 1rem; white-space: pre-wrap;
  font-size: 0.95rem; line-height: 1.5; }}
</style>
</head>
<body>
<h1>This posting cannot be rendered</h1>
<pre id="jobgen-error">{html.escape(message)}</pre>
<p>Fix the file and save it: this page reloads by itself.</p>
</body>
</html>
""".encode()


def serve(connection: Connection, preview: Any, time_limit: float | None) -> None:
    """The worker's loop: render on each request, answer, until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops this
    if time_limit is not None:
        limits.MAX_RENDER_SECONDS = time_limit
    from ..inputs import stages  # noqa: F401  (warm: imported before the clock starts)
    from . import pipeline  # noqa: F401

    connection.send("ready")
    while True:
        try:
            connection.recv()
        except (EOFError, OSError):
            return
        try:
            with limits.render_guard():
                status, body, error = preview.render()
        except (limits.RenderLimit, MemoryError) as stopped:  # outside the posting's own guard
            what = stopped.what if isinstance(stopped, limits.RenderLimit) else None
            error = f"{preview.posting_id}: {what or limits.memory_limit_text()}"
            status, body = 500, error_page(error)
        connection.send((status, body, error, preview.role_id, preview._extra_folders))
