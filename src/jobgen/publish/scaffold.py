"""`jobgen init`: a new workspace, ready to edit, that `jobgen check` passes.

It holds the stages, the ten roles, one example company profile, a content
template that changes nothing yet (with a commented example), and a README
for recruiters. Everything else keeps coming from the built-ins.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from ..errors import UsageError, display_path
from ..inputs.fields import SLUG_EXPECTED, is_slug
from ..inputs.workspace import CONFIG_NAME, PROFILES, TEMPLATES, builtin_root
from .output import write_files
from .schemas import FILE_NAMES, schema_for

STARTER = Path(__file__).parent / "starter"
SCHEMA_LINE = "# yaml-language-server: $schema="


def init_workspace(
    folder: Path, company_id: str = "my-company", name: str | None = None
) -> list[Path]:
    """Write a new workspace into `folder` (new or empty); returns the files written."""
    if not is_slug(company_id):
        raise UsageError(f"--company: expected {SLUG_EXPECTED}, got {company_id!r}")
    name = name if name is not None else company_id.replace("-", " ").title()
    if not name.strip() or any(ord(char) < 32 for char in name):
        raise UsageError(f"--name: expected a company name on one line, got {name!r}")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{display_path(folder)} is a file; give a folder to create")
    if folder.is_dir() and any(folder.iterdir()):
        found = "a workspace already" if (folder / CONFIG_NAME).exists() else "files"
        raise UsageError(f"{display_path(folder)} has {found} in it; give a new or empty folder")

    builtin = builtin_root()
    values = {"name": name.strip(), "name_yaml": json.dumps(name.strip()), "id": company_id}
    # the built-in file without its first comment (the schema line, its own description)
    config = (builtin / CONFIG_NAME).read_text(encoding="utf-8").split("\n", 2)[2]
    files = {
        CONFIG_NAME: (
            f"{SCHEMA_LINE}schemas/{FILE_NAMES['workspace']}\n"
            "# Hiring stages in the order you open them, and defaults for every command.\n"
            "# `jobgen stage` writes every posting of a stage; edit the roles it opens here.\n"
            + config
        ).encode("utf-8"),
        "README.md": _fill("README.md", values),
        f"{PROFILES}/{company_id}.yaml": _fill("company.yaml", values),
        f"{TEMPLATES}/posting.md.j2": (STARTER / "posting.md.j2").read_bytes(),
    }
    for role in sorted((builtin / "roles").glob("*.yaml")):
        files[f"roles/{role.name}"] = role.read_bytes()
    for name in ("role", "company", "workspace"):  # for editors: see `jobgen schema`
        text = json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n"
        files[f"schemas/{FILE_NAMES[name]}"] = text.encode("utf-8")
    return write_files(folder, files)


def _fill(name: str, values: dict[str, str]) -> bytes:
    return Template((STARTER / name).read_text(encoding="utf-8")).substitute(values).encode("utf-8")
