"""``@penum``: enums whose members print as code and are made from values."""

from __future__ import annotations

import pickle
from enum import Enum

import pytest

from pconfigs import PconfigsError, from_json, pconfig, penum, to_json
from pconfigs.errors import ConfigDefinitionError
from pconfigs.printing import format_module


@penum
class Color(Enum):
    red = 1
    green = 2


@penum
class Mode(Enum):
    train = "train"
    eval = "eval"


class Plain(Enum):
    one = 1


@pconfig
class Painted:
    color: Color = Color.red
    mode: Mode = Mode.train
    plain: Plain = Plain.one


def test_make_finds_a_member_by_value() -> None:
    assert Color.make(1) is Color.red
    assert Mode.make("eval") is Mode.eval


def test_make_returns_a_member_as_it_is() -> None:
    assert Color.make(Color.green) is Color.green


def test_make_of_an_unknown_value_names_the_values() -> None:
    with pytest.raises(PconfigsError) as raised:
        Color.make(5)
    assert isinstance(raised.value, ValueError)
    assert str(raised.value) == (
        "Color.make(5): no member of Color has the value 5 (int)\n"
        "  Values of Color: 1, 2\n"
        "  Fix: pass one of these values, or a member (Color.<name>)"
    )


def test_members_repr_as_code() -> None:
    assert repr(Color.red) == "Color.red"
    assert f"{[Mode.eval]}" == "[Mode.eval]"
    assert repr(Plain.one) == "<Plain.one: 1>"  # plain enums keep their repr


def test_penum_returns_the_same_enum_class() -> None:
    class Local(Enum):
        a = 1

    assert penum(Local) is Local
    assert list(Local) == [Local.a]
    assert pickle.loads(pickle.dumps(Color.green)) is Color.green


def test_members_print_as_code_that_imports_their_enum() -> None:
    assert format_module(Painted(), runnable=True) == (
        f"from {__name__} import Painted, Color, Mode, Plain\n"
        "\n"
        "config = Painted(\n"
        "    color=Color.red,\n"
        "    mode=Mode.train,\n"
        "    plain=Plain.one,\n"
        ")\n"
    )


def test_members_round_trip_through_json() -> None:
    painted = Painted(color=Color.green, mode=Mode.eval)
    assert from_json(to_json(painted)) == painted


def test_penum_on_a_non_enum_is_a_definition_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:
        penum(int)  # type: ignore[type-var]
    assert str(raised.value) == (
        "@penum decorates an Enum class, got <class 'int'> (type)\n"
        "  Fix: subclass Enum: `@penum class Color(Enum): ...`"
    )


def test_a_member_named_make_is_a_definition_error() -> None:
    class Maker(Enum):
        make = 1

    with pytest.raises(ConfigDefinitionError) as raised:
        penum(Maker)
    assert str(raised.value) == (
        "test_a_member_named_make_is_a_definition_error.<locals>.Maker.make: a "
        "@penum member cannot be named 'make'; it is "
        "test_a_member_named_make_is_a_definition_error.<locals>.Maker.make(value), "
        "which finds a member by value\n"
        "  Fix: rename the member"
    )
