"""Configs of other code's callables: the stubs spell the fields the targets'
signatures give (pyright has no plugin to read them)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Literal

from pconfigs import Omitted, pconfig, pconfiged


def scale(
    data: list[float],
    factor: float,
    offset: float = 0.0,
    *,
    mode: Literal["linear", "log"] = "linear",
    clip: bool | None = None,
    lr: float | Tensor = 0.1,
    betas: tuple[float | Tensor, float | Tensor] = (0.9, 0.999),
    out: Path = Path("out"),
) -> tuple[float, ...]:
    return tuple(x * factor + offset for x in data)


class Tensor:
    """Stands for a type a config cannot hold."""


@pconfig(calls=scale)
class ScaleConfig:
    betas: tuple[float, float]


@pconfig(calls=scale)
class PlainScaleConfig:
    betas: Omitted[tuple[float | Tensor, float | Tensor]]


@pconfig(calls=math.isclose)
class CloseConfig:
    pass


@pconfig(calls=json.dumps)
class DumpsConfig:
    cls: Omitted[type]
    indent: int | None
    separators: Omitted[tuple[str, str]]
    default: Omitted[object]


class Optimizer:
    def __init__(self, params: list[float], lr: float = 0.1, nesterov: bool = False) -> None:
        self.params = params
        self.lr = lr
        self.nesterov = nesterov


@pconfig(mocks=Optimizer)
class OptimizerMock:
    pass


@pconfiged(mock=True)
class TrackedOptimizer(Optimizer):
    config: TrackedConfig


@pconfig(constructs=TrackedOptimizer)
class TrackedConfig:
    label: str
