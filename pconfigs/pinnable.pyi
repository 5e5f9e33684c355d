# `from pconfigs.pinnable import pconfig, Pinned, ...` (the original design's
# import path): the same names as the public stub (pconfigs/__init__.pyi), so
# importing them costs a type checker no runtime module.

from pconfigs import Pin as Pin
from pconfigs import Pinned as Pinned
from pconfigs import Required as Required
from pconfigs import pconfig as pconfig
from pconfigs import pconfiged as pconfiged
from pconfigs import pdefaults as pdefaults
from pconfigs import penum as penum
from pconfigs import penv as penv
from pconfigs import pinputs as pinputs
from pconfigs import pproperty as pproperty
from pconfigs import psetter as psetter

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
