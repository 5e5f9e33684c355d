# The public API for type checkers, in one file.
#
# Importing `pconfigs` made mypy parse and analyse twelve runtime modules
# (config, declaration, initializer, ...) just to learn these signatures:
# about a third of the cold gap between a pconfigs project and the same
# project as frozen dataclasses (docs/mypy.md, "Speed"). This stub replaces
# `__init__.py` for mypy and pyright; the runtime modules are still checked
# from source (`mypy --strict pconfigs`). tests/test_public_stub.py keeps it
# in sync with `__all__` and the runtime's signatures; the mypy plugin knows
# both the names defined here (`pconfigs.pconfig`) and the runtime's
# (`pconfigs.config.pconfig`), see pconfigs/_names.py.

from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any, Generic, Protocol, TypeGuard, TypeVar, overload

from typing_extensions import Self, dataclass_transform

__version__: str

__all__ = [
    "ConfigInputs",
    "EnvVar",
    "EnvironmentVariableError",
    "NoneConfig",
    "Omitted",
    "OptionalConfig",
    "Pin",
    "Pinned",
    "PconfigsError",
    "Required",
    "ValidationError",
    "config_hash",
    "derive",
    "from_json",
    "is_config",
    "is_config_class",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "penum",
    "penv",
    "pinputs",
    "pproperty",
    "psetter",
    "run_dir",
    "to_flat_dict",
    "to_json",
    "validate",
]

_T = TypeVar("_T")
_C = TypeVar("_C")
_Cls = TypeVar("_Cls", bound=type)
_E = TypeVar("_E", bound=type[Enum])

# pconfigs.config

@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(cls: _Cls, /) -> _Cls: ...
@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(
    *,
    constructs: type | None = None,
    inherit_constructable_type: bool | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
) -> Callable[[_Cls], _Cls]: ...
def is_config_class(obj: object) -> TypeGuard[type]: ...
def is_config(obj: object) -> bool: ...

# pconfigs.constructed

@overload
def pconfiged(cls: _Cls, /) -> _Cls: ...
@overload
def pconfiged(
    *, runnable: bool = False, mock: bool = False
) -> Callable[[_Cls], _Cls]: ...

# pconfigs.sentinels

class Pin(Generic[_T]):
    __match_args__ = ("value",)
    value: _T
    def __init__(self, value: _T) -> None: ...

class _PinnedSentinelType(type):
    # The `Pinned` sentinel as a value is the class object itself, an instance
    # of this metaclass: its descriptor methods make it satisfy the protocol
    # `Pinned[T]` for every T, so `x: Pinned[int] = Pinned` in a class body
    # and `x=Pinned` in a call are accepted while any other value is not.
    def __get__(self, instance: object, owner: Any, /) -> Any: ...
    def __set__(self, instance: object, value: Any, /) -> None: ...

class Pinned(Protocol[_T], metaclass=_PinnedSentinelType):
    """A field users cannot set: ``x: Pinned[int]`` reads as ``int``."""

    @overload
    def __get__(self, instance: None, owner: Any, /) -> Pinned[_T]: ...
    @overload
    def __get__(self, instance: object, owner: Any, /) -> _T: ...
    # A plain method: the mypy plugin reads what it accepts.
    def __set__(self, instance: object, value: Pinned[Any] | Pin[_T], /) -> None: ...

# A placeholder accepted for any field in a registered default.
Required: Any

# pconfigs.wrapped

class Omitted(Generic[_T]):
    """A parameter left out of the config and its call."""

# pconfigs.properties

@overload
def pproperty(func: Callable[[Any], _T], /) -> Pinned[_T]: ...
@overload
def pproperty(
    *, deps: Iterable[str] = ...
) -> Callable[[Callable[[Any], _T]], Pinned[_T]]: ...
def pinputs(config: _C) -> _C: ...

# pconfigs.defaults

class Defaults:
    def __iadd__(self, config: object) -> Self: ...
    @overload
    def __call__(self, config: type[_C], /) -> _C | None: ...
    @overload
    def __call__(self, config: _C, /) -> _C | None: ...

pdefaults: Defaults

# pconfigs.inputs

class ConfigInputs(Mapping[str, Any]):
    """A read-only view of a config's raw inputs: ``cfg.inputs.base_lr``."""

    def __init__(self, config: Any, spec: Any) -> None: ...
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, name: str) -> Any: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...

# pconfigs.errors

class PconfigsError(Exception): ...

class ValidationError(PconfigsError, TypeError):
    problems: tuple[str, ...]
    def __init__(self, text: str, problems: list[str]) -> None: ...

class EnvironmentVariableError(PconfigsError, ValueError): ...

# pconfigs.validation

def validate(config: _C, *, name: str = "config") -> _C: ...

# pconfigs.canonical

def config_hash(config: Any) -> str: ...
def to_json(config: Any, *, indent: int | None = None) -> str: ...
def from_json(text: str | bytes) -> Any: ...
def to_flat_dict(config: Any) -> dict[str, Any]: ...

# pconfigs.overrides

def derive(config: _C, overrides: Mapping[str, object]) -> _C: ...

# pconfigs.records

def run_dir() -> Path | None: ...

# pconfigs.environment

class EnvVar:
    """The environment variable of a ``@penv`` field, and its default."""

    name: str
    default: Any
    # Checkers see the default itself: `x: int = EnvVar("X", 1)` is an int
    # default (a wrong-typed one is reported); without one, nothing to check.
    @overload
    def __new__(cls, name: str, /) -> Any: ...
    @overload
    def __new__(cls, name: str, /, default: _T) -> _T: ...  # type: ignore[misc]

@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def penv(cls: _Cls, /) -> _Cls: ...
@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def penv(*, convention: str = "uppercase") -> Callable[[_Cls], _Cls]: ...

# pconfigs.enums

def penum(cls: _E, /) -> _E: ...

# pconfigs.optional

class _NoneConfigType:
    """The type of ``NoneConfig`` (the runtime names it ``OptionalConfig``)."""

    def construct(self) -> None: ...

# `OptionalConfig[T]` is `T | NoneConfig`'s type: `cfg.sub.construct()` is
# what T's construct() returns, or None.
OptionalConfig = _T | _NoneConfigType
NoneConfig: _NoneConfigType

# pconfigs.setter

_S = TypeVar("_S")
_S_co = TypeVar("_S_co", covariant=True)

class _Settable(Protocol[_S_co]):
    # Each config class has, for checkers only, the class psetter() gives:
    # the mypy plugin adds it, stubgen writes it for pyright.
    @property
    def __pconfigs_setter__(self) -> type[_S_co]: ...

class PSetter(Generic[_C]):
    def __init__(self, root: _C, paths: dict[str, object], prefix: str) -> None: ...
    def build(self) -> _C: ...
    def __getattr__(self, name: str) -> Any: ...
    def __setattr__(self, name: str, value: object) -> None: ...

@overload
def psetter(config: _Settable[_S]) -> _S: ...  # type: ignore[overload-overlap]
@overload
def psetter(config: _C) -> PSetter[_C]: ...
