"""``pconfigs.validate``: every value of a config checked against its annotation.

Construction does not check types (the static checkers do, and it keeps
construction fast); ``validate`` does, at the boundaries: ``pconfigs check``,
``run`` and ``print`` call it before anything else.

Each annotation is compiled once per config class into a small tree of checks.
A check has a fast path, ``ok(value) -> bool``, that a valid config takes
from end to end, and ``explain(value, path, problems)``, run only when
something failed, which words every mismatch with its dotted path. Annotations
this module cannot judge (a ``TypeVar``, a string that does not resolve, a
protocol that ``isinstance`` refuses) are skipped, never guessed.
"""

from __future__ import annotations

import collections.abc as abc
import enum
import sys
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pconfigs._names import SPEC_ATTR
from pconfigs.errors import NotAConfigError, ValidationError, describe, message
from pconfigs.optional import OptionalConfig
from pconfigs.sentinels import Pinned, PinnedAnnotation, Required

__all__ = ["validate"]

# Each config class keeps its compiled checks here (injected on first use).
VALIDATOR_ATTR = "__pconfigs_validator__"

C = TypeVar("C")


def validate(config: C, *, name: str = "config") -> C:
    """Check every value of ``config`` against its annotation; return ``config``.

    Nested configs and the items of lists, tuples, dicts and sets are checked
    too. Every mismatch is listed, by dotted path from ``name``, in one
    :class:`~pconfigs.errors.ValidationError`::

        config = validate(TrainerConfig(steps=3, base_lr=1e-3))

    ``Required`` and ``Pinned`` placeholders are not mismatches: ``run`` and
    ``construct()`` report placeholders left in a config.
    """
    checker = _config_checker(type(config), config)
    problems: list[str] = []
    try:
        if checker.ok(config):
            return config
        checker.explain(config, name, problems)
    except RecursionError:
        raise ValidationError(_cycle_wording(checker.cls, name), []) from None
    if problems:
        raise ValidationError(_wording(checker.cls, name, problems), problems)
    return config


def _cycle_wording(cls: type, name: str) -> str:
    return message(
        f"{name} ({cls.__qualname__}): a value inside it contains itself "
        "(or is nested too deeply to check)",
        "Checking or printing it would never end",
        "Fix: break the cycle; hold a name or an index instead of the object itself",
    )


def _wording(cls: type, name: str, problems: list[str]) -> str:
    count = (
        "1 value does not match its annotation"
        if len(problems) == 1
        else f"{len(problems)} values do not match their annotations"
    )
    return message(
        f"{name} ({cls.__qualname__}): {count}",
        *problems,
        "Fix: give each value the annotated type, or correct the annotation",
    )


# --------------------------------------------------------------------------
# Checks


class _Check:
    """One compiled annotation. ``expected`` is how messages spell it;
    ``exact`` holds the types whose every value passes (``type(v) in exact``
    is the fast path that spares a call for most values)."""

    __slots__ = ("exact", "expected")

    exact: frozenset[type]

    def __init__(self, expected: str, exact: Iterable[type] = ()) -> None:
        self.expected = expected
        self.exact = frozenset(exact)

    def ok(self, value: Any) -> bool:
        raise NotImplementedError

    def shallow(self, value: Any) -> bool:
        """Whether ``value`` is of this check's kind, items aside (for unions)."""
        return self.ok(value)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        if not self.ok(value) and not _placeholder(value):
            problems.append(f"{path}: expected {self.expected}, got {_got(value)}")


class _Anything(_Check):
    """``Any``, ``object`` and whatever cannot be judged: only the configs
    found inside (directly or in plain containers) are checked."""

    __slots__ = ()

    def ok(self, value: Any) -> bool:
        return type(value) in _ATOMS or _nested_ok(value)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        _nested_explain(value, path, problems)


class _Instance(_Check):
    """``isinstance`` against one or more classes; ``bool`` refused where a
    number is expected (``True`` is an ``int`` to Python, never to a config)."""

    __slots__ = ("classes", "refuses_bool")

    def __init__(
        self, expected: str, classes: tuple[type, ...], refuses_bool: bool = False
    ) -> None:
        super().__init__(expected, classes)
        self.classes = classes
        self.refuses_bool = refuses_bool

    def ok(self, value: Any) -> bool:
        return _instance_of(value, self.classes) and not (
            self.refuses_bool and isinstance(value, bool)
        )


