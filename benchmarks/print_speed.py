"""How fast ``pconfigs.print`` lays out a big config, against black on the same text.

Builds a config that prints as ~20,000 lines (nested configs, lists of
configs, long float lists, dicts, strings, paths, enums), times
``format_module`` (best of several runs) and ``black.format_str`` on its
output, and prints both with their ratio. Also prints at 1/4 and 1/2 of the
size, to show that time grows linearly.

    python benchmarks/print_speed.py
"""

from __future__ import annotations

import enum
import pathlib
import time
from collections.abc import Callable

from pconfigs import Pinned, pconfig, pproperty
from pconfigs.printing import format_module


class Stage(enum.Enum):
    warmup = "warmup"
    main = "main"


@pconfig
class OptimizerConfig:
    name: str
    lr: float
    betas: tuple[float, float]
    schedule: Pinned[list[float]]

    @pproperty
    def schedule(self) -> list[float]:
        return [self.lr * (1 - step / 40) for step in range(40)]


@pconfig
class LayerConfig:
    width: int
    activation: str
    dropout: float
    stage: Stage
    checkpoint: pathlib.Path
    optimizer: OptimizerConfig
    tags: dict[str, int]


@pconfig
class ModelConfig:
    name: str
    layers: list[LayerConfig]
    depth: Pinned[int]

    @pproperty
    def depth(self) -> int:
        return len(self.layers)


def build(layers: int) -> ModelConfig:
    return ModelConfig(
        name="benchmark",
        layers=[
            LayerConfig(
                width=64 * (i % 8 + 1),
                activation="gelu" if i % 2 else "relu",
                dropout=0.1 * (i % 3),
                stage=Stage.main if i % 5 else Stage.warmup,
                checkpoint=pathlib.Path(f"/checkpoints/run-{i:05d}/layer.pt"),
                optimizer=OptimizerConfig(
                    name="adamw", lr=3e-4 / (i + 1), betas=(0.9, 0.999)
                ),
                tags={"index": i, "group": i // 10},
            )
            for i in range(layers)
        ],
    )


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    import black  # the baseline; never imported by pconfigs itself

    layers = 365  # about 20,000 printed lines
    for size in (layers // 4, layers // 2):
        config = build(size)
        lines = format_module(config).count("\n")
        seconds = best_of(5, lambda config=config: format_module(config))
        print(f"{lines:>6} lines: pconfigs {seconds * 1000:7.1f} ms")
    config = build(layers)
    text = format_module(config)
    ours = best_of(9, lambda: format_module(config))
    theirs = best_of(2, lambda: black.format_str(text, mode=black.Mode()))
    assert black.format_str(text, mode=black.Mode()) == text
    print(f"{text.count(chr(10)):>6} lines: pconfigs {ours * 1000:7.1f} ms")
    print(f"{'':>6}        black    {theirs * 1000:7.1f} ms on the same text")
    print(f"pconfigs is {theirs / ours:.0f}x faster than black.format_str")


if __name__ == "__main__":
    main()
