"""``pconfigs.derive`` and ``--set`` value parsing (``pconfigs.overrides``,
``pconfigs.typed_text``): nested derivation from current values, values
parsed by annotation, every problem reported together."""

from __future__ import annotations

import enum
import pathlib
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pytest

from pconfigs import Pinned, derive, pconfig, pdefaults, pproperty
from pconfigs.errors import OverrideError
from pconfigs.overrides import parse_assignments
from pconfigs.typed_text import parse_value


class Color(enum.Enum):
    red = 1
    blue = 2


@pconfig
class Optimizer:
    lr: float


@pconfig
class AdamW(Optimizer):
    beta: float


@pconfig
class SGD(Optimizer):
    momentum: float


pdefaults += SGD(lr=1.0, momentum=0.5)


@pconfig
class Training:
    steps: int
    warmup: int
    compile: bool
    total: Pinned[int]

    @pproperty
    def total(self) -> int:
        return self.steps + self.warmup


@pconfig
class Wide(Training):
    width: int


pdefaults += Wide(steps=1, warmup=0, compile=False, width=8)
SHORT = Training(steps=1, warmup=0, compile=False)


@pconfig
class Job:
    name: str
    training: Training
    optimizer: Optimizer
    color: Color
    mode: Literal["train", "eval"]
    out: pathlib.Path
    dims: tuple[int, ...]
    scales: list[float]
    table: dict[str, Color]
    seed: int | None
    anything: Any


def job() -> Job:
    return Job(
        name="base",
        training=Training(steps=10, warmup=2, compile=True),
        optimizer=AdamW(lr=0.1, beta=0.9),
        color=Color.red,
        mode="train",
        out=pathlib.Path("out"),
        dims=(1, 2),
        scales=[1.0],
        table={},
        seed=None,
        anything=None,
    )


def overridden(*texts: str) -> Job:
    base = job()
    return derive(base, parse_assignments(base, texts))


def problems(config: Any, texts: Sequence[str]) -> str:
    with pytest.raises(OverrideError) as caught:
        parse_assignments(config, texts)
    return str(caught.value)


# --------------------------------------------------------------------------
# derive


def test_derive_keeps_every_other_field_of_the_section_and_recomputes():
    base = job()
    longer = derive(base, {"training.steps": 100})
    assert longer.training == Training(steps=100, warmup=2, compile=True)
    assert longer.training.total == 102
    assert longer == Job(base, training=Training(base.training, steps=100))
    assert base.training.steps == 10  # the original is untouched


def test_derive_returns_the_class_of_the_config():
    assert type(derive(job(), {"name": "x"})) is Job


def test_derive_without_overrides_returns_the_config_itself():
    base = job()
    assert derive(base, {}) is base


def test_paths_apply_in_order_so_a_new_section_takes_later_paths():
    derived = derive(job(), {"optimizer": SGD(lr=0.5, momentum=0.0), "optimizer.lr": 2})
    assert derived.optimizer == SGD(lr=2, momentum=0.0)


def test_derive_reports_every_problem_at_once():
    with pytest.raises(OverrideError) as caught:
        derive(
            job(),
            {"training.stesp": 1, "training.total": 3, "name.upper": 1, "a-b": 1},
        )
    assert str(caught.value) == (
        "Cannot apply 4 overrides to Job: 4 problems\n"
        "  training.stesp: Training (at training) has no field 'stesp' "
        '(did you mean "steps"?); its fields: steps, warmup, compile, total\n'
        "  training.total: Cannot set pinned field Training.total; it is computed "
        "by @pproperty Training.total (set the inputs it is computed from instead)\n"
        "  name.upper: Job.name is 'base' (str), not a config, so it has no fields "
        "to set\n"
        "  a-b: not a dotted path of field names\n"
        "  Nothing was built; fix every line above and run again"
    )


def test_an_override_error_is_a_value_error():
    with pytest.raises(ValueError):
        derive(job(), {"nope": 1})


# --------------------------------------------------------------------------
# Parsing --set values by annotation


def test_values_are_parsed_by_the_annotation_of_their_field():
    derived = overridden(
        "training.steps=1_000",
        "training.compile=False",
        "optimizer.lr=3e-4",
        "name=a b=c",
        "color=blue",
        "mode=eval",
        "out=/tmp/run",
        "dims=[3, 4]",
        "scales=(1, 2.5)",
        "table={'x': 'blue'}",
        "seed=7",
        "anything=[1, 'two']",
    )
    assert derived.training.steps == 1000
    assert derived.training.compile is False
    assert derived.optimizer == AdamW(lr=3e-4, beta=0.9)
    assert derived.name == "a b=c"
    assert derived.color is Color.blue
    assert derived.mode == "eval"
    assert derived.out == pathlib.Path("/tmp/run")
    assert derived.dims == (3, 4)
    assert derived.scales == [1.0, 2.5] and type(derived.scales[0]) is float
    assert derived.table == {"x": Color.blue}
    assert derived.seed == 7
    assert derived.anything == [1, "two"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("TRUE", True),
        ("Yes", True),
        ("1", True),
        ("false", False),
        ("False", False),
        ("NO", False),
        ("0", False),
    ],
)
def test_bools_read_every_usual_spelling(text: str, value: bool):
    assert parse_value(text, bool) is value


@pytest.mark.parametrize("text", ["none", "None"])
def test_none_sets_an_optional_field(text: str):
    assert overridden(f"seed={text}").seed is None
    assert parse_value(text, int | None) is None


