"""Mistakes with @penv, @penum, OptionalConfig and psetter that pyright
reports through the stubs, each on its own line."""

from zoo.environment import Dist, EvaluatorConfig, Job, Precision

from pconfigs import psetter

job = Job()
Dist(rank="0")  # E: [reportArgumentType] "Literal['0']" is not assignable to "int"
Dist(rnak=0)  # E: [reportCallIssue] No parameter named "rnak"
Dist.read({"RANK": 3})  # E: [reportArgumentType] parameter "environ" of type "Mapping[str, str]"
Job(environment=1)  # E: [reportArgumentType] "Literal[1]" is not assignable to "Dist"
Precision.make()  # E: [reportCallIssue] Argument missing for parameter "value"
member = Precision.quarter  # E: [reportAttributeAccessIssue] Cannot access attribute "quarter"
Job(evaluator=EvaluatorConfig)  # E: [reportArgumentType] parameter "evaluator" of type "OptionalConfig[EvaluatorConfig]"
Job(evaluator=None)  # E: [reportArgumentType] Argument of type "None" cannot be assigned to parameter "evaluator"

ps = psetter(job)
ps.training.stepz = 5  # E: [reportAttributeAccessIssue] Attribute "stepz" is unknown
ps.training.steps = "x"  # E: [reportAttributeAccessIssue] "Literal['x']" is not assignable to "int"
ps.training.total = 3  # E: [reportAttributeAccessIssue] Attribute "total" is unknown
ps.nme = "x"  # E: [reportAttributeAccessIssue] Attribute "nme" is unknown
ps.training = 3  # E: [reportAttributeAccessIssue] "Literal[3]" is not assignable to "Training"
ps.training.build()  # E: [reportAttributeAccessIssue] Cannot access attribute "build"
