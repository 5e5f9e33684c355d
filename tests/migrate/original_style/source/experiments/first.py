from source.modules.trainer import TrainerConfig

config = TrainerConfig(steps=3)
config.steps = 5  # five is enough
config.base_lr = 1e-3

other = TrainerConfig(config)
other.steps = 9
