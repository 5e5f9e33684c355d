"""Building a config from bases, keywords and registered defaults."""

import copy
import dataclasses
import sys

import pytest

from pconfigs import Pin, Pinned, pconfig, pdefaults, pinputs, pproperty
from pconfigs.errors import BaseConfigError, MissingFieldsError, UnknownFieldError


def test_keyword_arguments_set_fields() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    model = Model(width=3, depth=4)
    assert (model.width, model.depth) == (3, 4)


def test_base_config_inputs_are_copied() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    base = Model(width=3, depth=4)
    derived = Model(base, depth=5)
    assert (derived.width, derived.depth) == (3, 5)
    assert (base.width, base.depth) == (3, 4)


def test_sub_configs_are_shared_not_copied() -> None:
    @pconfig
    class Inner:
        x: int

    @pconfig
    class Outer:
        inner: Inner
        y: int

    base = Outer(inner=Inner(x=1), y=2)
    assert Outer(base, y=3).inner is base.inner


def test_base_of_an_ancestor_class_fills_the_fields_it_has() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    child = Child(Base(width=3), depth=4)
    assert (child.width, child.depth) == (3, 4)


def test_values_are_not_type_checked_at_run_time() -> None:
    @pconfig
    class Model:
        width: int

    assert Model(width="wide").width == "wide"  # type: ignore[arg-type]


def test_precedence_keywords_over_bases_over_own_default_over_ancestors() -> None:
    @pconfig
    class Grand:
        a: int
        b: int
        c: int
        d: int
        e: int

    @pconfig
    class Parent(Grand):
        pass

    @pconfig
    class Child(Parent):
        pass

    global pdefaults
    pdefaults += Grand(a=1, b=1, c=1, d=1, e=1)
    pdefaults += Parent(a=2, b=2, c=2, d=2, e=2)
    pdefaults += Child(a=3, b=3, c=3, d=3, e=3)
    # Each source sets one field fewer than the one below it in precedence.
    later_base = Grand(a=4, b=4, c=4, d=4, e=4)
    first_base = Parent(a=5, b=5, c=5, d=5, e=5)
    assert Child(first_base, later_base, a=6) == Child(a=6, b=5, c=5, d=5, e=5)
    assert Child(later_base, a=6) == Child(a=6, b=4, c=4, d=4, e=4)
    assert Child(a=6) == Child(a=6, b=3, c=3, d=3, e=3)


def test_first_written_base_wins_over_later_bases() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    first = Model(width=1, depth=1)
    second = Model(width=2, depth=2)
    assert Model(first, second).width == 1
    assert Model(second, first).width == 2


def test_later_base_fills_fields_the_first_base_does_not_have() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    child = Child(Base(width=1), Child(width=2, depth=3))
    assert (child.width, child.depth) == (1, 3)


def test_own_default_wins_over_ancestor_default() -> None:
    @pconfig
    class Base:
        width: int
        depth: int

    @pconfig
    class Child(Base):
        pass

    global pdefaults
    pdefaults += Base(width=1, depth=1)
    pdefaults += Child(width=2, depth=2)
    assert Child().width == 2
    assert Base().width == 1


def test_nearest_ancestor_default_wins() -> None:
    @pconfig
    class Grand:
        width: int
        depth: int

    @pconfig
    class Parent(Grand):
        pass

    @pconfig
    class Child(Parent):
        height: int

    global pdefaults
    pdefaults += Grand(width=1, depth=1)
    pdefaults += Parent(width=2, depth=pdefaults(Grand).depth)  # type: ignore[union-attr]
    child = Child(height=3)
    assert (child.width, child.depth, child.height) == (2, 1, 3)


def test_pinned_target_field_skips_plain_values_from_a_base() -> None:
    @pconfig
    class Rect:
        width: int
        height: int

    @pconfig
    class Square(Rect):
        height: Pinned[int]

        @pproperty
        def height(self) -> int:
            return self.width

    square = Square(Rect(width=3, height=100))
    assert (square.width, square.height) == (3, 3)
    assert square.inputs.height is Pinned


