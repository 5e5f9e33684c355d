"""@pproperty computed fields, dependency inference and pinputs."""

from typing import Any

import pytest

from pconfigs import Pin, Pinned, Required, pconfig, pdefaults, pinputs, pproperty
from pconfigs.config import spec_of
from pconfigs.errors import ConfigDefinitionError, NotAConfigError, PropertyCycleError


def test_pproperty_computes_its_field_once_at_construction() -> None:
    calls: list[int] = []

    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            calls.append(self.width)
            return self.width * self.width

    model = Model(width=3)
    assert calls == [3]
    assert (model.area, model.area, model.area) == (9, 9, 9)
    assert calls == [3]
    assert model.__dict__["area"] == 9


def test_pproperties_are_computed_in_dependency_order() -> None:
    @pconfig
    class Model:
        width: int
        volume: Pinned[int]
        area: Pinned[int]

        @pproperty
        def volume(self) -> int:
            return self.area * self.width

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    assert spec_of(Model).order == ("area", "volume")
    assert Model(width=2).volume == 8


def test_exception_in_a_pproperty_propagates_from_the_constructor() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            if self.width < 0:
                raise ValueError("width must not be negative")
            return self.width

    with pytest.raises(ValueError) as raised:
        Model(width=-1)
    assert str(raised.value) == "width must not be negative"
    assert raised.value.__notes__ == [
        f"while computing {Model.__qualname__}.area from width=-1"
    ]


def test_pinputs_gives_the_raw_input_to_clamp_a_user_value() -> None:
    @pconfig
    class Motor:
        speed: int

        @pproperty
        def speed(self) -> int:
            return max(0, pinputs(self).speed)

    motor = Motor(speed=-5)
    assert motor.speed == 0
    assert motor.inputs.speed == -5
    assert Motor(speed=7).speed == 7
    # A derived config starts from the raw input, not the clamped value.
    assert Motor(motor).inputs.speed == -5


def test_pinputs_of_a_pinned_field_is_pinned_or_a_pin() -> None:
    seen: list[Any] = []

    @pconfig
    class Model:
        version: Pinned[int]

        @pproperty
        def version(self) -> int:
            raw = pinputs(self).version
            seen.append(raw)
            return raw.value if isinstance(raw, Pin) else 1

    assert Model().version == 1
    assert Model(version=Pin(5)).version == 5
    assert seen == [Pinned, Pin(5)]


def test_pinputs_of_a_non_config_is_an_error() -> None:
    with pytest.raises(NotAConfigError) as raised:
        pinputs(3)
    assert str(raised.value) == (
        "pinputs() takes a config instance, got int\n"
        "  Fix: call pinputs(self) inside a @pproperty of a @pconfig class"
    )


def test_deps_are_inferred_from_self_attribute_reads() -> None:
    @pconfig
    class Model:
        width: int
        depth: int
        unused: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.depth

    assert spec_of(Model).deps["area"] == ("width", "depth")


def test_deps_are_inferred_from_getattr_with_a_literal_name() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]
        volume: Pinned[int]

        @pproperty
        def volume(self) -> int:
            return getattr(self, "area") * self.width  # noqa: B009

        @pproperty
        def area(self) -> int:
            return self.width * 2

    assert set(spec_of(Model).deps["volume"]) == {"area", "width"}
    assert spec_of(Model).order == ("area", "volume")
    assert Model(width=3).volume == 18


def test_deps_are_inferred_inside_comprehensions_and_nested_functions() -> None:
    @pconfig
    class Model:
        count: int
        scale: int
        offset: int
        values: Pinned[list[int]]

        @pproperty
        def values(self) -> list[int]:
            def shift(v: int) -> int:
                return v + self.offset

            return [shift(i * self.scale) for i in range(self.count)]

    assert set(spec_of(Model).deps["values"]) == {"count", "scale", "offset"}
    assert Model(count=3, scale=2, offset=1).values == [1, 3, 5]


def test_deps_argument_adds_names_inference_cannot_see() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]
        report: Pinned[str]

        @pproperty(deps=["area"])
        def report(self) -> str:
            name = "area"
            return f"{name}={getattr(self, name)}"

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    assert spec_of(Model).deps["report"] == ("area",)
    assert spec_of(Model).order == ("area", "report")
    assert Model(width=3).report == "area=9"


