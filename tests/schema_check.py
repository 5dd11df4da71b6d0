"""`validate`: jsonschema.validate, with each schema checked once instead of on every call.

jsonschema.validate checks the schema against its metaschema before validating, and that
check costs far more than the validation (~0.1 s for the posting schema): the tests
validate many documents against a few schemas.
"""

from __future__ import annotations

from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

# (id of the schema, with format checks) -> (the schema, kept alive so its id is not
# reused, and its validator)
_validators: dict[tuple[int, bool], tuple[Any, Any]] = {}


def validate(instance: Any, schema: Any, *, formats: bool = False) -> None:
    """Raise the ValidationError jsonschema.validate would (the same best match), checking
    the schema itself (SchemaError) the first time; `formats` checks formats too."""
    key = (id(schema), formats)
    if key not in _validators:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        checker = jsonschema.FormatChecker() if formats else None
        _validators[key] = (schema, cls(schema, format_checker=checker))
    error = best_match(_validators[key][1].iter_errors(instance))
    if error is not None:
        raise error
