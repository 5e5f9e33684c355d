"""``cfg.inputs`` and ``pinputs(cfg)``: a read-only view of raw inputs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pconfigs.errors import FrozenConfigError, did_you_mean, message

if TYPE_CHECKING:
    from pconfigs.config import ConfigSpec

__all__ = ["ConfigInputs"]


class ConfigInputs(Mapping[str, Any]):
    """A read-only view of a config's raw inputs: ``cfg.inputs.base_lr``.

    Pinned fields read as ``Pinned`` or ``Pin(value)``. The view never
    changes the config.
    """

    __slots__ = ("_config", "_spec")

    def __init__(self, config: Any, spec: ConfigSpec) -> None:
        object.__setattr__(self, "_config", config)
        object.__setattr__(self, "_spec", spec)

    def __getattr__(self, name: str) -> Any:
        if name in self._spec.field_set:
            return self._spec.input_of(self._config, name)
        raise AttributeError(
            message(
                f"{self._spec.name} has no field {name!r}"
                + did_you_mean(name, self._spec.fields),
                f"Fields of {self._spec.name}: {', '.join(self._spec.fields)}",
            )
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenConfigError(f"{self._spec.name}.inputs is a read-only view")

    def __getitem__(self, name: str) -> Any:
        if name in self._spec.field_set:
            return self._spec.input_of(self._config, name)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._spec.fields)

    def __len__(self) -> int:
        return len(self._spec.fields)

    def __repr__(self) -> str:
        body = ", ".join(f"{name}={value!r}" for name, value in self.items())
        return f"{self._spec.name}.inputs({body})"
