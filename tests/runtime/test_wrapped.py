"""Configs of other libraries' callables: @pconfig(calls=...), @pconfig(mocks=...)
and @pconfiged(mock=True), against toy and standard-library signatures."""

# Optional[...] and Union[...] on purpose: libraries' signatures spell them so.
# ruff: noqa: UP007, UP045

from __future__ import annotations

import collections.abc
import dataclasses
import enum
import inspect
import json
import math
import pathlib
import textwrap
from typing import Annotated, Any, Literal, Optional, Union

import pytest

from pconfigs import (
    Omitted,
    Pinned,
    Required,
    pconfig,
    pconfiged,
    pdefaults,
    pproperty,
)
from pconfigs.errors import (
    ConfigDefinitionError,
    DefaultsError,
    RequiredValuesError,
    WrappedCallError,
)


class Color(enum.Enum):
    red = 1
    blue = 2


HERE = pathlib.Path(".")
PURE = pathlib.PurePosixPath("a")


class Tensor:
    """Stands for a type a config cannot hold."""


def here() -> str:
    """The qualname prefix of classes defined in the calling test."""
    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None
    return f"{frame.f_back.f_code.co_name}.<locals>."


def fields_of(cls: type) -> dict[str, Any]:
    return {f.name: f.type for f in dataclasses.fields(cls)}


# -- which parameters become fields ----------------------------------------


def scale(
    data: list[float],
    /,
    factor: float,
    offset: float = 0.0,
    *rest: int,
    name: str = "scaled",
    clip: bool | None = None,
    **extra: int,
) -> tuple[Any, ...]:
    return (data, factor, offset, rest, name, clip, extra)


def test_fields_are_the_parameters_with_defaults_that_are_not_positional_only() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        pass

    assert fields_of(ScaleConfig) == {
        "offset": float,
        "name": str,
        "clip": Optional[bool],
    }


def test_calling_the_config_passes_configured_values_and_the_call_arguments() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        pass

    config = ScaleConfig(offset=1.5, clip=True)
    assert config([1.0], 2.0, more=3) == (
        [1.0],
        2.0,
        1.5,
        (),
        "scaled",
        True,
        {"more": 3},
    )
    assert config([1.0], factor=3.0) == ([1.0], 3.0, 1.5, (), "scaled", True, {})


def test_a_keyword_the_config_already_sets_is_an_error_naming_it() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        pass

    config = ScaleConfig(offset=1.5)
    with pytest.raises(WrappedCallError) as caught:
        config([1.0], 2.0, offset=3.0)
    name = here() + "ScaleConfig"
    assert str(caught.value) == (
        f'{name}(...): "offset" is already set by the config (offset=1.5)\n'
        f"  {name} passes its fields to {__name__}.scale; the call adds only "
        "parameters the config does not set\n"
        f"  Fix: derive a config with the new value: {name}(config, offset=3.0)"
    )
    assert isinstance(caught.value, TypeError)


def test_configurable_types_are_accepted() -> None:
    def target(
        s: str = "",
        i: int = 0,
        f: float = 0.0,
        b: bool = False,
        raw: bytes = b"",
        path: pathlib.Path = HERE,
        pure: pathlib.PurePath = PURE,
        color: Color = Color.red,
        mode: Literal["a", "b"] = "a",
        items: list[int] = [],  # noqa: B006
        pair: tuple[int, str] = (0, ""),
        many: tuple[float, ...] = (),
        table: dict[str, list[float]] = {},  # noqa: B006
        tags: set[str] = set(),  # noqa: B006
        frozen: frozenset[int] = frozenset(),
        seq: collections.abc.Sequence[int] = (),
        mapping: collections.abc.Mapping[str, Color] = {},
        maybe: Optional[int] = None,
        either: Union[int, str] = 0,
        nested: list[Optional[dict[str, int | None]]] = [],  # noqa: B006
        annotated: Annotated[int, "meta"] = 0,
        bare: tuple = (),  # type: ignore[type-arg]
    ) -> None:
        pass

    @pconfig(calls=target)
    class Everything:
        pass

    assert list(fields_of(Everything)) == list(inspect.signature(target).parameters)
    assert fields_of(Everything)["annotated"] is int


def test_a_top_level_union_keeps_only_its_configurable_members() -> None:
    def step(
        lr: float | Tensor = 0.1, momentum: Optional[Union[float, Tensor]] = None
    ) -> None:
        pass

    @pconfig(calls=step)
    class StepConfig:
        pass

    assert fields_of(StepConfig) == {"lr": float, "momentum": Optional[float]}


