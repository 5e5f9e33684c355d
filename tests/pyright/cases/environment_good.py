"""Valid uses of @penv, @penum, OptionalConfig and psetter through the
stubs: pyright reports nothing here."""

from typing_extensions import assert_type
from zoo.environment import (
    Dist,
    Evaluator,
    EvaluatorConfig,
    Job,
    Precision,
    Training,
)

from pconfigs import NoneConfig, psetter

# A field typed with a @penv class needs no value; every @penv field may be
# left out (the environment gives it).
job = Job()
assert_type(job.environment, Dist)
assert_type(job.environment.master_port, int)
assert_type(Dist().rank, int)
assert_type(Dist.read({"RANK": "3"}), Dist)
Dist(world_size=8, rank=0, master_addr="h")
Job(environment=Dist(rank=1), name="x")

# @penum enums are enums with make().
assert_type(Precision.make(16), Precision)
member: Precision = Precision.half

# OptionalConfig[T]: a T or NoneConfig; construct() is T's result or None.
assert_type(job.evaluator.construct(), Evaluator | None)
Job(evaluator=EvaluatorConfig(every=5))
Job(job, evaluator=NoneConfig)

# psetter: the fields of each section, set with their types.
ps = psetter(job)
ps.training.steps = 5
ps.training.lr = 1e-4
ps.training.precision = Precision.half
ps.name = "renamed"
ps.training = Training(steps=3)
assert_type(ps.build(), Job)