def test_pinned_target_field_skips_plain_values_from_an_ancestor_default() -> None:
    @pconfig
    class Rect:
        width: int
        height: int

    global pdefaults
    pdefaults += Rect(width=2, height=100)

    @pconfig
    class Square(Rect):
        height: Pinned[int]

        @pproperty
        def height(self) -> int:
            return self.width

    assert Square().height == 2


def test_pin_from_a_base_reaches_a_field_that_the_target_does_not_pin() -> None:
    @pconfig
    class Versioned:
        version: Pinned[int]

    @pconfig
    class Loose(Versioned):
        version: int  # type: ignore[assignment]

    assert Loose(Versioned(version=Pin(3))).version == 3


def test_pin_from_a_base_stays_pinned_in_the_same_class() -> None:
    @pconfig
    class Versioned:
        name: str
        version: Pinned[int]

    first = Versioned(name="a", version=Pin(3))
    derived = Versioned(first, name="b")
    assert derived.version == 3
    assert derived.inputs.version == Pin(3)


def test_missing_fields_are_all_named_in_one_error() -> None:
    @pconfig
    class Model:
        width: int
        depth: int
        height: int

    with pytest.raises(MissingFieldsError) as raised:
        Model(depth=1)
    prefix = "test_missing_fields_are_all_named_in_one_error.<locals>"
    assert str(raised.value) == (
        f'{prefix}.Model is missing 2 fields: "width", "height"\n'
        "  After merging, no keyword argument, base config or registered default "
        "gave them a value\n"
        f"  Fix: pass {prefix}.Model(width=..., height=...), or register defaults "
        f"with pdefaults += {prefix}.Model(...)"
    )
    assert isinstance(raised.value, TypeError)


def test_missing_field_after_a_base_names_the_base_in_the_fix() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    with pytest.raises(MissingFieldsError) as raised:
        Child(Base(width=1))
    prefix = "test_missing_field_after_a_base_names_the_base_in_the_fix.<locals>"
    assert str(raised.value) == (
        f'{prefix}.Child is missing 1 field: "depth"\n'
        "  After merging, no keyword argument, base config or registered default "
        "gave it a value\n"
        f"  Fix: pass {prefix}.Child(base, depth=...), or register defaults "
        f"with pdefaults += {prefix}.Child(...)"
    )


def test_pinned_fields_are_never_missing() -> None:
    @pconfig
    class Model:
        width: int
        version: Pinned[int]

    assert Model(width=1).version is Pinned


def test_unknown_keyword_with_did_you_mean() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    with pytest.raises(UnknownFieldError) as raised:
        Model(width=1, dpth=2)  # type: ignore[call-arg]
    prefix = "test_unknown_keyword_with_did_you_mean.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model has no field 'dpth' (did you mean \"depth\"?)\n"
        f"  Fields of {prefix}.Model: width, depth\n"
        "  Fix: correct the keyword argument, or declare the field in the class body"
    )
    assert isinstance(raised.value, TypeError)


def test_unknown_keyword_without_a_close_match() -> None:
    @pconfig
    class Model:
        width: int

    with pytest.raises(UnknownFieldError) as raised:
        Model(width=1, colour="red")  # type: ignore[call-arg]
    prefix = "test_unknown_keyword_without_a_close_match.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model has no field 'colour'\n"
        f"  Fields of {prefix}.Model: width\n"
        "  Fix: correct the keyword argument, or declare the field in the class body"
    )


def test_several_unknown_keywords_are_named_together() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    with pytest.raises(UnknownFieldError) as raised:
        Model(widht=1, colour="red", dept=2)  # type: ignore[call-arg]
    prefix = "test_several_unknown_keywords_are_named_together.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model has no fields 'widht', 'colour', 'dept'\n"
        "  'widht' (did you mean \"width\"?)\n"
        "  'dept' (did you mean \"depth\"?)\n"
        f"  Fields of {prefix}.Model: width, depth\n"
        "  Fix: correct the keyword argument, or declare the field in the class body"
    )


