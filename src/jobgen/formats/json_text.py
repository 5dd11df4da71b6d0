"""`json.dumps(value, ensure_ascii=False, indent=2)`, written faster.

The standard library encodes indented JSON in pure Python, a generator per list and
dict; for a posting's JSON document (~18 KB) that is most of the JSON writer's time.
`dumps` writes the same text with one recursive function: the same order of type
checks (a str, None, True, False, an int, a float, a list or tuple, a dict), the same
separators (`","` then a new line and two spaces a level, `": "` after a key), `{}`
and `[]` for empty ones, the strings by the standard library's own encoder. Anything
else (a key that is not a str, a float that is not finite, another type, a cycle, a
depth past Python's limit) is left to `json.dumps`, which writes or refuses it as
always. A test holds the two equal.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring  # the C encoder, where Python has it
from typing import Any


class _Unusual(Exception):
    """A value `_write` leaves to `json.dumps`."""


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`."""
    parts: list[str] = []
    try:
        _write(value, "\n", parts.append)
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(parts)


def _write(value: Any, newline: str, out: Callable[[str], None]) -> None:
    """`value` at the indentation that `newline` ("\\n" and its spaces) gives."""
    if isinstance(value, str):
        out(encode_basestring(value))
    elif value is None:
        out("null")
    elif value is True:
        out("true")
    elif value is False:
        out("false")
    elif isinstance(value, int):
        out(int.__repr__(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Unusual
        out(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            if type(item) is str:  # most items: written here, not by another call
                out(separator + encode_basestring(item))
            else:
                out(separator)
                _write(item, inner, out)
            separator = "," + inner
        out(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual
            if type(item) is str:
                out(separator + encode_basestring(key) + ": " + encode_basestring(item))
            else:
                out(separator + encode_basestring(key) + ": ")
                _write(item, inner, out)
            separator = "," + inner
        out(newline + "}")
    else:
        raise _Unusual
