"""``pconfigs.validate``: every value, nested ones included, against its annotation."""

import enum
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, Generic, Literal, Optional, Protocol, TypeVar, Union

import pytest

from pconfigs import (
    PconfigsError,
    Pin,
    Pinned,
    Required,
    ValidationError,
    pconfig,
    pdefaults,
    pproperty,
    validate,
)
from pconfigs.errors import NotAConfigError

T = TypeVar("T")


class Color(enum.Enum):
    red = 1
    blue = 2


@pconfig
class Model:
    n_layer: int
    dropout: float


@pconfig
class Job:
    max_iters: int
    lr: float
    flag: bool
    name: str
    blob: bytes
    nothing: None
    mode: Literal["adam", "sgd"]
    color: Color
    opt: Optional[int]  # noqa: UP045 - the typing spelling is checked too
    either: Union[int, str]  # noqa: UP007
    layers: list[int]
    shape: tuple[int, str]
    sizes: tuple[int, ...]
    table: dict[str, float]
    tags: set[int]
    frozen: frozenset[str]
    seq: Sequence[int]
    mapping: Mapping[str, int]
    path: Path
    model: Model
    kind: type[Model]
    anything: Any
    maybe: list[int] | None


def good_job(**changes: Any) -> Job:
    values: dict[str, Any] = dict(
        max_iters=600_000,
        lr=6e-4,
        flag=True,
        name="gpt2",
        blob=b"\x00",
        nothing=None,
        mode="adam",
        color=Color.red,
        opt=None,
        either="x",
        layers=[1, 2],
        shape=(1, "a"),
        sizes=(),
        table={"a": 1.0},
        tags={1},
        frozen=frozenset({"x"}),
        seq=(1, 2),
        mapping={"a": 1},
        path=Path("data"),
        model=Model(n_layer=12, dropout=0.0),
        kind=Model,
        anything=object(),
        maybe=None,
    )
    values.update(changes)
    return Job(**values)


def test_a_valid_config_is_returned_as_it_is() -> None:
    job = good_job()
    assert validate(job) is job


def test_the_seed_configs_are_valid() -> None:
    from project.experiments import first, second

    assert validate(first.config) is first.config
    assert validate(second.config) is second.config


def test_every_mismatch_is_listed_by_dotted_path_in_one_error() -> None:
    job = good_job(
        max_iters=600000.0,
        lr=True,
        flag=1,
        name=b"x",
        blob="x",
        nothing=0,
        mode="adamw",
        color="red",
        opt="3",
        either=1.5,
        layers=[1, "2", 3.0],
        shape=(1, 2),
        sizes=(1, None),
        table={"a": 1, 2: "b"},
        tags={1, "x"},
        frozen={"x"},
        seq=[1, "s"],
        mapping={"a": "b"},
        path="data",
        model=Model(n_layer="12", dropout=0.1),
        kind=int,
        anything=[Model(n_layer=1.5, dropout=0)],
        maybe=[1, "x"],
    )
    with pytest.raises(ValidationError) as raised:
        validate(job)
    assert str(raised.value) == textwrap.dedent(
        """\
        config (Job): 25 values do not match their annotations
          config.max_iters: expected int, got float 600000.0
          config.lr: expected float, got bool True
          config.flag: expected bool, got int 1
          config.name: expected str, got bytes b'x'
          config.blob: expected bytes, got str 'x'
          config.nothing: expected None, got int 0
          config.mode: expected Literal['adam', 'sgd'], got str 'adamw'
          config.color: expected Color, got str 'red'
          config.opt: expected int | None, got str '3'
          config.either: expected int | str, got float 1.5
          config.layers[1]: expected int, got str '2'
          config.layers[2]: expected int, got float 3.0
          config.shape[1]: expected str, got int 2
          config.sizes[1]: expected int, got None
          config.table key 2: expected str, got int 2
          config.table[2]: expected float, got str 'b'
          config.tags item 'x': expected int, got str 'x'
          config.frozen: expected frozenset[str], got set {'x'}
          config.seq[1]: expected int, got str 's'
          config.mapping['a']: expected int, got str 'b'
          config.path: expected Path, got str 'data'
          config.model.n_layer: expected int, got str '12'
          config.kind: expected type[Model], got class int
          config.anything[0].n_layer: expected int, got float 1.5
          config.maybe[1]: expected int, got str 'x'
          Fix: give each value the annotated type, or correct the annotation"""
    )
    assert (
        raised.value.problems[0] == "config.max_iters: expected int, got float 600000.0"
    )
    assert isinstance(raised.value, TypeError)
    assert isinstance(raised.value, PconfigsError)


