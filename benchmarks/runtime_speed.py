"""Runtime speed and memory of configs, as ratios against frozen dataclasses.

Run: ``python benchmarks/runtime_speed.py``. Every ratio compares two numbers
measured in this same run on this machine; the baseline is a frozen dataclass
whose ``__post_init__`` computes the same derived values the ``@pproperty``
methods compute. Targets (issue "core runtime"):

* construction <= 1.25x (hard limit 2x)
* derive with overrides (``C(base, x=...)``) <= 1.5x ``dataclasses.replace``
* reading a field or a computed value <= 1.5x a dataclass attribute read
* freezing a stored list costs at most one copy: a config holding a
  1,000-float list vs the dataclass holding it (microseconds per 1,000 items)
* memory per instance <= 1.25x
* ``import pconfigs`` <= 20 ms and <= 2x ``import dataclasses``

Each timed pair runs in interleaved rounds (pconfigs, then its baseline, then
pconfigs again, ...) so a busy machine slows both alike; every line shows the
best and the median CPU time per call and the ratio of each. The verdict
reads the best (the least disturbed). The script never fails on a number:
timing belongs here, not in the tests.
"""

from __future__ import annotations

import dataclasses
import gc
import math
import os
import re
import statistics
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from typing import Any

from timing import interleaved

from pconfigs import Pinned, pconfig, pdefaults, pproperty
from pconfigs.frozen import MUTABLE_KINDS


def _schedule(base_lr: float, total_steps: int, min_lr_ratio: float) -> list[float]:
    if total_steps <= 0 or not 0.0 <= min_lr_ratio <= 1.0:
        raise ValueError("Bad lr_schedule.")
    min_lr = base_lr * min_lr_ratio
    denom = max(1, total_steps - 1)
    return [
        min_lr + (base_lr - min_lr) * 0.5 * (1.0 + math.cos(math.pi * step / denom))
        for step in range(total_steps)
    ]


@pconfig
class TrainerConfig:
    steps: int
    base_lr: float
    total_steps: int
    min_lr_ratio: float
    grad_accum_steps: int
    num_devices: int
    effective_batch_size: Pinned[int]
    lr_schedule: Pinned[list[float]]

    @pproperty
    def effective_batch_size(self) -> int:
        return self.grad_accum_steps * self.num_devices

    @pproperty
    def lr_schedule(self) -> list[float]:
        return _schedule(self.base_lr, self.total_steps, self.min_lr_ratio)


pdefaults += TrainerConfig(
    steps=3,
    base_lr=3e-4,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)


@dataclasses.dataclass(frozen=True, kw_only=True)
class TrainerDataclass:
    steps: int
    base_lr: float
    total_steps: int
    min_lr_ratio: float
    grad_accum_steps: int
    num_devices: int
    effective_batch_size: int = dataclasses.field(init=False)
    lr_schedule: list[float] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "effective_batch_size", self.grad_accum_steps * self.num_devices
        )
        object.__setattr__(
            self,
            "lr_schedule",
            _schedule(self.base_lr, self.total_steps, self.min_lr_ratio),
        )


def _check_steps(config: Any) -> None:
    if config.steps > config.total_steps * 1000:
        raise ValueError("steps out of range")


# The seed config and its dataclass twin, each validating in __post_init__.
@pconfig(inherit_constructable_type=True)
class ValidatedConfig(TrainerConfig):
    def __post_init__(self) -> None:
        _check_steps(self)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ValidatedDataclass(TrainerDataclass):
    def __post_init__(self) -> None:
        super().__post_init__()
        _check_steps(self)


# A config whose only derived value is cheap, so fixed costs dominate.
@pconfig
class LightConfig:
    width: int
    depth: int
    name: str
    dropout: float
    params: Pinned[int]

    @pproperty
    def params(self) -> int:
        return self.width * self.depth


@dataclasses.dataclass(frozen=True, kw_only=True)
class LightDataclass:
    width: int
    depth: int
    name: str
    dropout: float
    params: int = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", self.width * self.depth)


@pconfig
class GridConfig:
    """A config that stores a list: construction freezes (copies) it."""

    name: str
    values: list[float]


@dataclasses.dataclass(frozen=True, kw_only=True)
class GridDataclass:
    name: str
    values: list[float]


INPUTS = dict(
    steps=3,
    base_lr=3e-4,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)
LIGHT = dict(width=64, depth=4, name="mlp", dropout=0.1)


ROUNDS = 11


def ratio_line(
    label: str,
    ours: Callable[[], Any],
    base: Callable[[], Any],
    number: int,
    target: float,
    unit: str = "us",
) -> str:
    times = interleaved({"ours": ours, "base": base}, number, ROUNDS)
    ours_times, base_times = times["ours"], times["base"]
    scale = 1e6 if unit == "us" else 1e9
    best = min(ours_times) / min(base_times)
    median = statistics.median(ours_times) / statistics.median(base_times)
    verdict = "ok" if best <= target else "OVER TARGET"
    return (
        f"{label}\n"
        f"    pconfigs  best {min(ours_times) * scale:8.3f} {unit}"
        f"  median {statistics.median(ours_times) * scale:8.3f} {unit}\n"
        f"    baseline  best {min(base_times) * scale:8.3f} {unit}"
        f"  median {statistics.median(base_times) * scale:8.3f} {unit}\n"
        f"    ratio     best {best:5.2f}x  median {median:5.2f}x"
        f"  (target <= {target}x: {verdict})"
    )