class _NoneCheck(_Check):
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("None", (type(None),))

    def ok(self, value: Any) -> bool:
        return value is None


class _LiteralCheck(_Check):
    __slots__ = ("members",)

    def __init__(self, expected: str, members: tuple[Any, ...]) -> None:
        super().__init__(expected)
        self.members = members

    def ok(self, value: Any) -> bool:
        # Same type too: Literal[1] does not take True, nor Literal[0] 0.0.
        return any(type(value) is type(m) and value == m for m in self.members)


class _TypeCheck(_Check):
    """``type[X]``: a class that is ``X`` or a subclass of it."""

    __slots__ = ("bases",)

    def __init__(self, expected: str, bases: tuple[type, ...]) -> None:
        super().__init__(expected)
        self.bases = bases

    def ok(self, value: Any) -> bool:
        return isinstance(value, type) and issubclass(value, self.bases)


class _ConfigCheck(_Check):
    """A config class: an instance of it or of a subclass, checked by its own
    class's annotations (a subclass may have more fields)."""

    __slots__ = ("cls",)

    def __init__(self, expected: str, cls: type) -> None:
        super().__init__(expected)
        self.cls = cls

    def ok(self, value: Any) -> bool:
        return isinstance(value, self.cls) and _config_checker(type(value)).ok(value)

    def shallow(self, value: Any) -> bool:
        return isinstance(value, self.cls)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        if isinstance(value, self.cls):
            _config_checker(type(value)).explain(value, path, problems)
        else:
            super().explain(value, path, problems)


class _UnionCheck(_Check):
    __slots__ = ("members",)

    def __init__(self, expected: str, members: tuple[_Check, ...]) -> None:
        super().__init__(expected)
        self.members = members

    def ok(self, value: Any) -> bool:
        return any(member.ok(value) for member in self.members)

    def shallow(self, value: Any) -> bool:
        return any(member.shallow(value) for member in self.members)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        if self.ok(value) or _placeholder(value):
            return
        # `list[int] | None` given a list: the list's own items say more.
        kinds = [member for member in self.members if member.shallow(value)]
        if len(kinds) == 1:
            kinds[0].explain(value, path, problems)
        else:
            super().explain(value, path, problems)


class _ItemsCheck(_Check):
    """``list[T]``, ``Sequence[T]``, ``set[T]``, ``frozenset[T]``, ..."""

    __slots__ = ("classes", "item", "ordered")

    def __init__(
        self, expected: str, classes: tuple[type, ...], item: _Check, ordered: bool
    ) -> None:
        super().__init__(expected)
        self.classes = classes
        self.item = item
        self.ordered = ordered

    def ok(self, value: Any) -> bool:
        if not _instance_of(value, self.classes):
            return False
        # One pass in C over the items' types covers most containers.
        exact = self.item.exact
        if exact and set(map(type, value)) <= exact:
            return True
        return all(map(self.item.ok, value))

    def shallow(self, value: Any) -> bool:
        return _instance_of(value, self.classes)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        if not _instance_of(value, self.classes):
            return super().explain(value, path, problems)
        for index, item in enumerate(value):
            where = f"{path}[{index}]" if self.ordered else f"{path} item {item!r}"
            self.item.explain(item, where, problems)


class _TupleCheck(_Check):
    """``tuple[A, B]``: that many items, each of its own type."""

    __slots__ = ("items",)

    def __init__(self, expected: str, items: tuple[_Check, ...]) -> None:
        super().__init__(expected)
        self.items = items

    def ok(self, value: Any) -> bool:
        return self.shallow(value) and all(
            check.ok(item) for check, item in zip(self.items, value, strict=True)
        )

    def shallow(self, value: Any) -> bool:
        return isinstance(value, tuple) and len(value) == len(self.items)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        if not self.shallow(value):
            return super().explain(value, path, problems)
        for index, (check, item) in enumerate(zip(self.items, value, strict=True)):
            check.explain(item, f"{path}[{index}]", problems)


