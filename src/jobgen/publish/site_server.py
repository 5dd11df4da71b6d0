"""`jobgen site --serve`: the built site on 127.0.0.1, for a look before deploying.

Only this machine can reach it; it answers only requests whose Host is this server
(so a web page elsewhere cannot read the site through DNS rebinding), serves only
the files inside the site folder (no links out of it, no folder listings), and never
writes anything.
"""

from __future__ import annotations

import contextlib
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import UsageError

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
LOCAL_HOSTS = ("127.0.0.1", "localhost")


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def serve_forever(self, poll_interval: float = 0.05) -> None:
        # `shutdown()` waits for the loop to look again: 50 ms, not the standard 500 ms a stop
        # (Ctrl-C, a test's end) would otherwise sit through; a select call is all it costs.
        super().serve_forever(poll_interval)


def local_server(port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 only (also `jobgen preview`'s); a port in use is a
    UsageError that says how to choose another."""
    try:
        server = LocalServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise UsageError(
            f"cannot serve on 127.0.0.1:{port}: {error.strerror or error}; "
            "choose another port with --port N (0 picks a free one)"
        ) from None
    return server


def allowed_host(host: str | None, port: int) -> bool:
    """Whether a request's Host header names this server (127.0.0.1 or localhost, with
    its port): a DNS-rebinding page sends its own name, and is answered 421 (also
    `jobgen preview`'s check)."""
    return host in {f"{name}:{port}" for name in LOCAL_HOSTS}


MISDIRECTED = b"this server answers 127.0.0.1 only\n"


class SiteServer:
    """Serves `folder` on 127.0.0.1:`port` (0: a free port); `start()`, then `stop()`.
    The port is taken at once; the folder may be given at `start`, once it is built."""

    def __init__(self, folder: Path | None = None, port: int = 8000) -> None:
        self.folder = folder.resolve() if folder is not None else Path()
        self.httpd = local_server(port, _handler(self))
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, folder: Path | None = None) -> SiteServer:
        if folder is not None:
            self.folder = folder.resolve()
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def find(self, path: str) -> Path | None:
        """The file a URL path names inside the folder (a folder's index.html), or None."""
        relative = unquote(path).lstrip("/")
        if "\x00" in relative or "\\" in relative:
            return None
        target = (self.folder / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.folder) or not target.is_file():
            return None
        if any(part.startswith(".") for part in target.relative_to(self.folder).parts):
            return None  # staging folders, dot files: not part of the site
        return target


def _handler(server: SiteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def _answer(self, with_body: bool) -> None:
            if not allowed_host(self.headers.get("Host"), server.port):
                self._send(HTTPStatus.MISDIRECTED_REQUEST, MISDIRECTED)
                return
            path = urlsplit(self.path).path
            target = server.find(path)
            if (
                target is not None
                and target.name == "index.html"
                and not (path.endswith("/") or path.endswith(".html"))
            ):  # a folder without its slash: its relative links would miss
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if target is None:
                self._send(HTTPStatus.NOT_FOUND, b"not found in the built site\n", with_body)
                return
            kind = CONTENT_TYPES.get(target.suffix, "application/octet-stream")
            self._send(HTTPStatus.OK, target.read_bytes(), with_body, kind)

        def _send(
            self,
            status: HTTPStatus,
            body: bytes,
            with_body: bool = True,
            kind: str = "text/plain; charset=utf-8",
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if with_body:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal stays quiet: the site is on disk to read

    return Handler
