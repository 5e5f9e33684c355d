"""Class-level defaults: ``steps: int = 100`` is the class's own default."""

import dataclasses
from typing import Any

import pytest

from pconfigs import Pin, Pinned, pconfig, pdefaults, pinputs, pproperty
from pconfigs.config import spec_of
from pconfigs.errors import ConfigDefinitionError


@pconfig
class Optimizer:
    name: str = "adamw"
    lr: float = 3e-4
    betas: tuple[float, float] = (0.9, 0.95)


@pconfig
class Training:
    steps: int = 100
    warmup_steps: int = 10
    optimizer: Optimizer = Optimizer()
    total: Pinned[int]

    @pproperty
    def total(self) -> int:
        return self.steps + self.warmup_steps


def test_a_class_level_value_is_the_fields_default() -> None:
    training = Training()
    assert (training.steps, training.warmup_steps, training.total) == (100, 10, 110)
    assert training.optimizer == Optimizer(name="adamw", lr=3e-4, betas=(0.9, 0.95))


def test_keywords_and_bases_win_over_class_level_values() -> None:
    longer = Training(steps=500)
    assert longer.total == 510
    derived = Training(longer, warmup_steps=0)
    assert (derived.steps, derived.warmup_steps, derived.total) == (500, 0, 500)


def test_a_shared_config_default_is_the_same_immutable_object() -> None:
    assert Training().optimizer is Training().optimizer


def test_subclasses_inherit_class_level_values_and_may_override_them() -> None:
    @pconfig
    class Base:
        steps: int = 100
        seed: int = 0

    @pconfig
    class Child(Base):
        steps: int = 7
        extra: str = "x"

    @pconfig
    class Redeclared(Base):
        seed: int  # redeclared without a value: the base's value still applies

    assert (Child().steps, Child().seed, Child().extra) == (7, 0, "x")
    assert Redeclared().seed == 0
    assert Base().steps == 100


def test_precedence_nearest_class_first_registered_default_before_class_value() -> None:
    @pconfig
    class Base:
        a: int = 1
        b: int = 1
        c: int = 1

    registry = pdefaults
    registry += Base(a=2, b=2, c=2)

    @pconfig
    class Child(Base):
        b: int = 3
        c: int = 3

    registry += Child(c=4)

    # a: only Base gives it (its registration beats its class value);
    # b: Child's class value is nearer than Base's registration;
    # c: Child's registration beats Child's class value.
    assert (Child().a, Child().b, Child().c) == (2, 3, 4)
    assert (Base().a, Base().b, Base().c) == (2, 2, 2)


def test_pinned_equals_pinned_is_accepted_and_keeps_an_inherited_pproperty() -> None:
    @pconfig
    class Base:
        width: int = 2
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    @pconfig
    class Child(Base):
        area: Pinned[int] = Pinned

    assert Base().area == 4
    assert Child(width=3).area == 9
    assert spec_of(Base).class_defaults == {"width": 2}
    assert spec_of(Child).class_defaults == {}


def test_a_subclass_that_pins_a_field_ignores_the_base_class_value() -> None:
    @pconfig
    class Base:
        version: int = 1

    @pconfig
    class Pinning(Base):
        version: Pinned[int] = Pinned

    assert Pinning().version is Pinned
    assert Pinning(version=Pin(3)).version == 3


def test_a_class_level_value_for_a_non_pinned_pproperty_is_its_default_input() -> None:
    @pconfig
    class Clamped:
        speed: int

        @pproperty
        def speed(self) -> int:
            return max(0, pinputs(self).speed)

    @pconfig
    class Slow(Clamped):
        speed: int = -5

    assert Slow().speed == 0
    assert Slow(speed=4).speed == 4
    assert Slow().inputs.speed == -5


def test_dataclasses_fields_and_replace_work_with_class_level_values() -> None:
    training = Training()
    assert [f.name for f in dataclasses.fields(training)] == [
        "steps",
        "warmup_steps",
        "optimizer",
        "total",
    ]
    assert dataclasses.replace(training, steps=1).total == 11


def _definition_error(body: str) -> str:
    namespace: dict[str, Any] = {}
    source = (
        "import dataclasses\n"
        "from pconfigs import Pin, Pinned, pconfig\n"
        "@pconfig\n"
        "class Model:\n" + body
    )
    with pytest.raises(ConfigDefinitionError) as raised:
        exec(source, namespace)
    return str(raised.value)


