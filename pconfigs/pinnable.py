"""``Pinned`` fields and the ``@pproperty`` methods that compute them.

Kept as its own module so ``from pconfigs.pinnable import Pinned, pproperty``
(the original design's import path) keeps working.
"""

from pconfigs.properties import pinputs as pinputs
from pconfigs.properties import pproperty as pproperty
from pconfigs.sentinels import Pin as Pin
from pconfigs.sentinels import Pinned as Pinned
from pconfigs.sentinels import Required as Required

__all__ = ["Pin", "Pinned", "Required", "pinputs", "pproperty"]
