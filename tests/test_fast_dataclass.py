"""`jobgen.fast_dataclass.dataclass` makes what the standard library's makes.

Each class shape the models use is written twice, once with each decorator, and the
two are compared: fields, signature text, equality, hashing, printing, copying, the
refusals (frozen, wrong arguments), `replace`, `asdict`, inheritance with kw_only.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, ClassVar

import pytest

from jobgen import fast_dataclass
from jobgen.errors import Problem
from jobgen.inputs.models import Company, Posting, Role, WorkspaceConfig


def shapes(decorate: Any) -> dict[str, type]:
    """The same classes, made by `decorate` (the stdlib's dataclass or ours)."""

    @decorate(frozen=True)
    class Point:
        x: int
        y: int = 0
        label: str | None = dataclasses.field(default=None, metadata={"key": "name"})
        tags: tuple[str, ...] = ()
        extra: tuple[int, ...] = dataclasses.field(default_factory=tuple)
        LIMIT: ClassVar[int] = 3

    @decorate(frozen=True)
    class One:
        only: int

    @decorate(frozen=True)
    class Empty:
        """No fields at all."""

    @decorate(frozen=True, kw_only=True)
    class Base:
        a: int | None = None
        b: str = "b"

    @decorate(frozen=True, kw_only=True)
    class Child(Base):
        c: str = dataclasses.field(metadata={"from": "file"})
        d: tuple[int, ...] = ()

    @decorate
    class Mutable:
        name: str
        items: list[int] = dataclasses.field(default_factory=list)
        seen: dict[str, int] = dataclasses.field(init=False, default_factory=dict)
        total: int = dataclasses.field(init=False)

        def __post_init__(self) -> None:
            self.total = sum(self.items)

    @decorate(frozen=True)
    class Custom:
        """Its own __repr__ and __hash__ stay."""

        value: int

        def __repr__(self) -> str:
            return "custom"

        def __hash__(self) -> int:
            return 7

    return {c.__name__: c for c in (Point, One, Empty, Base, Child, Mutable, Custom)}


STDLIB = shapes(dataclasses.dataclass)
OURS = shapes(fast_dataclass.dataclass)

CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("Point", (1,), {}),
    ("Point", (1, 2), {"label": "p", "tags": ("a",), "extra": (1,)}),
    ("Point", (), {"x": 1, "y": 2}),
    ("One", (5,), {}),
    ("Empty", (), {}),
    ("Base", (), {}),
    ("Base", (), {"a": 1}),
    ("Child", (), {"c": "x"}),
    ("Child", (), {"c": "x", "a": 2, "d": (1, 2)}),
    ("Mutable", ("m",), {"items": [1, 2]}),
    ("Custom", (3,), {}),
]
WRONG: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("Point", (), {}),
    ("Point", (1, 2, None, (), (), 9), {}),
    ("One", (1, 2), {}),
    ("Point", (1,), {"x": 2}),
    ("Point", (1,), {"z": 2}),
    ("Child", (), {}),
    ("Child", ("x",), {}),
    ("Mutable", ("m",), {"seen": {}}),
]


def fields_of(cls: type) -> list[tuple[Any, ...]]:
    return [
        (f.name, f.type, f.default, f.init, f.repr, f.hash, f.compare, f.kw_only, dict(f.metadata))
        for f in dataclasses.fields(cls)
    ]