def test_an_unannotated_parameter_takes_the_type_of_its_default() -> None:
    def target(a=1, b="x", c=(1, 2)):  # type: ignore[no-untyped-def]
        return (a, b, c)

    @pconfig(calls=target)
    class TargetConfig:
        pass

    assert fields_of(TargetConfig) == {"a": int, "b": str, "c": tuple}
    assert TargetConfig(a=5)() == (5, "x", (1, 2))


def test_an_unannotated_parameter_defaulting_to_none_shows_the_two_fixes() -> None:
    def target(a=None):  # type: ignore[no-untyped-def]
        pass

    with pytest.raises(ConfigDefinitionError) as caught:

        @pconfig(calls=target)
        class TargetConfig:
            pass

    local = here()
    assert str(caught.value) == (
        f"{local}TargetConfig: parameter 'a' of {__name__}.{local}target"
        " has no annotation and defaults to None, which a config cannot hold\n"
        "  A config holds str, int, float, bool, bytes, Path, Enum and Literal "
        "values, and lists, tuples, dicts and sets of them\n"
        f"  Fix: declare it in the body of {local}TargetConfig with a type a "
        "config holds:\n"
        "      a: object\n"
        "    or leave it out of the config (the target's default applies):\n"
        "      a: Omitted[object]"
    )


def betas(pair: tuple[float | Tensor, float | Tensor] = (0.9, 0.999)) -> Any:
    return pair


def test_a_non_configurable_parameter_is_a_definition_error_showing_two_lines() -> None:
    with pytest.raises(ConfigDefinitionError) as caught:

        @pconfig(calls=betas)
        class BetasConfig:
            pass

    name = here() + "BetasConfig"
    assert str(caught.value) == (
        f"{name}: parameter 'pair' of {__name__}.betas has the type "
        "tuple[float | Tensor, float | Tensor], which a config cannot hold\n"
        "  A config holds str, int, float, bool, bytes, Path, Enum and Literal "
        "values, and lists, tuples, dicts and sets of them\n"
        f"  Fix: declare it in the body of {name} with a type a config holds:\n"
        "      pair: tuple[float, float]\n"
        "    or leave it out of the config (the target's default applies):\n"
        "      pair: Omitted[tuple[float | Tensor, float | Tensor]]"
    )


def test_either_fix_line_makes_the_class_valid() -> None:
    @pconfig(calls=betas)
    class Narrowed:
        pair: tuple[float, float]

    assert Narrowed()() == (0.9, 0.999)
    assert Narrowed(pair=(0.5, 0.6))() == (0.5, 0.6)

    @pconfig(calls=betas)
    class Left:
        pair: Omitted[tuple[float | Tensor, float | Tensor]]

    assert fields_of(Left) == {}
    assert Left()() == (0.9, 0.999)  # the target's own default
    assert Left()(pair=(1.0, 1.0)) == (1.0, 1.0)


def test_a_class_annotation_keeps_the_class_type_and_its_position() -> None:
    def target(a: int = 1, b: float = 2.0, t: Tensor | None = None) -> Any:
        return (a, b, t)

    @pconfig(calls=target)
    class Widened:
        extra: str
        b: float | str
        t: Optional[Tensor]

    # The class's own annotations are kept as written (strings here).
    assert fields_of(Widened) == {
        "a": int,
        "b": "float | str",
        "t": "Optional[Tensor]",
        "extra": "str",
    }
    # Own fields that are not parameters are not passed to the target.
    assert Widened(b="wide", extra="e")() == (1, "wide", None)


def test_omitting_a_name_the_target_does_not_have_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as caught:

        @pconfig(calls=scale)
        class ScaleConfig:
            ofset: Omitted[float]

    assert str(caught.value) == (
        f"{here()}ScaleConfig.ofset is Omitted, but {__name__}.scale has no keyword "
        "parameter 'ofset' (did you mean \"offset\"?)\n"
        "  Omitted[T] leaves one of the target's parameters out of the config\n"
        "  Fix: correct the name, or remove `ofset: Omitted[...]`"
    )


def test_a_required_parameter_the_class_annotates_becomes_a_field() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        factor: float

    config = ScaleConfig(factor=4.0)
    assert config([2.0]) == ([2.0], 4.0, 0.0, (), "scaled", None, {})


# -- registered defaults -------------------------------------------------------


def test_registered_defaults_come_from_the_signature() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        pass

    default = pdefaults(ScaleConfig)
    assert default == ScaleConfig(offset=0.0, name="scaled", clip=None)
    assert ScaleConfig() == default


