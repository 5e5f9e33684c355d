"""Dependency inference reads bytecode, whose instructions change with every
CPython release (3.11 specialises, 3.12 inlines comprehensions, 3.13 fuses
LOAD_FAST pairs). One table of body shapes, one expected answer each: the
same on every supported Python (scripts/test-pythons.sh runs it on each).

Dependencies come back in field declaration order, whatever order the body
reads them in, so the answer cannot depend on how a version lays out code.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from pconfigs import Pinned, pconfig, pproperty
from pconfigs.config import spec_of


@pconfig
class Fields:
    a: int
    b: int
    c: int
    flag: bool
    mode: str
    items: tuple[int, ...]
    out: Pinned[object]

    def helper(self) -> int:
        return 1


@pconfig
class AttributeReads(Fields):
    @pproperty
    def out(self) -> object:
        return self.b + self.a


@pconfig
class MethodCallOnAField(Fields):
    @pproperty
    def out(self) -> object:
        return self.mode.upper()


@pconfig
class ListComprehension(Fields):
    @pproperty
    def out(self) -> object:
        return [x * self.c for x in self.items]


@pconfig
class OtherComprehensions(Fields):
    @pproperty
    def out(self) -> object:
        keys = {x: self.a for x in range(2)}
        seen = {self.b for _ in keys}
        return sum(self.c for _ in seen)


@pconfig
class Closure(Fields):
    @pproperty
    def out(self) -> object:
        def inner() -> int:
            return self.c

        return inner() + self.a


@pconfig
class NestedFunctionTwoLevels(Fields):
    @pproperty
    def out(self) -> object:
        def outer() -> object:
            def inner() -> object:
                return self.b

            return inner

        return outer


@pconfig
class NestedFunctionShadowingSelf(Fields):
    @pproperty
    def out(self) -> object:
        def unrelated(self: Any) -> object:
            return self.c  # another object's attribute, not this config's

        return unrelated(object()) and self.a


@pconfig
class Lambda(Fields):
    @pproperty
    def out(self) -> object:
        return sorted(self.items, key=lambda x: x * self.b)


@pconfig
class GetattrLiteral(Fields):
    @pproperty
    def out(self) -> object:
        return getattr(self, "c") + getattr(self, "a", 0)  # noqa: B009


@pconfig
class GetattrInClosure(Fields):
    @pproperty
    def out(self) -> object:
        return (lambda: getattr(self, "b"))()  # noqa: B009


@pconfig
class Conditionals(Fields):
    @pproperty
    def out(self) -> object:
        if self.flag:
            return self.a
        return self.b if self.mode else self.c


@pconfig
class Super(Fields):
    @pproperty
    def out(self) -> object:
        return super().helper() + self.c


@pconfig
class Walrus(Fields):
    @pproperty
    def out(self) -> object:
        if (n := self.c) > 0:
            return n + self.a
        return n


@pconfig
class FString(Fields):
    @pproperty
    def out(self) -> object:
        return f"{self.mode}-{self.a!r:>4}"


@pconfig
class TryExcept(Fields):
    @pproperty
    def out(self) -> object:
        try:
            return self.a / self.b
        except ZeroDivisionError:
            return self.c
        finally:
            pass


@pconfig
class LocalsBeforeSelf(Fields):
    # 3.13 loads `total` and `self` with one LOAD_FAST_LOAD_FAST.
    @pproperty
    def out(self) -> object:
        total = 1
        total += self.c
        return total * self.a


@pconfig
class SelfPassedAlong(Fields):
    # `self` handed to a function is not a read of any field.
    @pproperty
    def out(self) -> object:
        return id(self) + len(self.items)


@pconfig
class Match(Fields):
    @pproperty
    def out(self) -> object:
        match self.mode:
            case "sum":
                return self.a + self.b
            case _:
                return self.c


@pconfig
class DeclaredDeps(Fields):
    @pproperty(deps=["c"])
    def out(self) -> object:
        return self.a


SHAPES: list[tuple[type, tuple[str, ...]]] = [
    (AttributeReads, ("a", "b")),
    (MethodCallOnAField, ("mode",)),
    (ListComprehension, ("c", "items")),
    (OtherComprehensions, ("a", "b", "c")),
    (Closure, ("a", "c")),
    (NestedFunctionTwoLevels, ("b",)),
    (NestedFunctionShadowingSelf, ("a",)),
    (Lambda, ("b", "items")),
    (GetattrLiteral, ("a", "c")),
    (GetattrInClosure, ("b",)),
    (Conditionals, ("a", "b", "c", "flag", "mode")),
    (Super, ("c",)),
    (Walrus, ("a", "c")),
    (FString, ("a", "mode")),
    (TryExcept, ("a", "b", "c")),
    (LocalsBeforeSelf, ("a", "c")),
    (SelfPassedAlong, ("items",)),
    (Match, ("a", "b", "c", "mode")),
    (DeclaredDeps, ("a", "c")),
]


@pytest.mark.parametrize(
    ("config_class", "expected"), SHAPES, ids=[cls.__name__ for cls, _ in SHAPES]
)
def test_dependencies_are_the_same_on_every_python(
    config_class: type, expected: tuple[str, ...]
) -> None:
    assert spec_of(config_class).deps["out"] == expected, sys.version


def test_a_self_read_inside_a_comprehension_is_still_a_self_read() -> None:
    # 3.12 inlines comprehensions into the method's own code; the check that
    # points to pinputs() must see the read on every version.
    from pconfigs.errors import ConfigDefinitionError

    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig
        class Loop(Fields):
            @pproperty
            def out(self) -> object:
                return [self.out for _ in range(2)]

    where = "test_a_self_read_inside_a_comprehension_is_still_a_self_read.<locals>"
    assert str(raised.value) == (
        f"@pproperty {where}.Loop.out reads self.out, its own value, "
        "which is what it computes\n"
        "  Fix: read the raw input with pinputs(self).out"
    )
