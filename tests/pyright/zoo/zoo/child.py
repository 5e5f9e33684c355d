"""A config whose ancestor lives in another module: its stub must import the
names that the ancestor's annotations use (``dt``, ``Sequence``)."""

from pconfigs import Pinned, pconfig, pproperty
from zoo.models import OptimizerConfig


@pconfig
class WarmupOptimizerConfig(OptimizerConfig):
    """Pins an inherited field; ``warmup`` has no default anywhere."""

    warmup: int
    # With stubs, pyright also sees that OptimizerConfig's registered default
    # gives `lr`, and a dataclass field overriding one with a default must
    # have a default too (docs/type-checking.md).
    lr: Pinned[float]  # E-stubs: [reportGeneralTypeIssues] "lr" overrides a field of the same name but is missing a default value

    # pyright reports pinning an inherited field in the defining module, with
    # or without stubs: Pinned[float] is not a float (docs/type-checking.md).
    @pproperty
    def lr(self) -> float:  # E: [reportIncompatibleVariableOverride] "lr" overrides symbol
        return 0.1 / max(1, self.warmup)