def test_one_registration_may_replace_the_signature_defaults_then_the_usual_rule() -> (
    None
):
    @pconfig(calls=scale)
    class ScaleConfig:
        pass

    registry = pdefaults
    registry += ScaleConfig(offset=2.0, name="mine")
    assert ScaleConfig().offset == 2.0
    assert ScaleConfig().name == "mine"
    with pytest.raises(DefaultsError) as caught:
        registry += ScaleConfig(offset=3.0)
    name = here() + "ScaleConfig"
    assert str(caught.value).startswith(
        f"pdefaults already has a default for {name}; the new registration "
        f"changes {name}.offset from 2.0 to 3.0"
    )


def test_an_own_field_without_a_value_is_required_in_the_registered_default() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        run_name: str

    assert pdefaults(ScaleConfig) is not None
    assert ScaleConfig().run_name is Required
    assert ScaleConfig(run_name="r")([1.0], 1.0)[0] == [1.0]


def test_calling_with_a_required_value_names_it() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        factor: float

    registry = pdefaults
    registry += ScaleConfig(factor=Required)
    with pytest.raises(RequiredValuesError) as caught:
        ScaleConfig()([1.0])
    name = here() + "ScaleConfig"
    assert str(caught.value) == (
        f'{name}(...): 1 field is still Required: "factor"\n'
        "  Required is a placeholder in a registered default for a value that "
        "must be given later\n"
        f"  Fix: give it a value, e.g. {name}(config, factor=...)"
    )


# -- kinds of callables ---------------------------------------------------------


class Library:
    @staticmethod
    def static(x: int = 1) -> int:
        return x * 10

    @classmethod
    def build(cls, size: int = 2) -> tuple[type, int]:
        return (cls, size)


class WithSignature:
    """A callable whose signature comes from ``__signature__``."""

    __signature__ = inspect.Signature(
        [
            inspect.Parameter(
                "depth", inspect.Parameter.KEYWORD_ONLY, default=3, annotation=int
            )
        ]
    )

    def __call__(self, **kwargs: Any) -> dict[str, Any]:
        return kwargs


def test_static_and_class_methods() -> None:
    @pconfig(calls=Library.static)
    class StaticConfig:
        pass

    @pconfig(calls=Library.build)
    class BuildConfig:
        pass

    assert StaticConfig(x=4)() == 40
    assert fields_of(BuildConfig) == {"size": int}
    assert BuildConfig()() == (Library, 2)


def test_a_callable_with_a_signature_attribute() -> None:
    @pconfig(calls=WithSignature())
    class DepthConfig:
        pass

    assert fields_of(DepthConfig) == {"depth": int}
    assert DepthConfig(depth=5)() == {"depth": 5}


def test_builtins_with_signatures() -> None:
    @pconfig(calls=math.isclose)
    class CloseConfig:
        pass

    assert fields_of(CloseConfig) == {"rel_tol": float, "abs_tol": float}
    assert CloseConfig(abs_tol=0.5)(1.0, 1.4) is True
    assert CloseConfig()(1.0, 1.4) is False


def test_stdlib_functions_json_dumps_and_textwrap() -> None:
    with pytest.raises(ConfigDefinitionError, match=r"parameter 'cls' of json\.dumps"):

        @pconfig(calls=json.dumps)
        class Incomplete:
            pass

    @pconfig(calls=json.dumps)
    class DumpsConfig:
        cls: Omitted[type]
        indent: Optional[int]
        separators: Omitted[tuple[str, str]]
        default: Omitted[Any]

    assert list(fields_of(DumpsConfig)) == [
        "skipkeys",
        "ensure_ascii",
        "check_circular",
        "allow_nan",
        "indent",
        "sort_keys",
    ]
    assert DumpsConfig(indent=None, sort_keys=True)({"b": 1, "a": 2}) == (
        '{"a": 2, "b": 1}'
    )

    @pconfig(calls=textwrap.fill)
    class FillConfig:
        pass

    assert fields_of(FillConfig) == {"width": int}
    assert FillConfig(width=5)("aaa bbb ccc") == "aaa\nbbb\nccc"


# -- mocks= and @pconfiged(mock=True) --------------------------------------------


class Optimizer:
    def __init__(
        self, params: list[float], lr: float = 0.1, nesterov: bool = False
    ) -> None:
        self.params = params
        self.lr = lr
        self.nesterov = nesterov


