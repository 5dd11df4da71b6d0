"""Extract every message jobgen writes itself into templates/messages/jobgen.pot, and
bring each catalog (templates/messages/*.po) up to date with it.

    python scripts/update_messages.py          # write jobgen.pot, update the catalogs
    python scripts/update_messages.py --check  # exit 1 if either is out of date

Babel extracts the messages of the templates (Jinja's extractor, `_`, `gettext`,
`pgettext`) and of the code (`N_`, `gettext`, `pgettext`); the names and scopes of
jobgen.yaml's built-in levels are added with the context `level`, as the posting
looks them up. A catalog keeps its translations; a message new in the template
comes in untranslated (and jobgen refuses to write that language until it is).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "templates" / "messages"
KEYWORDS = {"_": None, "gettext": None, "N_": None, "pgettext": ((1, "c"), 2)}
METHODS = [
    ("src/jobgen/**.py", "python"),
    ("templates/**.j2", "jinja2"),
    ("company_profiles/*/templates/**.j2", "jinja2"),
]


def template() -> Catalog:
    catalog = Catalog(
        project="jobgen", fuzzy=False, header_comment="# Every message jobgen writes itself."
    )
    for filename, _line, message, comments, context in extract_from_dir(
        str(ROOT),
        METHODS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        options_map={
            "**.j2": {
                "extensions": "jinja2.ext.i18n",
                "trim_blocks": "true",
                "lstrip_blocks": "true",
            }
        },
    ):
        if isinstance(message, tuple):
            continue
        catalog.add(message, None, [(filename, None)], auto_comments=comments, context=context)
    config = yaml.safe_load((ROOT / "jobgen.yaml").read_text(encoding="utf-8"))
    for stage in config["stages"]:  # the hiring plan names them
        for text in (stage["name"], " ".join(stage["description"].split())):
            catalog.add(text, None, [("jobgen.yaml", None)], context="stage")
    lint_rules = yaml.safe_load((ROOT / "lint" / "rules.yaml").read_text(encoding="utf-8"))
    for name in lint_rules["categories"].values():  # the quality report's columns
        catalog.add(name, None, [("lint/rules.yaml", None)], context="lint category")
    codings = ["neutral", "not checked"] + [
        f"{how} {side}-coded"
        for how in ("slightly", "strongly")
        for side in ("masculine", "feminine")
    ]
    for label in codings:  # lint's gender-coding label, as the quality report shows it
        catalog.add(
            label, None, [("src/jobgen/lint/rules_inclusive.py", None)], context="gender coding"
        )
    levels = config["levels"]
    for level in levels:
        for text in (level["name"], level["scope"], level.get("prefix")):
            if text:
                catalog.add(text, None, [("jobgen.yaml", None)], context="level")
    return catalog


def written(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)  # reproducible bytes
    catalog.creation_date = catalog.revision_date = fixed
    write_po(buffer, catalog, width=96, omit_header=False, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def main() -> int:
    check = "--check" in sys.argv[1:]
    pot = template()
    stale = []
    outputs = {FOLDER / "jobgen.pot": written(pot)}
    for path in sorted(FOLDER.glob("*.po")):
        with open(path, "rb") as stream:
            catalog = read_po(stream, locale=path.stem.replace("-", "_"))
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        outputs[path] = written(catalog)
    for path, data in outputs.items():
        if not path.exists() or path.read_bytes() != data:
            stale.append(path)
            if not check:
                path.write_bytes(data)
    if check and stale:
        print("out of date (run scripts/update_messages.py):", *[p.name for p in stale])
        return 1
    print(
        f"{len(pot)} messages; "
        + (f"updated {', '.join(p.name for p in stale)}" if stale else "all up to date")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
