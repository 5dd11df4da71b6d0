"""`dataclass`: the standard library's dataclasses, without most of their start-up cost.

`dataclasses.dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` as source text and compiles it, class by class, every
time the module is imported: about a millisecond per frozen class, and jobgen has dozens
of them on every command's path. This decorator lets the standard one work out the
fields (defaults, `field()`, `kw_only`, inheritance, `ClassVar`), then gives the class
the same methods made from closures that are written once, here, and compiled with
this module.

The result is a dataclass: `dataclasses.fields`, `replace`, `asdict` and `is_dataclass`
work on it, and its instances compare, hash, print, pickle and refuse assignment (when
frozen) exactly as the standard library's do. Not supported (nothing here uses them):
`InitVar`, `order=True`, `slots=True`, `unsafe_hash=True`.
"""

from __future__ import annotations

import dataclasses
from _thread import get_ident
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T", bound=type)

# How `__init__` sets each field: from an argument (with no default, a default or a
# default factory), or, for a field left out of `__init__`, by its default factory.
_REQUIRED, _DEFAULT, _FACTORY, _FACTORY_ONLY = range(4)


def dataclass(cls: T | None = None, /, *, frozen: bool = False, kw_only: bool = False) -> Any:
    """`@dataclass`, `@dataclass(frozen=True)`, `@dataclass(frozen=True, kw_only=True)`."""

    def wrap(cls: T) -> T:
        return _process(cls, frozen, kw_only)

    return wrap if cls is None else wrap(cls)


def _process(cls: T, frozen: bool, kw_only: bool) -> T:
    own = cls.__dict__
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    bases = [
        b.__dict__["__dataclass_params__"]
        for b in cls.__mro__[1:]
        if "__dataclass_fields__" in b.__dict__ and "__dataclass_params__" in b.__dict__
    ]
    any_frozen = any(params.frozen for params in bases)
    if bases and any_frozen != frozen:  # as the standard decorator checks
        have, other = ("frozen", "non-frozen") if frozen else ("non-frozen", "frozen")
        raise TypeError(f"cannot inherit {have} dataclass from a {other} one")
    if frozen and ("__setattr__" in own or "__delattr__" in own):
        raise TypeError(f"Cannot overwrite attribute __setattr__ in class {cls.__name__}")
    has_doc = bool(own.get("__doc__"))
    if not has_doc:
        cls.__doc__ = "-"  # or the standard decorator works out a signature with inspect
    for params in bases:  # the standard decorator is told this class is not frozen
        params.frozen = False
    try:
        dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
    finally:
        for params in bases:
            params.frozen = frozen
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    params.init = params.repr = params.eq = True
    params.frozen = frozen

    fields = dataclasses.fields(cls)
    in_init = [f for f in fields if f.init and not f.kw_only]
    in_init += [f for f in fields if f.init and f.kw_only]
    _check_default_order(in_init)
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _make_init(cls, fields, in_init),
        "__repr__": _make_repr([f.name for f in fields if f.repr]),
        "__eq__": _make_eq([f.name for f in fields if f.compare]),
    }
    if frozen:
        names = frozenset(f.name for f in fields)
        methods["__setattr__"], methods["__delattr__"] = _make_frozen(cls, names)
    for name, method in methods.items():
        if name not in own:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    if not explicit_hash:
        hashed = [f.name for f in fields if f.compare if f.hash is None or f.hash]
        cls.__hash__ = _make_hash(hashed) if frozen else None  # type: ignore[assignment]
    if not has_doc:
        cls.__doc__ = cls.__name__ + _text_signature(in_init)
    return cls


def _check_default_order(in_init: list[dataclasses.Field]) -> None:
    seen_default = False
    for f in in_init:
        if f.kw_only:
            break
        if _has_default(f):
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")


def _has_default(f: dataclasses.Field) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


def _make_init(
    cls: type, fields: tuple[dataclasses.Field, ...], in_init: list[dataclasses.Field]
) -> Callable[..., None]:
    positional = tuple(f.name for f in in_init if not f.kw_only)
    accepted = frozenset(f.name for f in in_init)
    specs = []  # (name, how, default or factory), in the fields' order, as the stdlib sets them
    for f in fields:
        if f.default_factory is not MISSING:
            specs.append((f.name, _FACTORY if f.init else _FACTORY_ONLY, f.default_factory))
        elif f.init:
            how = _REQUIRED if f.default is MISSING else _DEFAULT
            specs.append((f.name, how, f.default))
    post_init = getattr(cls, "__post_init__", None) is not None
    optional = sum(1 for f in in_init if not f.kw_only and _has_default(f))
    most = len(positional) + 1  # with self, as Python counts them
    if optional:
        takes = f"from {most - optional} to {most} positional arguments"
    else:
        takes = f"{most} positional argument{'s' if most != 1 else ''}"
    qualname = f"{cls.__qualname__}.__init__()"

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > len(positional):
                raise TypeError(f"{qualname} takes {takes} but {len(args) + 1} were given")
            values = dict(zip(positional, args, strict=False))
            for name in kwargs:
                if name in values:
                    raise TypeError(f"{qualname} got multiple values for argument {name!r}")
            values.update(kwargs)
        else:
            values = kwargs
        if not accepted.issuperset(values):
            name = next(name for name in values if name not in accepted)
            raise TypeError(f"{qualname} got an unexpected keyword argument {name!r}")
        own = self.__dict__
        missing = []
        for name, how, default in specs:
            if how != _FACTORY_ONLY and name in values:
                own[name] = values[name]
            elif how == _DEFAULT:
                own[name] = default
            elif how != _REQUIRED:
                own[name] = default()
            else:
                missing.append(name)
        if missing:
            raise TypeError(_missing_message(qualname, missing, positional))
        if post_init:
            self.__post_init__()

    return __init__


def _missing_message(qualname: str, missing: list[str], positional: tuple[str, ...]) -> str:
    kind = "positional" if missing[0] in positional else "keyword-only"
    missing = [name for name in missing if (name in positional) == (kind == "positional")]
    quoted = [repr(name) for name in missing]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
    plural = "argument" if len(missing) == 1 else "arguments"
    return f"{qualname} missing {len(missing)} required {kind} {plural}: {listed}"


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple (as the stdlib's `(self.a, self.b,)`), however many."""
    if len(names) >= 2:
        return attrgetter(*names)  # type: ignore[return-value]
    if names:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()


def _make_repr(names: list[str]) -> Callable[[Any], str]:
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = (id(self), get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _make_eq(names: list[str]) -> Callable[[Any, Any], Any]:
    values = _getter(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _make_hash(names: list[str]) -> Callable[[Any], int]:
    values = _getter(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _make_frozen(
    cls: type, names: frozenset[str]
) -> tuple[Callable[[Any, str, Any], None], Callable[[Any, str], None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _text_signature(in_init: list[dataclasses.Field]) -> str:
    """`(a: 'int', b: 'str' = 'x')`, as `inspect.signature` words the stdlib's `__init__`."""
    parts = []
    for f in in_init:
        if f.kw_only and "*" not in parts:
            parts.append("*")
        text = f"{f.name}: {f.type!r}" if isinstance(f.type, str) else f"{f.name}: {f.type}"
        if f.default is not MISSING:
            text += f" = {f.default!r}"
        elif f.default_factory is not MISSING:
            text += " = <factory>"
        parts.append(text)
    return f"({', '.join(parts)})"
