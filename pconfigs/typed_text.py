"""Typed values from command-line text, by the annotation of the field they set.

``parse_value("100", int)`` is ``100``; ``parse_value("6e5", int)`` is an
error that suggests ``600000``. The kinds (and what each accepts):

* ``int``: integer literals only (``100``, ``-3``, ``1_000``, ``0x10``);
* ``float``: anything ``float()`` reads (``3e-4``, ``1``, ``inf``);
* ``bool``: ``true/false``, ``1/0``, ``yes/no`` in any case;
* ``str``: the text as it is; ``bytes``: its UTF-8 encoding;
* ``None`` (in ``Optional``/``X | None``): ``none`` or ``None``;
* ``Literal[...]`` members and ``Enum`` members, by name;
* ``Path`` (and other ``PurePath`` classes);
* ``list``/``tuple``/``dict``/``set``/``frozenset``, ``Sequence``/``Mapping``:
  Python literal syntax, each item checked (and converted: an ``int`` item of
  a ``float`` list becomes a float, a name of an ``Enum`` item a member);
* a config class: the dotted import path of a config class that is the
  annotation or a subclass, built from the field's current value;
* ``OptionalConfig`` (in ``OptionalConfig[T]``): ``NoneConfig`` (or ``none``);
* ``type[X]``: the dotted import path of a subclass of ``X``;
* ``Any``/``object``: a Python literal if the text is one, else the text.

Anything else cannot be written on the command line; the error says to use
:func:`pconfigs.derive` in Python instead. Standard library only, apart from
the config machinery.
"""

from __future__ import annotations

import ast
import contextlib
import enum
import pathlib
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pconfigs.config import is_config, is_config_class, spec_of
from pconfigs.errors import describe, did_you_mean
from pconfigs.optional import NoneConfig, OptionalConfig

__all__ = ["UNRESOLVED", "parse_value", "type_name"]

# An annotation that could not be evaluated (a string naming nothing).
UNRESOLVED: Any = type("Unresolved", (), {"__repr__": lambda self: "<unresolved>"})()


def parse_value(text: str, annotation: object, current: object = None) -> object:
    """The value ``text`` means for a field annotated ``annotation``.

    ``current`` is the field's present value: a config class named for a
    config-typed field is built from it. Raises ``ValueError`` that names the
    annotation and the text, e.g. ``expected int, got '6e5'; write 600000 for
    the whole number 6e5``.
    """
    try:
        return _parse(text, annotation, current)
    except _Unparsable as error:
        raise ValueError(
            f"expected {type_name(annotation)}, got {text!r}{error}"
        ) from None


def type_name(annotation: object) -> str:
    """``int``, ``tuple[int, ...]``, ``Literal['a', 'b']``: as a user wrote it."""
    if annotation is UNRESOLVED:
        return "an annotation that does not evaluate"
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        return annotation.__qualname__
    if annotation is Any:
        return "Any"
    arms = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Union and OptionalConfig in arms:
        inner = " | ".join(type_name(a) for a in arms if a is not OptionalConfig)
        return f"OptionalConfig[{inner}]"
    text = repr(annotation)
    for module in ("typing.", "pathlib.", "collections.abc."):
        text = text.replace(module, "")
    return re.sub(r"<class '(?:[\w.]+\.)?(\w+)'>", r"\1", text)


class _Unparsable(ValueError):
    """The text does not fit; the message is a hint appended to the headline
    (``"; write 600000 ..."``) or empty."""


def _parse(text: str, annotation: object, current: object) -> object:
    try:
        parser = _parsers[annotation]
    except (KeyError, TypeError):  # TypeError: an unhashable annotation
        parser = _parser_for(annotation)
        with contextlib.suppress(TypeError):
            _parsers[annotation] = parser
    return parser(text, annotation, current)


_Parser = Callable[[str, Any, object], object]
_parsers: dict[object, _Parser] = {}


def _parser_for(annotation: object) -> _Parser:
    if annotation is Any or annotation is object:
        return _any
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return _union
    if origin is typing.Literal:
        return _literal
    if origin is type:
        return _class
    if _CONTAINERS.get(origin if origin is not None else annotation) is not None:
        return _container
    if annotation is OptionalConfig:
        return _none_config
    if isinstance(annotation, type):
        if is_config_class(annotation):
            return _config
        if issubclass(annotation, enum.Enum):
            return _enum
        if issubclass(annotation, pathlib.PurePath):
            return _path
        scalar = _SCALARS.get(annotation)
        if scalar is not None:
            return scalar
    if annotation is UNRESOLVED:
        return _unresolved
    return _unsupported