class _MappingCheck(_Check):
    __slots__ = ("classes", "key", "value")

    def __init__(
        self, expected: str, classes: tuple[type, ...], key: _Check, value: _Check
    ) -> None:
        super().__init__(expected)
        self.classes = classes
        self.key = key
        self.value = value

    def ok(self, value: Any) -> bool:
        if not _instance_of(value, self.classes):
            return False
        key, item = self.key, self.value
        if (
            item.exact
            and set(map(type, value)) <= key.exact
            and set(map(type, value.values())) <= item.exact
        ):
            return True
        return all(key.ok(k) and item.ok(v) for k, v in value.items())

    def shallow(self, value: Any) -> bool:
        return _instance_of(value, self.classes)

    def explain(self, value: Any, path: str, problems: list[str]) -> None:
        if not _instance_of(value, self.classes):
            return super().explain(value, path, problems)
        for key, item in value.items():
            self.key.explain(key, f"{path} key {key!r}", problems)
            self.value.explain(item, f"{path}[{key!r}]", problems)


# Values whose type alone shows they hold no config: the common case of
# `Any`-typed fields costs one set lookup.
_ATOMS: frozenset[type] = frozenset({int, float, bool, str, bytes, type(None), complex})
_ANYTHING = _Anything("Any", _ATOMS)


def _instance_of(value: Any, classes: tuple[type, ...]) -> bool:
    # A function rather than inline isinstance: mypy would narrow the checked
    # value from Any to object, losing .items() and iteration.
    return isinstance(value, classes)


def _placeholder(value: Any) -> bool:
    return value is Required or value is Pinned


