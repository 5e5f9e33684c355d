"""Declaring config classes with @pconfig."""

import dataclasses
from typing import ClassVar, Generic, TypeVar

import pytest

from pconfigs import Pinned, pconfig, pconfiged, pproperty
from pconfigs.config import spec_of
from pconfigs.errors import ConfigDefinitionError

T = TypeVar("T")


def test_fields_are_annotations_in_declaration_order_bases_first() -> None:
    @pconfig
    class Base:
        b: int
        a: int

    @pconfig
    class Child(Base):
        z: int
        c: int

    assert spec_of(Child).fields == ("b", "a", "z", "c")
    assert [f.name for f in dataclasses.fields(Child)] == ["b", "a", "z", "c"]


def test_redeclared_field_keeps_its_first_position_and_takes_the_new_type() -> None:
    @pconfig
    class Base:
        a: int
        b: int

    @pconfig
    class Child(Base):
        c: int
        a: str  # type: ignore[assignment]

    assert spec_of(Child).fields == ("a", "b", "c")
    assert spec_of(Child).annotations["a"] is str
    assert Child(a="text", b=1, c=2).a == "text"


def test_classvar_with_a_value_is_not_a_field() -> None:
    @pconfig
    class Model:
        registry_name: ClassVar[str] = "model"
        width: int

    assert spec_of(Model).fields == ("width",)
    assert Model.registry_name == "model"
    assert Model(width=3).registry_name == "model"


def test_classvar_under_future_annotations_is_not_a_field() -> None:
    namespace: dict[str, object] = {}
    exec(
        "from __future__ import annotations\n"
        "from typing import ClassVar\n"
        "from pconfigs import Pinned, pconfig\n"
        "@pconfig\n"
        "class Model:\n"
        "    kind: ClassVar[str] = 'm'\n"
        "    width: int\n"
        "    area: Pinned[int]\n",
        namespace,
    )
    spec = spec_of(namespace["Model"])
    assert spec.fields == ("width", "area")
    assert spec.pinned == frozenset({"area"})


def test_decorator_returns_the_class_itself_with_or_without_parentheses() -> None:
    class Plain:
        x: int

    class Called:
        x: int

    class Named:
        x: int

    assert pconfig(Plain) is Plain
    assert pconfig()(Called) is Called
    assert pconfig(inherit_constructable_type=None)(Named) is Named


def test_zero_argument_super_works_in_config_methods() -> None:
    @pconfig
    class Base:
        width: int

        def area(self) -> int:
            return self.width

        def describe(self) -> str:
            return f"width={self.width}"

    @pconfig
    class Square(Base):
        def area(self) -> int:
            return super().area() * self.width

        def describe(self) -> str:
            return "square " + super().describe()

    square = Square(width=3)
    assert square.area() == 9
    assert square.describe() == "square width=3"


def test_zero_argument_super_works_in_a_pproperty() -> None:
    @pconfig
    class Base:
        width: int

        def scale(self) -> int:
            return 2

    @pconfig
    class Scaled(Base):
        scaled: Pinned[int]

        def scale(self) -> int:
            return super().scale() + 1

        @pproperty
        def scaled(self) -> int:
            return self.width * self.scale()

    assert Scaled(width=5).scaled == 15


def test_dataclasses_helpers_see_a_config() -> None:
    @pconfig
    class Inner:
        x: int

    @pconfig
    class Outer:
        inner: Inner
        tags: list[str]
        doubled: Pinned[int]

        @pproperty
        def doubled(self) -> int:
            return self.inner.x * 2

    outer = Outer(inner=Inner(x=2), tags=["a"])
    assert dataclasses.is_dataclass(Outer)
    assert dataclasses.is_dataclass(outer)
    fields = dataclasses.fields(outer)
    assert [f.name for f in fields] == ["inner", "tags", "doubled"]
    assert [f.init for f in fields] == [True, True, False]
    assert all(f.kw_only for f in fields)
    assert dataclasses.asdict(outer) == {"inner": {"x": 2}, "tags": ["a"], "doubled": 4}


def test_subclass_can_add_and_override_pproperties() -> None:
    @pconfig
    class Base:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width

    @pconfig
    class Square(Base):
        perimeter: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

        @pproperty
        def perimeter(self) -> int:
            return 4 * self.width

    assert Base(width=3).area == 3
    square = Square(width=3)
    assert (square.area, square.perimeter) == (9, 12)


def test_subclass_can_pin_an_inherited_field() -> None:
    @pconfig
    class Base:
        width: int
        height: int

    @pconfig
    class Square(Base):
        height: Pinned[int]

        @pproperty
        def height(self) -> int:
            return self.width

    assert spec_of(Square).pinned == frozenset({"height"})
    assert spec_of(Base).pinned == frozenset()
    assert Square(width=4).height == 4


def test_generic_config_class() -> None:
    @pconfig
    class Box(Generic[T]):
        item: T

    @pconfig
    class IntBox(Box[int]):
        count: int

    assert Box[int](item=3).item == 3
    assert Box(item="text").item == "text"
    int_box = IntBox(Box(item=1), count=2)
    assert (int_box.item, int_box.count) == (1, 2)
    assert spec_of(IntBox).fields == ("item", "count")


