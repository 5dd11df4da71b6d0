"""What a stage run wrote for one posting: the record the manifest, the hiring plan
and the quality report are made from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .output import FileRecord

if TYPE_CHECKING:
    from ..lint.linter import PostingReport


@dataclass(frozen=True)
class PostingRecord:
    """What was written for one posting: the manifest's entry."""

    company: str
    # The posting's name, which names its files: the opening's id, else the role's, with
    # .LANG when it is published in several languages.
    id: str
    role: str
    stage: str | None
    words: int
    files: dict[str, FileRecord]  # format -> file, in FORMATS order
    warnings: tuple[str, ...]
    lint: PostingReport | None = None