def test_a_string_field_takes_the_text_as_it_is():
    assert overridden("name=None").name == "None"
    assert overridden("name=").name == ""


def test_anything_that_is_not_a_literal_is_a_string_for_any():
    assert overridden("anything=hello").anything == "hello"


def test_a_config_field_takes_a_subclass_built_from_the_current_value():
    derived = overridden(f"training={__name__}.Wide")
    assert derived.training == Wide(steps=10, warmup=2, compile=True, width=8)


def test_a_config_object_by_dotted_path_is_used_as_it_is():
    assert overridden(f"training={__name__}.SHORT").training is SHORT


def test_a_sibling_config_class_keeps_the_fields_of_their_common_ancestor():
    derived = overridden(f"optimizer={__name__}.SGD")
    assert derived.optimizer == SGD(lr=0.1, momentum=0.5)


def test_a_new_section_then_its_fields_in_one_command_line():
    derived = overridden(f"optimizer={__name__}.SGD", "optimizer.momentum=0.9")
    assert derived.optimizer == SGD(lr=0.1, momentum=0.9)


def test_every_problem_of_the_command_line_is_reported_together():
    assert problems(
        job(),
        [
            "training.stesp=5",
            "training.steps=6e5",
            "training.warmup=2.5",
            "training.total=3",
            "training.compile=maybe",
            "optimizer.lr=fast",
            "color=green",
            "mode=tran",
            "dims=[1, 'a']",
            "dims=[1",
            "seed=x",
            "nope",
        ],
    ) == (
        "Cannot apply 12 overrides to Job: 12 problems\n"
        "  --set training.stesp=5: Training (at training) has no field 'stesp' "
        '(did you mean "steps"?); its fields: steps, warmup, compile, total\n'
        "  --set training.steps=6e5: Training.steps: expected int, got '6e5'; "
        "write 600000 for the whole number 6e5\n"
        "  --set training.warmup=2.5: Training.warmup: expected int, got '2.5'; "
        "the field takes whole numbers only\n"
        "  --set training.total=3: Cannot set pinned field Training.total; it is "
        "computed by @pproperty Training.total (set the inputs it is computed from "
        "instead)\n"
        "  --set training.compile=maybe: Training.compile: expected bool, got "
        "'maybe'; write true/false, 1/0 or yes/no (any case)\n"
        "  --set optimizer.lr=fast: AdamW.lr: expected float, got 'fast'; write a "
        "number such as 3e-4 or 0.5\n"
        "  --set color=green: Job.color: expected Color, got 'green'; members by "
        "name: red, blue\n"
        "  --set mode=tran: Job.mode: expected Literal['train', 'eval'], got 'tran' "
        '(did you mean "train"?)\n'
        "  --set dims=[1, 'a']: Job.dims: expected tuple[int, ...], got \"[1, 'a']\"; "
        "item 'a' (str) is not int\n"
        "  --set dims=[1: Job.dims: expected tuple[int, ...], got '[1'; write it in "
        "Python literal syntax, e.g. [1, 2]\n"
        "  --set seed=x: Job.seed: expected int | None, got 'x'\n"
        "  --set nope: expected PATH=VALUE, e.g. a.b=3\n"
        "  Nothing was built; fix every line above and run again"
    )


def test_a_config_path_that_does_not_fit_the_annotation_is_refused():
    assert problems(job(), [f"training={__name__}.SGD", "optimizer=nowhere.Thing"]) == (
        "Cannot apply 2 overrides to Job: 2 problems\n"
        f"  --set training={__name__}.SGD: Job.training: expected Training, got "
        f"'{__name__}.SGD'; write the dotted import path of Training or of a config "
        "subclass of it, not of <class 'test_overrides.SGD'> (type)\n"
        "  --set optimizer=nowhere.Thing: Job.optimizer: expected Optimizer, got "
        "'nowhere.Thing'; Cannot import \"nowhere.Thing\": no module named "
        '"nowhere"\n'
        "  Nothing was built; fix every line above and run again"
    )


class Opaque:
    pass


@pconfig
class Holder:
    thing: Opaque


def test_a_field_whose_type_has_no_text_form_says_to_use_derive():
    assert problems(Holder(thing=Opaque()), ["thing=x"]) == (
        "Cannot apply 1 override to Holder: 1 problem\n"
        "  --set thing=x: Holder.thing: expected Opaque, got 'x'; values of type "
        "Opaque cannot be written on the command line (set the value in Python "
        "with pconfigs.derive())\n"
        "  Nothing was built; fix every line above and run again"
    )


@pconfig
class Late:
    when: Mapping[str, int]
    missing: NoSuchName  # type: ignore[name-defined]  # noqa: F821


def test_string_annotations_are_evaluated_in_the_module_of_the_class():
    late = Late(when={}, missing=None)
    assert derive(late, parse_assignments(late, ["when={'a': 1}"])).when == {"a": 1}
    assert problems(late, ["missing=1"]) == (
        "Cannot apply 1 override to Late: 1 problem\n"
        "  --set missing=1: Late.missing: expected an annotation that does not "
        "evaluate, got '1'; the annotation could not be evaluated, so the text "
        "cannot be parsed (set the value in Python with pconfigs.derive())\n"
        "  Nothing was built; fix every line above and run again"
    )


def test_parse_value_raises_a_value_error_naming_annotation_and_text():
    with pytest.raises(ValueError) as caught:
        parse_value("6e5", int)
    assert str(caught.value) == (
        "expected int, got '6e5'; write 600000 for the whole number 6e5"
    )
