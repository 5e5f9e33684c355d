"""Frozen is deep: lists, dicts and sets stored in a config cannot change."""

import copy
import dataclasses
import json
import pickle
from typing import Any

import pytest

from pconfigs import Pin, Pinned, pconfig, pdefaults, pproperty
from pconfigs.errors import FrozenConfigError
from pconfigs.frozen import FrozenDict, FrozenList, FrozenSet


class Opaque:
    """A user class: stored as given."""

    def __init__(self) -> None:
        self.items: list[int] = []


@pconfig
class JobConfig:
    components: list[str]
    weights: dict[str, float] = {"a": 1.0}  # noqa: RUF012
    tags: set[str] = set()  # noqa: RUF012
    nested: tuple[list[int], dict[str, list[int]]] = ([1], {"k": [2]})
    extra: Any = None
    layers: Pinned[list[int]]

    @pproperty
    def layers(self) -> list[int]:
        return [len(c) for c in self.components]


def make() -> JobConfig:
    return JobConfig(components=["model", "optim"])


def raised(action: Any) -> str:
    with pytest.raises(FrozenConfigError) as error:
        action()
    return str(error.value)


def test_a_given_list_cannot_be_appended_to() -> None:
    job = make()
    assert raised(lambda: job.components.append("x")) == (
        "Cannot change JobConfig.components with .append(): configs are frozen, "
        "and so are the lists, dicts and sets they hold\n"
        "  This list belongs to the config; configs derived from it and registered "
        "defaults share it\n"
        "  Fix: derive a new config with a changed copy: "
        "JobConfig(config, components=[*config.components, ...])"
    )
    assert job.components == ["model", "optim"]


def test_a_defaulted_dict_cannot_change() -> None:
    job = make()
    assert raised(lambda: job.weights.update(b=2.0)) == (
        "Cannot change JobConfig.weights with .update(): configs are frozen, "
        "and so are the lists, dicts and sets they hold\n"
        "  This dict belongs to the config; configs derived from it and registered "
        "defaults share it\n"
        "  Fix: derive a new config with a changed copy: "
        "JobConfig(config, weights={**config.weights, ...: ...})"
    )


def test_item_assignment_on_a_set_and_in_place_operators_are_refused() -> None:
    job = make()

    def assign() -> None:
        job.components[0] = "x"

    def add_in_place() -> None:
        tags = job.tags
        tags |= {"x"}

    assert raised(assign).startswith(
        "Cannot change JobConfig.components with item assignment: "
    )
    assert raised(add_in_place).splitlines()[0] == (
        "Cannot change JobConfig.tags with |=: configs are frozen, and so are the "
        "lists, dicts and sets they hold"
    )
    assert raised(add_in_place).endswith("JobConfig(config, tags=config.tags | {...})")


@pytest.mark.parametrize(
    ("attribute", "call"),
    [
        ("components", lambda v: v.extend(["x"])),
        ("components", lambda v: v.insert(0, "x")),
        ("components", lambda v: v.pop()),
        ("components", lambda v: v.remove("model")),
        ("components", lambda v: v.clear()),
        ("components", lambda v: v.sort()),
        ("components", lambda v: v.reverse()),
        ("components", lambda v: v.__delitem__(0)),
        ("components", lambda v: v.__iadd__(["x"])),
        ("components", lambda v: v.__imul__(2)),
        ("components", lambda v: v.__init__(["x"])),
        ("weights", lambda v: v.__setitem__("b", 1.0)),
        ("weights", lambda v: v.__delitem__("a")),
        ("weights", lambda v: v.clear()),
        ("weights", lambda v: v.pop("a")),
        ("weights", lambda v: v.popitem()),
        ("weights", lambda v: v.setdefault("b", 1.0)),
        ("weights", lambda v: v.__ior__({"b": 1.0})),
        ("tags", lambda v: v.add("x")),
        ("tags", lambda v: v.discard("x")),
        ("tags", lambda v: v.remove("x")),
        ("tags", lambda v: v.pop()),
        ("tags", lambda v: v.clear()),
        ("tags", lambda v: v.update({"x"})),
        ("tags", lambda v: v.intersection_update({"x"})),
        ("tags", lambda v: v.difference_update({"x"})),
        ("tags", lambda v: v.symmetric_difference_update({"x"})),
        ("tags", lambda v: v.__iand__({"x"})),
        ("tags", lambda v: v.__isub__({"x"})),
        ("tags", lambda v: v.__ixor__({"x"})),
    ],
)
def test_every_mutating_method_is_refused(attribute: str, call: Any) -> None:
    job = JobConfig(components=["model", "optim"], tags={"t"})
    before = copy.deepcopy(getattr(job, attribute))
    assert raised(lambda: call(getattr(job, attribute))).startswith(
        f"Cannot change JobConfig.{attribute} with "
    )
    assert getattr(job, attribute) == before


