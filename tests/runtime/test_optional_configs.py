"""``OptionalConfig[T]`` / ``NoneConfig``: a sub-config that may be absent."""

from __future__ import annotations

import copy
import pickle
from typing import Union

import pytest

from pconfigs import (
    NoneConfig,
    OptionalConfig,
    derive,
    from_json,
    pconfig,
    pconfiged,
    to_json,
    validate,
)
from pconfigs.errors import FrozenConfigError, OverrideError
from pconfigs.overrides import parse_assignments
from pconfigs.printing import format_module


@pconfiged
class Evaluator:
    config: EvaluatorConfig


@pconfig(constructs=Evaluator)
class EvaluatorConfig:
    every: int = 5


@pconfig
class System:
    evaluator: OptionalConfig[EvaluatorConfig] = NoneConfig
    steps: int = 10


def test_optional_config_is_the_union_with_its_own_type() -> None:
    assert OptionalConfig[EvaluatorConfig] == Union[EvaluatorConfig, OptionalConfig]  # noqa: UP007
    assert isinstance(NoneConfig, OptionalConfig)


def test_none_config_constructs_nothing() -> None:
    assert System().evaluator.construct() is None
    built = System(evaluator=EvaluatorConfig()).evaluator.construct()
    assert isinstance(built, Evaluator)


def test_none_config_is_a_singleton_through_copies_and_pickles() -> None:
    assert OptionalConfig() is NoneConfig
    assert copy.copy(NoneConfig) is NoneConfig
    assert copy.deepcopy(NoneConfig) is NoneConfig
    assert pickle.loads(pickle.dumps(NoneConfig)) is NoneConfig
    assert pickle.loads(pickle.dumps(System())).evaluator is NoneConfig


def test_none_config_is_frozen() -> None:
    with pytest.raises(FrozenConfigError) as raised:
        NoneConfig.every = 3  # type: ignore[attr-defined]
    assert str(raised.value) == (
        "Cannot assign NoneConfig.every: NoneConfig stands for an absent "
        "sub-config and has no fields"
    )


def test_a_derivation_swaps_none_config_for_a_config_and_back() -> None:
    empty = System()
    full = System(empty, evaluator=EvaluatorConfig(every=2))
    assert full.evaluator.every == 2
    assert System(full, evaluator=NoneConfig).evaluator is NoneConfig
    assert derive(empty, {"evaluator": EvaluatorConfig()}).evaluator.every == 5
    assert derive(full, {"evaluator": NoneConfig}).evaluator is NoneConfig
    assert derive(full, {"evaluator.every": 9}).evaluator.every == 9


def test_set_swaps_by_text_both_ways() -> None:
    on = parse_assignments(System(), [f"evaluator={__name__}.EvaluatorConfig"])
    assert on == {"evaluator": EvaluatorConfig()}
    full = System(evaluator=EvaluatorConfig())
    for text in ("NoneConfig", "pconfigs.NoneConfig", "none", "None"):
        assert parse_assignments(full, [f"evaluator={text}"]) == {
            "evaluator": NoneConfig
        }


def test_set_of_something_else_names_the_optional_type() -> None:
    with pytest.raises(OverrideError) as raised:
        parse_assignments(System(), ["evaluator=nothing"])
    assert str(raised.value) == (
        "Cannot apply 1 override to System: 1 problem\n"
        "  --set evaluator=nothing: System.evaluator: expected "
        "OptionalConfig[EvaluatorConfig], got 'nothing'\n"
        "  Nothing was built; fix every line above and run again"
    )


def test_a_field_of_none_config_cannot_be_set() -> None:
    with pytest.raises(OverrideError) as raised:
        derive(System(), {"evaluator.every": 3})
    assert str(raised.value) == (
        "Cannot apply 1 override to System: 1 problem\n"
        "  evaluator.every: System.evaluator is NoneConfig (OptionalConfig), not a "
        "config, so it has no fields to set\n"
        "  Nothing was built; fix every line above and run again"
    )


def test_validate_accepts_both_and_rejects_other_values() -> None:
    validate(System())
    validate(System(evaluator=EvaluatorConfig()))
    with pytest.raises(TypeError) as raised:
        validate(System(evaluator=None))  # type: ignore[arg-type]
    assert str(raised.value) == (
        "config (System): 1 value does not match its annotation\n"
        "  config.evaluator: expected OptionalConfig[EvaluatorConfig], got None\n"
        "  Fix: give each value the annotated type, or correct the annotation"
    )


def test_none_config_prints_as_its_imported_name_and_rebuilds() -> None:
    text = format_module(System(), runnable=True)
    assert text == (
        f"from {__name__} import System\n"
        "from pconfigs import NoneConfig\n"
        "\n"
        "config = System(\n"
        "    evaluator=NoneConfig,\n"
        "    steps=10,\n"
        ")\n"
    )
    namespace: dict[str, object] = {}
    exec(text, namespace)
    assert namespace["config"] == System()


def test_none_config_round_trips_through_json() -> None:
    assert from_json(to_json(System())).evaluator is NoneConfig
