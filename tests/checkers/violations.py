"""One mistake per marked line (a trailing "mistake" comment names it) that
every type checker should report there; every other line is valid and must
stay clean.
scripts/checker_table.py runs each checker on this file and the seed example
and writes the table in docs/checkers.md."""

from project.experiments.first import config as first
from project.modules.trainer import Trainer, TrainerConfig
from zoo.models import EncoderConfig

from pconfigs import Pinned

TrainerConfig(stepz=3)  # mistake: unknown field
TrainerConfig(first, stepz=3)  # mistake: unknown field, with a base
TrainerConfig(steps="3")  # mistake: wrong value type
TrainerConfig(first, base_lr="fast")  # mistake: wrong value type, with a base
EncoderConfig(width=1, depth=1)  # mistake: missing required field
TrainerConfig(first, lr_schedule=[0.1])  # mistake: value for a Pinned field
TrainerConfig(effective_batch_size=16)  # mistake: value for a Pinned field, no base
wrong_base = EncoderConfig(width=1, depth=1, activation="gelu")
TrainerConfig(wrong_base)  # mistake: base of the wrong config class
batch: str = first.effective_batch_size  # mistake: a Pinned field read as its type
schedule: list[str] = first.lr_schedule  # mistake: a computed list read as its type
trainer: str = first.construct()  # mistake: construct() typed as the constructs= class

# Valid uses: no checker may report anything on these lines.
derived = TrainerConfig(first, steps=2, num_devices=4)
defaults = TrainerConfig()
pinned = TrainerConfig(first, effective_batch_size=Pinned)
merged = TrainerConfig(first, derived, base_lr=1e-3)
encoder = EncoderConfig(width=4, depth=2, activation="relu")
wider = EncoderConfig(encoder, width=8)
steps: int = derived.steps
batch_size: int = derived.effective_batch_size
lrs: list[float] = derived.lr_schedule
ok: Trainer = derived.construct()

# Assignments last: some checkers narrow an attribute after assigning it.
first.steps = 1  # mistake: assigning a field
first.lr_schedule = []  # mistake: assigning a Pinned field
