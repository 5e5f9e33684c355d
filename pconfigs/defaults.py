"""``pdefaults``: the registry of default configs, one per config class."""

from __future__ import annotations

import copy
from _thread import allocate_lock
from typing import TYPE_CHECKING, Any, TypeVar, overload

from pconfigs._names import SPEC_ATTR
from pconfigs.config import is_config_class
from pconfigs.errors import DefaultsError, NotAConfigError, describe, message
from pconfigs.sentinels import Required

if TYPE_CHECKING:
    from typing_extensions import Self

    from pconfigs.config import ConfigSpec

C = TypeVar("C")

__all__ = ["Defaults", "pdefaults"]


class Defaults:
    """The default-config registry; use the module-level ``pdefaults``.

    ::

        pdefaults += TrainerConfig(steps=3, base_lr=3e-4, lr_schedule=Pinned)
        pdefaults(TrainerConfig)   # the registered config, or None
    """

    __slots__ = ()

    def __iadd__(self, config: object) -> Self:
        spec = _spec_of(config, "pdefaults += ...")
        # A deep copy, so no object the caller still holds can change the
        # registered default afterwards.
        registered = copy.deepcopy(config)
        # Check and store under one lock: threads registering the same class
        # at once see each other's registration, so exactly one of a set of
        # conflicting registrations succeeds.
        with _registering:
            previous = spec.default
            if previous is not None:
                _check_refinement(spec, previous, config)
            spec.default = registered
            _invalidate(spec.cls)
        return self

    @overload
    def __call__(self, config: type[C], /) -> C | None: ...
    @overload
    def __call__(self, config: C, /) -> C | None: ...
    def __call__(self, config: Any, /) -> Any:
        spec = _spec_of(config, "pdefaults(...)")
        if spec.default is None and spec.signature_defaults:
            return _signature_config(spec)
        return spec.default

    def __repr__(self) -> str:
        return "pdefaults"


pdefaults = Defaults()

_registering = allocate_lock()


def _spec_of(obj: object, usage: str) -> ConfigSpec:
    lookup = usage == "pdefaults(...)"
    cls = obj if isinstance(obj, type) and lookup else type(obj)
    spec: ConfigSpec | None = cls.__dict__.get(SPEC_ATTR)
    if spec is None:
        expected = "a config class or instance" if lookup else "a config instance"
        if isinstance(obj, type):
            got = f"the class {obj.__qualname__}"
        else:
            got = describe(obj)
        if lookup:
            fix = (
                "Fix: look up a @pconfig class or config, e.g. pdefaults(TrainerConfig)"
            )
        elif is_config_class(obj):
            fix = f"Fix: register an instance: pdefaults += {obj.__qualname__}(...)"
        else:
            fix = (
                "Fix: register an instance of a @pconfig class, e.g. "
                "pdefaults += TrainerConfig(steps=3, ...)"
            )
        raise NotAConfigError(message(f"{usage} expects {expected}, got {got}", fix))
    return spec


def _signature_config(spec: ConfigSpec) -> Any:
    """The config of a calls=/mocks= target's defaults, built when first
    asked for (constructions read the defaults as values)."""
    built = spec.signature_config
    if built is None:
        built = spec.signature_config = spec.cls(**spec.signature_defaults)
    return built


def _check_refinement(spec: ConfigSpec, previous: Any, config: Any) -> None:
    """A second registration may only fill fields still ``Required``."""
    old = spec.inputs_of(previous)
    new = spec.inputs_of(config)
    for name in spec.fields:
        if old[name] is Required or _same(old[name], new[name]):
            continue
        raise DefaultsError(
            message(
                f"pdefaults already has a default for {spec.name}; the new registration "
                f"changes {spec.name}.{name} from {old[name]!r} to {new[name]!r}",
                "A later registration may only fill fields that are still Required "
                "in the registered default, with every other field unchanged",
                f"Fix: derive a config instead: {spec.name}(pdefaults({spec.name}), "
                f"{name}={new[name]!r})",
            )
        )


def _same(a: object, b: object) -> bool:
    try:
        return a is b or bool(a == b)
    except Exception:
        return False


def _invalidate(cls: type) -> None:
    """Drop the cached default layers of ``cls`` and every config subclass."""
    pending = [cls]
    while pending:
        current = pending.pop()
        spec = current.__dict__.get(SPEC_ATTR)
        if spec is not None:
            spec.defaults_layer = None
        pending.extend(current.__subclasses__())
