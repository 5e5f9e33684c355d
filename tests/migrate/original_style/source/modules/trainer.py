from pconfigs.pinnable import Pinned, pconfig, pconfiged, pdefaults, pproperty


@pconfiged(runnable=True)
class Trainer:
    config: "TrainerConfig"

    def main(self, *args):
        return 0


@pconfig(constructs=Trainer)
class TrainerConfig:
    steps: int
    base_lr: float
    double_steps: Pinned[int]

    @pproperty
    def double_steps(self) -> int:
        return 2 * self.steps


pdefaults += TrainerConfig(steps=1, base_lr=0.1, double_steps=Pinned)