def test_the_classes_are_the_same():
    for name, theirs in STDLIB.items():
        ours = OURS[name]
        assert dataclasses.is_dataclass(ours)
        assert fields_of(ours) == fields_of(theirs), name
        assert ours.__doc__ == theirs.__doc__, name
        assert ours.__match_args__ == theirs.__match_args__, name
        assert (ours.__hash__ is None) == (theirs.__hash__ is None), name
        for attribute in ("init", "repr", "eq", "order", "unsafe_hash", "frozen"):
            assert getattr(ours.__dataclass_params__, attribute) == getattr(
                theirs.__dataclass_params__, attribute
            ), (name, attribute)


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS)
def test_instances_behave_the_same(name: str, args: tuple, kwargs: dict):
    theirs = STDLIB[name](*args, **copy.deepcopy(kwargs))
    ours = OURS[name](*args, **copy.deepcopy(kwargs))
    again = OURS[name](*args, **copy.deepcopy(kwargs))
    assert repr(ours) == repr(theirs)
    assert vars(ours) == vars(theirs) and list(vars(ours)) == list(vars(theirs))
    assert ours == again
    assert (ours != again) is False
    assert ours != theirs  # another class: NotImplemented both ways, then identity
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    if theirs.__hash__ is not None:
        assert hash(ours) == hash(theirs)
    assert dataclasses.replace(ours) == ours
    assert copy.deepcopy(ours) == ours
    if STDLIB[name].__dataclass_params__.frozen:
        for action in (lambda o: setattr(o, "x", 1), lambda o: delattr(o, "x")):
            with pytest.raises(dataclasses.FrozenInstanceError) as mine:
                action(ours)
            with pytest.raises(dataclasses.FrozenInstanceError) as stdlib:
                action(theirs)
            assert str(mine.value) == str(stdlib.value)


@pytest.mark.parametrize(("name", "args", "kwargs"), WRONG)
def test_wrong_arguments_are_refused_the_same(name: str, args: tuple, kwargs: dict):
    with pytest.raises(TypeError) as stdlib:
        STDLIB[name](*args, **kwargs)
    with pytest.raises(TypeError) as mine:
        OURS[name](*args, **kwargs)
    assert str(mine.value).split("__init__() ")[1] == str(stdlib.value).split("__init__() ")[1]


def test_class_mistakes_are_refused():
    with pytest.raises(TypeError, match="non-default argument 'y' follows default argument"):

        @fast_dataclass.dataclass(frozen=True)
        class Wrong:
            x: int = 0
            y: int

    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen"):

        @fast_dataclass.dataclass
        class Thawed(OURS["Point"]):
            z: int = 0


def test_a_stdlib_dataclass_may_extend_a_model():
    @dataclasses.dataclass(frozen=True)
    class More(OURS["Point"]):
        z: int = 0

    assert More(1, z=2) == More(1, z=2)
    assert repr(More(1)) == "test_a_stdlib_dataclass_may_extend_a_model.<locals>.More(" + (
        "x=1, y=0, label=None, tags=(), extra=(), z=0)"
    )


def test_the_models_are_dataclasses():
    for model in (Role, Company, Posting, Problem):
        assert dataclasses.is_dataclass(model)
        assert model.__dataclass_params__.frozen
    problem = Problem("a.yaml", 1, 2, "x", "wrong")
    assert problem == Problem("a.yaml", 1, 2, "x", "wrong")
    assert {problem: 1}[Problem("a.yaml", 1, 2, "x", "wrong")] == 1
    assert pickle.loads(pickle.dumps(problem)) == problem  # as batch's workers send them
    config = WorkspaceConfig()
    assert pickle.loads(pickle.dumps(config)) == config
    assert hash(pickle.loads(pickle.dumps(config))) == hash(config)


def test_the_library_dataclasses_on_every_start_are_fast_ones():
    """A stdlib @dataclass in these packages would cost its compile on every command."""
    import importlib
    import pkgutil

    import jobgen.inputs
    import jobgen.lint

    modules = ["jobgen.errors", "jobgen.render.template_files"] + [
        f"{package.__name__}.{info.name}"
        for package in (jobgen.inputs, jobgen.lint)  # lint runs in every generate
        for info in pkgutil.iter_modules(package.__path__)
    ]
    slow = []
    for name in modules:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == name
                and dataclasses.is_dataclass(value)
                and value.__init__.__code__.co_filename != fast_dataclass.__file__
            ):
                slow.append(f"{name}.{value.__qualname__}")
    assert not slow, f"use jobgen.fast_dataclass.dataclass for {slow}"