def test_containers_nested_in_tuples_lists_and_dicts_are_frozen_with_their_path() -> (
    None
):
    job = JobConfig(components=[], nested=([1], {"k": [2], "m": {"n": [3]}}))
    assert raised(lambda: job.nested[0].append(5)).startswith(
        "Cannot change JobConfig.nested[0] with .append(): "
    )
    inner: Any = job.nested[1]["m"]["n"]
    assert raised(lambda: inner.append(5)).splitlines()[-1] == (
        "  Fix: derive a new config with a changed copy: JobConfig(config, nested=...)"
    )
    assert raised(lambda: inner.append(5)).startswith(
        "Cannot change JobConfig.nested[1]['m']['n'] with .append(): "
    )


def test_a_computed_list_is_frozen() -> None:
    job = make()
    assert job.layers == [5, 5]
    assert raised(lambda: job.layers.append(1)).startswith(
        "Cannot change JobConfig.layers with .append(): "
    )


def test_a_pinned_value_is_frozen() -> None:
    @pconfig
    class Grid:
        sizes: Pinned[list[int]]

    grid = Grid(sizes=Pin([1, 2]))
    assert raised(lambda: grid.sizes.append(3)).startswith(
        f"Cannot change {Grid.__qualname__}.sizes with .append(): "
    )


def test_the_callers_list_is_copied_once_and_stays_theirs() -> None:
    mine = ["model"]
    job = JobConfig(components=mine)
    mine.append("changed")
    assert job.components == ["model"]
    assert job.components is not mine


def test_a_registered_default_cannot_be_corrupted_through_a_config() -> None:
    @pconfig
    class Data:
        sources: list[str]

    registry = pdefaults
    registry += Data(sources=["a"])
    built = Data()
    with pytest.raises(FrozenConfigError):
        built.sources.append("corrupt")
    assert Data().sources == ["a"]
    assert pdefaults(Data) == Data(sources=["a"])


def test_frozen_containers_are_builtins_for_isinstance_equality_and_json() -> None:
    job = make()
    assert isinstance(job.components, list) and type(job.components) is FrozenList
    assert isinstance(job.weights, dict) and type(job.weights) is FrozenDict
    assert isinstance(job.tags, set) and type(job.tags) is FrozenSet
    assert job.components == ["model", "optim"]
    assert ["model", "optim"] == job.components  # noqa: SIM300
    assert job.weights == {"a": 1.0} and job.tags == set()
    assert json.dumps(job.components) == '["model", "optim"]'
    assert repr(job.components) == "['model', 'optim']"
    assert repr(JobConfig(components=[], tags={"t"}).tags) == "{'t'}"
    assert repr(job.tags) == "set()" and repr(job.weights) == "{'a': 1.0}"


def test_new_containers_built_from_frozen_ones_are_ordinary() -> None:
    job = make()
    grown = job.components + ["x"]  # noqa: RUF005
    assert type(grown) is list
    assert type(job.components.copy()) is list
    assert type(job.components[:1]) is list
    assert type(list(job.components)) is list
    assert type(job.weights | {"b": 2.0}) is dict
    assert type(job.weights.copy()) is dict
    assert type(job.tags | {"x"}) is set


def test_deriving_with_a_changed_copy_works() -> None:
    job = make()
    longer = JobConfig(job, components=[*job.components, "data"])
    assert longer.components == ["model", "optim", "data"]
    assert longer.layers == [5, 5, 4]
    assert type(longer.components) is FrozenList


def test_pickle_and_copies_stay_deeply_frozen_and_equal() -> None:
    job = make()
    for clone in (
        pickle.loads(pickle.dumps(job)),
        copy.deepcopy(job),
        copy.copy(job),
    ):
        assert clone == job
        assert type(clone.components) is FrozenList
        assert type(clone.nested[1]["k"]) is FrozenList
        with pytest.raises(FrozenConfigError):
            clone.components.append("x")
    assert copy.deepcopy(job.components) == job.components
    assert type(pickle.loads(pickle.dumps(job.weights))) is FrozenDict
    assert pickle.loads(pickle.dumps(job.tags)) == set()


def test_other_objects_are_stored_as_given() -> None:
    opaque = Opaque()
    job = JobConfig(components=[], extra=opaque)
    assert job.extra is opaque
    job.extra.items.append(1)  # not a list/dict/set stored by the config
    assert job.extra.items == [1]


def test_dataclasses_replace_and_asdict_work() -> None:
    job = make()
    assert dataclasses.replace(job, components=["x"]).layers == [1]
    assert dataclasses.asdict(job)["components"] == ["model", "optim"]
