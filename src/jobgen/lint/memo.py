"""What lint works out from a block of text, kept for the run: a batch lints one role's
text at every company that posts it, so most blocks have been seen before.

Only short texts are kept (every block of the built-in postings is under 400
characters), so a hostile file of one huge paragraph, or thousands of files, cannot
fill memory: longer texts are worked out each time, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

LONGEST = 1_000  # characters: the longest text kept
KEPT = 768  # texts kept per function, the least recently used dropped first: a role's
# blocks recur at every company and stay; a company's own are dropped as the run moves on

T = TypeVar("T")


def per_text(function: Callable[..., T]) -> Callable[..., T]:
    """`function(text, *args)`, kept for short texts (its arguments must be hashable, its
    result never changed by a caller)."""
    cached = lru_cache(maxsize=KEPT)(function)

    @wraps(function)
    def call(text: str, *args: Any) -> T:
        return function(text, *args) if len(text) > LONGEST else cached(text, *args)

    @wraps(function)
    def call_one(text: str) -> T:  # most take the text alone: no tuple of arguments
        return function(text) if len(text) > LONGEST else cached(text)

    code = function.__code__
    alone = code.co_argcount == 1 and not code.co_kwonlyargcount and not code.co_flags & 0x04
    return call_one if alone else call  # (0x04: the function takes *args)


def kept_on(owner: object, name: str) -> dict[Any, Any]:
    """A dict of what was worked out for `owner` (a rule book), stored on it: what a book's
    lists make of a heading or a company dies with the book, and a new book (other
    `lint:` settings) can never be handed an old book's results."""
    found = owner.__dict__.get("_kept")
    if found is None:
        found = owner.__dict__["_kept"] = {}
    table = found.get(name)
    if table is None:
        table = found[name] = {}
    return table


def keep(table: dict[Any, T], key: Any, value: T, most: int = KEPT) -> T:
    """`value` kept under `key`, the oldest entry dropped first past `most` entries."""
    if len(table) >= most:
        del table[next(iter(table))]
    table[key] = value
    return value


_UNKNOWN = object()


def known(table: dict[str, T], text: str, work: Callable[[str], T]) -> T:
    """`work(text)`, kept in `table` for a short text (a table of `kept_on`)."""
    found = table.get(text, _UNKNOWN)
    if found is _UNKNOWN:
        found = work(text)
        if len(text) <= LONGEST:
            keep(table, text, found)
    return found  # type: ignore[return-value]


def made(cls: type[T], **fields: Any) -> T:
    """`cls(**fields)` for a dataclass lint makes by the thousand (blocks, sections,
    findings): the fields set as its `__init__` sets them, less that `__init__`'s checks
    of the arguments' names. `fields` must name every field, in order (a test compares
    each class's instances made both ways)."""
    instance = _NEW(cls)
    instance.__dict__.update(fields)
    return instance


_NEW = object.__new__
