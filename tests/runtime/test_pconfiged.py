"""@pconfiged classes, construct() and runnables."""

from typing import Any

import pytest

from pconfigs import Required, pconfig, pconfiged, pdefaults
from pconfigs.constructed import is_runnable
from pconfigs.errors import (
    ConfigDefinitionError,
    NotConfiguredError,
    RequiredValuesError,
)


def test_construct_builds_the_class_with_config_set_before_init() -> None:
    seen: list[Any] = []

    @pconfiged
    class Model:
        config: "ModelConfig"

        def __init__(self) -> None:
            seen.append(self.config)
            self.layers = [0] * self.config.depth

    @pconfig(constructs=Model)
    class ModelConfig:
        depth: int

    config = ModelConfig(depth=3)
    model = config.construct()
    assert isinstance(model, Model)
    assert model.config is config
    assert seen == [config]
    assert model.layers == [0, 0, 0]


def test_construct_works_without_an_own_init() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig(constructs=Model)
    class ModelConfig:
        depth: int

    config = ModelConfig(depth=1)
    assert config.construct().config is config


def test_zero_argument_super_works_in_pconfiged_classes() -> None:
    calls: list[str] = []

    class Base:
        def __init__(self) -> None:
            calls.append("base")

        def name(self) -> str:
            return "base"

    @pconfiged
    class Model(Base):
        config: "ModelConfig"

        def __init__(self) -> None:
            super().__init__()
            calls.append("model")

        def name(self) -> str:
            return "model of " + super().name()

    @pconfig(constructs=Model)
    class ModelConfig:
        depth: int

    model = ModelConfig(depth=1).construct()
    assert calls == ["base", "model"]
    assert model.name() == "model of base"


def test_pconfiged_subclass_of_a_pconfiged_class() -> None:
    calls: list[str] = []

    @pconfiged
    class Model:
        config: "ModelConfig"

        def __init__(self) -> None:
            calls.append("model")

    @pconfiged
    class BigModel(Model):
        config: "BigConfig"

        def __init__(self) -> None:
            super().__init__()
            calls.append("big")

    @pconfig(constructs=Model)
    class ModelConfig:
        depth: int

    @pconfig(constructs=BigModel)
    class BigConfig(ModelConfig):
        width: int

    big = BigConfig(depth=1, width=2).construct()
    assert isinstance(big, BigModel)
    assert calls == ["model", "big"]


def test_pconfiged_class_without_its_config_is_an_error() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig(constructs=Model)
    class ModelConfig:
        depth: int

    with pytest.raises(NotConfiguredError) as raised:
        Model()
    prefix = "test_pconfiged_class_without_its_config_is_an_error.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Model() was created without its config (ModelConfig)\n"
        "  A @pconfiged class is built from its config, which sets self.config "
        f"before {prefix}.Model.__init__ runs\n"
        "  Fix: build it with ModelConfig(...).construct()"
    )
    assert isinstance(raised.value, TypeError)


def test_pconfiged_class_must_annotate_config() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfiged
        class Model:
            depth: int

    prefix = "test_pconfiged_class_must_annotate_config.<locals>"
    assert str(raised.value) == (
        f"@pconfiged class {prefix}.Model does not annotate its config\n"
        "  construct() stores the config in self.config, typed by that annotation\n"
        f"  Fix: add `config: {prefix}.ModelConfig` to the body of {prefix}.Model"
    )
    assert isinstance(raised.value, TypeError)


def test_runnable_pconfiged_class() -> None:
    @pconfiged(runnable=True)
    class Job:
        config: "JobConfig"

        def main(self, args: object, extra_args: list[str]) -> int:
            return self.config.code

    @pconfiged
    class Helper:
        config: "JobConfig"

    @pconfig(constructs=Job)
    class JobConfig:
        code: int

    assert is_runnable(Job)
    assert not is_runnable(Helper)
    assert not is_runnable(JobConfig)
    assert JobConfig(code=3).construct().main(None, []) == 3


