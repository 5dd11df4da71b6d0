"""jobgen: tailored AI job postings from roles, company profiles and Jinja templates.

The library is usable without the command line; what a Python user needs is
named here (docs/library.md describes each)::

    import jobgen

    workspace = jobgen.find_workspace()
    generated = jobgen.generate(workspace, ["ai-ml-engineer"], "furrowlight", formats=["md"])

The names are imported when first used, so `import jobgen` (and `jobgen --help`)
costs no Jinja, Markdown or python-docx. docs/architecture.md says which
package holds what.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

# name -> the module that defines it
_API = {
    # Inputs: the workspace, its files and what a stage asks for
    "Workspace": "jobgen.inputs.workspace",
    "find_workspace": "jobgen.inputs.workspace",
    "Catalog": "jobgen.inputs.catalog",
    "Role": "jobgen.inputs.models",
    "Company": "jobgen.inputs.models",
    "Posting": "jobgen.inputs.models",
    "Opening": "jobgen.inputs.openings",
    "StagePlan": "jobgen.inputs.stages",
    "plan_stage": "jobgen.inputs.stages",
    "plan_postings": "jobgen.inputs.stages",
    # Postings in memory, and written
    "Generator": "jobgen.publish.pipeline",
    "Rendered": "jobgen.publish.pipeline",
    "Generated": "jobgen.publish.pipeline",
    "render_postings": "jobgen.publish.pipeline",
    "generate": "jobgen.publish.pipeline",
    "BatchResult": "jobgen.publish.batch",
    "write_stage": "jobgen.publish.batch",
    "build_site": "jobgen.publish.site",
    "SiteResult": "jobgen.publish.site",
    "check_workspace": "jobgen.publish.check",
    "schema_for": "jobgen.publish.schemas",
    "Shard": "jobgen.publish.shards",
    "ShardRun": "jobgen.publish.shards",
    "shard_of": "jobgen.publish.shards",
    "check_shards": "jobgen.publish.shard_check",
    "merge_shards": "jobgen.publish.shard_check",
    # Lint
    "Linter": "jobgen.lint.linter",
    "LintContext": "jobgen.lint.scan",
    "PostingReport": "jobgen.lint.linter",
    # Errors: every problem a user can fix is a JobgenError
    "JobgenError": "jobgen.errors",
    "InputError": "jobgen.errors",
    "UsageError": "jobgen.errors",
    "TemplateProblem": "jobgen.errors",
    "OutputError": "jobgen.errors",
    "LintFailed": "jobgen.errors",
    "Problem": "jobgen.errors",
}

__all__ = [  # the same names, as a literal list for linters and `from jobgen import *`
    "BatchResult", "Catalog", "Company", "Generated", "Generator", "InputError", "JobgenError",
    "LintContext", "LintFailed", "Linter", "Opening", "OutputError", "Posting", "PostingReport",
    "Problem", "Rendered", "Role", "Shard", "ShardRun", "SiteResult", "StagePlan",
    "TemplateProblem", "UsageError", "Workspace", "__version__", "build_site", "check_shards",
    "check_workspace", "find_workspace", "generate", "merge_shards", "plan_postings",
    "plan_stage", "render_postings", "schema_for", "shard_of", "write_stage",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'jobgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # for editors and type checkers; at run time __getattr__ imports them
    from .errors import (
        InputError,
        JobgenError,
        LintFailed,
        OutputError,
        Problem,
        TemplateProblem,
        UsageError,
    )
    from .inputs.catalog import Catalog
    from .inputs.models import Company, Posting, Role
    from .inputs.openings import Opening
    from .inputs.stages import StagePlan, plan_postings, plan_stage
    from .inputs.workspace import Workspace, find_workspace
    from .lint.linter import Linter, PostingReport
    from .lint.scan import LintContext
    from .publish.batch import BatchResult, write_stage
    from .publish.check import check_workspace
    from .publish.pipeline import Generated, Generator, Rendered, generate, render_postings
    from .publish.schemas import schema_for
    from .publish.site import SiteResult, build_site
