"""``__post_init__`` validates a config after every value is set, and errors
raised while building a config say where."""

import copy
import dataclasses
import inspect
import os
import pickle
import sys
import traceback
from typing import Any

import pytest

from pconfigs import Pinned, pconfig, pdefaults, pinputs, pproperty
from pconfigs.config import _computing
from pconfigs.errors import FrozenConfigError
from pconfigs.initializer import early_values

calls: list[str] = []


@pconfig
class Training:
    steps: int = 100
    warmup_steps: int = 10
    decay_steps: Pinned[int]

    @pproperty
    def decay_steps(self) -> int:
        return self.steps - self.warmup_steps

    def __post_init__(self) -> None:
        calls.append(f"Training {self.steps} {self.decay_steps}")
        if self.warmup_steps > self.steps:
            raise ValueError(
                f"warmup_steps ({self.warmup_steps}) must not exceed steps ({self.steps})"
            )


@pconfig
class LongTraining(Training):
    def __post_init__(self) -> None:
        super().__post_init__()
        calls.append("LongTraining")


def notes(error: BaseException) -> list[str]:
    return list(getattr(error, "__notes__", []))


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    calls.clear()


def test_post_init_runs_once_after_computed_values_are_set() -> None:
    Training()
    assert calls == ["Training 100 90"]


def test_post_init_runs_on_every_construction_path_but_unpickling() -> None:
    base = Training(steps=50)
    calls.clear()
    Training(base, steps=60)
    dataclasses.replace(base, steps=70)
    base.__replace__(steps=80)
    if sys.version_info >= (3, 13):
        copy.replace(base, steps=90)  # type: ignore[attr-defined]
    pickle.loads(pickle.dumps(base))
    copy.deepcopy(base)
    assert calls == [
        "Training 60 50",
        "Training 70 60",
        "Training 80 70",
        *(["Training 90 80"] if sys.version_info >= (3, 13) else []),
    ]


def test_a_registered_default_is_validated_when_registered_and_when_used() -> None:
    @pconfig
    class Checked:
        size: int

        def __post_init__(self) -> None:
            calls.append(f"Checked {self.size}")

    registry = pdefaults
    registry += Checked(size=3)
    Checked()
    assert calls == ["Checked 3", "Checked 3"]


def test_ancestors_post_init_runs_through_super() -> None:
    LongTraining()
    assert calls == ["Training 100 90", "LongTraining"]


def test_an_exception_in_post_init_fails_construction_with_a_note() -> None:
    with pytest.raises(ValueError) as raised:
        Training(warmup_steps=500)
    assert str(raised.value) == "warmup_steps (500) must not exceed steps (100)"
    assert notes(raised.value) == ["while validating a new Training in __post_init__"]


def test_post_init_cannot_assign() -> None:
    @pconfig
    class Assigning:
        size: int

        def __post_init__(self) -> None:
            self.size = 2

    with pytest.raises(FrozenConfigError) as raised:
        Assigning(size=1)
    assert str(raised.value).startswith(
        f"Cannot assign {Assigning.__qualname__}.size = 2 (int): configs are frozen"
    )


# -- errors raised inside a @pproperty -----------------------------------------


@pconfig
class Schedule:
    steps: int | None
    warmup: int
    warmup_steps: Pinned[int]
    cooldown: Pinned[int]

    @pproperty
    def warmup_steps(self) -> int:
        return self.steps // self.warmup  # type: ignore[operator]

    @pproperty
    def cooldown(self) -> int:
        return 1 // 0


def test_a_pproperty_error_keeps_its_type_and_names_field_and_inputs() -> None:
    with pytest.raises(TypeError) as raised:
        Schedule(steps=None, warmup=2)
    assert str(raised.value) == (
        "unsupported operand type(s) for //: 'NoneType' and 'int'"
    )
    assert notes(raised.value) == [
        "while computing Schedule.warmup_steps from steps=None, warmup=2"
    ]