def test_positional_argument_that_is_not_a_config_is_an_error() -> None:
    @pconfig
    class Model:
        width: int

    with pytest.raises(BaseConfigError) as raised:
        Model({"width": 1})  # type: ignore[call-arg]
    prefix = "test_positional_argument_that_is_not_a_config_is_an_error.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model() positional argument 1 must be a config of class "
        f"{prefix}.Model, got {{'width': 1}} (dict)\n"
        "  dict is not a @pconfig class\n"
        f"  Accepted forms: {prefix}.Model(**fields) and {prefix}.Model(base, ..., "
        f"**fields) where each base is an instance of {prefix}.Model\n"
        "  Fix: pass values as keyword arguments, or pass a config of an accepted class"
    )
    assert isinstance(raised.value, TypeError)


def test_positional_argument_of_a_subclass_config_is_an_error() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    with pytest.raises(BaseConfigError) as raised:
        Base(Base(width=1), Child(width=1, depth=2))
    prefix = "test_positional_argument_of_a_subclass_config_is_an_error.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Base() positional argument 2 must be a config of class "
        f"{prefix}.Base, got {prefix}.Child(...) (Child)\n"
        f"  {prefix}.Child is a subclass of {prefix}.Base; a base must be "
        f"{prefix}.Base itself or one of its config ancestors\n"
        f"  Accepted forms: {prefix}.Base(**fields) and {prefix}.Base(base, ..., "
        f"**fields) where each base is an instance of {prefix}.Base\n"
        "  Fix: pass values as keyword arguments, or pass a config of an accepted class"
    )


def test_positional_argument_of_an_unrelated_config_is_an_error() -> None:
    @pconfig
    class Base:
        width: int

    @pconfig
    class Child(Base):
        depth: int

    @pconfig
    class Other:
        width: int

    with pytest.raises(BaseConfigError) as raised:
        Child(Other(width=1))
    prefix = "test_positional_argument_of_an_unrelated_config_is_an_error.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Child() positional argument 1 must be a config of class "
        f"{prefix}.Child or {prefix}.Base, got {prefix}.Other(...) (Other)\n"
        f"  {prefix}.Other is not {prefix}.Child or one of its config ancestors\n"
        f"  Accepted forms: {prefix}.Child(**fields) and {prefix}.Child(base, ..., "
        f"**fields) where each base is an instance of {prefix}.Child or {prefix}.Base\n"
        "  Fix: pass values as keyword arguments, or pass a config of an accepted class"
    )


def test_replace_dunder_is_the_constructor_with_the_config_as_base() -> None:
    @pconfig
    class Model:
        width: int
        speed: int
        area: Pinned[int]

        @pproperty
        def speed(self) -> int:
            return max(0, pinputs(self).speed)

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    model = Model(width=2, speed=-5)
    replaced = model.__replace__(width=3)
    assert replaced == Model(model, width=3)
    assert (replaced.width, replaced.speed, replaced.area) == (3, 0, 9)
    assert replaced.inputs.speed == -5
    if sys.version_info >= (3, 13):
        assert copy.replace(model, width=3) == Model(model, width=3)  # type: ignore[attr-defined]


def test_dataclasses_replace_recomputes_pinned_fields() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    replaced = dataclasses.replace(Model(width=2), width=3)
    assert replaced.area == 9
    assert replaced.inputs.area is Pinned


def test_dataclasses_replace_passes_a_computed_value_back_as_the_input() -> None:
    @pconfig
    class Model:
        width: int
        scaled: int

        @pproperty
        def scaled(self) -> int:
            return pinputs(self).scaled * 10

    model = Model(width=1, scaled=2)
    assert model.scaled == 20
    # dataclasses.replace can only pass values, so the input is now 20 ...
    assert dataclasses.replace(model, width=2).scaled == 200
    # ... while __replace__ (copy.replace) keeps the original input.
    assert model.__replace__(width=2).scaled == 20
