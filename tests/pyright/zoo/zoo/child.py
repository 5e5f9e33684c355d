"""A config whose ancestor lives in another module: its stub must import the
names that the ancestor's annotations use (``dt``, ``Sequence``)."""

from pconfigs import Pinned, pconfig, pproperty
from zoo.models import OptimizerConfig


@pconfig
class WarmupOptimizerConfig(OptimizerConfig):
    """Pins an inherited field; ``warmup`` has no default anywhere."""

    warmup: int
    lr: Pinned[float]

    # pyright reports pinning an inherited field in the defining module, with
    # or without stubs: Pinned[float] is not a float (docs/type-checking.md).
    @pproperty
    def lr(self) -> float:  # E: [reportIncompatibleVariableOverride] "lr" overrides symbol
        return 0.1 / max(1, self.warmup)
