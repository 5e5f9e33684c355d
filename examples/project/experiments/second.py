from project.experiments.first import config as first_expr  # Some previous experiment.
from project.modules.trainer import TrainerConfig

config = TrainerConfig(
    first_expr,  # Use all values from first experiment.
    base_lr=1e-3,
    steps=len(first_expr.lr_schedule) - 1,
)
