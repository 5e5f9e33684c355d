"""The original design's import path for the whole config API.

``from pconfigs.pinnable import pconfig, pconfiged, pdefaults, pproperty,
pinputs, Pinned, Pin, Required`` keeps working for code written against it.
"""

from pconfigs.config import pconfig as pconfig
from pconfigs.constructed import pconfiged as pconfiged
from pconfigs.defaults import pdefaults as pdefaults
from pconfigs.properties import pinputs as pinputs
from pconfigs.properties import pproperty as pproperty
from pconfigs.sentinels import Pin as Pin
from pconfigs.sentinels import Pinned as Pinned
from pconfigs.sentinels import Required as Required

__all__ = [
    "Pin",
    "Pinned",
    "Required",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "pinputs",
    "pproperty",
]