def test_constructs_is_exposed_as_constructable_type() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig(constructs=Model)
    class ModelConfig:
        width: int

    @pconfig
    class Other:
        width: int

    assert ModelConfig.constructable_type is Model
    assert ModelConfig(width=1).constructable_type is Model
    assert Other.constructable_type is None


def test_subclass_of_constructing_config_must_choose_what_it_constructs() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig(constructs=Model)
    class ModelConfig:
        width: int

    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig
        class WideConfig(ModelConfig):
            extra: int

    prefix = "test_subclass_of_constructing_config_must_choose_what_it_constructs"
    assert str(raised.value) == (
        f"{prefix}.<locals>.WideConfig subclasses {prefix}.<locals>.ModelConfig, "
        f"which constructs {prefix}.<locals>.Model; say what "
        f"{prefix}.<locals>.WideConfig constructs\n"
        f"  Fix: @pconfig(inherit_constructable_type=True) to construct "
        f"{prefix}.<locals>.Model too,\n"
        "    or @pconfig(inherit_constructable_type=False) to construct nothing,\n"
        "    or @pconfig(constructs=OtherClass)"
    )
    assert isinstance(raised.value, TypeError)


def test_inherit_constructable_type_true_keeps_false_drops() -> None:
    @pconfiged
    class Model:
        config: "ModelConfig"

    @pconfig(constructs=Model)
    class ModelConfig:
        width: int

    @pconfig(inherit_constructable_type=True)
    class Keeps(ModelConfig):
        pass

    @pconfig(inherit_constructable_type=False)
    class Drops(ModelConfig):
        pass

    @pconfig(inherit_constructable_type=False)
    class Grandchild(Drops):
        pass

    assert Keeps.constructable_type is Model
    assert Drops.constructable_type is None
    assert Grandchild.constructable_type is None
    assert isinstance(Keeps(width=1).construct(), Model)


def test_constructs_a_class_that_is_not_pconfiged_is_an_error() -> None:
    class Model:
        pass

    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig(constructs=Model)
        class ModelConfig:
            width: int

    prefix = "test_constructs_a_class_that_is_not_pconfiged_is_an_error.<locals>"
    assert str(raised.value) == (
        f"@pconfig(constructs={prefix}.Model) on {prefix}.ModelConfig: expected a "
        f"@pconfiged class, got the plain class {prefix}.Model\n"
        "  construct() builds the class named by constructs=, which must take its "
        "config from the config\n"
        f"  Fix: decorate {prefix}.Model with @pconfiged and annotate "
        f"`config: {prefix}.ModelConfig` in its body"
    )
    assert isinstance(raised.value, TypeError)


def test_constructs_a_value_that_is_not_a_class_is_an_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig(constructs=print)  # type: ignore[arg-type]
        class ModelConfig:
            width: int

    prefix = "test_constructs_a_value_that_is_not_a_class_is_an_error.<locals>"
    assert str(raised.value) == (
        f"@pconfig(constructs=<built-in function print>) on {prefix}.ModelConfig: "
        "expected a @pconfiged class, got <built-in function print> "
        "(builtin_function_or_method)\n"
        "  construct() builds the class named by constructs=, which must take its "
        "config from the config\n"
        "  Fix: pass constructs=<a @pconfiged class>"
    )


def test_pconfig_on_a_non_class_is_an_error() -> None:
    def not_a_class() -> None:
        pass

    with pytest.raises(ConfigDefinitionError) as raised:
        pconfig(not_a_class)
    text = str(raised.value)
    assert text.startswith("@pconfig decorates a class, got <function ")
    assert text.endswith(
        " (function)\n  Fix: put @pconfig directly above `class MyConfig:`"
    )


def test_undecorated_subclass_of_a_config_cannot_be_built() -> None:
    @pconfig
    class Base:
        width: int

    class Loose(Base):
        pass

    with pytest.raises(ConfigDefinitionError) as raised:
        Loose(width=1)
    prefix = "test_undecorated_subclass_of_a_config_cannot_be_built.<locals>"
    assert str(raised.value) == (
        f"{prefix}.Loose subclasses the config class {prefix}.Base but is not "
        "decorated with @pconfig\n"
        f"  Fix: put @pconfig above `class {prefix}.Loose`"
    )


def test_overriding_pproperty_can_extend_the_parents_with_super() -> None:
    @pconfig
    class Base:
        width: int
        area: Pinned[int]

        @pproperty
        def area(self) -> int:
            return self.width * self.width

    @pconfig
    class Doubled(Base):
        @pproperty
        def area(self) -> int:
            return super().area * 2

    assert Doubled(width=3).area == 18
    assert Base(width=3).area == 9


def test_pconfig_carries_dataclass_transform_kw_only_and_frozen() -> None:
    transform = pconfig.__dataclass_transform__  # type: ignore[attr-defined]
    assert transform["kw_only_default"] is True
    # Python 3.12+ knows frozen_default; older ones keep it in kwargs.
    frozen = transform.get("frozen_default", transform["kwargs"].get("frozen_default"))
    assert frozen is True
