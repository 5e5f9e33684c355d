"""Each mistake pyright must report through the stubs, on its own line.

`# E: [rule] text` says that pyright reports `rule` on that line with a
message containing `text`; the test fails on any missing or extra diagnostic.
"""

from zoo.child import WarmupOptimizerConfig
from zoo.models import (
    Box,
    EncoderConfig,
    IntBox,
    ModelConfig,
    OptimizerConfig,
    Presets,
)

from pconfigs import Pin, Pinned

encoder = EncoderConfig(width=4, depth=2, activation="relu")
optimizer = OptimizerConfig()
warmup = WarmupOptimizerConfig(warmup=1)

# Unknown field, without and with a base. (With two overloads, pyright names
# no parameter: neither overload accepts the call.)
EncoderConfig(width=4, depth=2, activation="relu", dept=3)  # E: [reportCallIssue] No overloads for "__init__"
EncoderConfig(encoder, dept=3)  # E: [reportCallIssue] No overloads for "__init__"
OptimizerConfig(learning_rate=0.1)  # E: [reportCallIssue] No parameter named "learning_rate"
OptimizerConfig(optimizer, learning_rate=0.1)  # E: [reportCallIssue] No parameter named "learning_rate"

# Wrong value type, without and with a base.
OptimizerConfig(lr="fast")  # E: [reportArgumentType] "Literal['fast']" cannot be assigned to parameter "lr" of type "float"
EncoderConfig(width=4, depth=2, activation="tanh")  # E: [reportArgumentType] parameter "activation"
EncoderConfig(encoder, activation="tanh")  # E: [reportArgumentType] parameter "activation"
Box(Box(item=1, label="one"), item="two")  # E: [reportArgumentType] parameter "item"
IntBox(item="one", label="one", count=1)  # E: [reportArgumentType] parameter "item" of type "int"
Presets.Small(size="big")  # E: [reportArgumentType] parameter "size" of type "int"

# Missing required field: no base, no registered default.
EncoderConfig(width=4)  # E: [reportCallIssue] No overloads for "__init__"
WarmupOptimizerConfig(lr=Pinned)  # E: [reportCallIssue] No overloads for "__init__"
# ... or a default that leaves the field Required.
ModelConfig(name="small")  # E: [reportCallIssue] No overloads for "__init__"

# A value for a Pinned field (declared Pinned, or an inherited field pinned).
EncoderConfig(encoder, params=16)  # E: [reportArgumentType] "params" of type "Pinned[Any] | type[Pinned[Any]] | Pin[Any]"
WarmupOptimizerConfig(warmup, lr=0.5)  # E: [reportArgumentType] "lr" of type "Pinned[Any] | type[Pinned[Any]] | Pin[Any]"
# Pin(...) is accepted: a default registered in another module may pin a
# value. Only the mypy plugin limits where Pin may appear.
OptimizerConfig(version=Pin(3))

# A base of the wrong config class: unrelated, or a parent's sibling.
EncoderConfig(optimizer)  # E: [reportArgumentType] "OptimizerConfig" is not assignable to "EncoderConfig"
WarmupOptimizerConfig(encoder, warmup=2)  # E: [reportArgumentType] "EncoderConfig" is not assignable to "OptimizerConfig"
IntBox(Box(item="one", label="one"), count=1)  # E: [reportArgumentType] "Box[str]" is not assignable to "Box[int]"

# Reading a Pinned field gives its type; construct() gives the constructs= class.
params: str = encoder.params  # E: [reportAssignmentType] "int" is not assignable to "str"
built: str = encoder.construct()  # E: [reportAssignmentType] "Encoder" is not assignable to "str"
optimizer.construct()  # E: [reportAttributeAccessIssue] Cannot access attribute "construct"

# Assigning any field (last: pyright narrows an attribute after assigning it).
encoder.width = 8  # E: [reportAttributeAccessIssue] Attribute "width" is read-only
encoder.params = 8  # E: [reportAttributeAccessIssue] Cannot assign to attribute "params"
encoder.params = Pinned  # E: [reportAttributeAccessIssue] Attribute "params" is read-only
warmup.lr = 0.5  # E: [reportAttributeAccessIssue] Cannot assign to attribute "lr"
