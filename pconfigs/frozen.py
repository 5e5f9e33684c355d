"""Deeply frozen values: the lists, dicts and sets a config holds.

A config freezes every ``list``, ``dict`` and ``set`` it stores (given,
defaulted or computed, and those nested in tuples, lists and dicts) into
:class:`FrozenList`, :class:`FrozenDict` and :class:`FrozenSet`. They are
subclasses of the builtins, so ``isinstance`` checks, equality, iteration,
JSON and printing see ordinary containers; every method that would change one
raises :class:`~pconfigs.errors.FrozenConfigError` naming the config field it
belongs to. Operations that build new containers (``+``, ``|``, slicing,
``.copy()``, ``list(...)``) give ordinary, mutable ones.

Only these exact builtin types are frozen: instances of other classes
(subclasses of ``list``, arrays, tensors, user objects) are stored as given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pconfigs.errors import FrozenConfigError, message
from pconfigs.sentinels import Pin

__all__ = [
    "MUTABLE_KINDS",
    "STORED_KINDS",
    "FrozenDict",
    "FrozenList",
    "FrozenSet",
    "freeze",
    "freeze_as",
    "freeze_pin",
    "store_as",
]

# The classes whose instances a config copies into frozen ones. A tuple is
# immutable but may hold a list, so it is looked into (and rebuilt only then).
MUTABLE_KINDS = frozenset({list, dict, set, tuple})
# What a stored plain value may need work for: a container, or a Pin to unwrap.
STORED_KINDS = MUTABLE_KINDS | {Pin}

# (config class name, field name, path inside the field such as "[0]").
Owner = tuple[str, str, str]


def freeze(value: Any, config_name: str, field: str) -> Any:
    """``value`` with every list, dict and set in it frozen (at most one copy
    per container); anything else is returned as it is."""
    if value.__class__ in MUTABLE_KINDS:
        return freeze_as(value, (config_name, field, ""))
    return value


def freeze_pin(pin: Any, config_name: str, field: str) -> Any:
    """A ``Pin`` whose value is frozen (the same ``Pin`` when nothing changes)."""
    value = pin.value
    frozen = freeze(value, config_name, field)
    return pin if frozen is value else type(pin)(frozen)


def freeze_as(value: Any, owner: Owner) -> Any:
    """Freeze a value of a kind in ``MUTABLE_KINDS`` for the field ``owner``.

    The generated ``__init__`` calls this with a prebuilt owner; lists (the
    commonest computed value) take the first, shortest path.
    """
    kind = value.__class__
    if kind is list:
        # One look at each item's type is the floor of finding nested
        # containers; collecting the types into a set first is the cheapest
        # C-level way (a fifth less than testing each against MUTABLE_KINDS).
        if not MUTABLE_KINDS.isdisjoint(set(map(type, value))):
            value = _nested(value, owner, _frozen_list_items)
        frozen_list = _list_new(FrozenList)
        _list_extend(frozen_list, value)
        frozen_list._pc_owner = owner
        return frozen_list
    if kind is dict:
        if MUTABLE_KINDS.isdisjoint(map(type, value.values())):
            items: Any = value
        else:
            items = _nested(value, owner, _frozen_dict_items)
        return _new_dict(items, owner)
    if kind is set:
        return _new_set(value, owner)  # set items are hashable: nothing to freeze
    if kind is tuple:
        if MUTABLE_KINDS.isdisjoint(map(type, value)):
            return value
        return tuple(_nested(value, owner, _frozen_list_items))
    return value


# Containers being frozen right now: one met again holds itself, and is
# kept as given (it has no finite frozen copy; printing reports the cycle).
_active: set[int] = set()


def _nested(value: Any, owner: Owner, freeze_items: Any) -> Any:
    key = id(value)
    _active.add(key)
    try:
        return freeze_items(value, owner)
    finally:
        _active.discard(key)


def _frozen_list_items(value: Any, owner: Owner) -> list[Any]:
    return [_freeze_item(v, owner, i) for i, v in enumerate(value)]


def _frozen_dict_items(value: Any, owner: Owner) -> dict[Any, Any]:
    return {k: _freeze_item(v, owner, k) for k, v in value.items()}


def store_as(value: Any, owner: Owner) -> Any:
    """What a plain field stores for ``value``: a ``Pin``'s value, frozen."""
    if value.__class__ is Pin:
        value = value.value
        if value.__class__ not in MUTABLE_KINDS:
            return value
    return freeze_as(value, owner)


def _freeze_item(value: Any, owner: Owner, key: object) -> Any:
    if value.__class__ not in MUTABLE_KINDS or id(value) in _active:
        return value
    config_name, field, path = owner
    return freeze_as(value, (config_name, field, f"{path}[{key!r}]"))


# --------------------------------------------------------------------------
# The frozen containers


