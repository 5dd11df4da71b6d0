"""The limits of limits.py: each is documented in SECURITY.md, each is enforced with an
error that names the file, and the render guard stops what it should and restores the
process as it was."""

from __future__ import annotations

import io
import random
import re
import resource
import signal
import threading
import time
import zipfile

import pytest

from jobgen import limits
from jobgen.limits import RenderLimit, render_guard

from .harness import REPO, Workspace, assert_refused, assert_unchanged

SECURITY = (REPO / "SECURITY.md").read_text(encoding="utf-8")
LIMITS_TABLE = SECURITY[SECURITY.index("## Limits") : SECURITY.index("## What jobgen does not")]

DOCUMENTED = {
    "MAX_FILE_BYTES": f"{limits.MAX_FILE_BYTES:,} bytes",
    "MAX_DEPTH": f"{limits.MAX_DEPTH} levels",
    "MAX_ALIASES": f"{limits.MAX_ALIASES} per file",
    "MAX_NODES": f"{limits.MAX_NODES:,} per file",
    "MAX_LINE_CHARS": f"{limits.MAX_LINE_CHARS} characters",
    "MAX_TEXT_CHARS": f"{limits.MAX_TEXT_CHARS:,} characters",
    "MAX_ID_LENGTH": f"{limits.MAX_ID_LENGTH} characters",
    "MAX_FOLDER_FILES": f"{limits.MAX_FOLDER_FILES:,} files",
    "MAX_IMAGE_BYTES": f"{limits.MAX_IMAGE_BYTES:,} bytes",
    "MAX_TEMPLATE_BYTES": f"{limits.MAX_TEMPLATE_BYTES:,} bytes",
    "MAX_REFERENCE_BYTES": f"{limits.MAX_REFERENCE_BYTES:,} bytes",
    "MAX_REFERENCE_UNPACKED": f"{limits.MAX_REFERENCE_UNPACKED:,} unpacked",
    "MAX_OUTPUT_CHARS": f"{limits.MAX_OUTPUT_CHARS:,} characters",
    "MAX_RENDER_SECONDS": f"{limits.MAX_RENDER_SECONDS:g} seconds",
    "MAX_RENDER_MEMORY": f"{limits.MAX_RENDER_MEMORY >> 20} MiB",
    "MAX_LOCK_WAIT_SECONDS": f"{limits.MAX_LOCK_WAIT_SECONDS:g} seconds",
}


def test_every_limit_is_documented_with_its_value() -> None:
    constants = {name for name in vars(limits) if name.startswith("MAX_")}
    assert constants == set(DOCUMENTED), "add the new limit to SECURITY.md and to DOCUMENTED"
    for name, text in DOCUMENTED.items():
        assert text in LIMITS_TABLE, f"{name}: {text!r} is not in SECURITY.md's limits table"


# --- reference.docx: size and "zip bomb" ------------------------------------------------


def _reference_with(extra: bytes) -> bytes:
    source = zipfile.ZipFile(REPO / "templates" / "reference.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info, source.read(info))
        package.writestr("word/media/filler.bin", extra)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        pytest.param(b"\0" * 60_000_000, "unpacked", id="zip-bomb"),
        pytest.param(random.Random(7).randbytes(5_100_000), "bytes", id="too-big"),
    ],
)
def test_an_oversized_reference_docx_is_refused(
    ws: Workspace, before: dict, extra: bytes, why: str
) -> None:
    (ws.templates / "reference.docx").write_bytes(_reference_with(extra))
    result = ws.generate("-f", "docx")
    assert_refused(result, names="templates/reference.docx:", says=rf"the limits are .*{why}|{why}")
    assert_unchanged(before, ws.out)


def test_a_folder_of_too_many_files_is_refused_naming_it(
    ws: Workspace, before: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the limit, the scan stops with an error naming the folder and the limit."""
    monkeypatch.setattr(limits, "MAX_FOLDER_FILES", 20)
    text = ws.role_file().read_bytes()
    for number in range(21 - len(list(ws.roles.iterdir()))):
        (ws.roles / f"copy-{number}.yaml").write_bytes(text)
    assert len(list(ws.roles.iterdir())) == 21
    for result in (ws.run("list", "roles"), ws.generate()):
        assert_refused(result, names="roles", says=r"more than 20 files, the limit per folder")
    assert_unchanged(before, ws.out)
    (ws.roles / "copy-0.yaml").unlink()  # at the limit: accepted
    assert ws.run("list", "roles").exit_code == 0


# --- the render guard ---------------------------------------------------------------------


def test_the_time_limit_stops_a_loop_and_disarms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.2)
    handler = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    with pytest.raises(RenderLimit, match=r"longer than the limit of 0\.2 s"), render_guard():
        while True:
            pass
    assert time.perf_counter() - start < 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


def test_the_memory_limit_turns_a_runaway_allocation_into_memory_error() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(MemoryError), render_guard():
        bytearray(limits.MAX_RENDER_MEMORY + (1 << 30))
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_nested_guards_arm_once_and_threads_run_unguarded() -> None:
    seen: list[float] = []
    with render_guard():
        outer = signal.getitimer(signal.ITIMER_REAL)[0]
        with render_guard():
            seen.append(signal.getitimer(signal.ITIMER_REAL)[0])
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # the inner one did not disarm it

        def in_thread() -> None:
            with render_guard():
                seen.append(-1.0)

        thread = threading.Thread(target=in_thread)
        thread.start()
        thread.join()
    assert 0 < seen[0] <= outer and seen[1] == -1.0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_time_bomb_in_the_page_template_names_it(
    ws: Workspace, before: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1 s, not less: compiling the templates (cold, on a busy machine) counts too
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 1.0)
    page = (ws.templates / "page.html.j2").read_text(encoding="utf-8")
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    (ws.templates / "page.html.j2").write_text(loop + "\n" + page, encoding="utf-8")
    result = ws.generate("-f", "html")
    error = assert_refused(result, names="templates/page.html.j2:1", says="1 s per posting")
    assert re.search(r"loop that never ends", error)
    assert_unchanged(before, ws.out)
