"""Environment facts, an enum, an optional sub-config and sections a
psetter reaches: the defining module, clean for pyright with or without stubs."""

from enum import Enum

from pconfigs import (
    EnvVar,
    NoneConfig,
    OptionalConfig,
    Pinned,
    pconfig,
    pconfiged,
    penum,
    penv,
    pproperty,
)


@penv
class Dist:
    """Where this process runs, read from the environment."""

    world_size: int = 1
    rank: int
    master_addr: str = EnvVar("MASTER_ADDR", "localhost")
    master_port: int = EnvVar("MASTER_PORT", 29500)


@penum
class Precision(Enum):
    full = 32
    half = 16


@pconfiged
class Evaluator:
    config: "EvaluatorConfig"


@pconfig(constructs=Evaluator)
class EvaluatorConfig:
    every: int = 100


@pconfig
class Training:
    steps: int = 10
    lr: float = 0.1
    precision: Precision = Precision.full
    total: Pinned[int] = Pinned

    @pproperty
    def total(self) -> int:  # noqa: F811 (the field is computed here)
        return self.steps * 2


@pconfig
class Job:
    environment: Dist
    training: Training = Training()
    evaluator: OptionalConfig[EvaluatorConfig] = NoneConfig
    name: str = "job"
