"""Frozen configs, equality, hashing, pickle/copy and cfg.inputs."""

import copy
import pickle

import pytest

from pconfigs import Pin, Pinned, pconfig, pinputs, pproperty
from pconfigs.errors import FrozenConfigError

# Module level, so pickle can find the classes by name.
CALLS: list[int] = []


@pconfig
class Counted:
    width: int
    speed: int
    area: Pinned[int]
    version: Pinned[int]

    @pproperty
    def speed(self) -> int:
        return max(0, pinputs(self).speed)

    @pproperty
    def area(self) -> int:
        CALLS.append(self.width)
        return self.width * self.width


@pconfig
class Holder:
    inner: Counted
    tags: list[str]


def test_assigning_a_field_is_an_error_that_shows_how_to_derive() -> None:
    @pconfig
    class Model:
        width: int

    model = Model(width=1)
    with pytest.raises(FrozenConfigError) as raised:
        model.width = 2  # type: ignore[misc]
    prefix = "test_assigning_a_field_is_an_error_that_shows_how_to_derive.<locals>"
    assert str(raised.value) == (
        f"Cannot assign {prefix}.Model.width = 2 (int): configs are frozen\n"
        f"  Fix: derive a new config instead: {prefix}.Model(config, width=2)"
    )
    assert isinstance(raised.value, AttributeError)
    assert model.width == 1


def test_assigning_an_unknown_attribute_is_an_error() -> None:
    @pconfig
    class Model:
        width: int

    model = Model(width=1)
    with pytest.raises(FrozenConfigError) as raised:
        model.colour = "red"  # type: ignore[attr-defined]
    prefix = "test_assigning_an_unknown_attribute_is_an_error.<locals>"
    assert str(raised.value) == (
        f"Cannot assign {prefix}.Model.colour = 'red' (str): configs are frozen\n"
        f"  {prefix}.Model has no field 'colour'; configs take no other attributes"
    )


def test_deleting_a_field_is_an_error() -> None:
    @pconfig
    class Model:
        width: int

    model = Model(width=1)
    with pytest.raises(FrozenConfigError) as raised:
        del model.width  # type: ignore[misc]
    prefix = "test_deleting_a_field_is_an_error.<locals>"
    assert str(raised.value) == (
        f"Cannot delete {prefix}.Model.width: configs are frozen\n"
        f"  Fix: derive a new config instead: {prefix}.Model(config, width=...)"
    )
    assert isinstance(raised.value, AttributeError)


def test_assigning_a_config_value_keeps_the_headline_on_one_line() -> None:
    @pconfig
    class Inner:
        x: int

    @pconfig
    class Outer:
        inner: Inner

    outer = Outer(inner=Inner(x=1))
    with pytest.raises(FrozenConfigError) as raised:
        outer.inner = Inner(x=2)  # type: ignore[misc]
    prefix = "test_assigning_a_config_value_keeps_the_headline_on_one_line.<locals>"
    assert str(raised.value).splitlines()[0] == (
        f"Cannot assign {prefix}.Outer.inner = {prefix}.Inner(...) (Inner): "
        "configs are frozen"
    )


def test_equality_compares_class_and_field_values() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    @pconfig(inherit_constructable_type=False)
    class Sub(Model):
        pass

    @pconfig
    class Twin:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    assert Model(width=2) == Model(width=2)
    assert Model(width=2) != Model(width=3)
    assert Model(width=2) != Sub(width=2)
    assert Model(width=2) != Twin(width=2)
    assert Model(width=2) != 2


def test_configs_with_hashable_values_are_hashable() -> None:
    @pconfig
    class Model:
        width: int
        name: str

    @pconfig
    class Listed:
        layers: list[int]

    assert hash(Model(width=1, name="a")) == hash(Model(width=1, name="a"))
    assert len({Model(width=1, name="a"), Model(width=1, name="a")}) == 1
    with pytest.raises(TypeError, match="unhashable type: 'FrozenList'"):
        hash(Listed(layers=[1]))


def test_pickle_round_trips_without_recomputing() -> None:
    config = Counted(width=3, speed=-2, version=Pin(7))
    CALLS.clear()
    restored = pickle.loads(pickle.dumps(config))
    assert CALLS == []
    assert restored == config
    assert type(restored) is Counted
    assert (restored.area, restored.speed, restored.version) == (9, 0, 7)
    assert restored.inputs.speed == -2
    assert restored.inputs.version == Pin(7)
    with pytest.raises(FrozenConfigError):
        restored.width = 4  # type: ignore[misc]


def test_copy_and_deepcopy_round_trip_without_recomputing() -> None:
    config = Holder(inner=Counted(width=2, speed=1), tags=["a"])
    CALLS.clear()
    shallow = copy.copy(config)
    deep = copy.deepcopy(config)
    assert CALLS == []
    assert shallow == config
    assert deep == config
    assert deep.tags is not config.tags
    assert deep.inner.inputs.version is Pinned


def test_inputs_view_reads_raw_inputs() -> None:
    config = Counted(width=3, speed=-2, version=Pin(7))
    inputs = config.inputs
    assert inputs.width == 3
    assert inputs.speed == -2
    assert inputs.area is Pinned
    assert inputs.version == Pin(7)
    assert dict(inputs) == {
        "width": 3,
        "speed": -2,
        "area": Pinned,
        "version": Pin(7),
    }
    assert list(inputs) == ["width", "speed", "area", "version"]
    assert len(inputs) == 4
    assert inputs["speed"] == -2
    assert repr(inputs) == (
        "Counted.inputs(width=3, speed=-2, area=Pinned, version=Pin(7))"
    )


def test_inputs_view_never_changes_the_config() -> None:
    config = Counted(width=3, speed=-2)
    before = dict(config.__dict__)
    _ = dict(config.inputs)
    with pytest.raises(
        FrozenConfigError, match=r"^Counted.inputs is a read-only view$"
    ):
        config.inputs.width = 5  # type: ignore[misc]
    assert config.__dict__ == before
    assert config.speed == 0


def test_inputs_view_unknown_name() -> None:
    inputs = Counted(width=3, speed=1).inputs
    with pytest.raises(AttributeError) as raised:
        _ = inputs.widht
    assert str(raised.value) == (
        "Counted has no field 'widht' (did you mean \"width\"?)\n"
        "  Fields of Counted: width, speed, area, version"
    )
    with pytest.raises(KeyError):
        inputs["widht"]


def test_inputs_view_rebuilds_an_equal_config() -> None:
    config = Counted(width=3, speed=-2, version=Pin(7))
    assert Counted(**config.inputs) == config


def test_equality_compares_values_not_inputs() -> None:
    clamped = Counted(width=1, speed=-5)
    plain = Counted(width=1, speed=0)
    assert clamped == plain
    assert hash(clamped) == hash(plain)
    assert clamped.inputs.speed != plain.inputs.speed
