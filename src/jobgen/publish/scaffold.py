"""`jobgen init` and `jobgen new opening`: new files, ready to edit, that `jobgen check`
passes.

A new workspace holds the stages, the ten roles, one example company profile, a
content template that changes nothing yet (with a commented example), and a README
for recruiters; everything else keeps coming from the built-ins. A new opening
names its role and shows every other field, commented out, with what it does.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from ..errors import UsageError, display_path
from ..inputs.catalog import OPENINGS, Catalog, require_known
from ..inputs.fields import SLUG_EXPECTED, is_slug, reserved_posting_id
from ..inputs.openings import Opening
from ..inputs.regions import country_name
from ..inputs.tailor import opening_level, opening_title
from ..inputs.workspace import CONFIG_NAME, PROFILES, TEMPLATES, Workspace, builtin_root
from .output import write_files
from .schemas import FILE_NAMES, schema_for

STARTER = Path(__file__).parent / "starter"
SCHEMA_LINE = "# yaml-language-server: $schema="
LADDER_START = "# The levels an opening may name"
LADDER_NOTE = (
    "# levels: and platforms: add to jobgen's built-in ladder (junior to executive) and\n"
    "# cloud platforms; see `jobgen schema workspace` and docs/input-files.md.\n"
)


def starter_languages() -> list[str]:
    """The languages `jobgen init --language` has an example profile in."""
    found = [path.name.split(".")[1] for path in STARTER.glob("company.*.yaml")]
    return sorted({"en-US", *found})


def init_workspace(
    folder: Path, company_id: str = "my-company", name: str | None = None, language: str = "en-US"
) -> list[Path]:
    """Write a new workspace into `folder` (new or empty), its example profile written
    in `language` with the roles' translations into it; returns the files written."""
    if language not in starter_languages():
        raise UsageError(
            f"--language: jobgen has an example profile in {', '.join(starter_languages())}, "
            f"not {language}; start from one of them and add your language's translations "
            "(docs/languages.md says how)"
        )
    if not is_slug(company_id):
        raise UsageError(f"--company: expected {SLUG_EXPECTED}, got {company_id!r}")
    name = name if name is not None else company_id.replace("-", " ").title()
    if not name.strip() or any(ord(char) < 32 for char in name):
        raise UsageError(f"--name: expected a company name on one line, got {name!r}")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{display_path(folder)} is a file; give a folder to create")
    if folder.is_dir() and any(folder.iterdir()):
        found = "a workspace already" if (folder / CONFIG_NAME).exists() else "files"
        shown = display_path(folder)
        if shown == ".":  # `jobgen init /x` run inside /x: "." would not say which folder
            shown = f"{folder.resolve()} (the current folder)"
        raise UsageError(f"{shown} has {found} in it; give a new or empty folder")

    builtin = builtin_root()
    values = {
        "name": name.strip(),
        "name_yaml": json.dumps(name.strip(), ensure_ascii=False),  # "Société", not "\\u00e9"
        "id": company_id,
    }
    # the built-in file without its first comment (the schema line, its own description)
    # and without the ladder of levels and the platforms, which stay jobgen's own
    config = (builtin / CONFIG_NAME).read_text(encoding="utf-8").split("\n", 2)[2]
    config = config.split(LADDER_START)[0] + LADDER_NOTE
    files = {
        CONFIG_NAME: (
            f"{SCHEMA_LINE}schemas/{FILE_NAMES['workspace']}\n"
            "# Hiring stages in the order you open them, and defaults for every command.\n"
            "# `jobgen stage` writes every posting of a stage; edit the roles it opens here.\n"
            + config
        ).encode("utf-8"),
        "README.md": _fill("README.md", values),
        f"{PROFILES}/{company_id}.yaml": _fill(
            "company.yaml" if language == "en-US" else f"company.{language}.yaml", values
        ),
        f"{TEMPLATES}/posting.md.j2": (STARTER / "posting.md.j2").read_bytes(),
    }
    for role in sorted((builtin / "roles").glob("*.yaml")):
        files[f"roles/{role.name}"] = role.read_bytes()
    for role in sorted((builtin / "roles" / language).glob("*.yaml")):  # their text in it
        files[f"roles/{language}/{role.name}"] = role.read_bytes()
    for name in ("role", "company", "opening", "workspace"):  # for editors: `jobgen schema`
        text = json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n"
        files[f"schemas/{FILE_NAMES[name]}"] = text.encode("utf-8")
    return write_files(folder, files)


def _fill(name: str, values: dict[str, str]) -> bytes:
    return Template((STARTER / name).read_text(encoding="utf-8")).substitute(values).encode("utf-8")


def new_opening(
    workspace: Workspace, role_id: str, company_id: str, opening_id: str | None = None
) -> Path:
    """Write `company_profiles/<company>/openings/<id>.yaml`, every field shown and
    commented out but `role:`; returns its path. The id is the role's unless given."""
    catalog = Catalog(workspace)
    builtins_only = workspace.root is None or len(workspace.layers) == 1
    if opening_id == "":
        raise UsageError("--id: expected an id, got nothing; leave --id out to use the role's")
    if opening_id is None:  # the role's id: a role jobgen does not know is the problem
        require_known("role", role_id, catalog.role_paths, builtins_only)
        opening_id = role_id
    if not is_slug(opening_id):
        raise UsageError(f"--id: expected {SLUG_EXPECTED}, got {opening_id!r}")
    if reserved := reserved_posting_id(opening_id):
        raise UsageError(f"--id: {reserved}; choose another id")
    require_known("role", role_id, catalog.role_paths, builtins_only)
    require_known("company", company_id, catalog.company_paths, builtins_only)
    if builtins_only:
        raise UsageError(
            "new opening needs a workspace of your own to write into: create one with "
            "`jobgen init DIR`, then run this inside it (or pass --workspace DIR)"
        )
    existing = catalog.opening_paths(company_id).get(opening_id)
    if existing is not None:
        raise UsageError(f"{display_path(existing)} exists; give the new one an id with --id")
    if opening_id != role_id and opening_id in catalog.role_paths:
        raise UsageError(f"--id: {opening_id!r} is the id of another role; choose another id")
    config, roles, companies = catalog.load([role_id], [company_id])
    role, company = roles[role_id], companies[company_id]
    blank = Opening(id=opening_id, company=company_id, role=role_id)
    level = opening_level(config, role, blank)
    pay = company.pay.get(role_id, ())
    values = {
        "company_name": company.name,
        "role_id": role_id,
        "role_title": role.title,
        "level": level.id if level else "mid",
        "levels": "one of " + ", ".join(level.id for level in config.ladder),
        "title": opening_title(config, role, blank),
        "cities": ", ".join(location.city for location in company.locations),
        "work_model": company.work_model,
        "currency": pay[0].currency if pay else "USD",
        # an example in the company's own country, not always the US
        "region": company.remote_regions[0]
        if company.remote_regions
        else country_name(company.locations[0].country)
        if company.locations
        else "United States",
    }
    text = Template((STARTER / "opening.yaml").read_text(encoding="utf-8")).substitute(values)
    folder = catalog.company_paths[company_id].parent / company_id / OPENINGS
    [written] = write_files(folder, {f"{opening_id}.yaml": text.encode("utf-8")})
    return written
