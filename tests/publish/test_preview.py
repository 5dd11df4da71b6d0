"""`jobgen preview`: a real HTTP server on 127.0.0.1, real clients, real edits."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXED_DATE

from jobgen.inputs.workspace import find_workspace
from jobgen.publish.preview import CHANGES_PATH, Preview, PreviewServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def server(workspace_copy):
    preview = Preview(find_workspace(workspace_copy), "ai-ml-engineer", "furrowlight", FIXED_DATE)
    running = PreviewServer(preview, port=0, poll_seconds=0.05).start()
    yield running
    running.stop()


def get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_the_posting_with_a_reload_script(server):
    assert server.url.startswith("http://127.0.0.1:")
    status, page = get(server.url)
    assert status == 200
    assert "<h1>AI/ML Engineer</h1>" in page
    assert f'fetch("{CHANGES_PATH}?since="' in page and page.rstrip().endswith("</html>")
    assert get(server.url + "nothing-here")[0] == 404


def test_a_request_for_another_host_is_refused(server):
    """A DNS-rebinding page sends its own name as Host: 421, and no draft in the answer."""
    port = server.httpd.server_address[1]

    def get_as(host: str, path: str = "/") -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()

    assert get_as(f"localhost:{port}")[0] == 200
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}"):
        status, body = get_as(host)
        assert status == 421 and b"Engineer" not in body, host
    assert get_as("evil.example", f"{CHANGES_PATH}?since=0")[0] == 421


def test_an_edit_to_the_profile_reaches_the_page(server, workspace_copy):
    version = server.page.version
    edit(workspace_copy / "company_profiles" / "furrowlight.yaml", "min: 145000", "min: 146000")
    status, body = get(f"{server.url}{CHANGES_PATH.lstrip('/')}?since={version}")
    assert status == 200 and json.loads(body)["version"] == version + 1
    assert "$146,000 – $190,000 per year" in get(server.url)[1]


def test_a_save_that_changes_nothing_shown_neither_reloads_nor_is_logged(workspace_copy):
    """An editor's second save of a broken file, or a new comment: the page stays as it
    is, and the problem is said once."""
    said: list[str] = []
    preview = Preview(find_workspace(workspace_copy), "ai-ml-engineer", "furrowlight", FIXED_DATE)
    server = PreviewServer(preview, port=0, poll_seconds=0.05, log=said.append).start()
    try:
        profile = workspace_copy / "company_profiles" / "furrowlight.yaml"
        version = server.page.version
        edit(profile, "min: 145000", "min: -1")
        assert server.wait_for_change(version, 10) == version + 1
        edit(profile, "min: -1", "min: -1  # a second save")
        time.sleep(0.5)  # several polls
        assert server.page.version == version + 1
        assert len([line for line in said if "a problem to fix" in line]) == 1
    finally:
        server.stop()


def test_a_broken_template_shows_in_the_page_and_the_server_survives(server, workspace_copy):
    template = workspace_copy / "templates" / "posting.md.j2"
    good = template.read_text(encoding="utf-8")
    template.write_text('{% extends "default:posting.md.j2" %}\n{% block title %}{{ rol.title }}\n')
    assert wait_for(lambda: server.page.error is not None)
    status, page = get(server.url)
    assert status == 500
    assert "posting.md.j2:2 (workspace template)" in page
    assert "this {% block title %} is never closed: add {% endblock %}" in page
    assert f'fetch("{CHANGES_PATH}' in page  # the error page reloads too
    template.write_text(good)  # fixed: the posting comes back
    assert wait_for(lambda: server.page.error is None)
    assert get(server.url)[0] == 200


LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"


def test_a_looping_template_is_stopped_and_the_page_recovers_when_fixed(workspace_copy):
    """The render runs in a worker process with the time limit (shortened here, not below
    what compiling the edited template may take on a busy machine): the
    page shows the limit in time, and a fixed template reaches the page again."""
    preview = Preview(find_workspace(workspace_copy), "ai-ml-engineer", "furrowlight", FIXED_DATE)
    server = PreviewServer(preview, port=0, poll_seconds=0.05, time_limit=1.0).start()
    try:
        template = workspace_copy / "templates" / "posting.md.j2"
        good = template.read_text(encoding="utf-8")
        template.write_text(LOOP + good, encoding="utf-8")
        started = time.monotonic()
        assert wait_for(lambda: server.page.error is not None, 5)
        assert time.monotonic() - started < 1.0 + 2
        status, page = get(server.url)
        print("ERR", repr(server.page.error))
        assert status == 500 and "the limit of 1 s per posting" in page
        assert "posting.md.j2" in page  # its line too, unless the limit struck while compiling
        template.write_text(good.replace("{{ role.title }}", "{{ role.title }}!", 1))
        assert wait_for(lambda: server.page.error is None, 5)
        assert "AI/ML Engineer!" in get(server.url)[1]
    finally:
        server.stop()


def test_a_worker_that_does_not_answer_or_dies_is_replaced(workspace_copy, monkeypatch):
    """Code the timer cannot stop (C; here the worker is stopped with SIGSTOP): the worker
    is killed after the limit and a grace period; a worker that dies (an allocation refused
    in C) is reported as the memory limit. Either way the next render gets a fresh one."""
    from jobgen.publish import preview_worker

    monkeypatch.setattr(preview_worker, "GRACE_SECONDS", 0.3)
    preview = Preview(find_workspace(workspace_copy), "ai-ml-engineer", "furrowlight", FIXED_DATE)
    worker = preview_worker.RenderWorker(preview)
    try:
        assert worker.render()[0] == 200  # cold, under the full limit
        worker.time_limit = 0.3  # what the parent waits for: the worker keeps its own
        os.kill(worker._process.pid, signal.SIGSTOP)
        started = time.monotonic()
        status, _, error = worker.render()
        assert status == 500 and "limit of 0.3 s" in error
        assert time.monotonic() - started < 0.3 + 0.3 + 1
        worker.time_limit = None
        assert worker.render()[0] == 200 and worker.restarts == 1
        connection = worker._start()
        worker._process.kill()  # dies during the render
        worker._process.join()
        worker._start = lambda: connection
        status, _, error = worker.render()
        assert status == 500 and "memory" in error
        del worker._start
        assert worker.render()[0] == 200 and worker.restarts == 2
    finally:
        worker.stop()


def test_a_new_company_template_and_css_are_picked_up(server, workspace_copy):
    folder = workspace_copy / "company_profiles" / "furrowlight" / "templates"
    folder.mkdir(parents=True)
    version = server.page.version
    (folder / "custom.css").write_text("h1 { letter-spacing: 0.02em; } /* preview test */\n")
    assert server.wait_for_change(version, 10) == version + 1
    assert "/* preview test */" in get(server.url)[1]


def test_an_opening_is_served_and_an_edit_to_its_file_reaches_the_page(workspace_copy):
    preview = Preview(
        find_workspace(workspace_copy), "forecasting-ml-engineer", "furrowlight", FIXED_DATE
    )
    server = PreviewServer(preview, port=0, poll_seconds=0.05).start()
    try:
        status, page = get(server.url)
        assert status == 200
        assert "<h1>Senior ML Engineer, Irrigation Forecasting</h1>" in page
        assert preview.role_id == "ai-ml-engineer"  # the role file under it is watched too
        version = server.page.version
        opening = (
            workspace_copy / "company_profiles/furrowlight/openings/forecasting-ml-engineer.yaml"
        )
        edit(opening, "Irrigation Forecasting", "Irrigation Forecasts")
        assert server.wait_for_change(version, 10) == version + 1
        assert "<h1>Senior ML Engineer, Irrigation Forecasts</h1>" in get(server.url)[1]
    finally:
        server.stop()


def test_an_id_that_is_neither_role_nor_opening_is_a_clear_error(workspace_copy):
    from click.testing import CliRunner

    from jobgen.cli import main

    result = CliRunner().invoke(
        main,
        ["-w", str(workspace_copy), "preview", "forecasting-ml-engineer", "-c", "brindle-ledger"],
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'forecasting-ml-engineer' of brindle-ledger" in result.output
    assert "it is an opening of another company (-c furrowlight)" in result.output


def test_long_poll_returns_at_once_when_stopped(workspace_copy):
    preview = Preview(find_workspace(workspace_copy), "ai-ml-engineer", "furrowlight", FIXED_DATE)
    server = PreviewServer(preview, port=0).start()
    start = time.monotonic()
    server.stop()
    assert server.wait_for_change(server.page.version, 5) == server.page.version
    assert time.monotonic() - start < 5


def test_a_port_in_use_is_a_clear_error(server, workspace_copy):
    from jobgen.errors import UsageError

    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    preview = Preview(find_workspace(workspace_copy), "ai-ml-engineer", "furrowlight", FIXED_DATE)
    with pytest.raises(UsageError, match=rf"cannot serve on 127\.0\.0\.1:{port}: .*--port N"):
        PreviewServer(preview, port=port)


def start_cli_preview(workspace: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jobgen", "-w", str(workspace), "preview", "ai-ml-engineer",
         "-c", "furrowlight", "--port", "0", "--date", "2026-11-25"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    first = process.stdout.readline()
    assert first.startswith("Previewing ai-ml-engineer at furrowlight: http://127.0.0.1:"), first
    return process, first.rsplit(" ", 1)[1].strip()


def test_the_command_serves_and_stops_cleanly_on_ctrl_c(workspace_copy):
    process, url = start_cli_preview(workspace_copy)
    try:
        assert get(url)[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0, stderr
    assert stderr.strip().endswith("preview stopped") and "Traceback" not in stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_chromium_reloads_the_page_when_a_template_changes(server, workspace_copy):
    """A real browser runs the page's script: an edit makes it fetch the page again."""
    # A short folder: Chromium's socket path inside it must fit in 108 bytes.
    profile = tempfile.mkdtemp(prefix="jobgen-chromium-")
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}",
         "--remote-debugging-port=0", server.url],
        env={**os.environ, "TMPDIR": profile},  # its own temp folders go with the profile
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert wait_for(lambda: server.page_requests >= 1, 60), "Chromium never loaded the page"
        time.sleep(1)  # let the page's script start its long poll
        loads = server.page_requests
        edit(
            workspace_copy / "templates" / "posting.md.j2",
            "{% block footer %}",
            "{% block footer %}\nEdited.\n",
        )
        assert wait_for(lambda: server.page_requests > loads, 30), "the page was not reloaded"
    finally:
        browser.kill()
        browser.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
