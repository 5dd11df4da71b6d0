"""Regenerate output/examples/: every built-in role for every sample company, all formats.

    python scripts/refresh_examples.py

The examples are committed so a visitor can open real postings without
installing anything, and they are the golden files of tests/test_examples.py:
read the diff before committing a refresh.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jobgen.inputs.catalog import Catalog  # noqa: E402
from jobgen.inputs.format_names import EXTRA_FORMATS, FORMATS  # noqa: E402
from jobgen.inputs.localize import Localizer  # noqa: E402
from jobgen.inputs.stages import localized_postings  # noqa: E402
from jobgen.inputs.workspace import Workspace, builtin_root  # noqa: E402
from jobgen.publish.output import posting_path, write_files  # noqa: E402
from jobgen.publish.pipeline import Generator  # noqa: E402

EXAMPLES_DATE = dt.date(2026, 11, 25)
EXAMPLES_DIR = ROOT / "output" / "examples"
# The formats of `-f all`: no PDFs (binary, ~55 KB each) among the golden files.
EXAMPLE_FORMATS = tuple(fmt for fmt in FORMATS if fmt not in EXTRA_FORMATS)


def build_examples(out_dir: Path) -> list[Path]:
    """Write every role x company posting, and every opening, in every format of
    `-f all` below `out_dir`."""
    workspace = Workspace(None, (builtin_root(),))
    catalog = Catalog(workspace)
    config, roles, companies = catalog.load()
    openings = catalog.load_openings(config, companies)
    generator = Generator(workspace)
    localizer = Localizer(catalog)
    files = {}
    for company in companies.values():
        postings = [
            posting
            for role in roles.values()
            for posting in localized_postings(localizer, config, role, company, EXAMPLES_DATE)
        ]
        postings += [
            posting
            for opening in openings[company.id].values()
            for posting in localized_postings(
                localizer, config, roles[opening.role_id], company, EXAMPLES_DATE, None, opening
            )
        ]
        localizer.raise_if_any()
        for posting in postings:
            rendered = generator.render(posting, EXAMPLE_FORMATS)
            for fmt, data in rendered.files.items():
                files[posting_path(company.id, posting.name, fmt)] = data
    return write_files(out_dir, files)


if __name__ == "__main__":
    shutil.rmtree(EXAMPLES_DIR, ignore_errors=True)  # drop postings of removed roles
    written = build_examples(EXAMPLES_DIR)
    print(f"wrote {len(written)} files to {EXAMPLES_DIR.relative_to(ROOT)}/")
