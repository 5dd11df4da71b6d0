"""The Python examples of the docs run as written and print what the docs show."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A ```python block followed by the ```text block of what it prints.
EXAMPLE = re.compile(r"```python\n(.*?)```\n\n```(?:text)?\n(.*?)```", re.S)


def examples(name: str) -> list[tuple[str, str]]:
    text = (ROOT / name).read_text(encoding="utf-8")
    if name == "README.md":  # only the library section has Python with its output
        text = text[text.index("## As a library") : text.index("## Speed")]
    return EXAMPLE.findall(text)


CASES = [
    pytest.param(code, printed, id=f"{name}-{number}")
    for name in ("docs/library.md", "README.md")
    for number, (code, printed) in enumerate(examples(name), 1)
]


def test_the_docs_have_examples():
    assert len([c for c in CASES if "library" in c.id]) >= 5
    assert any("README" in c.id for c in CASES)


@pytest.mark.parametrize(("code", "printed"), CASES)
def test_example_prints_what_the_docs_show(code, printed, tmp_path):
    """Run in an empty folder: the built-in samples are the workspace."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == printed
