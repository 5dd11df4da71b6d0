"""`jobgen preview`: one posting's web page, served on 127.0.0.1, reloaded on every edit.

A watcher thread polls the files the page is made from (the role, the profile
and its openings, jobgen.yaml, every template layer, the logo) and renders the
page again when any of them changes, in a child process that has the time and
memory limits (`preview_worker.py`). The page carries a small script that long-polls the
server and reloads when the version moves on. A mistake in a file shows as an
error page, with the same message `jobgen generate` prints, and the server
keeps running: fix the file and the posting comes back. Like `site --serve`, it
answers only requests whose Host is itself (no DNS rebinding).

Only the standard library: a recruiter's laptop needs nothing more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import JobgenError
from ..inputs.workspace import CONFIG_NAME, PROFILES, TEMPLATES, Workspace
from .preview_worker import RenderWorker, error_page
from .site_server import MISDIRECTED, allowed_host, local_server

CHANGES_PATH = "/__jobgen/changes"
LONG_POLL_SECONDS = 20.0
RELOAD_SCRIPT = """<script>
/* jobgen preview: reload when a file of this posting changes */
(function () {
  var version = %d;
  function wait() {
    fetch("%s?since=" + version, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.version !== version) { location.reload(); } else { wait(); }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
</script>
"""


@dataclass(frozen=True)
class Page:
    version: int
    status: int
    body: bytes  # without the reload script
    error: str | None = None


class Preview:
    """Renders one posting's HTML page and knows which files it depends on."""

    def __init__(
        self,
        workspace: Workspace,
        posting_id: str,
        company_id: str,
        date: dt.date,
        language: str | None = None,
    ) -> None:
        self.workspace = workspace
        self.posting_id = posting_id  # a role's, or an opening's of the company
        self.role_id = posting_id  # the role file to watch, once the posting is known
        self.company_id = company_id
        self.date = date
        self.language = language  # else the posting's first language
        self._extra_folders: list[Path] = []  # a template folder the profile names elsewhere

    def render(self) -> tuple[int, bytes, str | None]:
        """(HTTP status, page, error message): the posting, or a page showing the error."""
        from ..inputs.stages import plan_postings
        from .pipeline import Generator

        try:
            languages = (self.language,) if self.language else ()
            _, postings = plan_postings(
                self.workspace, [self.posting_id], [self.company_id], self.date, None, languages
            )
            posting = postings[0]  # its first language, or the one asked
            self.role_id = posting.role.id
            folder = self.workspace.company_template_dir(posting.company)
            self._extra_folders = [folder] if folder else []
            result = Generator(self.workspace).render(posting, ["html"])
        except JobgenError as error:
            return HTTPStatus.INTERNAL_SERVER_ERROR, error_page(str(error)), str(error)
        return HTTPStatus.OK, result.files["html"], None

    def watched_files(self) -> Iterator[Path]:
        """Every file whose change can change the page; new and deleted files count too."""
        for layer in self.workspace.layers:
            yield layer / CONFIG_NAME
            for suffix in (".yaml", ".yml"):
                yield layer / "roles" / f"{self.role_id}{suffix}"
                yield from (layer / "roles").glob(f"*/{self.role_id}{suffix}")  # translations
            for folder in (layer / PROFILES, layer / TEMPLATES):
                if folder.is_dir():
                    yield from (path for path in folder.rglob("*") if path.is_file())
        for folder in self._extra_folders:
            if folder.is_dir():
                yield from (path for path in folder.rglob("*") if path.is_file())

    def signature(self) -> frozenset[tuple[str, int, int]]:
        found = set()
        for path in self.watched_files():
            try:
                stat = path.stat()
            except OSError:
                continue  # absent, or deleted while we looked
            found.add((str(path), stat.st_mtime_ns, stat.st_size))
        return frozenset(found)


class PreviewServer:
    """The HTTP server and the watcher thread; `start()`, then `stop()`."""

    def __init__(
        self,
        preview: Preview,
        port: int = 8000,
        poll_seconds: float = 0.25,
        log=None,
        time_limit: float | None = None,  # else limits.MAX_RENDER_SECONDS; tests shorten it
    ) -> None:
        self.preview = preview
        self.worker = RenderWorker(preview, time_limit)
        self.poll_seconds = poll_seconds
        self.log = log or (lambda message: None)
        self.page_requests = 0  # how many times the page itself was served (tests count it)
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        status, body, error = self.worker.render()
        self.page = Page(1, status, body, error)
        self._signature = preview.signature()  # rendering may have found more folders
        try:
            self.httpd = local_server(port, _handler(self))
        except BaseException:
            self.worker.stop()
            raise
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, name="preview-http", daemon=True),
            threading.Thread(target=self._watch, name="preview-watch", daemon=True),
        ]

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> PreviewServer:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()  # waiting long polls return at once
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self.worker.stop()

    def wait_for_change(self, since: int, timeout: float) -> int:
        """The page version, once it differs from `since` (or after `timeout`)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.page.version == since and not self._stopping.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return self.page.version

    def _watch(self) -> None:
        while not self._stopping.wait(self.poll_seconds):
            signature = self.preview.signature()
            if signature == self._signature:
                continue
            self._signature = signature
            status, body, error = self.worker.render()
            self._signature = self.preview.signature()
            shown = self.page
            if (status, body, error) == (shown.status, shown.body, shown.error):
                continue  # an editor's second save, a comment: nothing to reload or say again
            with self._changed:
                self.page = Page(self.page.version + 1, status, body, error)
                self._changed.notify_all()
            stamp = time.strftime("%H:%M:%S")
            if error is None:
                self.log(f"{stamp} page updated")
            else:
                self.log(f"{stamp} the page shows a problem to fix:\n{error}")


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if not allowed_host(self.headers.get("Host"), server.httpd.server_address[1]):
                self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8", MISDIRECTED)
            elif url.path == "/":
                page = server.page
                server.page_requests += 1
                script = (RELOAD_SCRIPT % (page.version, CHANGES_PATH)).encode()
                body = page.body.replace(b"</body>", script + b"</body>", 1)
                self._send(page.status, "text/html; charset=utf-8", body)
            elif url.path == CHANGES_PATH:
                try:
                    since = int(parse_qs(url.query).get("since", ["0"])[0])
                except ValueError:
                    since = 0
                version = server.wait_for_change(since, LONG_POLL_SECONDS)
                self._send(200, "application/json", json.dumps({"version": version}).encode())
            else:
                self._send(
                    404, "text/plain; charset=utf-8", b"not found: this preview has one page, /\n"
                )

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # fails only if the browser left (a reload)

        def log_message(self, format: str, *args: object) -> None:
            pass  # no access log: the terminal shows what changed, not every request

    return Handler
