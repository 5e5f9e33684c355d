"""One level further: SizedEncoderConfig's stub declares the inherited fields
its registered default gives again, with ``= ...``."""

from pconfigs import pconfig, pdefaults
from zoo.inherit import SizedEncoderConfig


@pconfig(inherit_constructable_type=True)
class WideEncoderConfig(SizedEncoderConfig):
    wide: bool


pdefaults += WideEncoderConfig(wide=True)
