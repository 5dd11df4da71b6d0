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


def test_every_list_of_the_posting_blocks_names_them_all() -> None:
    """docs/house-style.md, docs/templates.md and the starter template each list the
    blocks of the built-in posting.md.j2: all of them, so none reads as missing."""
    root = Path(__file__).resolve().parents[1]
    built_in = (root / "templates" / "posting.md.j2").read_text(encoding="utf-8")
    blocks = set(re.findall(r"\{%-?\s*block\s+(\w+)", built_in))
    starter = root / "src" / "jobgen" / "publish" / "starter" / "posting.md.j2"
    listed = starter.read_text(encoding="utf-8").split("Block names:", 1)[1].split(".", 1)[0]
    assert {name.strip() for name in listed.replace("\n", " ").split(",")} == blocks
    house = (root / "docs" / "house-style.md").read_text(encoding="utf-8")
    section = house.split("with a block per section", 1)[1].split("Copy one", 1)[0]
    assert set(re.findall(r"`(\w+)`", section)) == blocks
    templates = (root / "docs" / "templates.md").read_text(encoding="utf-8")
    assert blocks <= set(re.findall(r"^\| `(\w+)` \|", templates, re.MULTILINE))
