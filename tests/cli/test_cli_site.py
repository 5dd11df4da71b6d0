"""`jobgen site` on the command line, and the server of `--serve`."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobgen.cli import main
from jobgen.publish.site_server import SiteServer

BASE = "https://jobs.example.com"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_a_company_s_site_and_its_summary(runner, tmp_path):
    out = tmp_path / "public"
    args = ["site", "-c", "furrowlight", "--base-url", BASE, "-o", str(out), "--date", "2026-12-07"]
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    last = result.stdout.splitlines()[-1]
    assert last.startswith("11 postings, 20 files in ")
    assert last.endswith(f"indexing.json: 11 updated, 0 deleted; site: {out}/index.html")
    assert (out / "furrowlight" / "forecasting-ml-engineer.html").is_file()
    assert not (out / "brindle-ledger").exists()
    again = invoke(runner, *args, "-q")
    assert again.exit_code == 0 and again.output == ""
    (out / "indexing.json").unlink()  # as a deploy step does once it has sent them
    third = invoke(runner, *args)
    assert "indexing.json: 0 updated, 0 deleted; site:" in third.stdout
    assert json.loads((out / "indexing.json").read_text()) == []


def test_the_base_url_is_required_and_checked_before_any_work(runner, tmp_path):
    missing = invoke(runner, "site", "-a", "-o", str(tmp_path / "a"))
    assert missing.exit_code == 2 and "--base-url" in missing.stderr
    wrong = invoke(runner, "site", "-a", "--base-url", "jobs.example.com", "-o", str(tmp_path))
    assert wrong.exit_code == 2
    assert "--base-url: expected the address the site will have" in wrong.stderr
    assert not any(tmp_path.iterdir())


def test_company_and_all_companies_do_not_go_together(runner, tmp_path):
    result = invoke(runner, "site", "-a", "-c", "furrowlight", "--base-url", BASE)
    assert result.exit_code == 2 and "not both" in result.stderr


def test_an_unknown_company_gets_a_did_you_mean(runner, tmp_path):
    result = invoke(runner, "site", "-c", "furrowlite", "--base-url", BASE, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "furrowlight" in result.stderr


def test_a_closed_opening_is_said(runner, workspace_copy, tmp_path):
    opening = workspace_copy / "company_profiles/furrowlight/openings/imagery-ml-engineer.yaml"
    opening.write_text(opening.read_text() + "valid_through: 2026-12-01\n")
    args = ["-w", str(workspace_copy), "site", "-c", "furrowlight", "--base-url", BASE]
    result = invoke(runner, *args, "-o", str(tmp_path), "--date", "2026-12-07")
    assert result.exit_code == 0, result.output
    assert "note: left out furrowlight/imagery-ml-engineer: applications have closed" in (
        result.stderr
    )


def test_the_server_answers_only_for_itself_and_only_inside_the_folder(tmp_path):
    site = tmp_path / "public"
    (site / "acme").mkdir(parents=True)
    (site / "index.html").write_text("<h1>top</h1>")
    (site / "acme" / "index.html").write_text("<h1>acme</h1>")
    (site / ".jobgen-staging-x").mkdir()
    (site / ".jobgen-staging-x" / "a.html").write_text("draft")
    (tmp_path / "secret.txt").write_text("secret")
    (site / "link.txt").symlink_to(tmp_path / "secret.txt")
    server = SiteServer(site, 0).start()
    try:

        def get(path: str, host: str | None = None) -> tuple[int, bytes, str]:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host or f"127.0.0.1:{server.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read(), response.getheader("Content-Type") or ""

        assert get("/")[:2] == (200, b"<h1>top</h1>")
        assert get("/acme/")[1] == b"<h1>acme</h1>"
        assert get("/acme")[0] == 301  # so that the page's relative links work
        assert get("/acme/index.html")[2] == "text/html; charset=utf-8"
        assert get("/", host=f"localhost:{server.port}")[0] == 200
        assert get("/", host="evil.example")[0] == 421  # DNS rebinding
        assert get("/", host=f"evil.example:{server.port}")[0] == 421
        for path in (
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/link.txt",
            "/.jobgen-staging-x/a.html",
        ):
            assert get(path)[0] == 404, path
    finally:
        server.stop()


def test_serve_builds_then_serves_until_ctrl_c(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "jobgen", "site", "-c", "furrowlight", "--base-url", BASE,
         "-o", str(tmp_path / "public"), "-q", "--serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        assert line.startswith(f"serving {tmp_path / 'public'} at http://127.0.0.1:"), line
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/furrowlight/")
        assert b"Open positions at Furrowlight" in connection.getresponse().read()
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert process.returncode in (0, 130), err
    assert "Traceback" not in err


def test_site_help_has_an_example(runner):
    result = invoke(runner, "site", "--help")
    assert "jobgen site --all-companies --base-url https://jobs.example.com" in result.stdout


def test_the_default_folder_is_site_in_the_output_folder(runner, workspace_copy):
    result = invoke(runner, "-w", str(workspace_copy), "site", "-c", "furrowlight",
                    "--base-url", BASE, "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (Path(workspace_copy) / "output" / "site" / "index.html").is_file()


def test_quiet_prints_nothing_but_errors_even_with_lint_warnings(runner, tmp_path):
    """A new workspace's postings have lint warnings (the example's text): -q, as for
    `stage`, prints none of them."""
    workspace = tmp_path / "ws"
    assert invoke(runner, "init", str(workspace)).exit_code == 0
    args = ["-w", str(workspace), "site", "-a", "--base-url", BASE, "-o", str(tmp_path / "o")]
    loud = invoke(runner, *args)
    assert loud.exit_code == 0 and "lint warning:" in loud.stderr
    quiet = invoke(runner, *args, "-q")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_ctrl_c_before_anything_is_written_says_so(runner, tmp_path, monkeypatch):
    from jobgen.publish import site

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(site, "build_site", interrupted)
    out = tmp_path / "public"
    result = invoke(runner, "site", "-c", "furrowlight", "--base-url", BASE, "-o", str(out))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == (
        f"interrupted: nothing was written; {out} is as it was"
    )
