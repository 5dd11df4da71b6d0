"""Write docs/laws.md, the table of every job-ad law jobgen checks, from lint/laws.yaml.

    python scripts/laws_table.py

tests/lint/test_lint_laws.py fails when the committed table and the data differ.
"""

from __future__ import annotations

from pathlib import Path

from jobgen.lint import load_book
from jobgen.lint.report import laws_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "laws.md"

if __name__ == "__main__":
    TARGET.write_text(laws_markdown(load_book()), encoding="utf-8")
    print(TARGET)
