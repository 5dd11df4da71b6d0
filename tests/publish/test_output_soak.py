"""Soak (slow): two `jobgen stage` runs at once into one folder, killed at random, round
after round; every manifest always matches the files beside it (issue 19, findings 1, 2)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobgen.publish.journal import JOURNAL_NAME, KILL_AFTER_RENAMES
from jobgen.publish.lock import LOCK_FILE
from jobgen.publish.output import STAGING_PREFIX, remove_abandoned_staging

pytest.importorskip("fcntl", reason="the lock and the roll-back need POSIX file locks")

ROOT = Path(__file__).resolve().parents[2]
BUDGET_SECONDS = 240  # a bound for a very slow machine; ~1 s a round here
MAX_ROUNDS = 50  # as issue 19 asks


def start(out: Path, date: str, rng: random.Random) -> tuple[subprocess.Popen, float | None]:
    """A stage run that may kill itself after some renames, or be killed after a while."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    plan = rng.choice(["finish", "renames", "timer"])
    if plan == "renames":
        env[KILL_AFTER_RENAMES] = str(rng.randint(0, 12))
    args = ["stage", "-c", "furrowlight", "-q", "-j", "1", "-o", str(out), "--date", date]
    args += ["--prune"] if rng.random() < 0.5 else []
    args += ["--cumulative"] if rng.random() < 0.5 else []
    process = subprocess.Popen(
        [sys.executable, "-m", "jobgen", "-w", str(ROOT), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    return process, (rng.uniform(0.2, 3.0) if plan == "timer" else None)


def assert_manifests_match(out: Path) -> None:
    manifests = list(out.glob("*/manifest.json"))
    for manifest in manifests:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        entries = [data["index"], data["quality"], *data["earlier"]]
        entries += [f for posting in data["postings"] for f in posting["files"].values()]
        for entry in filter(None, entries):
            path = manifest.parent / entry["path"]
            assert path.is_file(), f"{manifest} lists {entry['path']}, which is missing"
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert digest == entry["sha256"], f"{path} differs from {manifest}"


@pytest.mark.slow
def test_concurrent_killed_stage_runs_never_leave_a_manifest_wrong(tmp_path):
    rng = random.Random(19)
    out = tmp_path / "out"
    deadline = time.monotonic() + BUDGET_SECONDS
    rounds = 0
    while rounds < MAX_ROUNDS and time.monotonic() < deadline:
        rounds += 1
        later = (dt.date(2026, 4, 1) + dt.timedelta(days=rounds)).isoformat()
        runs = [start(out, date, rng) for date in ("2026-03-01", later)]
        started = time.monotonic()
        for process, kill_at in runs:
            if kill_at is not None:
                time.sleep(max(0.0, started + kill_at - time.monotonic()))
                process.send_signal(signal.SIGKILL)
        for process, _ in runs:
            _, stderr = process.communicate(timeout=90)
            assert process.returncode in (0, -signal.SIGKILL), stderr
            assert "Traceback" not in stderr
        remove_abandoned_staging(out)  # what the next run does first: roll back, sweep
        assert_manifests_match(out)
    assert rounds == MAX_ROUNDS, f"only {rounds} rounds in {BUDGET_SECONDS} s"
    final = subprocess.run(
        [sys.executable, "-m", "jobgen", "-w", str(ROOT), "stage", "-c", "furrowlight", "-q",
         "-o", str(out)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
    )  # fmt: skip
    assert final.returncode == 0, final.stderr
    assert_manifests_match(out)
    leftovers = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert leftovers == [] and not list(out.rglob(JOURNAL_NAME))
    assert not (out / LOCK_FILE).exists()