def _unresolved(text: str, annotation: Any, current: object) -> object:
    raise _Unparsable(
        "; the annotation could not be evaluated, so the text cannot be parsed "
        "(set the value in Python with pconfigs.derive())"
    )


def _unsupported(text: str, annotation: Any, current: object) -> object:
    raise _Unparsable(
        f"; values of type {type_name(annotation)} cannot be written on the "
        "command line (set the value in Python with pconfigs.derive())"
    )


# --------------------------------------------------------------------------
# Scalars


def _any(text: str, annotation: Any, current: object) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text


_INTEGER = re.compile(r"[+-]?(0[xob][0-9a-f_]+|\d[\d_]*)", re.IGNORECASE)


def _int(text: str, annotation: Any, current: object) -> object:
    stripped = text.strip()
    if _INTEGER.fullmatch(stripped):
        try:
            return int(stripped, 0)
        except ValueError:
            return int(stripped)  # leading zeros (010) are not base-0 literals
    raise _Unparsable(_whole_number_hint(stripped))


def _whole_number_hint(text: str) -> str:
    """``; write 600000 for the whole number 6e5``: a float holding a whole number."""
    try:
        number = float(text)
    except ValueError:
        return "; write an integer literal such as 100"
    if number.is_integer():
        return f"; write {int(number)} for the whole number {text}"
    return "; the field takes whole numbers only"


def _float(text: str, annotation: Any, current: object) -> object:
    try:
        return float(text)
    except ValueError:
        raise _Unparsable("; write a number such as 3e-4 or 0.5") from None


_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def _bool(text: str, annotation: Any, current: object) -> object:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _Unparsable("; write true/false, 1/0 or yes/no (any case)")


def _str(text: str, annotation: Any, current: object) -> object:
    return text


def _bytes(text: str, annotation: Any, current: object) -> object:
    return text.encode("utf-8")


_NONE = frozenset({"none", "None"})


def _none(text: str, annotation: Any, current: object) -> object:
    if text.strip() in _NONE:
        return None
    raise _Unparsable("; write none or None")


def _path(text: str, annotation: Any, current: object) -> object:
    return annotation(text)


_SCALARS: dict[object, _Parser] = {
    int: _int,
    float: _float,
    bool: _bool,
    str: _str,
    bytes: _bytes,
    type(None): _none,
}


def _union(text: str, annotation: Any, current: object) -> object:
    arms = typing.get_args(annotation)
    if type(None) in arms and text.strip() in _NONE:
        return None
    for arm in arms:
        if arm is not type(None):
            try:
                return _parse(text, arm, current)
            except _Unparsable:
                continue
    raise _Unparsable("")


def _literal(text: str, annotation: Any, current: object) -> object:
    members = typing.get_args(annotation)
    for member in members:
        if _spells(text, member):
            return member
    names = [_member_text(m) for m in members]
    raise _Unparsable(did_you_mean(text, names))


def _spells(text: str, member: object) -> bool:
    if isinstance(member, enum.Enum):
        return member.name == text.strip()
    parser = _SCALARS.get(type(member))
    if parser is None or isinstance(member, str):
        return member == text
    try:
        return bool(parser(text, type(member), None) == member)
    except _Unparsable:
        return False


def _member_text(member: object) -> str:
    return member.name if isinstance(member, enum.Enum) else str(member)


def _enum(text: str, annotation: Any, current: object) -> object:
    members: dict[str, object] = dict(annotation.__members__)
    member = members.get(text.strip())
    if member is not None:
        return member
    hint = did_you_mean(text, members)
    return _raise(f"{hint}; members by name: {', '.join(members)}")


_NONE_CONFIG = frozenset({"NoneConfig", "pconfigs.NoneConfig", *_NONE})


def _none_config(text: str, annotation: Any, current: object) -> object:
    if text.strip() in _NONE_CONFIG:
        return NoneConfig
    raise _Unparsable("; write NoneConfig for no sub-config")


def _raise(hint: str) -> typing.NoReturn:
    raise _Unparsable(hint)


# --------------------------------------------------------------------------
# Containers: Python literal syntax, items checked


_CONTAINERS: dict[object, type] = {
    list: list,
    tuple: tuple,
    dict: dict,
    set: set,
    frozenset: frozenset,
    typing.List: list,  # noqa: UP006
    typing.Tuple: tuple,  # noqa: UP006
    typing.Dict: dict,  # noqa: UP006
    typing.Set: set,  # noqa: UP006
    typing.FrozenSet: frozenset,  # noqa: UP006
    Sequence: tuple,
    Mapping: dict,
    typing.Sequence: tuple,
    typing.Mapping: dict,
}


