"""pconfigs: typed, frozen, statically checked configs for ML experiments."""

from pconfigs.config import ConfigInputs as ConfigInputs
from pconfigs.config import is_config as is_config
from pconfigs.config import is_config_class as is_config_class
from pconfigs.config import pconfig as pconfig
from pconfigs.constructed import pconfiged as pconfiged
from pconfigs.defaults import pdefaults as pdefaults
from pconfigs.errors import PconfigsError as PconfigsError
from pconfigs.properties import pinputs as pinputs
from pconfigs.properties import pproperty as pproperty
from pconfigs.sentinels import Pin as Pin
from pconfigs.sentinels import Pinned as Pinned
from pconfigs.sentinels import Required as Required

__version__ = "0.1.0"

__all__ = [
    "ConfigInputs",
    "Pin",
    "Pinned",
    "PconfigsError",
    "Required",
    "is_config",
    "is_config_class",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "pinputs",
    "pproperty",
]
