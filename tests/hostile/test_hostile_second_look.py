"""Attacks found by a second, red-team look after the class-by-class suite was written:
each went around a guarantee of SECURITY.md before it was fixed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .harness import COMPANY, ROLE, Workspace, assert_refused, assert_unchanged

XSS = "<img src=x onerror=alert(1)>"
PAGE = "templates/page.html.j2"


def _page_with(ws: Workspace, expression: str) -> None:
    page = (ws.templates / "page.html.j2").read_text(encoding="utf-8")
    (ws.templates / "page.html.j2").write_text(
        page.replace("</main>", f"</main>{expression}", 1), encoding="utf-8"
    )


def _about(ws: Workspace, text: str) -> None:
    profile = ws.profile_file()
    lines = profile.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("about:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    lines[start:end] = [f"about: {json.dumps(text)}"]
    profile.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- HTML: markup from data by a side door -------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        '{{ [company.about]|map("safe")|first }}',
        '{{ company.about|map("safe")|join }}',
        '{{ [company.about]|select("ne", "")|map("safe")|list|first }}',
    ],
    ids=["map-safe", "map-safe-join", "select-map-safe"],
)
def test_safe_reached_through_map_is_refused(ws: Workspace, before: dict, expression: str) -> None:
    _about(ws, XSS)
    _page_with(ws, expression)
    result = ws.generate("-f", "html")
    assert_refused(result, names=f"{PAGE}:", says=r"\|safe would put text")
    assert_unchanged(before, ws.out)


def test_urlize_cannot_make_javascript_links(ws: Workspace, before: dict) -> None:
    _about(ws, "javascript:alert%28document.domain%29")
    _page_with(ws, '{{ company.about|urlize(extra_schemes=["javascript:"]) }}')
    result = ws.generate("-f", "html")
    assert_refused(result, names=f"{PAGE}:", says="extra_schemes")
    assert_unchanged(before, ws.out)


def test_plain_urlize_still_links_http_only(ws: Workspace) -> None:
    _about(ws, "See https://a.example/x and javascript:alert(1) for more.")
    _page_with(ws, '<p id="u">{{ company.about|urlize }}</p>')
    result = ws.generate("-f", "html")
    assert result.exit_code == 0, result.output
    page = (ws.out / COMPANY / f"{ROLE}.html").read_text(encoding="utf-8")
    assert 'href="https://a.example/x"' in page and 'href="javascript' not in page


# --- Writing: only where the user said -------------------------------------------------------


@pytest.mark.parametrize("folder", ["../escaped", "/tmp/jobgen-escaped", "out/../../x"])
def test_jobgen_yaml_cannot_send_output_outside_the_workspace(
    ws: Workspace, tmp_path: Path, folder: str
) -> None:
    config = ws.root / "jobgen.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\n  output: output\n" in text
    config.write_text(text.replace("\n  output: output\n", f"\n  output: {folder}\n"), "utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = ws.run("generate", ROLE, "-c", COMPANY)
    assert_refused(result, names=["jobgen.yaml:", "defaults.output"], says="inside the workspace")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not Path("/tmp/jobgen-escaped").exists()


def test_an_output_folder_linked_out_of_the_workspace_is_refused(
    ws: Workspace, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (ws.root / "output").symlink_to(elsewhere)
    result = ws.run("generate", ROLE, "-c", COMPANY)
    assert_refused(result, exit_code=2, names="output", says="outside the workspace.*--out")
    assert list(elsewhere.iterdir()) == []
    named = ws.run("generate", ROLE, "-c", COMPANY, "-o", str(elsewhere), "-f", "md")
    assert named.exit_code == 0, named.output  # named by the user: fine


def test_templates_copy_does_not_write_through_a_linked_company_folder(
    ws: Workspace, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (ws.profiles / COMPANY).symlink_to(elsewhere)
    result = ws.run("templates", "copy", "style.css", "-c", COMPANY)
    assert_refused(result, names="style.css", says="outside the workspace")
    assert list(elsewhere.iterdir()) == []


# --- Files that are not files, or far too big ---------------------------------------------


def _run_with_timeout(ws: Workspace, *args: str) -> subprocess.CompletedProcess[str]:
    """A real process with a time-out: a blocking read must fail the test, not hang it."""
    env = {**os.environ, "JOBGEN_WORKSPACE": str(ws.root)}
    return subprocess.run(
        [sys.executable, "-m", "jobgen", *args],
        cwd=ws.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize(
    ("relative", "args", "says"),
    [
        ("roles/zzz.yaml", ("list", "roles"), "roles/zzz.yaml: cannot read the file: it is not"),
        ("company_profiles/zzz.yaml", ("check",), "zzz.yaml: cannot read the file: it is not"),
        ("templates/posting.md.j2", ("check",), "posting.md.j2 is not a regular file"),
        ("templates/custom.css", ("check",), "custom.css is not a regular file"),
        ("jobgen.yaml", ("check",), "jobgen.yaml is not a regular file"),
    ],
    ids=["role", "profile", "template", "stylesheet", "workspace-file"],
)
def test_a_fifo_in_place_of_a_file_is_refused_not_waited_on(
    ws: Workspace, relative: str, args: tuple[str, ...], says: str
) -> None:
    path = ws.root / relative
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    done = _run_with_timeout(ws, *args)
    assert done.returncode == 2, done.stderr
    assert says in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_sparse_two_gigabyte_template_is_refused_unread(ws: Workspace, command: str) -> None:
    template = ws.templates / "posting.md.j2"
    with open(template, "r+b") as handle:
        handle.truncate(2 << 30)  # sparse: no disk used, but 2 GiB to read
    start = time.perf_counter()
    args = ("generate", ROLE, "-c", COMPANY, "-o", str(ws.out)) if command == "generate" else ()
    result = ws.run(*args) if args else ws.run("check")
    assert time.perf_counter() - start < 10
    assert_refused(result, names="templates/posting.md.j2:", says="the limit is 1,000,000")


def test_prune_does_not_read_a_huge_file_a_manifest_names(ws: Workspace) -> None:
    company = ws.out / COMPANY
    big = company / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(3 << 30)
    manifest = (
        json.loads((company / "manifest.json").read_text(encoding="utf-8"))
        if (company / "manifest.json").exists()
        else {"postings": []}
    )
    manifest["postings"].append({"files": {"md": {"path": "big.md", "bytes": 7, "sha256": "0"}}})
    (company / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    start = time.perf_counter()
    result = ws.run("stage", "early", "-c", COMPANY, "-f", "md", "-o", str(ws.out), "--prune")
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 10
    assert big.stat().st_size == 3 << 30  # changed since (its size says so): kept


# --- Templates that crash the compiler or write what no file can hold -------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ role.title" + "|e" * 20000 + " }}",
        "{{ 1" + "+1" * 20000 + " }}",
        "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
    ],
    ids=["20000-filters", "20000-terms", "3000-brackets"],
)
@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_template_nested_too_deeply_is_an_error(
    ws: Workspace, before: dict, source: str, command: str
) -> None:
    (ws.templates / "posting.md.j2").write_text(source + "\n", encoding="utf-8")
    result = ws.generate("-f", "md") if command == "generate" else ws.run("check")
    assert_refused(result, names="posting.md.j2")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize(
    ("expression", "char"),
    [('"%c"|format(55296)', "U+D800"), ('"%c"|format(27)', "U+001B"), ('"%c"|format(0)', "U+0000")],
    ids=["surrogate", "escape", "nul"],
)
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_template_that_writes_an_unwritable_character_is_refused(
    ws: Workspace, before: dict, expression: str, char: str, fmt: str
) -> None:
    (ws.templates / "posting.md.j2").write_text(f"# {{{{ {expression} }}}} x\n", encoding="utf-8")
    result = ws.generate("-f", fmt)
    assert_refused(result, names=["templates/posting.md.j2", f"({char})"])
    assert_unchanged(before, ws.out)


def test_an_error_never_prints_a_terminal_escape_sequence(ws: Workspace) -> None:
    (ws.templates / "posting.md.j2").write_text(
        "{{ nope }}\x1b]0;PWNED\x07\x1b[2J\n", encoding="utf-8"
    )
    result = ws.generate("-f", "md")
    error = assert_refused(result, names="templates/posting.md.j2:1")
    assert "\x1b" not in error and "\\x1b]0;PWNED\\x07" in error
