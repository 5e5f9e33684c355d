"""The sentinels ``Pinned``, ``Pin`` and ``Required``.

``Pinned`` is two things at once: as an annotation (``x: Pinned[int]``) it
marks a field that users cannot set; as a value (``x=Pinned``) it means "use
the computed or pinned value". ``Pin(value)`` is the authorised way to put a
fixed value into a Pinned field, and ``Required`` is a placeholder in a
registered default for a value that must be given later.

Type checkers see ``Pinned[T]`` as a descriptor whose reads give ``T`` and
whose only accepted assignment is the ``Pinned`` sentinel or a ``Pin[T]``:
that is what makes pyright accept the seed's ``trainer.py`` without a plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from pconfigs.errors import SentinelAttributeError, SentinelUsageError

T = TypeVar("T")

__all__ = ["Pin", "Pinned", "PinnedAnnotation", "Required", "is_sentinel"]


class Pin(Generic[T]):
    """A fixed value for a ``Pinned`` field.

    Only registered defaults, config class bodies and ``@pproperty`` bodies
    should pin values (the type checkers enforce it)::

        pdefaults += ModelConfig(width=64, version=Pin(3))
    """

    __slots__ = ("value",)
    __match_args__ = ("value",)

    value: T

    def __init__(self, value: T) -> None:
        if isinstance(value, Pin):
            value = value.value
        object.__setattr__(self, "value", value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Pin is immutable; create a new Pin({value!r})")

    def __repr__(self) -> str:
        return f"Pin({self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Pin):
            return bool(self.value == other.value)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((Pin, self.value))

    def __reduce__(self) -> tuple[type[Pin[T]], tuple[T]]:
        return (Pin, (self.value,))


class _Sentinel:
    """A named singleton that refuses to be used as a value."""

    __slots__ = ("_name",)

    _name: str

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)

    def __repr__(self) -> str:
        return self._name

    def __reduce__(self) -> str:
        return self._name

    def __copy__(self) -> _Sentinel:
        return self

    def __deepcopy__(self, memo: object) -> _Sentinel:
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise SentinelAttributeError(
            f"{self._name} is a sentinel; it has no attributes"
        )

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            # Protocol probes (hasattr(x, "__array__"), ...) must see a plain miss.
            raise AttributeError(name)
        raise SentinelAttributeError(self._refusal(f"read attribute {name!r} of"))

    def _refusal(self, action: str) -> str:
        return (
            f"Cannot {action} the {self._name} sentinel: it stands for a value that "
            f"is not known yet\n"
            f"  {self._name} is a placeholder in config inputs; read the config's "
            f"resolved attribute instead, or give the field a real value"
        )

    def _refuse(self, *args: object) -> Any:
        raise SentinelUsageError(self._refusal("compute with"))

    def __bool__(self) -> bool:
        raise SentinelUsageError(self._refusal("test the truth of"))

    def __len__(self) -> int:
        raise SentinelUsageError(self._refusal("take the len() of"))

    def __iter__(self) -> Any:
        raise SentinelUsageError(self._refusal("iterate over"))

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _refuse
    __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _refuse
    __neg__ = __pos__ = __abs__ = __invert__ = _refuse
    __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __int__ = __float__ = __index__ = __complex__ = _refuse
    __contains__ = __call__ = _refuse

    def __getitem__(self, key: object) -> Any:
        raise SentinelUsageError(self._refusal("subscript"))

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return hash(self._name)


class PinnedAnnotation:
    """What ``Pinned[T]`` evaluates to at run time: a marker holding ``T``."""

    __slots__ = ("type",)

    def __init__(self, tp: object) -> None:
        self.type = tp

    def __repr__(self) -> str:
        name = getattr(self.type, "__qualname__", None)
        return f"Pinned[{name}]" if isinstance(name, str) else f"Pinned[{self.type!r}]"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PinnedAnnotation):
            return bool(self.type == other.type)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((PinnedAnnotation, self.type))


class _PinnedSentinel(_Sentinel):
    __slots__ = ()

    def __getitem__(self, tp: object) -> PinnedAnnotation:
        return PinnedAnnotation(tp)


if TYPE_CHECKING:

    class _PinnedSentinelType(type):
        # The sentinel value is the class object ``Pinned``, an instance of
        # this metaclass: its descriptor methods let it satisfy the protocol
        # ``Pinned[T]`` for every ``T``, so ``x: Pinned[int] = Pinned`` in a
        # class body and ``x=Pinned`` in a call type-check.
        def __get__(self, instance: object, owner: Any, /) -> Any: ...
        def __set__(self, instance: object, value: Any, /) -> None: ...

    class Pinned(Protocol[T], metaclass=_PinnedSentinelType):
        """A field users cannot set: ``x: Pinned[int]`` reads as ``int``."""

        @overload
        def __get__(self, instance: None, owner: Any, /) -> Pinned[T]: ...
        @overload
        def __get__(self, instance: object, owner: Any, /) -> T: ...
        def __get__(self, instance: object, owner: Any, /) -> Pinned[T] | T: ...
        def __set__(self, instance: object, value: Pinned[Any] | Pin[T], /) -> None: ...

    # A placeholder accepted for any field in a registered default.
    Required: Any
else:
    Pinned = _PinnedSentinel("Pinned")
    Required = _Sentinel("Required")


def is_sentinel(value: object) -> bool:
    """True for the ``Pinned`` and ``Required`` sentinels."""
    return value is Pinned or value is Required