def _nested_ok(value: Any) -> bool:
    if SPEC_ATTR in type(value).__dict__:
        return _config_checker(type(value)).ok(value)
    if isinstance(value, dict):
        return all(_nested_ok(k) and _nested_ok(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(map(_nested_ok, value))
    return True


def _nested_explain(value: Any, path: str, problems: list[str]) -> None:
    if SPEC_ATTR in type(value).__dict__:
        _config_checker(type(value)).explain(value, path, problems)
    elif isinstance(value, dict):
        for key, item in value.items():
            _nested_explain(item, f"{path}[{key!r}]", problems)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _nested_explain(item, f"{path}[{index}]", problems)


def _got(value: Any) -> str:
    """What a message says was found: type, then value."""
    if value is None:
        return "None"
    if isinstance(value, type):
        return f"class {value.__qualname__}"
    if SPEC_ATTR in type(value).__dict__:
        return describe(value).rpartition(" (")[0]
    text = describe(value).rpartition(" (")[0]
    return f"{_type_name(value)} {text}"


def _type_name(value: Any) -> str:
    """The builtin a pconfigs container stands in for (a frozen list is a
    ``list`` to the user), else the value's own type name."""
    kind = type(value)
    if kind.__module__.startswith("pconfigs"):
        for builtin in (list, dict, set, tuple, frozenset):
            if isinstance(value, builtin):
                return builtin.__name__
    return kind.__name__


# --------------------------------------------------------------------------
# Compiling annotations


_SEQUENCES: dict[Any, tuple[type, ...]] = {
    list: (list,),
    abc.Sequence: (abc.Sequence,),
    abc.MutableSequence: (abc.MutableSequence,),
}
_SETS: dict[Any, tuple[type, ...]] = {
    set: (set,),
    frozenset: (frozenset,),
    abc.Set: (abc.Set,),
    abc.MutableSet: (abc.MutableSet,),
}
_MAPPINGS: dict[Any, tuple[type, ...]] = {
    dict: (dict,),
    abc.Mapping: (abc.Mapping,),
    abc.MutableMapping: (abc.MutableMapping,),
}
_NUMBERS: dict[type, tuple[type, ...]] = {
    int: (int,),
    float: (float, int),
    complex: (complex, float, int),
}
_UNION_TYPES: tuple[Any, ...] = (typing.Union, types.UnionType)


class _Namespace:
    """Where a class's string annotations are resolved: its module's globals,
    then the class body (as :func:`typing.get_type_hints` does)."""

    def __init__(self, owner: type) -> None:
        module = sys.modules.get(owner.__module__)
        self.globals: dict[str, Any] = getattr(module, "__dict__", {})
        self.locals: typing.Mapping[str, Any] = vars(owner)

    def resolve(self, text: str) -> Any:
        try:
            return eval(text, self.globals, self.locals)  # annotations are code
        except Exception:
            return _UNRESOLVED


_UNRESOLVED: Any = object()


def compile_annotation(annotation: Any, namespace: _Namespace) -> _Check:
    """The check for one annotation (strings resolved in ``namespace``)."""
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        annotation = namespace.resolve(annotation)
    if isinstance(annotation, PinnedAnnotation):
        return compile_annotation(annotation.type, namespace)
    if annotation is None or annotation is type(None):
        return _NoneCheck()
    if annotation is _UNRESOLVED or annotation is Any or annotation is object:
        return _ANYTHING
    supertype = getattr(annotation, "__supertype__", None)  # typing.NewType
    if supertype is not None:
        return compile_annotation(supertype, namespace)
    origin = typing.get_origin(annotation)
    if origin is not None:
        return _compile_generic(annotation, origin, namespace)
    if isinstance(annotation, type):
        return _compile_class(annotation)
    return _ANYTHING  # a TypeVar, a bare Pinned, ...: never guessed


def _union_wording(args: tuple[Any, ...], members: tuple[_Check, ...]) -> str:
    """``int | None``; ``OptionalConfig[EvaluatorConfig]`` as it was written."""
    shown = [
        m.expected
        for a, m in zip(args, members, strict=True)
        if a is not OptionalConfig
    ]
    if len(shown) < len(args):
        return f"OptionalConfig[{' | '.join(shown)}]"
    return " | ".join(shown)


def _compile_generic(annotation: Any, origin: Any, namespace: _Namespace) -> _Check:
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return compile_annotation(args[0], namespace)
    if origin in _UNION_TYPES:
        members = tuple(compile_annotation(arg, namespace) for arg in args)
        if any(member is _ANYTHING for member in members):
            return _ANYTHING
        return _UnionCheck(_union_wording(args, members), members)
    if origin is typing.Literal:
        return _LiteralCheck(_show(annotation), args)
    if origin is type:
        return _compile_type_of(annotation, args, namespace)
    if origin is tuple and annotation is not typing.Tuple:  # noqa: UP006 - bare Tuple
        return _compile_tuple(annotation, args, namespace)
    items = [compile_annotation(arg, namespace) for arg in args]
    expected = _show(annotation)
    if origin in _SEQUENCES and len(items) == 1:
        return _ItemsCheck(expected, _SEQUENCES[origin], items[0], ordered=True)
    if origin in _SETS and len(items) == 1:
        return _ItemsCheck(expected, _SETS[origin], items[0], ordered=False)
    if origin in _MAPPINGS and len(items) == 2:
        return _MappingCheck(expected, _MAPPINGS[origin], items[0], items[1])
    if isinstance(origin, type):
        # Callable[..., T], a generic user class, Box[int]: the class alone.
        return _compile_class(origin, expected)
    return _ANYTHING


def _compile_type_of(
    annotation: Any, args: tuple[Any, ...], namespace: _Namespace
) -> _Check:
    target = args[0] if args else Any
    if isinstance(target, typing.ForwardRef):
        target = target.__forward_arg__
    if isinstance(target, str):
        target = namespace.resolve(target)
    union = typing.get_origin(target) in _UNION_TYPES
    members = typing.get_args(target) if union else (target,)
    if not all(isinstance(member, type) for member in members):
        members = (object,)  # type[Any], type[T], unresolved: any class
    return _TypeCheck(_show(annotation), tuple(members))


def _compile_tuple(
    annotation: Any, args: tuple[Any, ...], namespace: _Namespace
) -> _Check:
    expected = _show(annotation)
    if len(args) == 2 and args[1] is Ellipsis:
        item = compile_annotation(args[0], namespace)
        return _ItemsCheck(expected, (tuple,), item, ordered=True)
    if args in ((), ((),)):  # tuple[()], the empty tuple (3.10 spells it ((),))
        return _TupleCheck(expected, ())
    return _TupleCheck(expected, tuple(compile_annotation(a, namespace) for a in args))


def _compile_class(cls: type, expected: str | None = None) -> _Check:
    shown = expected or _show(cls)
    if SPEC_ATTR in cls.__dict__:
        return _ConfigCheck(shown, cls)
    if cls in _NUMBERS:
        return _Instance(shown, _NUMBERS[cls], refuses_bool=True)
    bare = _BARE_CONTAINERS.get(cls)
    if bare is not None:
        return bare
    try:
        isinstance(None, cls)
    except TypeError:  # a Protocol that is not runtime-checkable, ...
        return _ANYTHING
    return _Instance(shown, (cls,))


# A bare `list` or `dict` says nothing about items; configs inside are still
# checked by their own annotations.
_BARE_CONTAINERS: dict[type, _Check] = {
    list: _ItemsCheck("list", (list,), _ANYTHING, ordered=True),
    tuple: _ItemsCheck("tuple", (tuple,), _ANYTHING, ordered=True),
    set: _ItemsCheck("set", (set,), _ANYTHING, ordered=False),
    frozenset: _ItemsCheck("frozenset", (frozenset,), _ANYTHING, ordered=False),
    dict: _MappingCheck("dict", (dict,), _ANYTHING, _ANYTHING),
}


def _show(annotation: Any) -> str:
    """An annotation as a user writes it: ``list[int]``, ``int | None``."""
    if annotation is None or annotation is type(None):
        return "None"
    if annotation is Ellipsis:
        return "..."
    if isinstance(annotation, list):  # Callable's parameter list
        return f"[{', '.join(map(_show, annotation))}]"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in _UNION_TYPES:
        return " | ".join(map(_show, args))
    if origin is typing.Literal:
        return f"Literal[{', '.join(map(_show_literal, args))}]"
    if origin is not None:
        shown = _show(origin)
        bare_tuple = annotation is typing.Tuple  # noqa: UP006 - not tuple[()]
        if origin is tuple and args in ((), ((),)) and not bare_tuple:
            return "tuple[()]"
        return f"{shown}[{', '.join(map(_show, args))}]" if args else shown
    if isinstance(annotation, type):
        return annotation.__qualname__
    return repr(annotation).replace("typing.", "")


def _show_literal(member: Any) -> str:
    if isinstance(member, enum.Enum):
        return f"{type(member).__qualname__}.{member.name}"
    return repr(member)


# --------------------------------------------------------------------------
# Per-class checkers (compiled on first use, kept while the class lives)


class _ConfigChecker:
    """The checks of every field of one config class, in field order."""

    __slots__ = ("checks", "cls", "fields", "values")

    def __init__(self, cls: type) -> None:
        spec = cls.__dict__[SPEC_ATTR]
        self.cls = cls
        self.fields: tuple[str, ...] = spec.fields
        self.values: Callable[[Any], tuple[Any, ...]] = spec.values_of
        owners = (cls, *spec.ancestors)
        self.checks = tuple(
            _field_check(name, spec.annotations[name], owners) for name in spec.fields
        )

    def ok(self, config: Any) -> bool:
        for check, value in zip(self.checks, self.values(config), strict=True):
            if type(value) not in check.exact and not check.ok(value):
                return False
        return True

    def explain(self, config: Any, path: str, problems: list[str]) -> None:
        for name, check, value in zip(
            self.fields, self.checks, self.values(config), strict=True
        ):
            check.explain(value, f"{path}.{name}", problems)


def _field_check(name: str, annotation: Any, owners: Iterable[type]) -> _Check:
    # A string annotation belongs to the module of the class that wrote it,
    # which for an inherited field may be another module.
    from pconfigs.declaration import own_annotations

    owner = next((o for o in owners if name in own_annotations(o)), None)
    if owner is None:
        return _ANYTHING
    return compile_annotation(annotation, _Namespace(owner))


def _config_checker(cls: type, config: object = None) -> _ConfigChecker:
    """The class's checker, compiled on first use and kept on the class (so
    it goes away with the class, and costs one dict lookup to find)."""
    checker: _ConfigChecker | None = cls.__dict__.get(VALIDATOR_ATTR)
    if checker is None:
        if SPEC_ATTR not in cls.__dict__:
            raise NotAConfigError(
                message(
                    f"validate() takes a config, got {describe(config)}",
                    "Fix: pass an instance of a @pconfig class",
                )
            )
        checker = _ConfigChecker(cls)
        setattr(cls, VALIDATOR_ATTR, checker)
    return checker
