"""``@pconfiged``: classes built from a config with ``config.construct()``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from pconfigs._names import CONFIGED_ATTR
from pconfigs.errors import ConfigDefinitionError, NotConfiguredError, describe, message

T = TypeVar("T", bound=type)

__all__ = ["build_configured", "is_runnable", "pconfiged"]


@overload
def pconfiged(cls: T, /) -> T: ...
@overload
def pconfiged(*, runnable: bool = False, mock: bool = False) -> Callable[[T], T]: ...
def pconfiged(cls: Any = None, /, *, runnable: bool = False, mock: bool = False) -> Any:
    """Mark a class as built from its config: ``cfg.construct()``.

    The class annotates ``config`` with its config class and its own
    ``__init__`` takes no parameters; ``self.config`` is set before it runs::

        @pconfiged(runnable=True)
        class Trainer:
            config: TrainerConfig

            def main(self, args, extra_args) -> int: ...

    ``mock=True`` marks a subclass of another library's class: its config
    takes the fields of that class's ``__init__``, which ``construct()``
    calls with the configured values (docs/other-libraries.md).
    """

    def decorate(cls: Any) -> Any:
        if not isinstance(cls, type):
            raise ConfigDefinitionError(
                message(
                    f"@pconfiged decorates a class, got {describe(cls)}",
                    "Fix: put @pconfiged directly above `class MyThing:`",
                )
            )
        config_annotation = _config_annotation(cls)
        if runnable and not callable(getattr(cls, "main", None)):
            raise ConfigDefinitionError(
                message(
                    f"@pconfiged(runnable=True) class {cls.__qualname__} has no main() method",
                    "pconfigs.run calls main(parsed_args, extra_args) on the constructed object",
                    f"Fix: define `def main(self, args, extra_args) -> int | None:` "
                    f"in {cls.__qualname__}",
                )
            )
        if not mock:
            _reject_init_parameters(cls)
        _wrap_init(cls, config_annotation)
        setattr(
            cls,
            CONFIGED_ATTR,
            {"runnable": runnable, "config": config_annotation, "mock": mock},
        )
        return cls

    if cls is None:
        return decorate
    return decorate(cls)


def _config_annotation(cls: type) -> str:
    for owner in cls.__mro__:
        annotations = owner.__dict__.get("__annotations__", {})
        if "config" in annotations:
            annotation = annotations["config"]
            if isinstance(annotation, str):
                return annotation
            return str(getattr(annotation, "__qualname__", annotation))
    raise ConfigDefinitionError(
        message(
            f"@pconfiged class {cls.__qualname__} does not annotate its config",
            "construct() stores the config in self.config, typed by that annotation",
            f"Fix: add `config: {cls.__qualname__}Config` to the body of {cls.__qualname__}",
        )
    )


def _reject_init_parameters(cls: type) -> None:
    """construct() calls ``__init__()`` with no arguments: say so at decoration."""
    user_init = cls.__dict__.get("__init__")
    if user_init is None:
        return
    import inspect  # only classes with their own __init__ pay for it

    try:
        parameters = list(inspect.signature(user_init).parameters.values())[1:]
    except (TypeError, ValueError):
        return
    needed = [
        p.name
        for p in parameters
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if needed:
        raise ConfigDefinitionError(
            message(
                f"@pconfiged class {cls.__qualname__}: __init__ takes parameters "
                f"{', '.join(needed)}, but construct() calls it with none",
                "Everything a @pconfiged class needs comes from its config, which "
                "is in self.config when __init__ runs",
                f"Fix: declare them as config fields and read self.config.{needed[0]}",
            )
        )


_NO_CONFIG: Any = object()


def _wrap_init(cls: Any, config_annotation: str) -> None:
    user_init = cls.__dict__.get("__init__")

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        # getattr, not self.__dict__: touching __dict__ would slow every later
        # attribute read of the object (self.config in a training loop).
        if getattr(self, "config", _NO_CONFIG) is _NO_CONFIG:
            raise NotConfiguredError(
                message(
                    f"{cls.__qualname__}() was created without its config "
                    f"({config_annotation})",
                    f"A @pconfiged class is built from its config, which sets "
                    f"self.config before {cls.__qualname__}.__init__ runs",
                    f"Fix: build it with {config_annotation}(...).construct()",
                )
            )
        if user_init is not None:
            user_init(self, *args, **kwargs)
        else:
            super(cls, self).__init__(*args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__doc__ = getattr(user_init, "__doc__", None)
    cls.__init__ = __init__


def build_configured(
    target: type, config: object, init_kwargs: dict[str, Any] | None = None
) -> Any:
    """``config.construct()``: a ``target`` whose ``.config`` is ``config``.

    A ``mock=True`` class's external ``__init__`` receives ``init_kwargs``.
    """
    if init_kwargs is None:
        obj: Any = object.__new__(target)
        object.__setattr__(obj, "config", config)
        obj.__init__()
        return obj
    new: Any = target.__new__
    obj = new(target)
    object.__setattr__(obj, "config", config)
    obj.__init__(**init_kwargs)
    return obj


def is_runnable(cls: object) -> bool:
    """True for a ``@pconfiged(runnable=True)`` class."""
    info = getattr(cls, "__dict__", {}).get(CONFIGED_ATTR)
    return bool(info and info["runnable"])