def test_mocks_takes_fields_from_init_and_construct_builds_the_class() -> None:
    @pconfig(mocks=Optimizer)
    class OptimizerConfig:
        pass

    assert fields_of(OptimizerConfig) == {"lr": float, "nesterov": bool}
    optimizer = OptimizerConfig(lr=0.5).construct(params=[1.0])
    assert type(optimizer) is Optimizer
    assert (optimizer.params, optimizer.lr, optimizer.nesterov) == ([1.0], 0.5, False)


def test_mocks_construct_rejects_a_keyword_the_config_sets() -> None:
    @pconfig(mocks=Optimizer)
    class OptimizerConfig:
        pass

    with pytest.raises(WrappedCallError) as caught:
        OptimizerConfig().construct(params=[], lr=1.0, nesterov=True)
    name = here() + "OptimizerConfig"
    assert str(caught.value) == (
        f'{name}.construct(): "lr", "nesterov" are already set by the '
        "config (lr=0.1)\n"
        f"  {name} passes its fields to {__name__}.Optimizer.__init__; "
        "the call adds only parameters the config does not set\n"
        f"  Fix: derive a config with the new value: {name}(config, lr=1.0)"
    )


def test_mocks_construct_with_a_required_value_names_it() -> None:
    @pconfig(mocks=Optimizer)
    class OptimizerConfig:
        pass

    with pytest.raises(RequiredValuesError) as caught:
        OptimizerConfig(lr=Required).construct(params=[])
    assert str(caught.value).startswith(
        f'{here()}OptimizerConfig.construct(): 1 field is still Required: "lr"\n'
    )


def test_mocks_needs_a_class() -> None:
    with pytest.raises(ConfigDefinitionError) as caught:

        @pconfig(mocks=scale)  # type: ignore[arg-type]
        class Wrong:
            pass

    assert str(caught.value).startswith("@pconfig(mocks=<function scale at 0x")
    assert str(caught.value).endswith(
        f"(function)) on {here()}Wrong: expected a class\n"
        "  mocks= takes its fields from a class's __init__ and construct() builds "
        "that class\n"
        "  Fix: pass the class, or use @pconfig(calls=...) for a function"
    )


def test_one_of_constructs_calls_and_mocks() -> None:
    with pytest.raises(ConfigDefinitionError) as caught:

        @pconfig(calls=scale, mocks=Optimizer)
        class Both:
            pass

    assert str(caught.value) == (
        f"@pconfig on {here()}Both takes one of constructs=, calls= and mocks=, got "
        "calls= and mocks=\n"
        "  A config builds one thing: a @pconfiged class (constructs=), the result "
        "of a call (calls=) or an instance of a class (mocks=)\n"
        "  Fix: keep one of them"
    )


def test_pconfiged_mock_subclass_gets_the_external_init_fields() -> None:
    @pconfiged(mock=True)
    class TrackedOptimizer(Optimizer):
        config: TrackedConfig

        def describe(self) -> str:
            return f"{self.config.label}: lr={self.lr}"

    @pconfig(constructs=TrackedOptimizer)
    class TrackedConfig:
        label: str

    assert fields_of(TrackedConfig) == {"lr": float, "nesterov": bool, "label": "str"}
    config = TrackedConfig(label="run", lr=0.01)
    tracked = config.construct(params=[2.0])
    assert isinstance(tracked, TrackedOptimizer)
    assert tracked.config is config
    assert (tracked.params, tracked.lr, tracked.nesterov) == ([2.0], 0.01, False)
    assert tracked.describe() == "run: lr=0.01"


def test_a_subclass_of_a_wrapped_config_keeps_its_target() -> None:
    @pconfig(calls=scale)
    class ScaleConfig:
        pass

    @pconfig
    class NamedScale(ScaleConfig):
        tag: str
        offset: Pinned[float]

        @pproperty
        def offset(self) -> float:
            return float(len(self.tag))

    assert NamedScale(tag="tag")([1.0], 1.0)[:3] == ([1.0], 1.0, 3.0)


def test_printing_names_the_target_by_import_path() -> None:
    from pconfigs.printing import format_module

    @pconfig(calls=math.isclose)
    class CloseConfig:
        pass

    printed = format_module(CloseConfig(rel_tol=0.25))
    assert "from math import isclose" in printed.splitlines()
    assert printed.endswith(
        "CloseConfig(\n"
        "    calls=isclose,  # ClassVar (omit from config)\n"
        "    rel_tol=0.25,\n"
        "    abs_tol=0.0,\n"
        ")\n"
    )
