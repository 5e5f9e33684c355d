"""What ``pconfigs.validate`` costs, against building the same config.

Run: ``python benchmarks/validate_speed.py``. Each measurement is repeated in
interleaved rounds (validate, then its baseline, then validate again, ...) so
that a busy machine slows both alike; best and median per call are printed,
and the ratio uses the best of each. Targets (issue "real config trees"):

* ``validate`` of the seed config (``project.experiments.second.config``)
  <= 20 us; shown against constructing that config (``TrainerConfig(first,
  base_lr=..., steps=...)``), which validation must not dwarf.
* Items cost per element: ``list[float]`` of 1,000 items, and a tree of 20
  nested configs, against constructing them.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

from project.experiments import first, second
from project.modules.trainer import TrainerConfig
from timing import interleaved

from pconfigs import pconfig, validate

ROUNDS = 9


def report(
    label: str,
    ours: Callable[[], Any],
    base_label: str,
    base: Callable[[], Any],
    number: int,
    target_us: float | None = None,
) -> None:
    times = interleaved(
        {"ours": ours, "base": base}, number, ROUNDS, timer=time.perf_counter
    )
    ours_times, base_times = times["ours"], times["base"]
    best, median = min(ours_times) * 1e6, statistics.median(ours_times) * 1e6
    base_best = min(base_times) * 1e6
    base_median = statistics.median(base_times) * 1e6
    verdict = ""
    if target_us is not None:
        verdict = "  ok" if best <= target_us else "  OVER TARGET"
        verdict += f" (target <= {target_us:g} us)"
    print(f"{label}: best {best:.2f} us, median {median:.2f} us{verdict}")
    print(
        f"  {base_label}: best {base_best:.2f} us, median {base_median:.2f} us; "
        f"ratio {best / base_best:.2f}x (medians {median / base_median:.2f}x)"
    )


@pconfig
class Schedule:
    values: list[float]


@pconfig
class Layer:
    width: int
    dropout: float
    activation: str


@pconfig
class Stack:
    name: str
    layers: list[Layer]


def main() -> int:
    config = second.config
    validate(config)  # compile the class's checks once, as every later call finds them
    report(
        "validate(seed second.config)",
        lambda: validate(config),
        "construct TrainerConfig(first, base_lr=1e-3, steps=5)",
        lambda: TrainerConfig(first.config, base_lr=1e-3, steps=5),
        number=5_000,
        target_us=20,
    )
    values = [float(i) for i in range(1_000)]
    schedule = Schedule(values=values)
    validate(schedule)
    report(
        "validate(list[float] of 1,000 items)",
        lambda: validate(schedule),
        "construct it",
        lambda: Schedule(values=values),
        number=2_000,
    )
    layers = [Layer(width=i, dropout=0.1, activation="gelu") for i in range(20)]
    stack = Stack(name="s", layers=layers)
    validate(stack)
    report(
        "validate(config holding 20 nested configs)",
        lambda: validate(stack),
        "construct the 20 + 1 configs",
        lambda: Stack(
            name="s",
            layers=[Layer(width=i, dropout=0.1, activation="gelu") for i in range(20)],
        ),
        number=1_000,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
