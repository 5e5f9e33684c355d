"""A config module with docstrings on its class, fields and methods."""

from pconfigs import Pinned, pconfig, pdefaults, pproperty


@pconfig
class ModelConfig:
    """The model section of a job."""

    dim: int
    """Width of the residual stream."""
    n_heads: int
    head_dim: Pinned[int]
    """Computed: dim // n_heads."""

    @pproperty
    def head_dim(self) -> int:
        return self.dim // self.n_heads

    def describe(self) -> str:
        """One line saying what this model is."""
        return f"{self.dim}x{self.n_heads}"


pdefaults += ModelConfig(dim=256, n_heads=8, head_dim=Pinned)