def test_undeclared_dependency_is_computed_on_demand() -> None:
    @pconfig
    class Model:
        width: int
        report: Pinned[str]
        area: Pinned[int]

        @pproperty
        def report(self) -> str:
            name = "area"
            return f"{name}={getattr(self, name)}"

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    assert Model(width=4).report == "area=16"


def test_deps_naming_an_unknown_field_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig
        class Model:
            width: int
            area: Pinned[int]

            @pproperty(deps=["widht"])
            def area(self) -> int:
                return 1

    prefix = "test_deps_naming_an_unknown_field_is_an_error.<locals>"
    assert str(raised.value) == (
        f"@pproperty {prefix}.Model.area declares deps=['widht'], but "
        f"{prefix}.Model has no field 'widht' (did you mean \"width\"?)\n"
        "  Fix: list field names in deps=[...]"
    )


def test_dependency_cycle_is_an_error_naming_the_cycle() -> None:
    with pytest.raises(PropertyCycleError) as raised:

        @pconfig
        class Model:
            a: Pinned[int]
            b: Pinned[int]

            @pproperty
            def a(self) -> int:
                return self.b

            @pproperty
            def b(self) -> int:
                return self.a

    prefix = "test_dependency_cycle_is_an_error_naming_the_cycle.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model @pproperty methods depend on each other in a cycle: "
        "a -> b -> a\n"
        "  Each @pproperty is computed after the fields it reads\n"
        "  Fix: compute one of them from inputs only, reading "
        "pinputs(self).<name> instead of self.<name>"
    )
    assert isinstance(raised.value, TypeError)


def test_longer_cycle_through_getattr_and_a_comprehension() -> None:
    with pytest.raises(PropertyCycleError) as raised:

        @pconfig
        class Model:
            a: Pinned[int]
            b: Pinned[int]
            c: Pinned[int]

            @pproperty
            def a(self) -> int:
                return self.b

            @pproperty
            def b(self) -> int:
                return getattr(self, "c")  # noqa: B009

            @pproperty
            def c(self) -> int:
                return sum(x for x in [self.a])

    assert "in a cycle: a -> b -> c -> a\n" in str(raised.value)


def test_cycle_through_deps_argument() -> None:
    with pytest.raises(PropertyCycleError, match=r"in a cycle: a -> b -> a\n"):

        @pconfig
        class Model:
            a: Pinned[int]
            b: Pinned[int]

            @pproperty(deps=["b"])
            def a(self) -> int:
                return 1

            @pproperty
            def b(self) -> int:
                return self.a


def test_cycle_that_inference_cannot_see_is_reported_at_construction() -> None:
    @pconfig
    class Model:
        a: Pinned[int]
        b: Pinned[int]

        @pproperty
        def a(self) -> int:
            name = "b"
            return int(getattr(self, name))

        @pproperty
        def b(self) -> int:
            name = "a"
            return int(getattr(self, name))

    with pytest.raises(PropertyCycleError) as raised:
        Model()
    prefix = "test_cycle_that_inference_cannot_see_is_reported_at_construction"
    assert str(raised.value) == (
        f"{prefix}.<locals>.Model.b was read while it was being computed\n"
        "  A @pproperty reads this field through a path that dependency inference "
        "cannot see, and the reads form a cycle\n"
        "  Fix: break the cycle, or read the raw input with pinputs(self).b"
    )


def test_reading_its_own_value_is_an_error_pointing_to_pinputs() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig
        class Motor:
            speed: int

            @pproperty
            def speed(self) -> int:
                return max(0, self.speed)

    prefix = "test_reading_its_own_value_is_an_error_pointing_to_pinputs.<locals>"
    assert str(raised.value) == (
        f"@pproperty {prefix}.Motor.speed reads self.speed, its own value, which is "
        "what it computes\n"
        "  Fix: read the raw input with pinputs(self).speed"
    )
    assert isinstance(raised.value, TypeError)


def test_pproperty_without_a_field_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig
        class Model:
            width: int

            @pproperty
            def area(self) -> int:
                return self.width

    prefix = "test_pproperty_without_a_field_is_an_error.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model.area is a @pproperty, but {prefix}.Model has no field "
        "'area'\n"
        "  A @pproperty computes the value of the field with its name\n"
        "  Fix: declare the field in the class body: `area: Pinned[T]`"
    )
    assert isinstance(raised.value, TypeError)