def _container(text: str, annotation: Any, current: object) -> object:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise _Unparsable("; write it in Python literal syntax, e.g. [1, 2]") from None
    try:
        return _fit(value, annotation)
    except _Misfit as misfit:
        raise _Unparsable(f"; {misfit}") from None


class _Misfit(Exception):
    """A literal (or an item in it) that does not fit its annotation."""


def _fit(value: object, annotation: Any) -> object:
    """``value`` checked against ``annotation``; containers become its kind."""
    if annotation is Any or annotation is object:
        return value
    origin = typing.get_origin(annotation)
    kind = _CONTAINERS.get(origin if origin is not None else annotation)
    if kind is not None:
        return _fit_container(value, kind, typing.get_args(annotation))
    if origin is typing.Union or origin is types.UnionType:
        return _fit_union(value, annotation)
    if origin is typing.Literal:
        if value in typing.get_args(annotation):
            return value
    elif isinstance(value, str) and annotation is not str:
        try:  # an Enum member by name, a Path, a config class path
            return _parse(value, annotation, None)
        except _Unparsable:
            pass
    elif annotation is float and type(value) is int:
        return float(value)
    elif isinstance(annotation, type) and _is_instance(value, annotation):
        return value
    raise _Misfit(f"item {describe(value)} is not {type_name(annotation)}")


def _is_instance(value: object, annotation: type) -> bool:
    if annotation is int and isinstance(value, bool):
        return False
    return isinstance(value, annotation)


def _fit_union(value: object, annotation: Any) -> object:
    for arm in typing.get_args(annotation):
        try:
            return _fit(value, arm)
        except _Misfit:
            continue
    raise _Misfit(f"item {describe(value)} is not {type_name(annotation)}")


def _fit_container(value: object, kind: type, args: tuple[Any, ...]) -> object:
    if kind is dict:
        if not isinstance(value, dict):
            raise _Misfit(f"{describe(value)} is not a dict")
        key_type, item_type = args if len(args) == 2 else (Any, Any)
        return {_fit(k, key_type): _fit(v, item_type) for k, v in value.items()}
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise _Misfit(f"{describe(value)} is not a {kind.__name__}")
    if kind is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
        if len(value) != len(args):
            raise _Misfit(f"{len(value)} items where {len(args)} are expected")
        return tuple(_fit(item, arg) for item, arg in zip(value, args, strict=True))
    item_type = args[0] if args else Any
    return kind(_fit(item, item_type) for item in value)


# --------------------------------------------------------------------------
# Config-typed fields and type[X]: a dotted import path


def _config(text: str, annotation: Any, current: object) -> object:
    """The config class at the dotted path ``text``, built from ``current``."""
    found = _import_dotted(text)
    if is_config(found) and isinstance(found, annotation):
        return found  # a config object: used as it is
    if not (is_config_class(found) and issubclass(found, annotation)):
        raise _Unparsable(
            f"; write the dotted import path of {annotation.__qualname__} "
            f"or of a config subclass of it, not of {describe(found)}"
        )
    try:
        return _build_from(found, current)
    except Exception as error:
        first = (str(error) or type(error).__name__).splitlines()[0]
        raise _Unparsable(f"; building {found.__qualname__} failed: {first}") from None


def _build_from(cls: type, current: object) -> object:
    """``cls(current)`` when it may be a base, else from the fields they share."""
    if not is_config(current):
        return cls()
    if type(current) is cls or type(current) in spec_of(cls).ancestors:
        return cls(current)
    return cls(**_shared_inputs(cls, current))


def _shared_inputs(cls: type, current: object) -> dict[str, object]:
    """Inputs of ``current`` for the fields of the nearest common config ancestor
    (``SGD`` replacing ``AdamW`` keeps the ``lr`` both inherit from ``Optimizer``)."""
    target, source = spec_of(cls), spec_of(current)
    common = next((a for a in source.ancestors if a in target.ancestors), None)
    if common is None:
        return {}
    inputs = source.inputs_of(current)
    return {
        name: inputs[name]
        for name in spec_of(common).fields
        if name not in target.pinned and name not in source.pinned
    }


def _class(text: str, annotation: Any, current: object) -> object:
    args = typing.get_args(annotation)
    bound = args[0] if args and isinstance(args[0], type) else object
    found = _import_dotted(text)
    if isinstance(found, type) and issubclass(found, bound):
        return found
    raise _Unparsable(
        f"; write the dotted import path of {bound.__qualname__} or a subclass, "
        f"not of {describe(found)}"
    )


def _import_dotted(text: str) -> object:
    from pconfigs.locate import LocateError, locate

    try:
        return locate(text.strip())
    except LocateError as error:
        raise _Unparsable(f"; {str(error).splitlines()[0]}") from None
