"""The original design's import path for the whole config API.

``from pconfigs.pinnable import pconfig, pconfiged, pdefaults, pproperty,
pinputs, Pinned, Pin, Required, penv, penum, psetter`` keeps working for code written against it.
"""

from pconfigs.config import pconfig as pconfig
from pconfigs.constructed import pconfiged as pconfiged
from pconfigs.defaults import pdefaults as pdefaults
from pconfigs.enums import penum as penum
from pconfigs.environment import penv as penv
from pconfigs.properties import pinputs as pinputs
from pconfigs.properties import pproperty as pproperty
from pconfigs.sentinels import Pin as Pin
from pconfigs.sentinels import Pinned as Pinned
from pconfigs.sentinels import Required as Required
from pconfigs.setter import psetter as psetter

__all__ = [
    "Pin",
    "Pinned",
    "Required",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "penum",
    "penv",
    "pinputs",
    "pproperty",
    "psetter",
]
