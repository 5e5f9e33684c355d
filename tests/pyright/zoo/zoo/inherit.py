"""Subclasses in another module than their ancestor. With stubs, pyright reads
the ancestor from its stub, which marks the fields a registered default gives
(``= ...``): a subclass's default then lists its own fields only, as at run
time. Without stubs pyright asks for every inherited field here."""

from pconfigs import Pinned, pconfig, pdefaults
from zoo.models import EncoderConfig, OptimizerConfig


@pconfig
class DecayOptimizerConfig(OptimizerConfig):
    decay: float


pdefaults += DecayOptimizerConfig(decay=0.01)


@pconfig(inherit_constructable_type=True)
class SizedEncoderConfig(EncoderConfig):
    """Its default gives the inherited fields EncoderConfig leaves required."""

    heads: int


pdefaults += SizedEncoderConfig(
    width=64, depth=4, activation="gelu", params=Pinned, heads=2
)
