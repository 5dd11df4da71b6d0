"""The limits on what a template may have computed in one piece, in C, where the
time limit cannot stop it: padding widths (`center`, `ljust`, `rjust`, `zfill`,
`expandtabs`, `indent`, `tojson` indents, `format` and `%` widths and precisions),
`replace`, `join`, repetition and powers. The sandbox (sandbox.py) applies them to
the filters, the str methods and the operators templates use.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from jinja2.filters import (
    do_center,
    do_format,
    do_indent,
    do_replace,
    do_tojson,
    sync_do_join,
)
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from ..limits import MAX_OUTPUT_CHARS, RenderLimit

PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
# The numbers of a %-conversion: width and precision ("%-3000000000s", "%.9999999f").
PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")
DIGITS = re.compile(r"\d+")


def check_width(width: Any, what: str) -> None:
    """RenderLimit for a padding width or precision past MAX_OUTPUT_CHARS: the text it
    asks for is made in C, in one piece, before any other limit can see it."""
    if isinstance(width, int) and width > MAX_OUTPUT_CHARS:
        raise RenderLimit(
            f"{what} asks for {width:,} characters; the limit is {MAX_OUTPUT_CHARS:,}"
        )


def check_percent(template: Any, values: Any) -> None:
    """The widths and precisions of `template % values`, and those `*` takes from values."""
    if not isinstance(template, str) or "%" not in template:
        return
    starred = False
    for match in PERCENT_SPEC.finditer(template):
        for number in match.groups():
            if number == "*":
                starred = True
            elif number:
                check_width(int(number), "a %-format width")
    if starred:
        items = values if isinstance(values, tuple) else (values,)
        for item in items:
            check_width(abs(item) if isinstance(item, int) else None, "a %-format width")


def check_format_spec(spec: str) -> None:
    """The widths and precisions in a str.format spec (`{:>3000000000}`)."""
    for number in DIGITS.findall(spec):
        check_width(int(number), "a format width")


def center(value: Any, width: int = 80) -> str:
    check_width(width, f"center({width})")
    return do_center(value, width)


def indent(value: str, width: Any = 4, first: bool = False, blank: bool = False) -> str:
    if isinstance(width, int):  # every line gets the width
        check_width(width * (str(value).count("\n") + 1), f"indent({width})")
    return do_indent(value, width, first, blank)


@jinja2.pass_eval_context
def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    if isinstance(value, (list, tuple)) and isinstance(d, str):
        check_width(len(d) * max(len(value) - 1, 0), "join")
    return sync_do_join(eval_ctx, value, d, attribute)


@jinja2.pass_eval_context
def tojson(eval_ctx: Any, value: Any, indent: Any = None) -> Markup:
    if isinstance(indent, int) and indent > 0:  # each line of the compact JSON, at most
        check_width(indent * len(do_tojson(eval_ctx, value)), f"tojson(indent={indent})")
    return do_tojson(eval_ctx, value, indent)


def format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    check_percent(str(value), kwargs or args)
    return do_format(value, *args, **kwargs)


@jinja2.pass_eval_context
def replace(eval_ctx: Any, value: str, old: str, new: str, count: int | None = None) -> str:
    check_replace(str(value), old, new, count)
    return do_replace(eval_ctx, value, old, new, count)


def check_replace(text: str, old: Any, new: Any, count: Any = None) -> None:
    if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        times = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        check_width(len(text) + times * (len(new) - len(old)), "replace")


class BoundedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec)
        return super().format_field(value, format_spec)


class BoundedEscapeFormatter(BoundedFormatter, SandboxedEscapeFormatter):
    pass


def huge_power(base: Any, exponent: Any) -> bool:
    """More than ~10,000 binary digits: far beyond any figure in a posting."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) < 2:
        return False
    return exponent * abs(base).bit_length() > 10_000