def test_the_root_of_the_paths_is_the_name_given() -> None:
    with pytest.raises(ValidationError) as raised:
        validate(Model(n_layer=1, dropout="0.1"), name="model")
    assert str(raised.value) == (
        "model (Model): 1 value does not match its annotation\n"
        "  model.dropout: expected float, got str '0.1'\n"
        "  Fix: give each value the annotated type, or correct the annotation"
    )


def test_compatible_values_pass() -> None:
    class FrozenList(list):  # what a deeply frozen config stores
        pass

    class FrozenDict(dict):
        pass

    @pconfig
    class Deeper(Model):
        extra: str

    job = good_job(
        lr=3,  # an int is a float
        layers=FrozenList([1, 2]),
        table=FrozenDict(a=1),
        seq="",  # a str is a Sequence
        mapping=MappingProxyType({"a": 1}),
        path=Path("x").resolve(),  # a PosixPath is a Path
        model=Deeper(n_layer=1, dropout=0.5, extra="x"),
        kind=Deeper,
        either=3,
        mode="sgd",
        opt=4,
        maybe=[3],
        anything=[{"k": (1, "x")}],
    )
    assert validate(job) is job


def test_bool_is_not_an_int_nor_a_float_and_literal_members_keep_their_type() -> None:
    @pconfig
    class Numbers:
        count: int
        rate: float
        one: Literal[1]

    with pytest.raises(ValidationError) as raised:
        validate(Numbers(count=False, rate=True, one=True))
    assert raised.value.problems == (
        "config.count: expected int, got bool False",
        "config.rate: expected float, got bool True",
        "config.one: expected Literal[1], got bool True",
    )


def test_a_nested_config_of_a_subclass_is_checked_by_its_own_annotations() -> None:
    @pconfig
    class Deeper(Model):
        extra: str

    @pconfig
    class Holder:
        model: Model

    with pytest.raises(ValidationError) as raised:
        validate(Holder(model=Deeper(n_layer=1, dropout=0.0, extra=3)))
    assert raised.value.problems == ("config.model.extra: expected str, got int 3",)


def test_a_config_of_the_wrong_class_is_named() -> None:
    @pconfig
    class Other:
        x: int

    @pconfig
    class Holder:
        model: Model
        models: dict[str, Model]

    with pytest.raises(ValidationError) as raised:
        validate(Holder(model=Other(x=1), models={"a": Other(x=1)}))
    assert raised.value.problems == (
        "config.model: expected Model, got test_a_config_of_the_wrong_class_is_named"
        ".<locals>.Other(...)",
        "config.models['a']: expected Model, got test_a_config_of_the_wrong_class_is_named"
        ".<locals>.Other(...)",
    )


def test_pinned_fields_are_checked_against_their_type() -> None:
    @pconfig
    class Area:
        width: float
        area: Pinned[int]
        fixed: Pinned[str]

        @pproperty
        def area(self) -> int:
            return self.width * 2  # type: ignore[return-value]

    with pytest.raises(ValidationError) as raised:
        validate(Area(width=1.25, fixed=Pin(3)))
    assert raised.value.problems == (
        "config.area: expected int, got float 2.5",
        "config.fixed: expected str, got int 3",
    )


def test_required_and_pinned_placeholders_are_not_mismatches() -> None:
    @pconfig
    class Partial:
        steps: int
        items: list[int]
        double: Pinned[int]

        @pproperty
        def double(self) -> int:
            return self.steps * 2

    defaults = pdefaults
    defaults += Partial(steps=Required, items=[1, Required], double=Pinned)
    partial = Partial()
    assert partial.double is Pinned
    assert validate(partial) is partial


def test_a_union_given_one_of_its_container_kinds_reports_the_items() -> None:
    @pconfig
    class Holder:
        sizes: Optional[list[int]]  # noqa: UP045
        either: Union[list[int], dict[str, int]]  # noqa: UP007

    with pytest.raises(ValidationError) as raised:
        validate(Holder(sizes=[1, "2"], either={"a": "b"}))
    assert raised.value.problems == (
        "config.sizes[1]: expected int, got str '2'",
        "config.either['a']: expected int, got str 'b'",
    )


