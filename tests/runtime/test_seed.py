"""The seed example's values, computed by the runtime."""

import math

import pytest
from project.experiments import first, second
from project.modules.trainer import Trainer, TrainerConfig

from pconfigs import Pinned, pdefaults
from pconfigs.errors import PinnedFieldError

SECOND_SCHEDULE = [
    0.001,
    0.0009140576474687263,
    0.0006890576474687264,
    0.0004109423525312737,
    0.00018594235253127368,
    0.0001,
]


def test_first_experiment_computes_batch_size_and_schedule() -> None:
    config = first.config
    assert config.effective_batch_size == 8
    assert len(config.lr_schedule) == 6
    assert math.isclose(config.lr_schedule[0], 3e-4, abs_tol=1e-12)
    assert math.isclose(config.lr_schedule[-1], 3e-5, abs_tol=1e-12)
    assert config.lr_schedule == sorted(config.lr_schedule, reverse=True)


def test_second_experiment_follows_its_new_base_lr() -> None:
    config = second.config
    assert config.steps == 5
    assert config.base_lr == 1e-3
    assert config.effective_batch_size == 8
    assert len(config.lr_schedule) == len(SECOND_SCHEDULE)
    for got, expected in zip(config.lr_schedule, SECOND_SCHEDULE, strict=True):
        assert math.isclose(got, expected, rel_tol=0, abs_tol=1e-12)


def test_second_experiment_keeps_first_experiments_other_inputs() -> None:
    for name in ("total_steps", "min_lr_ratio", "grad_accum_steps", "num_devices"):
        assert getattr(second.config, name) == getattr(first.config, name)


def test_seed_default_is_registered_with_pinned_fields() -> None:
    default = pdefaults(TrainerConfig)
    assert default is not None
    assert default.inputs.lr_schedule is Pinned
    assert default.steps == 3
    assert TrainerConfig.constructable_type is Trainer


def test_seed_rejects_a_value_for_a_pinned_field() -> None:
    with pytest.raises(PinnedFieldError) as raised:
        TrainerConfig(first.config, effective_batch_size=16)
    assert str(raised.value) == (
        "Cannot set pinned field TrainerConfig.effective_batch_size; it is computed "
        "by @pproperty TrainerConfig.effective_batch_size (got 16 (int))\n"
        "  The value came from a keyword argument\n"
        "  Fix: drop the argument, or pass effective_batch_size=Pinned to use the "
        "computed value"
    )
    assert isinstance(raised.value, TypeError)


def test_seed_pproperty_error_propagates_from_the_constructor() -> None:
    with pytest.raises(ValueError) as raised:
        TrainerConfig(first.config, total_steps=0)
    assert type(raised.value) is ValueError
    assert str(raised.value) == "Bad lr_schedule."


def test_seed_constructs_and_runs_the_trainer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    trainer = second.config.construct()
    assert isinstance(trainer, Trainer)
    assert trainer.config is second.config
    trainer.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "step=0 lr=0.001"
    assert [line.split()[0] for line in lines] == [f"step={i}" for i in range(5)]
