"""Pinned, Pin and Required."""

import copy
import operator
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from pconfigs import Pin, Pinned, Required, pconfig, pdefaults, pproperty
from pconfigs.errors import (
    FrozenConfigError,
    PinnedFieldError,
    SentinelAttributeError,
    SentinelUsageError,
)


def _refusal(name: str, action: str) -> str:
    return (
        f"Cannot {action} the {name} sentinel: it stands for a value that is not "
        "known yet\n"
        f"  {name} is a placeholder in config inputs; read the config's resolved "
        "attribute instead, or give the field a real value"
    )


def test_sentinel_reprs() -> None:
    assert repr(Pinned) == "Pinned"
    assert repr(Required) == "Required"
    assert repr(Pin(3)) == "Pin(3)"
    assert repr(Pin([1, 2])) == "Pin([1, 2])"


def test_sentinels_survive_pickle_and_copy_as_the_same_object() -> None:
    for sentinel in (Pinned, Required):
        assert pickle.loads(pickle.dumps(sentinel)) is sentinel
        assert copy.copy(sentinel) is sentinel
        assert copy.deepcopy(sentinel) is sentinel


def test_pin_equality_hash_and_pickle() -> None:
    assert Pin(3) == Pin(3)
    assert Pin(3) != Pin(4)
    assert Pin(3) != 3
    assert hash(Pin(3)) == hash(Pin(3))
    assert pickle.loads(pickle.dumps(Pin(3))) == Pin(3)
    assert Pin(Pin(3)) == Pin(3)
    with pytest.raises(AttributeError):
        Pin(3).value = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    "operation",
    [
        operator.add,
        operator.sub,
        operator.mul,
        operator.truediv,
        operator.floordiv,
        operator.mod,
        operator.pow,
        operator.lt,
        operator.ge,
        lambda a, b: b + a,
        lambda a, b: b * a,
    ],
)
@pytest.mark.parametrize("sentinel", [Pinned, Required], ids=repr)
def test_sentinels_refuse_arithmetic_and_ordering(
    sentinel: Any, operation: Callable[[Any, Any], Any]
) -> None:
    with pytest.raises(SentinelUsageError) as raised:
        operation(sentinel, 2)
    assert str(raised.value) == _refusal(repr(sentinel), "compute with")
    assert isinstance(raised.value, TypeError)


@pytest.mark.parametrize("sentinel", [Pinned, Required], ids=repr)
def test_sentinels_refuse_unary_and_conversions(sentinel: Any) -> None:
    for operation in (operator.neg, abs, int, float):
        with pytest.raises(SentinelUsageError) as raised:
            operation(sentinel)
        assert str(raised.value) == _refusal(repr(sentinel), "compute with")


@pytest.mark.parametrize("sentinel", [Pinned, Required], ids=repr)
def test_sentinels_refuse_truth_tests(sentinel: Any) -> None:
    with pytest.raises(SentinelUsageError) as raised:
        bool(sentinel)
    assert str(raised.value) == _refusal(repr(sentinel), "test the truth of")
    with pytest.raises(SentinelUsageError):
        if sentinel:
            pass


@pytest.mark.parametrize("sentinel", [Pinned, Required], ids=repr)
def test_sentinels_refuse_len(sentinel: Any) -> None:
    with pytest.raises(SentinelUsageError) as raised:
        len(sentinel)
    assert str(raised.value) == _refusal(repr(sentinel), "take the len() of")


@pytest.mark.parametrize("sentinel", [Pinned, Required], ids=repr)
def test_sentinels_refuse_iteration(sentinel: Any) -> None:
    with pytest.raises(SentinelUsageError) as raised:
        list(sentinel)
    assert str(raised.value) == _refusal(repr(sentinel), "iterate over")
    with pytest.raises(SentinelUsageError):
        for _ in sentinel:
            pass


@pytest.mark.parametrize("sentinel", [Pinned, Required], ids=repr)
def test_sentinels_refuse_attribute_access(sentinel: Any) -> None:
    with pytest.raises(SentinelAttributeError) as raised:
        _ = sentinel.shape
    assert str(raised.value) == _refusal(repr(sentinel), "read attribute 'shape' of")
    assert isinstance(raised.value, AttributeError)
    # Protocol probes see a plain miss, so hasattr() works.
    assert not hasattr(sentinel, "__array__")


