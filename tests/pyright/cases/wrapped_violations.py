"""calls=/mocks= configs in an experiment file: the generated stubs spell the
fields the targets' signatures give, so pyright checks them as mypy does.

`# E: [rule] text` says that pyright reports `rule` on that line with a
message containing `text`; the test fails on any missing or extra diagnostic.
"""

from zoo.wrapped import (
    CloseConfig,
    DumpsConfig,
    OptimizerMock,
    PlainScaleConfig,
    ScaleConfig,
    TrackedConfig,
    TrackedOptimizer,
)

from pconfigs import pdefaults

# Valid: every field has the signature's default; values of the right types.
scale = ScaleConfig(offset=1.0, mode="log", clip=None, lr=0.5, betas=(0.8, 0.9))
plain = PlainScaleConfig(PlainScaleConfig(), lr=0.2)
close = CloseConfig(rel_tol=0.5)
dumps = DumpsConfig(indent=2, sort_keys=True)
optimizer = OptimizerMock(lr=0.01)
tracked = TrackedConfig(label="run", lr=0.01)
pdefaults += ScaleConfig(offset=2.0)
lr: float = scale.lr
result: tuple[float, ...] = scale([1.0], 2.0)
text: str = dumps({})
built: TrackedOptimizer = tracked.construct(params=[1.0])

# Mistakes: a wrong type, a misspelled parameter, a narrowed or omitted one.
ScaleConfig(offset="x")  # E: [reportArgumentType] "Literal['x']" is not assignable to "float"
ScaleConfig(ofset=1.0)  # E: [reportCallIssue] No parameter named "ofset"
ScaleConfig(mode="cubic")  # E: [reportArgumentType] parameter "mode" of type "Literal['linear', 'log']"
ScaleConfig(lr=object())  # E: [reportArgumentType] "object" is not assignable to "float"
ScaleConfig(data=[1.0])  # E: [reportCallIssue] No parameter named "data"
PlainScaleConfig(betas=(1.0, 1.0))  # E: [reportCallIssue] No parameter named "betas"
DumpsConfig(sort_key=True)  # E: [reportCallIssue] No parameter named "sort_key"
OptimizerMock(nesterov="yes")  # E: [reportArgumentType] "Literal['yes']" is not assignable to "bool"
TrackedConfig(label="run", lr="fast")  # E: [reportArgumentType] "Literal['fast']" is not assignable to "float"
name: str = optimizer.construct(params=[])  # E: [reportAssignmentType] "Optimizer" is not assignable to "str"

# The call and construct() take the target's remaining parameters, typed.
close_enough = close(1.0, 2.0)
scale([1.0], "x")  # E: [reportArgumentType] "Literal['x']" is not assignable to "float"
scale([1.0])  # E: [reportCallIssue] Argument missing for parameter "factor"
scale([1.0], 2.0, lr=0.1)  # E: [reportCallIssue] No parameter named "lr"
optimizer.construct(param=[])  # E: [reportCallIssue] No parameter named "param"
optimizer.construct([1.0])  # E: [reportCallIssue] Expected 0 positional arguments
tracked.construct(params="x")  # E: [reportArgumentType] "Literal['x']" is not assignable to "list[float]"