def test_a_pproperty_that_reads_no_field_says_so() -> None:
    with pytest.raises(ZeroDivisionError) as raised:
        Schedule(steps=4, warmup=2)
    assert notes(raised.value) == [
        "while computing Schedule.cooldown (it reads no other field)"
    ]


def test_a_pproperty_read_early_notes_both_fields() -> None:
    @pconfig
    class Early:
        a: Pinned[int]
        b: Pinned[int]

        @pproperty
        def a(self) -> int:
            # A read that dependency inference cannot see: b is computed early.
            early_b: int = type(self).b.__get__(self)  # type: ignore[attr-defined]
            return early_b + 1

        @pproperty
        def b(self) -> int:
            raise KeyError("b failed")

    with pytest.raises(KeyError) as raised:
        Early()
    assert notes(raised.value) == [
        f"while computing {Early.__qualname__}.b (it reads no other field)",
        f"while computing {Early.__qualname__}.a (it reads no other field)",
    ]


def test_failed_constructions_leave_nothing_behind() -> None:
    @pconfig
    class Leaky:
        n: int
        first: Pinned[int]
        second: Pinned[int]

        @pproperty
        def first(self) -> int:
            # Reads `second` through a path inference cannot see, so `second`
            # is computed early and parked until its turn.
            return self.__class__.second.__get__(self) + self.n

        @pproperty
        def second(self) -> int:
            return self.n

        def __post_init__(self) -> None:
            raise RuntimeError("invalid")

    for n in range(200):
        with pytest.raises(RuntimeError):
            Leaky(n=n)
    assert early_values == {}
    assert _computing == set()


def test_failed_constructions_in_a_pproperty_leave_nothing_behind() -> None:
    @pconfig
    class Leaky:
        n: int
        first: Pinned[int]
        second: Pinned[int]
        third: Pinned[int]

        @pproperty
        def first(self) -> int:
            return getattr(self, "third") + self.n  # noqa: B009

        @pproperty
        def second(self) -> int:
            raise RuntimeError("second fails after third was computed early")

        @pproperty
        def third(self) -> int:
            return pinputs(self).n if False else 1

    before = len(early_values)
    for n in range(200):
        with pytest.raises(RuntimeError):
            Leaky(n=n)
    assert len(early_values) == before == 0


def test_the_generated_init_shows_its_source_in_tracebacks_and_inspect() -> None:
    @pconfig
    class Shown:
        size: int

    with pytest.raises(TypeError) as raised:
        Shown()
    text = "".join(traceback.format_exception(raised.value))
    assert "(size,) = __pc_errors.missing(__pc_spec, (size,), __pc_bases)" in text
    source = inspect.getsource(Shown.__init__)
    assert source.startswith("def __init__(__pc_self, /, *__pc_bases, size=__pc_M,")


def test_unpickling_does_not_run_post_init() -> None:
    value: Any = Training()
    calls.clear()
    assert pickle.loads(pickle.dumps(value)) == value
    assert calls == []


def test_sources_reach_linecache_lazily_without_importing_it_at_import() -> None:
    # Importing linecache costs more than importing pconfigs, so generated
    # sources wait until an error leaves a generated __init__ (or until
    # something else has imported linecache).
    script = (
        "import sys\n"
        "from pconfigs import pconfig\n"
        "@pconfig\n"
        "class Lazy:\n"
        "    size: int\n"
        "imported = 'linecache' in sys.modules\n"
        "try:\n"
        "    Lazy()\n"
        "except TypeError as error:\n"
        "    import traceback\n"
        "    text = ''.join(traceback.format_exception(error))\n"
        "print(imported, ') = __pc_errors.missing(' in text)\n"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-S", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": os.pathsep.join(sys.path)},
    )
    # Python 3.13 imports linecache at startup, and on 3.10 typing_extensions
    # (which pconfigs needs there) imports it: there the sources go straight in.
    imports_linecache = sys.version_info >= (3, 13) or sys.version_info < (3, 11)
    assert result.stdout == f"{imports_linecache} True\n"
