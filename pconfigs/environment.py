"""``@penv``: config classes whose fields are read from environment variables.

A ``@penv`` class is a ``@pconfig`` class whose fields have no class-level
defaults: a field nobody gives a value is read from the environment (its
variable is the field name in upper case, or the name given with
``EnvVar("NAME", default)``) and cast by the field's annotation, without
``eval``. An instance is a **snapshot**: frozen, hashable, compared by value,
pickled like any config. Nothing is read when the class is defined, only when
a snapshot is built::

    @penv
    class Dist:
        world_size: int = 1           # WORLD_SIZE, default 1
        rank: int                     # RANK, no default: unset is an error
        master_addr: str = EnvVar("MASTER_ADDR", "localhost")

    Dist()                            # a snapshot of os.environ now
    Dist.read({"RANK": "3"})          # a snapshot of a given mapping

A config field annotated with a ``@penv`` class needs no value: when no
keyword, base or default gives one, the config holds a snapshot taken when it
is built (:func:`fill_environment_fields`).
"""

from __future__ import annotations

import enum
import os
import sys
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, overload

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:
    from typing_extensions import dataclass_transform

from pconfigs.errors import (
    EnvironmentDefinitionError,
    EnvironmentVariableError,
    add_note,
    describe,
    message,
)

__all__ = [
    "ENV_ATTR",
    "EnvField",
    "EnvSpec",
    "EnvVar",
    "env_spec_of",
    "fill_environment_fields",
    "penv",
]

_T = TypeVar("_T")
C = TypeVar("C", bound=type)

# The attribute of a @penv class that holds its EnvSpec.
ENV_ATTR = "__pconfigs_env__"
# Names a @penv class needs for itself (``Dist.read(mapping)``).
_RESERVED = ("read",)
_CONVENTIONS = ("uppercase",)


class _NoDefault:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_DEFAULT"

    def __reduce__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


class EnvVar:
    """The environment variable of a ``@penv`` field, and its default.

    ``master_addr: str = EnvVar("MASTER_ADDR", "localhost")`` reads
    ``MASTER_ADDR``; unset, the field is ``"localhost"``. A default given as
    text is cast like the variable's text would be.
    """

    __slots__ = ("default", "name")

    name: str
    default: Any

    if TYPE_CHECKING:
        # Checkers see the default itself, as the public stub says:
        # `x: int = EnvVar("X", 1)` is an int default, and a default of
        # another type is reported like any class-level value.
        @overload
        def __new__(cls, name: str, /) -> Any: ...
        @overload
        def __new__(cls, name: str, /, default: _T) -> _T: ...  # type: ignore[misc]
        def __new__(cls, name: str, /, default: Any = ...) -> Any: ...

    @overload
    def __init__(self, name: str, /) -> None: ...
    @overload
    def __init__(self, name: str, /, default: Any) -> None: ...
    def __init__(self, name: str, /, default: Any = NO_DEFAULT) -> None:
        self.name = name
        self.default = default

    def __repr__(self) -> str:
        if self.default is NO_DEFAULT:
            return f"EnvVar({self.name!r})"
        return f"EnvVar({self.name!r}, {self.default!r})"


class EnvField(NamedTuple):
    """One field of a ``@penv`` class: the variable it reads and its default."""

    field: str
    variable: str
    default: Any  # NO_DEFAULT when the variable must be set

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT


class EnvSpec:
    """What ``@penv`` learned about a class: its fields' variables, in order."""

    def __init__(self, cls: type, fields: dict[str, EnvField]) -> None:
        self.cls = cls
        self.name = cls.__qualname__
        self.fields = fields
        # (field, variable, evaluated annotation) per field, made on first read:
        # annotations may name classes defined after this one.
        self._plan: list[tuple[str, str, object]] | None = None
        # Values already cast, by (field, text): every snapshot of one process
        # reads the same few texts, so each is cast once.
        self._cast: dict[tuple[str, str | None], Any] = {}

    def read(self, environ: Mapping[str, str], names: Any = None) -> dict[str, Any]:
        """Typed values of the fields ``names`` (all by default) from ``environ``.

        Raises one :class:`EnvironmentVariableError` naming every variable
        that is unset without a default or whose text does not parse.
        """
        wanted = None if names is None else set(names)
        cast = self._cast
        values: dict[str, Any] = {}
        problems: list[str] = []
        for name, variable, annotation in self._plan or self._make_plan():
            if wanted is not None and name not in wanted:
                continue
            text = environ.get(variable)
            key = (name, text)
            if key in cast:
                values[name] = cast[key]
                continue
            try:
                value = _value_of(self.fields[name], text, annotation)
            except _Problem as problem:
                problems.append(f"{variable} ({self.name}.{name}): {problem}")
                continue
            if _shareable(value) and len(cast) < _CAST_CACHE_SIZE:
                cast[key] = value
            values[name] = value
        if problems:
            raise EnvironmentVariableError(_report(self, problems, environ))
        return values

    def _make_plan(self) -> list[tuple[str, str, object]]:
        from pconfigs.config import spec_of
        from pconfigs.overrides import field_type

        spec = spec_of(self.cls)
        self._plan = [
            (name, field.variable, field_type(spec, name))
            for name, field in self.fields.items()
        ]
        return self._plan


