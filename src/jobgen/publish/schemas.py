"""Every JSON Schema jobgen publishes, by name: `jobgen schema NAME`, the `schemas/`
folder and the copies `jobgen init` puts in a new workspace.

The input schemas come from the models (`inputs/json_schema.py`); the posting's
from its writer (`formats/posting_schema.py`); the lint report's from lint
(`lint/report.py`).
"""

from __future__ import annotations

import copy
from typing import Any

from ..inputs.json_schema import INPUT_MODELS, input_schema, schema_file_name

SCHEMA_NAMES = (*INPUT_MODELS, "posting", "lint-report", "jobs", "shard")
FILE_NAMES = {name: schema_file_name(name) for name in SCHEMA_NAMES}


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema called `name`: role, company, workspace, opening, posting,
    lint-report, jobs (a careers site's jobs.json) or shard (`stage --shard`'s record).
    A copy: a caller's edits never reach jobgen's own."""
    if name not in SCHEMA_NAMES:
        from ..errors import UsageError, closest

        near = closest(name, SCHEMA_NAMES)
        hint = f" (did you mean {near}?)" if near else ""
        raise UsageError(f"no schema named {name!r}{hint}; schemas: {', '.join(SCHEMA_NAMES)}")
    if name == "posting":
        from ..formats.posting_schema import POSTING_SCHEMA as schema
    elif name == "jobs":
        from .jobs_schema import JOBS_SCHEMA as schema
    elif name == "shard":
        from .shards import SHARD_SCHEMA as schema
    elif name == "lint-report":
        from ..lint.report import LINT_REPORT_SCHEMA as schema
    else:
        return input_schema(name)  # made afresh at each call
    return copy.deepcopy(schema)
