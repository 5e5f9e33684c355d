# `from pconfigs.pinnable import Pinned, pproperty`: the same names as the
# public stub (pconfigs/__init__.pyi), so importing them costs a type checker
# no runtime module.

from pconfigs import Pin as Pin
from pconfigs import Pinned as Pinned
from pconfigs import Required as Required
from pconfigs import pinputs as pinputs
from pconfigs import pproperty as pproperty

__all__ = ["Pin", "Pinned", "Required", "pinputs", "pproperty"]