# Values safe to share between snapshots (a list read from text is not).
_IMMUTABLE = frozenset({int, float, str, bool, type(None), bytes})
_CAST_CACHE_SIZE = 4096


def _shareable(value: object) -> bool:
    return type(value) in _IMMUTABLE or isinstance(value, (enum.Enum, PurePath))


class _Problem(Exception):
    """One variable that cannot give its field a value (the text says why)."""


def _value_of(env_field: EnvField, text: str | None, annotation: object) -> Any:
    if text is not None:
        return _cast_or_problem(text, annotation, "")
    if env_field.has_default:
        default = env_field.default
        if isinstance(default, str):
            return _cast_or_problem(
                default, annotation, "unset, and its default does not parse: "
            )
        return default
    if accepts_none(annotation):
        return None
    from pconfigs.typed_text import type_name

    raise _Problem(f"unset and no default, expected {type_name(annotation)}")


def _cast_or_problem(text: str, annotation: object, whose: str) -> Any:
    try:
        return cast_text(text, annotation)
    except ValueError as error:
        raise _Problem(f"{whose}{error}") from None


def _report(spec: EnvSpec, problems: list[str], environ: Mapping[str, str]) -> str:
    source = "os.environ" if environ is os.environ else "the given mapping"
    if len(problems) == 1:
        headline = f"Cannot read {spec.name} from {source}: {problems[0]}"
        details: list[str] = []
    else:
        headline = (
            f"Cannot read {spec.name} from {source}: "
            f"{len(problems)} environment variables are wrong"
        )
        details = problems
    return message(
        headline,
        *details,
        "Fix: set each variable to a value of the field's type, or give the "
        'field a default in the class body (`rank: int = 0` or `= EnvVar("RANK", 0)`)',
    )


# --------------------------------------------------------------------------
# Casting text by annotation (no eval)


def cast_text(text: str, annotation: object) -> Any:
    """The value environment text ``text`` means for ``annotation``.

    Like ``--set`` (:func:`pconfigs.typed_text.parse_value`), plus ``Enum``
    members by value as well as by name, inside unions too.
    """
    from pconfigs.typed_text import parse_value, type_name

    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        for arm in typing.get_args(annotation):
            try:
                return cast_text(text, arm)
            except ValueError:
                continue
        raise ValueError(f"expected {type_name(annotation)}, got {text!r}")
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_member(text, annotation)
    return parse_value(text, annotation)


def _enum_member(text: str, cls: type[enum.Enum]) -> enum.Enum:
    wanted = text.strip()
    for member in cls:
        if str(member.value) == wanted:
            return member
    by_name = cls.__members__.get(wanted)
    if by_name is not None:
        return by_name
    values = ", ".join(str(m.value) for m in cls)
    raise ValueError(
        f"expected {cls.__qualname__}, got {text!r}; write a value ({values}) "
        f"or a name ({', '.join(cls.__members__)})"
    )


def accepts_none(annotation: object) -> bool:
    if annotation is None or annotation is type(None):
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return type(None) in typing.get_args(annotation)
    return False


# --------------------------------------------------------------------------
# The decorator


# Checkers treat a @penv class like a @pconfig class (the mypy plugin then
# makes every field optional: the environment gives it).
@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def penv(cls: C, /) -> C: ...
@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def penv(*, convention: str = "uppercase") -> Callable[[C], C]: ...
def penv(cls: Any = None, /, *, convention: str = "uppercase") -> Any:
    """Make ``cls`` a config class read from environment variables.

    ::

        @penv
        class Dist:
            world_size: int = 1   # reads WORLD_SIZE
            rank: int             # reads RANK; unset is an error

        Dist(), Dist.read({"RANK": "0"}), Dist(world_size=8, rank=0)

    ``@penv(convention="uppercase")`` (the only convention) spells out the
    default: a field's variable is its name in upper case.
    """
    if convention not in _CONVENTIONS:
        raise EnvironmentDefinitionError(
            message(
                f"@penv(convention={convention!r}): unknown convention",
                "A field reads the variable named like the field in upper case "
                '("uppercase", the only convention)',
                'Fix: drop convention=, or name a variable with EnvVar("NAME", default)',
            )
        )

    def decorate(cls: Any) -> Any:
        from pconfigs.config import pconfig

        if not isinstance(cls, type):
            raise EnvironmentDefinitionError(
                message(
                    f"@penv decorates a class, got {describe(cls)}",
                    "Fix: put @penv directly above `class MyEnvironment:`",
                )
            )
        own = _own_env_fields(cls)
        pconfig(cls)
        fields: dict[str, EnvField] = {}
        for base in reversed(cls.__mro__[1:]):
            inherited = base.__dict__.get(ENV_ATTR)
            if inherited is not None:
                fields.update(inherited.fields)
        fields.update(own)
        type.__setattr__(cls, ENV_ATTR, EnvSpec(cls, fields))
        type.__setattr__(cls, "read", classmethod(_read))
        return cls

    if cls is None:
        return decorate
    return decorate(cls)


