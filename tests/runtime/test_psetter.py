"""``psetter``: nested changes recorded by attribute assignment, built by derive."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from pconfigs import (
    NoneConfig,
    OptionalConfig,
    Pinned,
    derive,
    is_config,
    pconfig,
    pproperty,
    psetter,
)
from pconfigs.errors import NotAConfigError, OverrideError, SetterPathError


@pconfig
class Optimizer:
    lr: float = 1e-3


@pconfig
class Schedule:
    warmup: int = 10


@pconfig
class Training:
    steps: int = 100
    schedule: Schedule = Schedule()
    total: Pinned[int]

    @pproperty
    def total(self) -> int:
        return self.steps * 2


@pconfig
class Evaluator:
    every: int = 5


@pconfig
class Job:
    training: Training = Training()
    optimizer: Optimizer = Optimizer()
    evaluator: OptionalConfig[Evaluator] = NoneConfig
    tags: tuple[str, ...] = ()


def test_build_is_derive_with_the_assigned_paths() -> None:
    job = Job()
    ps = psetter(job)
    ps.training.steps = 5
    ps.optimizer.lr = 1e-4
    assert ps.build() == derive(job, {"training.steps": 5, "optimizer.lr": 1e-4})
    assert ps.build().training.total == 10  # pproperties recompute


def test_any_depth() -> None:
    ps = psetter(Job())
    ps.training.schedule.warmup = 3
    assert ps.build().training.schedule.warmup == 3


def test_the_original_config_is_unchanged() -> None:
    job = Job()
    ps = psetter(job)
    ps.training.steps = 5
    ps.build()
    assert job == Job()


def test_reading_a_leaf_gives_its_current_value_and_terminates() -> None:
    # The original looped forever looking for a sub-config inside an `int`
    # annotation when a leaf was read through its setter.
    ps = psetter(Job())
    assert ps.training.steps == 100
    assert ps.training.total == 200  # a Pinned field can be read
    assert ps.tags == ()
    ps.training.steps = 7
    assert ps.training.steps == 7


def test_reading_a_leaf_terminates_in_a_fresh_interpreter() -> None:
    script = (
        "from pconfigs import pconfig, psetter\n"
        "@pconfig\n"
        "class Inner:\n"
        "    steps: int = 1\n"
        "@pconfig\n"
        "class Outer:\n"
        "    inner: Inner = Inner()\n"
        "    name: str = 'x'\n"
        "ps = psetter(Outer())\n"
        "print(ps.name, ps.inner.steps)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "x 1\n", "")


def test_a_whole_sub_config_can_be_assigned_then_changed_inside() -> None:
    ps = psetter(Job())
    ps.evaluator = Evaluator()
    ps.evaluator.every = 7
    assert ps.build().evaluator == Evaluator(every=7)


def test_assigning_a_section_again_drops_what_was_set_inside_it() -> None:
    ps = psetter(Job())
    ps.training.steps = 5
    ps.training = Training(steps=9)
    assert ps.build().training.steps == 9


def test_the_last_assignment_of_a_path_wins() -> None:
    ps = psetter(Job())
    ps.training.steps = 5
    ps.training.steps = 6
    assert ps.build().training.steps == 6


def test_none_config_can_be_swapped_both_ways() -> None:
    ps = psetter(Job(evaluator=Evaluator()))
    ps.evaluator = NoneConfig
    assert ps.build().evaluator is NoneConfig


def test_no_assignment_builds_an_equal_config() -> None:
    job = Job()
    assert psetter(job).build() == job


def test_an_unknown_field_fails_at_assignment_with_did_you_mean() -> None:
    ps = psetter(Job())
    with pytest.raises(SetterPathError) as raised:
        ps.training.stesp = 5
    assert isinstance(raised.value, OverrideError)
    assert isinstance(raised.value, AttributeError)
    assert str(raised.value) == (
        "Cannot apply 1 override to Job: 1 problem\n"
        "  training.stesp: Training (at training) has no field 'stesp' (did you "
        'mean "steps"?); its fields: steps, schedule, total\n'
        "  Nothing was built; fix every line above and run again"
    )


def test_an_unknown_field_fails_when_read() -> None:
    ps = psetter(Job())
    with pytest.raises(SetterPathError) as raised:
        ps.optimiser  # noqa: B018
    assert str(raised.value) == (
        "Cannot apply 1 override to Job: 1 problem\n"
        "  optimiser: Job has no field 'optimiser' (did you mean \"optimizer\"?); "
        "its fields: training, optimizer, evaluator, tags\n"
        "  Nothing was built; fix every line above and run again"
    )
    assert not hasattr(ps, "optimiser")


def test_a_pinned_field_gives_the_same_error_as_derive() -> None:
    ps = psetter(Job())
    with pytest.raises(SetterPathError) as raised:
        ps.training.total = 3
    with pytest.raises(OverrideError) as derived:
        derive(Job(), {"training.total": 3})
    assert (
        str(raised.value)
        == str(derived.value)
        == (
            "Cannot apply 1 override to Job: 1 problem\n"
            "  training.total: Cannot set pinned field Training.total; it is computed "
            "by @pproperty Training.total (set the inputs it is computed from instead)\n"
            "  Nothing was built; fix every line above and run again"
        )
    )


def test_fields_of_none_config_cannot_be_set() -> None:
    ps = psetter(Job())
    with pytest.raises(AttributeError) as raised:
        ps.evaluator.every = 3
    assert str(raised.value) == (
        "Cannot assign NoneConfig.every: NoneConfig stands for an absent "
        "sub-config and has no fields"
    )


def test_deleting_is_refused() -> None:
    ps = psetter(Job())
    with pytest.raises(SetterPathError) as raised:
        del ps.training.steps
    assert str(raised.value) == (
        "Cannot delete training.steps from a psetter\n"
        "  A psetter records new values; a field cannot be removed\n"
        "  Fix: assign the value it should have: ps.training.steps = ..."
    )


def test_the_setter_is_not_a_config() -> None:
    ps = psetter(Job())
    assert not is_config(ps)
    assert not is_config(ps.training)
    ps.training.steps = 5
    assert repr(ps) == "<psetter of Job at the root; changes: training.steps=5>"


def test_a_copy_records_on_its_own() -> None:
    ps = psetter(Job())
    ps.training.steps = 5
    other = copy.copy(ps)
    other.optimizer.lr = 0.5
    assert ps.build() == derive(Job(), {"training.steps": 5})
    assert copy.deepcopy(other).build().optimizer.lr == 0.5


def test_psetter_of_a_non_config_is_an_error() -> None:
    with pytest.raises(NotAConfigError) as raised:
        psetter(3)
    assert str(raised.value) == (
        "psetter() takes a config, got 3 (int)\n"
        "  Fix: pass a config instance, e.g. psetter(TrainerConfig(...))"
    )
