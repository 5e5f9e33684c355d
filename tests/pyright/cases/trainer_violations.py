"""The seed example's mistakes, checked against the stubs generated for it.

`# E: [rule] text` marks an expected pyright diagnostic (see test_pyright.py).
"""

from project.experiments.first import config as first
from project.modules.trainer import Trainer, TrainerConfig
from zoo.models import EncoderConfig

TrainerConfig(stepz=3)  # E: [reportCallIssue] No parameter named "stepz"
TrainerConfig(first, stepz=3)  # E: [reportCallIssue] No parameter named "stepz"
TrainerConfig(steps="3")  # E: [reportArgumentType] parameter "steps" of type "int"
TrainerConfig(first, base_lr="fast")  # E: [reportArgumentType] parameter "base_lr" of type "float"
TrainerConfig(first, lr_schedule=[0.1, 0.01])  # E: [reportArgumentType] "lr_schedule" of type "Pinned[Any] | type[Pinned[Any]] | Pin[Any]"
TrainerConfig(effective_batch_size=16)  # E: [reportArgumentType] "effective_batch_size" of type "Pinned[Any] | type[Pinned[Any]] | Pin[Any]"
TrainerConfig(EncoderConfig(width=1, depth=1, activation="gelu"))  # E: [reportArgumentType] "EncoderConfig" is not assignable to "TrainerConfig"
batch: str = first.effective_batch_size  # E: [reportAssignmentType] "int" is not assignable to "str"
trainer: str = first.construct()  # E: [reportAssignmentType] "Trainer" is not assignable to "str"
schedule: list[str] = first.lr_schedule  # E: [reportAssignmentType] "list[float]" is not assignable to "list[str]"
ok: Trainer = TrainerConfig(first, steps=2).construct()

# Assigning fields last: pyright narrows an attribute after assigning it.
first.steps = 1  # E: [reportAttributeAccessIssue] Attribute "steps" is read-only
first.lr_schedule = []  # E: [reportAttributeAccessIssue] Cannot assign to attribute "lr_schedule"
