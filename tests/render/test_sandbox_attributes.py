"""The sandbox keeps its attribute decisions per type and name: always Jinja's decision."""

from __future__ import annotations

import collections
import collections.abc
import types

import jinja2
import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from jobgen.render.sandbox import PostingSandbox


def _function() -> None:
    pass


def _generator():
    yield 1


class Plain:
    name = "plain"

    def append(self, item: object) -> None:
        pass

    def method(self) -> None:
        pass


SAMPLES = [
    ([], ("append", "clear", "index", "count", "__class__", "_private")),
    ({}, ("clear", "keys", "get", "update", "pop", "items")),
    (set(), ("add", "discard", "union", "copy")),
    (collections.deque(), ("append", "appendleft", "count")),
    ((1, 2), ("index", "count", "__len__")),
    ("text", ("upper", "format", "format_map", "center", "__class__", "mro")),
    (_function, ("__globals__", "__code__", "__name__", "__doc__", "func_globals")),
    (Plain().method, ("__func__", "__self__", "im_func", "__name__")),
    (Plain, ("mro", "name", "__subclasses__", "__base__")),
    (str, ("mro", "upper", "join")),
    (_generator(), ("gi_frame", "gi_code", "gi_running", "send", "close")),
    (_function.__code__, ("co_code", "co_name", "replace")),
    (Plain(), ("append", "name", "method", "__dict__")),
    (types.SimpleNamespace(a=1), ("a", "__dict__")),
]


def decisions(env: jinja2.Environment) -> list[bool]:
    return [
        env.is_safe_attribute(obj, attr, getattr(obj, attr, None))
        for obj, attrs in SAMPLES
        for attr in attrs
    ]


def test_every_decision_is_jinjas_when_first_asked_and_when_kept():
    jinja = decisions(ImmutableSandboxedEnvironment())
    env = PostingSandbox()
    assert decisions(env) == jinja  # first asked
    assert decisions(env) == jinja  # kept
    assert not all(jinja) and any(jinja)


def test_an_abc_registered_later_is_seen():
    """`modifies_known_mutable` asks the ABCs; a registration made after a decision
    was kept makes the sandbox decide again."""

    class Box:
        def append(self, item: object) -> None:
            pass

    env = PostingSandbox()
    box = Box()
    assert env.is_safe_attribute(box, "append", box.append)
    collections.abc.MutableSequence.register(Box)
    assert not ImmutableSandboxedEnvironment().is_safe_attribute(box, "append", box.append)
    assert not env.is_safe_attribute(box, "append", box.append)


def test_an_object_whose_class_is_not_its_type_is_decided_each_time():
    """isinstance reads `__class__`, which an object may answer for itself."""

    class Mask:
        def __init__(self, shown: type | None) -> None:
            self.shown = shown

        @property  # type: ignore[misc]
        def __class__(self) -> type:
            return self.shown or type(self)

        def append(self, item: object) -> None:
            pass

    env, jinja = PostingSandbox(), ImmutableSandboxedEnvironment()
    honest, masked = Mask(None), Mask(list)
    assert env.is_safe_attribute(honest, "append", honest.append)  # kept for Mask
    assert not jinja.is_safe_attribute(masked, "append", masked.append)
    assert not env.is_safe_attribute(masked, "append", masked.append)


@pytest.mark.parametrize(
    "expression",
    ["items.append", "data.clear", "data.update", "text.__class__", "items.__len__"],
)
def test_templates_are_refused_the_same_attribute_every_time(expression):
    env = PostingSandbox(undefined=jinja2.StrictUndefined)
    template = env.from_string(f"{{{{ {expression} }}}}")
    context = {"items": [1], "data": {"a": 1}, "text": "x"}
    for _ in range(3):
        with pytest.raises(SecurityError):
            template.render(context)
    assert env.from_string("{{ data.keys() | list }} {{ text.upper() }}").render(context) == (
        "['a'] X"
    )