def test_pproperty_on_a_non_callable_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:
        pproperty(3)  # type: ignore[call-overload]
    assert str(raised.value) == (
        "@pproperty decorates a function, got 3\n"
        "  Fix: put @pproperty directly above a method `def name(self) -> T:`"
    )


def test_required_dependency_short_circuits_to_pinned() -> None:
    calls: list[str] = []

    @pconfig
    class Model:
        width: int
        area: Pinned[int]
        volume: Pinned[int]

        @pproperty
        def area(self) -> int:
            calls.append("area")
            return self.width * self.width

        @pproperty
        def volume(self) -> int:
            calls.append("volume")
            return self.area * 2

    model = Model(width=Required)
    assert (model.area, model.volume) == (Pinned, Pinned)
    assert calls == []
    assert Model(model, width=2).volume == 8


def test_pinned_dependency_without_a_value_short_circuits_to_pinned() -> None:
    @pconfig
    class Model:
        version: Pinned[int]
        label: Pinned[str]

        @pproperty
        def label(self) -> str:
            return f"v{self.version}"

    assert Model().label is Pinned
    assert Model(version=Pin(2)).label == "v2"


def test_unknown_values_reach_every_property_that_reads_them() -> None:
    # A Required input, a Pin of one, or a computed field left Required
    # leave every property downstream of it unknown (Pinned), uncomputed.
    calls: list[str] = []

    @pconfig
    class Motor:
        speed: int
        gear: int
        torque: int
        label: Pinned[str]

        @pproperty
        def torque(self) -> int:
            calls.append("torque")
            return self.speed * self.gear

        @pproperty
        def label(self) -> str:
            calls.append("label")
            return f"{self.torque} Nm"

    assert vars(Motor(speed=2, gear=3, torque=0))["label"] == "6 Nm"
    assert calls == ["torque", "label"]
    calls.clear()
    for inputs in (
        {"speed": Required, "gear": 3, "torque": 0},
        {"speed": 2, "gear": Pin(Required), "torque": 0},
        {"speed": 2, "gear": 3, "torque": Required},
    ):
        motor = Motor(**inputs)
        assert motor.label is Pinned
        assert vars(motor)["torque"] in (Pinned, Required)
    assert calls == []


def test_required_input_of_a_non_pinned_pproperty_stays_required() -> None:
    @pconfig
    class Motor:
        speed: int

        @pproperty
        def speed(self) -> int:
            return max(0, pinputs(self).speed)

    assert Motor(speed=Required).speed is Required
    global pdefaults
    pdefaults += Motor(speed=Required)
    assert Motor().speed is Required
    assert Motor(speed=-1).speed == 0


def test_derived_config_recomputes_every_pproperty_from_merged_inputs() -> None:
    @pconfig
    class Schedule:
        base_lr: float
        steps: int
        lrs: Pinned[list[float]]
        first: Pinned[float]

        @pproperty
        def lrs(self) -> list[float]:
            return [self.base_lr / (i + 1) for i in range(self.steps)]

        @pproperty
        def first(self) -> float:
            return self.lrs[0]

    base = Schedule(base_lr=1.0, steps=2)
    derived = Schedule(base, base_lr=4.0)
    assert derived.lrs == [4.0, 2.0]
    assert derived.first == 4.0
    assert base.lrs == [1.0, 0.5]
    assert Schedule(base, steps=3).lrs == [1.0, 0.5, 1.0 / 3]


def test_subclass_recomputes_with_its_overridden_pproperty() -> None:
    @pconfig
    class Base:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width

    @pconfig(inherit_constructable_type=False)
    class Square(Base):
        @pproperty
        def area(self) -> int:
            return self.width * self.width

    assert Square(Base(width=5)).area == 25


def test_required_input_stays_required_when_computed_on_demand() -> None:
    @pconfig
    class Motor:
        label: Pinned[str]
        speed: int

        @pproperty
        def label(self) -> str:
            name = "speed"  # a read that dependency inference cannot see
            return f"speed={getattr(self, name)!r}"

        @pproperty
        def speed(self) -> int:
            return max(0, pinputs(self).speed)

    motor = Motor(speed=Required)
    assert motor.speed is Required
    assert motor.label == "speed=Required"
    assert Motor(speed=-3).label == "speed=0"
