"""``pdefaults``, the registry of default configs."""

import pytest

from pconfigs import Pin, Pinned, Required, pconfig, pdefaults, pproperty
from pconfigs.errors import DefaultsError, FrozenConfigError, NotAConfigError


def test_registered_default_fills_every_construction() -> None:
    @pconfig
    class Model:
        width: int
        depth: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.depth

    global pdefaults
    pdefaults += Model(width=2, depth=3, area=Pinned)
    assert Model().area == 6
    assert Model(width=5).area == 15


def test_lookup_by_class_and_by_instance() -> None:
    @pconfig
    class Model:
        width: int

    @pconfig
    class Unregistered:
        width: int

    global pdefaults
    pdefaults += Model(width=2)
    default = pdefaults(Model)
    assert default == Model(width=2)
    assert pdefaults(Model(width=9)) is default
    assert pdefaults(Unregistered) is None
    assert pdefaults(Unregistered(width=1)) is None


def test_subclass_without_a_default_builds_from_its_ancestors_defaults() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    global pdefaults
    pdefaults += Base(width=2)
    assert pdefaults(Child) is None
    assert Child(depth=3).width == 2


def test_default_registered_after_a_subclass_was_built_takes_effect() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    assert Child(width=1, depth=1).width == 1
    global pdefaults
    pdefaults += Base(width=7)
    assert Child(depth=1).width == 7


def test_registered_default_is_frozen() -> None:
    @pconfig
    class Model:
        width: int

    global pdefaults
    pdefaults += Model(width=2)
    default = pdefaults(Model)
    assert default is not None
    with pytest.raises(FrozenConfigError):
        default.width = 3  # type: ignore[misc]
    assert Model().width == 2


def test_registration_deep_copies_so_the_callers_objects_cannot_change_it() -> None:
    @pconfig
    class Model:
        layers: list[int]
        options: dict[str, list[str]]

    layers = [1, 2]
    options = {"tags": ["a"]}
    registered = Model(layers=layers, options=options)
    global pdefaults
    pdefaults += registered
    layers.append(3)
    options["tags"].append("b")
    options["new"] = []
    assert pdefaults(Model) == Model(layers=[1, 2], options={"tags": ["a"]})
    assert Model().layers == [1, 2]
    assert pdefaults(Model) is not registered


def test_second_registration_is_an_error() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    global pdefaults
    pdefaults += Model(width=1, depth=2)
    with pytest.raises(DefaultsError) as raised:
        pdefaults += Model(width=1, depth=5)
    prefix = "test_second_registration_is_an_error.<locals>"
    assert str(raised.value) == (
        f"pdefaults already has a default for {prefix}.Model; the new registration "
        f"changes {prefix}.Model.depth from 2 to 5\n"
        "  A later registration may only fill fields that are still Required in the "
        "registered default, with every other field unchanged\n"
        f"  Fix: derive a config instead: {prefix}.Model(pdefaults({prefix}.Model), "
        "depth=5)"
    )
    assert isinstance(raised.value, ValueError)
    assert pdefaults(Model) == Model(width=1, depth=2)


def test_identical_second_registration_is_accepted() -> None:
    @pconfig
    class Model:
        width: int

    global pdefaults
    pdefaults += Model(width=1)
    pdefaults += Model(width=1)
    assert pdefaults(Model) == Model(width=1)


def test_later_registration_may_fill_required_fields() -> None:
    @pconfig
    class Model:
        width: int
        depth: int
        height: int

    global pdefaults
    pdefaults += Model(width=1, depth=Required, height=Required)
    pdefaults += Model(width=1, depth=2, height=Required)
    pdefaults += Model(width=1, depth=2, height=3)
    assert pdefaults(Model) == Model(width=1, depth=2, height=3)
    with pytest.raises(DefaultsError, match=r"changes .*\.height from 3 to 4\n"):
        pdefaults += Model(width=1, depth=2, height=4)


def test_filling_required_while_changing_another_field_is_an_error() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    global pdefaults
    pdefaults += Model(width=1, depth=Required)
    with pytest.raises(DefaultsError, match=r"changes .*\.width from 1 to 9\n"):
        pdefaults += Model(width=9, depth=2)
    assert pdefaults(Model).depth is Required  # type: ignore[union-attr]


def test_pinned_fixed_values_are_registered_with_pin() -> None:
    @pconfig
    class Model:
        width: int
        version: Pinned[int]

    global pdefaults
    pdefaults += Model(width=1, version=Pin(3))
    assert Model().version == 3
    assert Model(width=5).version == 3
    assert pdefaults(Model).inputs.version == Pin(3)  # type: ignore[union-attr]


def test_registering_a_non_config_is_a_type_error() -> None:
    @pconfig
    class Model:
        width: int

    global pdefaults
    with pytest.raises(NotAConfigError) as raised:
        pdefaults += Model  # type: ignore[arg-type]
    prefix = "test_registering_a_non_config_is_a_type_error.<locals>"
    assert str(raised.value) == (
        f"pdefaults += ... expects a config instance, got the class {prefix}.Model\n"
        f"  Fix: register an instance: pdefaults += {prefix}.Model(...)"
    )
    with pytest.raises(NotAConfigError) as raised:
        pdefaults += {"width": 1}  # type: ignore[arg-type]
    assert str(raised.value) == (
        "pdefaults += ... expects a config instance, got {'width': 1} (dict)\n"
        "  Fix: register an instance of a @pconfig class, e.g. "
        "pdefaults += TrainerConfig(steps=3, ...)"
    )


def test_looking_up_a_non_config_is_a_type_error() -> None:
    with pytest.raises(NotAConfigError) as raised:
        pdefaults(3)
    assert str(raised.value) == (
        "pdefaults(...) expects a config class or instance, got 3 (int)\n"
        "  Fix: look up a @pconfig class or config, e.g. pdefaults(TrainerConfig)"
    )
    with pytest.raises(NotAConfigError) as raised:
        pdefaults(int)
    assert str(raised.value) == (
        "pdefaults(...) expects a config class or instance, got the class int\n"
        "  Fix: look up a @pconfig class or config, e.g. pdefaults(TrainerConfig)"
    )


def test_pdefaults_repr() -> None:
    assert repr(pdefaults) == "pdefaults"
