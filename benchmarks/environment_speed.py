"""What a ``@penv`` field costs when a config is built.

Three configs of the same shape (a torchrun-style job: a ``Dist`` environment
next to a training section and ten scalars), each built many times:

* **no env field** (baseline): the job without the environment field;
* **snapshot given**: ``Job(environment=snapshot)``, a snapshot built once;
* **snapshot taken**: ``Job()``, which reads ``os.environ`` into a fresh
  snapshot on every construction (the missing-fields path of the generated
  ``__init__``).

A config without env fields runs the same generated fast path as before
``@penv`` existed (the environment is only looked at when a field is missing),
so "snapshot given" against the baseline shows what one more field costs, and
"snapshot taken" what reading the environment adds. Each side runs
interleaved with the baseline, several times; best and median are printed in
microseconds and as ratios.

    python benchmarks/environment_speed.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from timing import interleaved

from pconfigs import EnvVar, pconfig, penv


@penv
class Dist:
    world_size: int = 1
    rank: int = 0
    local_rank: int = 0
    master_addr: str = EnvVar("MASTER_ADDR", "localhost")
    master_port: int = EnvVar("MASTER_PORT", 29500)
    device: str | None


@pconfig
class Training:
    steps: int = 100
    lr: float = 3e-4


@pconfig
class Plain:
    training: Training = Training()
    a0: int = 0
    a1: int = 1
    a2: int = 2
    a3: int = 3
    a4: int = 4
    a5: float = 0.5
    a6: float = 0.6
    a7: str = "x"
    a8: str = "y"
    a9: bool = True


@pconfig
class WithEnv(Plain):
    environment: Dist


ROUNDS = 9
CALLS = 2_000


def compare(label: str, func: Callable[[], Any], baseline: Callable[[], Any]) -> None:
    times = interleaved(
        {"ours": func, "base": baseline}, CALLS, ROUNDS, timer=time.perf_counter
    )
    ours = [t * 1e6 for t in times["ours"]]
    base = [t * 1e6 for t in times["base"]]
    ratios = [o / b for o, b in zip(ours, base, strict=True)]
    print(
        f"{label:<34} best {min(ours):7.2f} us (baseline {min(base):6.2f} us, "
        f"ratio {min(ours) / min(base):4.2f}x)  "
        f"median {statistics.median(ours):7.2f} us (ratio {statistics.median(ratios):4.2f}x)"
    )


def main() -> None:
    os.environ.update({"WORLD_SIZE": "8", "RANK": "3", "LOCAL_RANK": "1"})
    snapshot = Dist()
    compare(
        "snapshot given: Job(environment=s)",
        lambda: WithEnv(environment=snapshot),
        Plain,
    )
    compare("snapshot taken: Job()", WithEnv, Plain)
    compare("Dist() alone", Dist, Plain)


if __name__ == "__main__":
    main()
