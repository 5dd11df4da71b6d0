"""Read roles, profiles, openings and jobgen.yaml into models, keeping line and column
for every problem.

Each file is composed safely by `yaml_read.py` and checked field by field by
`validate.py`, so `NO` in a text field is refused instead of becoming `False`; a file
read before without a problem comes back from `model_cache.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InputError, Problem
from . import model_cache
from .fields import is_device_name, is_slug, reserved_posting_id
from .models import Company, Role, WorkspaceConfig

if TYPE_CHECKING:
    from .markers import Reference
    from .openings import Opening

T = TypeVar("T")


def outside_problem(path: Path, root: Path) -> Problem | None:
    """A problem if `path` is a link that leads out of `root` (its workspace layer).

    A workspace can arrive as a repository or an archive, and a link in it to
    ~/.ssh/id_rsa would otherwise be read and printed into a posting or an error.
    """
    real = path.resolve()
    if real.is_relative_to(root.resolve()):
        return None
    return _problem(
        path,
        f"is a link to {real}, outside the workspace; jobgen reads only files inside "
        "it (copy the file in instead)",
    )


def _problem(path: Path, message: str) -> Problem:
    return Problem(path, None, None, "", message)


def load_model(
    cls: type[T],
    path: Path,
    problems: list[Problem],
    refs: list[Reference],
    places: dict[str, Problem] | None = None,
    *,
    empty_ok: bool = False,
    **extra: Any,
) -> T | None:
    """One file as a model; problems and cross-file references are appended, and the
    position of each field to `places` if given (for problems found later). An empty
    file gives None, and a problem unless `empty_ok`.

    A file read before without a problem, unchanged since, with the same code, comes
    from the model cache (model_cache.py) without PyYAML."""
    found = model_cache.lookup(cls, path, extra, places is not None)
    if isinstance(found, model_cache.Kept):
        refs.extend(found.references)
        if places is not None and found.places is not None:
            places.update(found.places)
        return found.model
    from . import nodes, validate
    from .yaml_read import field_places, read_node

    count = len(problems)
    node = read_node(path, problems, empty_ok, found.data if found is not None else None)
    if node is None:
        return None
    file_places = field_places(path, node) if places is not None else None
    ctx = nodes.Context(path)
    try:
        model = validate.build(cls, node, ctx, extra)
    except RecursionError:
        ctx.problem(None, "", "the YAML is nested too deeply")
        model = None
    problems.extend(ctx.problems)
    refs.extend(ctx.references)
    if file_places is not None and places is not None:
        places.update(file_places)
    if found is not None and model is not None and len(problems) == count:
        model_cache.store(
            found, model_cache.Kept(model, ctx.references, file_places, ctx.local_files)
        )
    return model


def id_from_filename(path: Path, problems: list[Problem], posting: bool = False) -> str | None:
    """The id a role, profile or opening file gives itself by its name, if it is a valid
    one; `posting`: the id names a posting's files (a role's, an opening's)."""
    if is_slug(path.stem):
        reserved = reserved_posting_id(path.stem) if posting else None
        if reserved is None:
            return path.stem
        problems.append(_problem(path, f"{reserved}; rename the file"))
        return None
    if is_device_name(path.stem):
        message = (
            f"{path.stem!r} is a device name that Windows reserves, so a posting could not be "
            "saved under it there; rename the file"
        )
        problems.append(_problem(path, message))
        return None
    problems.append(
        _problem(
            path,
            "the file name must be a lowercase id of letters, digits and single hyphens "
            f"followed by .yaml (like ai-ml-engineer.yaml), got {path.name!r}",
        )
    )
    return None


def load_role(path: Path, problems: list[Problem], refs: list[Reference]) -> Role | None:
    role_id = id_from_filename(path, problems, posting=True)
    return load_model(Role, path, problems, refs, id=role_id) if role_id else None


def load_company(path: Path, problems: list[Problem], refs: list[Reference]) -> Company | None:
    company_id = id_from_filename(path, problems)
    return load_model(Company, path, problems, refs, id=company_id) if company_id else None


def load_opening(
    path: Path,
    company_id: str,
    problems: list[Problem],
    refs: list[Reference],
    places: dict[str, Problem],
) -> Opening | None:
    """An opening of `company_id`; `places` gets the position of each of its fields."""
    from .openings import Opening  # only commands that read openings build its model

    opening_id = id_from_filename(path, problems, posting=True)
    if opening_id is None:
        return None
    return load_model(Opening, path, problems, refs, places, id=opening_id, company=company_id)


def load_config(
    path: Path, problems: list[Problem], refs: list[Reference]
) -> WorkspaceConfig | None:
    """The workspace file; an empty one means "all defaults"."""
    found = len(problems)
    config = load_model(WorkspaceConfig, path, problems, refs, empty_ok=True)
    if config is None and len(problems) == found:
        return WorkspaceConfig()  # the file holds nothing
    return config


def check_references(refs: list[Reference], known: dict[str, set[str]]) -> list[Problem]:
    """Problems for every reference to a role or stage id that does not exist."""
    problems = []
    for ref in refs:
        ids = known[ref.kind]
        if ref.value in ids:
            continue
        import difflib  # for a mistake only: not imported at start-up

        message = f"no {ref.kind} with id {ref.value!r}"
        close = difflib.get_close_matches(ref.value, sorted(ids), n=1)
        message += (
            f" (did you mean {close[0]!r}?)" if close else f"; known: {', '.join(sorted(ids))}"
        )
        where = ref.where
        problems.append(Problem(where.file, where.line, where.column, where.field, message))
    return problems


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)
