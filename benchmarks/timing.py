"""Timing shared by the benchmark scripts (imported as ``timing``: each script
runs with ``benchmarks/`` first on ``sys.path``)."""

from __future__ import annotations

import time
import timeit
from collections.abc import Callable
from typing import Any

Timer = Callable[[], float]


def per_call(
    func: Callable[[], Any], number: int, timer: Timer = time.process_time
) -> float:
    """Seconds per call over ``number`` calls. CPU time by default: wall time
    on a shared machine measures the neighbours."""
    return timeit.timeit(func, number=number, timer=timer) / number


def interleaved(
    funcs: dict[str, Callable[[], Any]],
    number: int,
    rounds: int,
    timer: Timer = time.process_time,
) -> dict[str, list[float]]:
    """Each function's seconds per call in each round; the functions take turns
    within a round, so load on the machine hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(rounds):
        for name, func in funcs.items():
            times[name].append(per_call(func, number, timer))
    return times