def test_a_tuple_of_the_wrong_length_is_reported_whole() -> None:
    @pconfig
    class Holder:
        pair: tuple[int, str]
        empty: tuple[()]

    with pytest.raises(ValidationError) as raised:
        validate(Holder(pair=(1,), empty=(1,)))
    assert raised.value.problems == (
        "config.pair: expected tuple[int, str], got tuple (1,)",
        "config.empty: expected tuple[()], got tuple (1,)",
    )


def test_other_classes_are_checked_with_isinstance() -> None:
    class Tokenizer:
        pass

    @pconfig
    class Holder:
        tokenizer: Tokenizer
        fn: Callable[[int], int]
        where: PurePosixPath

    with pytest.raises(ValidationError) as raised:
        validate(Holder(tokenizer="bpe", fn=3, where="/tmp"))
    assert raised.value.problems == (
        "config.tokenizer: expected test_other_classes_are_checked_with_isinstance"
        ".<locals>.Tokenizer, got str 'bpe'",
        "config.fn: expected Callable[[int], int], got int 3",
        "config.where: expected PurePosixPath, got str '/tmp'",
    )
    assert validate(Holder(tokenizer=Tokenizer(), fn=abs, where=PurePosixPath("/")))


def test_what_cannot_be_judged_is_skipped_never_guessed() -> None:
    class Sized(Protocol):  # not runtime-checkable: isinstance would raise
        def size(self) -> int: ...

    class Local:
        pass

    @pconfig
    class Box(Generic[T]):
        item: T
        sized: Sized
        local: "Local"  # a name in a function body cannot be resolved
        missing: "NoSuchName"  # type: ignore[name-defined]  # noqa: F821
        anything: Any
        obj: object

    box = Box(item=1, sized=3, local=4, missing=5, anything=6, obj=7)
    assert validate(box) is box


def test_string_annotations_resolve_in_the_module_that_wrote_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "validate_units.py").write_text(
        textwrap.dedent(
            """\
            from __future__ import annotations

            import enum

            from pconfigs import pconfig


            class Unit(enum.Enum):
                gb = "gb"


            @pconfig
            class Memory:
                unit: Unit
                sizes: list[Unit] | None
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    from validate_units import Memory, Unit  # type: ignore[import-not-found]

    @pconfig
    class Bigger(Memory):  # declared here, where `Unit` is not a name
        count: int

    assert validate(Bigger(unit=Unit.gb, sizes=None, count=1))
    with pytest.raises(ValidationError) as raised:
        validate(Bigger(unit="gb", sizes=[Unit.gb, "mb"], count=1))
    assert raised.value.problems == (
        "config.unit: expected Unit, got str 'gb'",
        "config.sizes[1]: expected Unit, got str 'mb'",
    )
    del sys.modules["validate_units"]


def test_plain_construction_does_not_validate() -> None:
    model = Model(n_layer="12", dropout=None)
    assert model.n_layer == "12"


def test_anything_but_a_config_is_refused() -> None:
    with pytest.raises(NotAConfigError) as raised:
        validate(42)
    assert str(raised.value) == (
        "validate() takes a config, got 42 (int)\n"
        "  Fix: pass an instance of a @pconfig class"
    )


def test_annotated_and_newtype_are_checked_as_what_they_wrap() -> None:
    from typing import Annotated, NewType

    UserId = NewType("UserId", int)

    @pconfig
    class Holder:
        lr: Annotated[float, "the learning rate"]
        user: UserId
        users: dict[UserId, Annotated[str, "name"]]

    assert validate(Holder(lr=1, user=UserId(3), users={UserId(1): "a"}))
    with pytest.raises(ValidationError) as raised:
        validate(Holder(lr="1", user="3", users={"1": 2}))
    assert raised.value.problems == (
        "config.lr: expected float, got str '1'",
        "config.user: expected int, got str '3'",
        "config.users key '1': expected int, got str '1'",
        "config.users['1']: expected str, got int 2",
    )


def test_a_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(ValidationError) as raised:
        validate(Model(n_layer=list(range(100)), dropout=0.0))
    assert raised.value.problems == (
        "config.n_layer: expected int, got list [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16...",
    )
