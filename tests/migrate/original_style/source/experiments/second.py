from source.experiments.first import config

config.steps = 7
