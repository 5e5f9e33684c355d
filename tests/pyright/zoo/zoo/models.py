# ruff: noqa: UP037, UP045
# (quoted and Optional annotations, long lines and single quotes on purpose:
# the stub generator must read and reformat all of them)
"""Config classes that exercise the stub generator: no default, defaults,
Required in a default, Pin in a default, generics, ClassVars and methods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar, Generic, Literal, Optional, TypeVar

from pconfigs import Pin, Pinned, Required, pconfig, pconfiged, pdefaults, pproperty

T = TypeVar("T")


def build_schedule(start: float, stop: float, steps: int, warmup: int = 0, shape: str = 'cosine') -> list[float]:
    """A long signature and a single-quoted default: mypy's stub generator
    writes both the way black would not; the generated stub must not."""
    return [start + (stop - start) * i / max(1, steps - 1) for i in range(steps)]


def build_schedule_with_a_much_longer_name(start: float, stop: float, steps: int, warmup: int = 0, shape: str = 'cosine', repeat: int = 1) -> list[float]:
    return build_schedule(start, stop, steps, warmup, shape) * repeat


@pconfiged
class Encoder:
    config: EncoderConfig

    def width(self) -> int:
        return self.config.width


@pconfig(constructs=Encoder)
class EncoderConfig:
    """No registered default: every input field is required without a base."""

    width: int
    """Hidden units per layer (a field docstring: the stub keeps it)."""
    depth: int
    activation: Literal["relu", "gelu"]
    params: Pinned[int]
    kind: ClassVar[str] = "encoder"

    @pproperty
    def params(self) -> int:
        return self.width * self.depth

    def describe(self) -> str:
        return f"{self.width}x{self.depth}"


@pconfig
class OptimizerConfig:
    lr: float
    betas: tuple[float, float]
    schedule: Optional[Sequence[float]]
    started: dt.date
    version: Pinned[int]


pdefaults += OptimizerConfig(
    lr=1e-3,
    betas=(0.9, 0.999),
    schedule=None,
    started=dt.date(2024, 1, 1),
    version=Pin(2),
)


@pconfig
class Box(Generic[T]):
    item: T
    label: str


@pconfig
class IntBox(Box[int]):
    """Inherits ``item: T`` as ``item: int``."""

    count: int


@pconfig
class ModelConfig:
    encoder: EncoderConfig
    optimizer: OptimizerConfig
    name: "str"


# `encoder` stays Required: a config without a base must give it. (In its own
# module pyright checks the source, where every field must be given.)
pdefaults += ModelConfig(
    encoder=Required,
    optimizer=OptimizerConfig(
        lr=0.1, betas=(0.9, 0.99), schedule=[], started=dt.date.min, version=Pin(1)
    ),
    name="base",
)


class Presets:
    """A namespace class: config classes nested in it get explicit stubs too."""

    @pconfig
    class Small:
        size: int

        def doubled(self) -> int:
            return 2 * self.size


pdefaults += Presets.Small(size=1)