def test_runnable_class_must_define_main() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfiged(runnable=True)
        class Job:
            config: object

    prefix = "test_runnable_class_must_define_main.<locals>"
    assert str(raised.value) == (
        f"@pconfiged(runnable=True) class {prefix}.Job has no main() method\n"
        "  pconfigs.run calls main(parsed_args, extra_args) on the constructed object\n"
        "  Fix: define `def main(self, args, extra_args) -> int | None:` in "
        f"{prefix}.Job"
    )


def test_pconfiged_on_a_non_class_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:
        pconfiged(3)  # type: ignore[call-overload]
    assert str(raised.value) == (
        "@pconfiged decorates a class, got 3 (int)\n"
        "  Fix: put @pconfiged directly above `class MyThing:`"
    )


def test_construct_with_required_values_names_every_one() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig
    class Inner:
        size: int

    @pconfig(constructs=Model)
    class ModelConfig:
        width: int
        depth: int
        inner: Inner
        heads: list[Inner]

    global pdefaults
    pdefaults += ModelConfig(
        width=Required,
        depth=2,
        inner=Inner(size=Required),
        heads=[Inner(size=1), Inner(size=Required)],
    )
    config = ModelConfig()
    with pytest.raises(RequiredValuesError) as raised:
        config.construct()
    prefix = "test_construct_with_required_values_names_every_one.<locals>"
    assert str(raised.value) == (
        f"{prefix}.ModelConfig.construct(): 3 fields are still Required: "
        '"width", "inner.size", "heads[1].size"\n'
        "  Required is a placeholder in a registered default for a value that must "
        "be given later\n"
        f"  Fix: give them a value, e.g. {prefix}.ModelConfig(config, width=...)"
    )
    assert isinstance(raised.value, ValueError)
    filled = ModelConfig(
        config, width=1, inner=Inner(size=1), heads=[Inner(size=1)]
    ).construct()
    assert isinstance(filled, Model)


def test_construct_with_one_required_value() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig(constructs=Model)
    class ModelConfig:
        width: int

    with pytest.raises(RequiredValuesError) as raised:
        ModelConfig(width=Required).construct()
    prefix = "test_construct_with_one_required_value.<locals>"
    assert str(raised.value) == (
        f'{prefix}.ModelConfig.construct(): 1 field is still Required: "width"\n'
        "  Required is a placeholder in a registered default for a value that must "
        "be given later\n"
        f"  Fix: give it a value, e.g. {prefix}.ModelConfig(config, width=...)"
    )


def test_construct_on_a_config_that_constructs_nothing_is_an_error() -> None:
    @pconfig
    class Plain:
        width: int

    with pytest.raises(ConfigDefinitionError) as raised:
        Plain(width=1).construct()  # type: ignore[attr-defined]
    prefix = "test_construct_on_a_config_that_constructs_nothing_is_an_error.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Plain.construct(): {prefix}.Plain constructs nothing\n"
        "  Fix: declare the class it builds with @pconfig(constructs=...) on "
        f"{prefix}.Plain"
    )


def test_pconfiged_init_with_parameters_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfiged
        class Model:
            config: object

            def __init__(self, width: int, depth: int, scale: float = 1.0) -> None:
                self.width = width

    prefix = "test_pconfiged_init_with_parameters_is_an_error.<locals>"
    assert str(raised.value) == (
        f"@pconfiged class {prefix}.Model: __init__ takes parameters width, depth, "
        "but construct() calls it with none\n"
        "  Everything a @pconfiged class needs comes from its config, which is in "
        "self.config when __init__ runs\n"
        "  Fix: declare them as config fields and read self.config.width"
    )


def test_pconfiged_init_with_only_optional_parameters_is_accepted() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

        def __init__(self, scale: float = 2.0, *args: object, **kwargs: object) -> None:
            self.scale = scale

    @pconfig(constructs=Model)
    class ModelConfig:
        width: int

    assert ModelConfig(width=1).construct().scale == 2.0
