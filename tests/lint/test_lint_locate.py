"""A finding points at the line of the file where its own words are, even when the
words around it (used to tell one occurrence from another) start on an earlier line."""

from __future__ import annotations

from pathlib import Path

from jobgen.lint.document import Block
from jobgen.lint.locate import Locator

ROLE = """\
id: prompt-engineer
title: Prompt Engineer
summary: >-
  You will write and test the prompts our product runs on, with the
  engineers who ship it. We want a
  rockstar who is a native German
  speaker.
"""


def block_of(text: str) -> Block:
    return Block("paragraph", " ".join(text.split()), 3, "The role")


def test_each_phrase_points_at_its_own_line(tmp_path: Path) -> None:
    role = tmp_path / "role.yaml"
    role.write_text(ROLE, encoding="utf-8")
    locator = Locator([role])
    block = block_of(ROLE.split(">-\n", 1)[1])
    assert locator.locate("rockstar", block).endswith("role.yaml:6")
    assert locator.locate("native German speaker", block).endswith("role.yaml:6")
    assert locator.locate("engineers", block).endswith("role.yaml:5")
    assert locator.locate("prompts", block).endswith("role.yaml:4")


def test_a_word_found_only_alone_still_points_at_its_line(tmp_path: Path) -> None:
    role = tmp_path / "role.yaml"
    role.write_text(ROLE, encoding="utf-8")
    assert Locator([role]).locate("speaker", None).endswith("role.yaml:7")
    assert Locator([role]).locate("absent words", None) is None


def test_words_in_a_comment_are_not_where_they_were_written(tmp_path: Path) -> None:
    """`jobgen new opening` leaves commented-out examples; the posting's words come from
    elsewhere (the profile), and never from a comment."""
    opening = tmp_path / "opening.yaml"
    opening.write_text(
        "role: ai-ml-engineer\n# apply_url: https://example.com/jobs/1\n"
        "title: Search  # about example.com\n",
        encoding="utf-8",
    )
    profile = tmp_path / "profile.yaml"
    profile.write_text("name: Acme\napply:\n  url: https://example.com/careers\n", "utf-8")
    assert Locator([opening, profile]).locate("example.com", None).endswith("profile.yaml:3")
    assert Locator([opening]).locate("example.com", None) is None