def test_another_value_on_a_pinned_field_is_a_definition_error() -> None:
    assert _definition_error("    version: Pinned[int] = 3\n") == (
        "Model.version is Pinned but has the class-level value 3\n"
        "  Users cannot set a Pinned field, and a class-level value would be a plain "
        "default for it\n"
        "  Fix: write `version: Pinned[T] = Pinned` and compute it with @pproperty, "
        "or pin a fixed value in a registered default: "
        "pdefaults += Model(..., version=Pin(3))"
    )
    assert _definition_error("    version: Pinned[int] = Pin(3)\n").startswith(
        "Model.version is Pinned but has the class-level value Pin(3)\n"
    )


def test_dataclasses_field_is_a_definition_error() -> None:
    assert _definition_error(
        "    sizes: list[int] = dataclasses.field(default_factory=list)\n"
    ) == (
        "Model.sizes = dataclasses.field(...): config fields take their default as "
        "a plain value\n"
        "  Configs are immutable, so a list, dict or config default is safe to share: "
        "no default_factory is needed\n"
        "  Fix: write the value itself (`sizes: list[int] = [1, 2]`), or compute it "
        "with a @pproperty named sizes"
    )


def test_a_property_on_a_field_is_a_definition_error() -> None:
    assert _definition_error(
        "    area: int\n    @property\n    def area(self): return 1\n"
    ) == (
        "Model.area is a @property, but area is a config field\n"
        "  A field's computed value comes from a @pproperty, which runs once when "
        "the config is built\n"
        "  Fix: decorate the method with @pproperty and annotate `area: Pinned[T]`"
    )


def test_pinned_as_the_value_of_a_plain_field_is_a_definition_error() -> None:
    assert _definition_error("    width: int = Pinned\n") == (
        "Model.width = Pinned, but width is not a Pinned field\n"
        "  `= Pinned` only goes with a Pinned annotation\n"
        "  Fix: annotate `width: Pinned[T] = Pinned`, or give a real default"
    )


@pytest.mark.parametrize(
    ("name", "collision"),
    [
        ("inputs", "it is cfg.inputs, the view of the config's raw inputs"),
        ("construct", "it is cfg.construct(), which builds the constructs= class"),
        (
            "constructable_type",
            "it is the ClassVar naming the constructs= class",
        ),
    ],
)
def test_a_field_named_like_the_config_api_is_a_definition_error(
    name: str, collision: str
) -> None:
    assert _definition_error(f"    {name}: int\n") == (
        f"Model.{name}: a config field cannot be named {name!r}; {collision}\n"
        f"  Fix: rename the field, e.g. `{name}_: ...` or `model_{name}: ...`"
    )


def test_a_field_with_the_generated_init_prefix_is_a_definition_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:
        pconfig(type("Model", (), {"__annotations__": {"__pc_self": int}}))
    assert str(raised.value) == (
        "Model.__pc_self: a config field cannot be named '__pc_self'; names "
        "starting with '__pc_' are reserved for the generated __init__\n"
        "  Fix: rename the field, e.g. `pc_self_: ...` or `model_pc_self: ...`"
    )


@pytest.mark.parametrize(
    "internal", ["__pc_self", "__pc_bases", "__pc_unknown", "_M", "_P", "__pc_M"]
)
def test_the_generated_init_internals_cannot_be_passed_as_keywords(
    internal: str,
) -> None:
    with pytest.raises(TypeError) as raised:
        Optimizer(**{internal: 1})
    assert str(raised.value).startswith(f"Optimizer has no field {internal!r}")


def test_fields_named_like_builtins_and_old_internals_work() -> None:
    @pconfig
    class Odd:
        list: int = 1
        len: int = 2
        id: int = 3
        _M: int = 4
        _P: int = 5
        _Pin: int = 6

    odd = Odd()
    derived = Odd(odd, len=7)
    assert (derived.list, derived.len, derived.id, derived._M, derived._P) == (
        1,
        7,
        3,
        4,
        5,
    )
    with pytest.raises(TypeError, match="has no field 'lenn'"):
        Odd(odd, lenn=1)
