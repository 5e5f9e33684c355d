# Marks the seed project for `pconfigs check`: its experiments live in
# experiments/; modules/ defines the config classes and is not an experiment.
modules = ["experiments.first", "experiments.second"]