def test_required_refuses_subscript_and_pinned_subscript_is_an_annotation() -> None:
    with pytest.raises(SentinelUsageError) as raised:
        Required[0]  # type: ignore[index]
    assert str(raised.value) == _refusal("Required", "subscript")
    assert repr(Pinned[int]) == "Pinned[int]"


def test_sentinels_compare_by_identity() -> None:
    assert Pinned == Pinned
    assert Pinned != Required
    assert Required != 0
    assert len({Pinned, Required, Pinned}) == 2


def test_pinned_annotation_reads_as_the_value() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    assert Model(width=3).area == 9


def test_pinned_sentinel_is_accepted_for_a_pinned_field_anywhere() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    global pdefaults
    pdefaults += Model(width=1, area=Pinned)
    base = Model(width=2, area=Pinned)
    assert Model(base, area=Pinned).area == 4
    assert Model(area=Pinned).area == 1


def test_value_for_a_pinned_computed_field_is_an_error() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    with pytest.raises(PinnedFieldError) as raised:
        Model(width=1, area=[1, 2])  # type: ignore[arg-type]
    prefix = "test_value_for_a_pinned_computed_field_is_an_error.<locals>"
    assert str(raised.value) == (
        f"Cannot set pinned field {prefix}.Model.area; it is computed by @pproperty "
        f"{prefix}.Model.area (got [1, 2] (list))\n"
        "  The value came from a keyword argument\n"
        "  Fix: drop the argument, or pass area=Pinned to use the computed value"
    )
    assert isinstance(raised.value, TypeError)


def test_value_for_a_pinned_field_without_pproperty_is_an_error() -> None:
    @pconfig
    class Model:
        version: Pinned[int]

    with pytest.raises(PinnedFieldError) as raised:
        Model(version=3)  # type: ignore[arg-type]
    prefix = "test_value_for_a_pinned_field_without_pproperty_is_an_error.<locals>"
    assert str(raised.value) == (
        f"Cannot set pinned field {prefix}.Model.version; no @pproperty computes it "
        "and only Pin(...) may set it (got 3 (int))\n"
        "  The value came from a keyword argument\n"
        "  Fix: drop the argument, or pin a value in a registered default: "
        f"pdefaults += {prefix}.Model(..., version=Pin(3))"
    )


def test_assigning_a_pinned_field_later_is_the_pinned_error() -> None:
    @pconfig
    class Model:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    model = Model(width=2)
    with pytest.raises(FrozenConfigError) as raised:
        model.area = 5  # type: ignore[assignment]
    prefix = "test_assigning_a_pinned_field_later_is_the_pinned_error.<locals>"
    assert str(raised.value) == (
        f"Cannot set pinned field {prefix}.Model.area; it is computed by @pproperty "
        f"{prefix}.Model.area (got 5 (int))\n"
        "  The value came from an assignment\n"
        "  Fix: configs are frozen; derive a new config and let area follow its "
        f"inputs: {prefix}.Model(config, <input>=...)"
    )
    assert isinstance(raised.value, AttributeError)
    assert model.area == 4


def test_pin_puts_a_fixed_value_into_a_pinned_field() -> None:
    @pconfig
    class Model:
        width: int
        version: Pinned[int]

    global pdefaults
    pdefaults += Model(width=1, version=Pin(3))
    model = Model(width=2)
    assert model.version == 3
    assert model.inputs.version == Pin(3)
    assert Model(model).version == 3
    # Pin is accepted anywhere at run time (the static checkers restrict it).
    assert Model(width=1, version=Pin(4)).version == 4


def test_pinned_field_without_pproperty_or_pin_reads_as_pinned() -> None:
    @pconfig
    class Model:
        version: Pinned[int]

    model = Model()
    assert model.version is Pinned
    assert model.inputs.version is Pinned


def test_required_is_a_placeholder_a_config_may_hold() -> None:
    @pconfig
    class Model:
        width: int
        depth: int

    global pdefaults
    pdefaults += Model(width=Required, depth=2)
    model = Model()
    assert model.width is Required
    assert Model(width=5).width == 5
    assert "    width=Required,\n" in repr(model)