def freezing_line(values: list[float]) -> str:
    """What freezing a stored list costs, next to its two parts' floors: one
    list copy, and one look at each item's type (to find nested lists, dicts
    and sets that need freezing too)."""
    grid = dict(name="grid", values=values)
    parts = {
        "config": lambda: GridConfig(**grid),
        "dataclass": lambda: GridDataclass(**grid),
        "copy": lambda: list(values),
        "scan": lambda: MUTABLE_KINDS.isdisjoint(set(map(type, values))),
    }
    times = interleaved(parts, 2_000, ROUNDS)
    best = {name: min(t) * 1e6 for name, t in times.items()}
    median = {name: statistics.median(t) * 1e6 for name, t in times.items()}
    return (
        f"freeze a {len(values):,}-float list (per construction)\n"
        f"    freezing  best {best['config'] - best['dataclass']:8.3f} us"
        f"  median {median['config'] - median['dataclass']:8.3f} us\n"
        f"    one copy  best {best['copy']:8.3f} us  median {median['copy']:8.3f} us\n"
        f"    type scan best {best['scan']:8.3f} us  median {median['scan']:8.3f} us"
        "  (the floor: one C-level call per item)"
    )


def bytes_per_instance(make: Callable[[], Any], count: int = 20_000) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    keep = [make() for _ in range(count)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del keep
    return (after - before) / count


def import_ms(module: str, runs: int = 7) -> float:
    """Cumulative ``-X importtime`` of ``module`` in a fresh interpreter (best run).

    Bytecode caching is forced on (an installed package has its ``.pyc``
    files; a ``PYTHONDONTWRITEBYTECODE`` environment would otherwise measure
    the compiler), and a first run writes the caches.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    best = math.inf
    for _ in range(runs + 1):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        for line in result.stderr.splitlines():
            match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S+)$", line.strip())
            if match and match.group(2) == module:
                best = min(best, int(match.group(1)) / 1000)
    return best


def main() -> int:
    results: list[str] = []
    ours = TrainerConfig(**INPUTS)
    base = TrainerDataclass(**INPUTS)
    assert ours.lr_schedule == base.lr_schedule
    light = LightConfig(**LIGHT)
    light_dc = LightDataclass(**LIGHT)

    n = 5_000
    results.append(
        ratio_line(
            "construct (seed TrainerConfig)",
            lambda: TrainerConfig(**INPUTS),
            lambda: TrainerDataclass(**INPUTS),
            n,
            1.25,
        )
    )
    results.append(
        ratio_line(
            "construct (seed, validating __post_init__)",
            lambda: ValidatedConfig(**INPUTS),
            lambda: ValidatedDataclass(**INPUTS),
            n,
            1.25,
        )
    )
    results.append(
        ratio_line(
            "construct (light config, cheap derived value)",
            lambda: LightConfig(**LIGHT),
            lambda: LightDataclass(**LIGHT),
            n,
            1.25,
        )
    )
    results.append(
        ratio_line(
            "derive C(base, x=...) vs dataclasses.replace",
            lambda: TrainerConfig(ours, base_lr=1e-3, steps=5),
            lambda: dataclasses.replace(base, base_lr=1e-3, steps=5),
            n,
            1.5,
        )
    )
    results.append(
        ratio_line(
            "derive (light) vs dataclasses.replace",
            lambda: LightConfig(light, width=32),
            lambda: dataclasses.replace(light_dc, width=32),
            n,
            1.5,
        )
    )
    results.append(freezing_line([0.5] * 1000))
    reads = 500_000
    results.append(
        ratio_line(
            "read a field",
            lambda: ours.base_lr,
            lambda: base.base_lr,
            reads,
            1.5,
            unit="ns",
        )
    )
    results.append(
        ratio_line(
            "read a computed value",
            lambda: ours.lr_schedule,
            lambda: base.lr_schedule,
            reads,
            1.5,
            unit="ns",
        )
    )
    mem_ours = bytes_per_instance(lambda: TrainerConfig(**INPUTS))
    mem_base = bytes_per_instance(lambda: TrainerDataclass(**INPUTS))
    verdict = "ok" if mem_ours / mem_base <= 1.25 else "OVER TARGET"
    results.append(
        f"{'memory per instance (seed)':<44} pconfigs {mem_ours:8.0f} B   dataclass "
        f"{mem_base:8.0f} B   ratio {mem_ours / mem_base:5.2f}x  (target <= 1.25x: {verdict})"
    )
    mem_ours = bytes_per_instance(lambda: LightConfig(**LIGHT))
    mem_base = bytes_per_instance(lambda: LightDataclass(**LIGHT))
    verdict = "ok" if mem_ours / mem_base <= 1.25 else "OVER TARGET"
    results.append(
        f"{'memory per instance (light)':<44} pconfigs {mem_ours:8.0f} B   dataclass "
        f"{mem_base:8.0f} B   ratio {mem_ours / mem_base:5.2f}x  (target <= 1.25x: {verdict})"
    )
    ours_ms = import_ms("pconfigs")
    base_ms = import_ms("dataclasses")
    verdict = "ok" if ours_ms <= 20 and ours_ms / base_ms <= 2 else "OVER TARGET"
    results.append(
        f"{'import time':<44} pconfigs {ours_ms:8.2f} ms  dataclasses {base_ms:6.2f} ms"
        f"  ratio {ours_ms / base_ms:5.2f}x  (target <= 20 ms and <= 2x: {verdict})"
    )
    print(
        f"Python {sys.version.split()[0]}; CPU time per call over {ROUNDS} "
        "interleaved rounds"
    )
    print("\n".join(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
