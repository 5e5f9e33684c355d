"""``@penum``: an ``Enum`` whose members print as code and are made from values.

::

    @penum
    class Color(Enum):
        red = 1
        blue = 2

    Color.make(1) is Color.red      # by value; a member is returned as it is
    repr(Color.red) == "Color.red"  # valid Python, as configs print it

Configs print every enum member as ``Color.red`` already; ``@penum`` also
makes ``repr`` say so (in logs, f-strings, debuggers) and adds ``make``.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from pconfigs.errors import ConfigDefinitionError, EnumValueError, describe, message

__all__ = ["penum"]

E = TypeVar("E", bound=type[enum.Enum])


def penum(cls: E, /) -> E:
    """Give the ``Enum`` class ``cls`` a code-like ``repr`` and ``make(value)``;
    returns the same class."""
    if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
        raise ConfigDefinitionError(
            message(
                f"@penum decorates an Enum class, got {describe(cls)}",
                "Fix: subclass Enum: `@penum class Color(Enum): ...`",
            )
        )
    if "make" in cls.__members__:
        raise ConfigDefinitionError(
            message(
                f"{cls.__qualname__}.make: a @penum member cannot be named 'make'; "
                f"it is {cls.__qualname__}.make(value), which finds a member by value",
                "Fix: rename the member",
            )
        )
    type.__setattr__(cls, "make", classmethod(_make))
    type.__setattr__(cls, "__repr__", _repr)
    return cls


def _repr(member: enum.Enum) -> str:
    return f"{type(member).__qualname__}.{member.name}"


def _make(cls: Any, value: Any) -> Any:
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        pass
    values = ", ".join(repr(m.value) for m in cls)
    raise EnumValueError(
        message(
            f"{cls.__qualname__}.make({value!r}): no member of {cls.__qualname__} "
            f"has the value {describe(value)}",
            f"Values of {cls.__qualname__}: {values}",
            f"Fix: pass one of these values, or a member ({cls.__qualname__}.<name>)",
        )
    )