class FrozenList(list):  # type: ignore[type-arg]
    """A ``list`` stored in a config: equal to and usable as a list, but
    unchangeable. ``list(x)`` or ``x.copy()`` gives a changeable copy."""

    __slots__ = ("_pc_owner",)
    _pc_owner: Owner

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # Code that rebuilds a container as ``type(x)(items)`` (such as
        # dataclasses.asdict) gets an ordinary list; configs build frozen
        # ones through list.__new__.
        return list(*args, **kwargs)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Pickles and deep copies stay frozen (a config unpickled is frozen).
        return (_new_list, (list(self), self._pc_owner))

    def __copy__(self) -> FrozenList:
        return self


class FrozenDict(dict):  # type: ignore[type-arg]
    """A ``dict`` stored in a config: equal to and usable as a dict, but
    unchangeable. ``dict(x)`` or ``x.copy()`` gives a changeable copy."""

    __slots__ = ("_pc_owner",)
    _pc_owner: Owner

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # Code that rebuilds a container as ``type(x)(items)`` (such as
        # dataclasses.asdict) gets an ordinary dict; configs build frozen
        # ones through dict.__new__.
        return dict(*args, **kwargs)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_new_dict, (dict(self), self._pc_owner))

    def __copy__(self) -> FrozenDict:
        return self


class FrozenSet(set):  # type: ignore[type-arg]
    """A ``set`` stored in a config: equal to and usable as a set, but
    unchangeable. ``set(x)`` or ``x.copy()`` gives a changeable copy."""

    __slots__ = ("_pc_owner",)
    _pc_owner: Owner

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # Code that rebuilds a container as ``type(x)(items)`` (such as
        # dataclasses.asdict) gets an ordinary set; configs build frozen
        # ones through set.__new__.
        return set(*args, **kwargs)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_new_set, (set(self), self._pc_owner))

    def __repr__(self) -> str:
        # set's repr names a subclass (FrozenSet({1})); show the plain set.
        return repr(set(self))

    def __copy__(self) -> FrozenSet:
        return self


_list_new = list.__new__
_list_extend = list.extend
_dict_update = dict.update
_set_update = set.update


def _new_list(items: Any, owner: Owner) -> FrozenList:
    frozen = _list_new(FrozenList)
    _list_extend(frozen, items)
    frozen._pc_owner = owner
    return frozen


def _new_dict(items: Any, owner: Owner) -> FrozenDict:
    frozen = dict.__new__(FrozenDict)
    _dict_update(frozen, items)
    frozen._pc_owner = owner
    return frozen


def _new_set(items: Any, owner: Owner) -> FrozenSet:
    frozen = set.__new__(FrozenSet)
    _set_update(frozen, items)
    frozen._pc_owner = owner
    return frozen


# How each refused operation reads in the error message.
_OPERATORS = {
    "__setitem__": "item assignment",
    "__delitem__": "item deletion",
    "__iadd__": "+=",
    "__imul__": "*=",
    "__ior__": "|=",
    "__iand__": "&=",
    "__isub__": "-=",
    "__ixor__": "^=",
    "__init__": "__init__()",
}

_REFUSED = {
    FrozenList: (
        "append extend insert pop remove clear sort reverse "
        "__setitem__ __delitem__ __iadd__ __imul__ __init__"
    ),
    FrozenDict: (
        "clear pop popitem setdefault update __setitem__ __delitem__ __ior__ __init__"
    ),
    FrozenSet: (
        "add discard remove pop clear update intersection_update "
        "difference_update symmetric_difference_update "
        "__ior__ __iand__ __isub__ __ixor__ __init__"
    ),
}


def _refusal(operation: str) -> Callable[..., Any]:
    def refuse(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise FrozenConfigError(frozen_value_message(self, operation))

    refuse.__name__ = operation
    return refuse


for _cls, _names in _REFUSED.items():
    for _name in _names.split():
        setattr(_cls, _name, _refusal(_name))


def frozen_value_message(container: Any, operation: str) -> str:
    config_name, field, path = container._pc_owner
    kind = {FrozenList: "list", FrozenDict: "dict", FrozenSet: "set"}[type(container)]
    how = _OPERATORS.get(operation, f".{operation}()")
    if path:
        changed = "..."
    else:
        changed = {
            "list": f"[*config.{field}, ...]",
            "dict": f"{{**config.{field}, ...: ...}}",
            "set": f"config.{field} | {{...}}",
        }[kind]
    return message(
        f"Cannot change {config_name}.{field}{path} with {how}: configs are frozen, "
        f"and so are the lists, dicts and sets they hold",
        f"This {kind} belongs to the config; configs derived from it and "
        "registered defaults share it",
        f"Fix: derive a new config with a changed copy: "
        f"{config_name}(config, {field}={changed})",
    )
