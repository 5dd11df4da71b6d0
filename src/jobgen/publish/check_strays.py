"""What `jobgen check` says of the workspace's files that nothing reads: a translation
named after no source, a company folder (its openings, its templates) named after no
profile. jobgen finds such files by name, so a misspelt one is never read, and only a
warning can say so. The built-ins are jobgen's: never said."""

from __future__ import annotations

import os

from ..errors import closest, display_path
from ..inputs.catalog import Catalog
from ..inputs.workspace import Workspace


def never_read(workspace: Workspace, catalog: Catalog) -> list[str]:
    if len(workspace.layers) < 2:  # the built-ins alone
        return []
    own = _stray_translations(workspace, catalog)
    return own + _company_folders_of_no_company(workspace, catalog)


def _stray_translations(workspace: Workspace, catalog: Catalog) -> list[str]:
    """Translation files of the workspace's own that no role, profile or opening reads."""
    from ..inputs.translations import stray_translations

    # A role's translation may be in the workspace, a built-in role's too; a profile's and
    # an opening's sit beside the file they translate.
    root = workspace.layers[0]
    roles, profiles = root / "roles", root / "company_profiles"
    sources = {roles: [path.name for path in catalog.role_paths.values()], profiles: []}
    for company_id, path in catalog.company_paths.items():
        sources.setdefault(path.parent, []).append(path.name)
        openings = path.parent / company_id / "openings"  # listed even with no opening yet
        sources[openings] = [p.name for p in catalog.opening_paths(company_id).values()]
    own = {folder: names for folder, names in sources.items() if folder.is_relative_to(root)}
    return stray_translations(own, {profiles: set(catalog.company_paths)})


def _company_folders_of_no_company(workspace: Workspace, catalog: Catalog) -> list[str]:
    """A folder beside the profiles with openings or templates, named after no profile:
    `company_profiles/acmee/openings/` is never read."""
    from ..inputs.translations import language_folder

    profiles = workspace.layers[0] / "company_profiles"
    try:
        folders = sorted(entry.name for entry in os.scandir(profiles) if entry.is_dir())
    except OSError:
        return []
    said = []
    for name in folders:
        if name in catalog.company_paths or language_folder(name):
            continue
        held = [part for part in ("openings", "templates") if (profiles / name / part).is_dir()]
        if not held:
            continue
        near = closest(name, catalog.company_paths)
        folder = display_path(profiles / name)
        said.append(
            f"{folder}/ belongs to no company: there is no {folder}.yaml, so its "
            f"{' and '.join(held)} are never read" + (f"; did you mean {near}?" if near else "")
        )
    return said