def _own_env_fields(cls: type) -> dict[str, EnvField]:
    """The variables of ``cls``'s own fields; their class-level values (the
    defaults of the variables) leave the class body, so ``@pconfig`` sees no
    default and a field nobody gives is read from the environment."""
    import sys

    from pconfigs.declaration import _annotation_kind, own_annotations

    module_globals = getattr(sys.modules.get(cls.__module__), "__dict__", {})
    fields: dict[str, EnvField] = {}
    for name, annotation in own_annotations(cls).items():
        if _annotation_kind(annotation, module_globals) != "field":
            continue  # ClassVars, and Pinned fields computed by @pproperty
        if name in _RESERVED:
            raise EnvironmentDefinitionError(
                message(
                    f"{cls.__qualname__}.{name}: a @penv field cannot be named "
                    f"{name!r}; it is {cls.__qualname__}.read(mapping), which "
                    "builds a snapshot from a mapping",
                    f'Fix: rename the field and keep the variable: `{name}_: str = EnvVar("{name.upper()}")`',
                )
            )
        value = cls.__dict__.get(name, NO_DEFAULT)
        if value is not NO_DEFAULT:
            type.__delattr__(cls, name)
        fields[name] = _env_field(cls, name, value)
    return fields


def _env_field(cls: type, name: str, value: Any) -> EnvField:
    if not isinstance(value, EnvVar):
        return EnvField(name, name.upper(), value)
    variable = value.name
    # The name is printed in a comment and set with `export NAME=...`: an
    # unprintable character or "=" would break both.
    if not (
        isinstance(variable, str)
        and variable
        and variable.isprintable()
        and "=" not in variable
    ):
        raise EnvironmentDefinitionError(
            message(
                f"{cls.__qualname__}.{name} = {value!r}: the variable name must be "
                "a non-empty, printable string without '='",
                f'Fix: EnvVar("{name.upper()}") or EnvVar("{name.upper()}", default)',
            )
        )
    return EnvField(name, variable, value.default)


def _read(cls: Any, environ: Mapping[str, str]) -> Any:
    """A snapshot of ``cls`` from ``environ`` instead of ``os.environ``."""
    return cls(**env_spec_of(cls).read(environ))


def env_spec_of(cls: object) -> EnvSpec:
    spec: EnvSpec = vars(cls)[ENV_ATTR]
    return spec


def is_env_class(obj: object) -> bool:
    """True for a class decorated with ``@penv``."""
    return isinstance(obj, type) and ENV_ATTR in obj.__dict__


# --------------------------------------------------------------------------
# Filling fields nobody gave (called from the generated __init__'s slow path)


def fill_environment_fields(spec: Any, values: dict[str, Any], missing: Any) -> None:
    """Give the fields in ``missing`` a value read from the environment, in place.

    For a ``@penv`` class: its own variables from ``os.environ``. For any
    config: a field annotated with a ``@penv`` class gets a fresh snapshot.
    Fields left over stay missing.
    """
    env = spec.cls.__dict__.get(ENV_ATTR)
    if env is not None:
        names = [name for name in missing if name in env.fields]
        if names:
            values.update(env.read(os.environ, names))
        return
    for name in missing:
        annotation = _env_annotation(spec, name)
        if annotation is not None:
            try:
                values[name] = annotation()
            except EnvironmentVariableError as error:
                add_note(
                    error,
                    f"while taking the snapshot of {spec.name}.{name} "
                    "(no keyword, base or default gave it a value)",
                )
                raise


def _env_annotation(spec: Any, name: str) -> Any:
    from pconfigs.overrides import field_type

    annotation = field_type(spec, name)
    return annotation if is_env_class(annotation) else None


def environment_fields(spec: Any) -> list[str]:
    """The fields of a config class annotated with a ``@penv`` class."""
    return [name for name in spec.fields if _env_annotation(spec, name) is not None]
