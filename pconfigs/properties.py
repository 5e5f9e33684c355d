"""``@pproperty`` (computed fields) and ``pinputs`` (raw inputs)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from pconfigs._names import SPEC_ATTR
from pconfigs.errors import ConfigDefinitionError, NotAConfigError, message

if TYPE_CHECKING:
    from pconfigs.sentinels import Pinned

T = TypeVar("T")
C = TypeVar("C")

__all__ = ["PProperty", "pinputs", "pproperty"]


class PProperty(Generic[T]):
    """The run-time object ``@pproperty`` leaves in the class body.

    It is a non-data descriptor: once a config is built, its computed value
    sits in the instance ``__dict__`` and reads cost what a plain attribute
    read costs. ``__get__`` only runs while the config is being built, for a
    read that dependency inference did not foresee.
    """

    __slots__ = ("__wrapped__", "extra_deps", "func", "name")

    def __init__(
        self, func: Callable[[Any], T], extra_deps: Iterable[str] = ()
    ) -> None:
        if not callable(func):
            raise ConfigDefinitionError(
                message(
                    f"@pproperty decorates a function, got {func!r}",
                    "Fix: put @pproperty directly above a method `def name(self) -> T:`",
                )
            )
        if isinstance(extra_deps, str):
            extra_deps = (extra_deps,)
        self.func = func
        self.__wrapped__ = func
        self.extra_deps = tuple(extra_deps)
        self.name: str = getattr(func, "__name__", "<pproperty>")

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        spec = getattr(type(instance), SPEC_ATTR, None)
        if spec is None:
            raise ConfigDefinitionError(
                message(
                    f"{type(instance).__qualname__}.{self.name} is a @pproperty, but "
                    f"{type(instance).__qualname__} is not a @pconfig class",
                    f"Fix: decorate {type(instance).__qualname__} with @pconfig",
                )
            )
        if spec.properties.get(self.name) is not self:
            # An ancestor's @pproperty reached through super().<name> in an
            # override: run the ancestor's computation, not the override again.
            return self.func(instance)
        return spec.compute_on_demand(instance, self.name)

    def __repr__(self) -> str:
        return f"<pproperty {getattr(self.func, '__qualname__', self.name)}>"


if TYPE_CHECKING:

    @overload
    def pproperty(func: Callable[[Any], T], /) -> Pinned[T]: ...
    @overload
    def pproperty(
        *, deps: Iterable[str] = ...
    ) -> Callable[[Callable[[Any], T]], Pinned[T]]: ...


def pproperty(func: Any = None, /, *, deps: Iterable[str] = ()) -> Any:
    """Compute the field of the same name from the config's other values.

    Values are computed once, when the config is built, in dependency order.
    Dependencies are the ``self.<name>`` reads in the body plus ``deps``::

        @pconfig
        class TrainerConfig:
            grad_accum_steps: int
            num_devices: int
            effective_batch_size: Pinned[int]

            @pproperty
            def effective_batch_size(self) -> int:
                return self.grad_accum_steps * self.num_devices
    """
    if func is None:
        return lambda f: PProperty(f, deps)
    return PProperty(func, deps)


def pinputs(config: C) -> C:
    """The raw inputs of ``config``, read by attribute.

    Inside a ``@pproperty`` this gives the value that was passed for a field
    before the property computed it (for a Pinned field: ``Pinned`` or a
    ``Pin``)::

        @pproperty
        def speed(self) -> int:
            return max(0, pinputs(self).speed)
    """
    spec = getattr(type(config), SPEC_ATTR, None)
    if spec is None:
        raise NotAConfigError(
            message(
                f"pinputs() takes a config instance, got {type(config).__qualname__}",
                "Fix: call pinputs(self) inside a @pproperty of a @pconfig class",
            )
        )
    view: C = spec.inputs_view(config)
    return view
