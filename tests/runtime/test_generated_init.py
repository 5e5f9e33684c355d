"""Decorating a class compiles only its ``__init__``'s signature; the body is
compiled when the class is first built, and then takes the signature's place.
Nothing a user sees may differ between the first construction and later ones."""

import inspect
import threading
import traceback
from typing import Any

import pytest

from pconfigs import Pinned, initializer, pconfig, pdefaults, pproperty
from pconfigs.errors import ConfigDefinitionError


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources pconfigs compiles while the test runs."""
    sources: list[str] = []

    def counting_compile(source: str, filename: str, mode: str) -> Any:
        sources.append(source)
        return compile(source, filename, mode)

    monkeypatch.setattr(initializer, "compile", counting_compile, raising=False)
    return sources


def test_decorating_compiles_the_signature_and_the_first_construction_the_body(
    compiled: list[str],
) -> None:
    @pconfig
    class Lazily:
        lazily_compiled_width: int = 2
        lazily_compiled_area: Pinned[int]

        @pproperty
        def lazily_compiled_area(self) -> int:
            return self.lazily_compiled_width**2

    signature_only = Lazily.__dict__["__init__"]
    assert [len(source.splitlines()) for source in compiled] == [2]
    assert Lazily().lazily_compiled_area == 4
    assert len(compiled) == 2 and len(compiled[1].splitlines()) > 2
    assert Lazily.__dict__["__init__"] is not signature_only
    assert Lazily(lazily_compiled_width=3).lazily_compiled_area == 9
    assert len(compiled) == 2


def test_classes_of_one_shape_share_both_compilations(compiled: list[str]) -> None:
    @pconfig
    class First:
        one_shape_size: int

    @pconfig
    class Second:
        one_shape_size: int

    assert len(compiled) == 1
    assert First(one_shape_size=1).one_shape_size == 1
    assert Second(one_shape_size=2).one_shape_size == 2
    assert len(compiled) == 2
    # Each class's __init__ still names its own class in tracebacks.
    with pytest.raises(TypeError) as raised:
        Second()
    text = "".join(traceback.format_exception(raised.value))
    assert f'File "<pconfigs __init__ of {__name__}.' in text
    assert "Second>" in text and "First>" not in text


def test_signature_and_source_are_the_same_before_and_after_the_first_construction() -> (
    None
):
    @pconfig
    class Shown:
        steps: int = 10
        decay: Pinned[int]

        @pproperty
        def decay(self) -> int:
            return self.steps // 2

    before = (inspect.signature(Shown), inspect.getsource(Shown.__init__))
    assert (
        str(before[0]) == "(*__pc_bases, steps=<missing>, decay=Pinned, **__pc_unknown)"
    )
    Shown()
    after = (inspect.signature(Shown), inspect.getsource(Shown.__init__))
    assert before == after
    assert before[1].startswith("def __init__(__pc_self, /, *__pc_bases, steps=__pc_M,")
    assert "__pc_f_decay(__pc_self)" in before[1]


def fresh_model() -> Any:
    """A new class each time, so its next construction is its first."""

    @pconfig
    class Model:
        depth: int
        width: Pinned[int]

        @pproperty
        def width(self) -> int:
            return self.depth * 2

    return Model


@pytest.mark.parametrize(
    "build",
    [
        lambda Model: Model(dpth=1),
        lambda Model: Model(depth=1, __pc_self=2),
        lambda Model: Model(depth=1, width=3),
        lambda Model: Model(),
        lambda Model: Model(3),
    ],
    ids=["misspelled", "internal name", "pinned", "missing", "wrong base"],
)
def test_errors_of_the_first_construction_read_as_later_ones(build: Any) -> None:
    Model = fresh_model()
    messages = []
    for _ in range(2):
        with pytest.raises(Exception) as raised:
            build(Model)
        messages.append(f"{type(raised.value).__name__}: {raised.value}")
    assert messages[0] == messages[1]
    assert Model.__qualname__ in messages[0]


def test_an_undecorated_subclass_is_refused_on_the_first_construction() -> None:
    @pconfig
    class Base:
        width: int

    class Loose(Base):
        pass

    with pytest.raises(ConfigDefinitionError, match="is not decorated with @pconfig"):
        Loose(width=1)
    assert Base(width=1).width == 1


def test_threads_building_a_class_at_once_all_get_right_configs() -> None:
    @pconfig
    class Raced:
        size: int = 1
        double: Pinned[int]

        @pproperty
        def double(self) -> int:
            return self.size * 2

    start = threading.Barrier(8)
    results: list[int] = []

    def build(size: int) -> None:
        start.wait()
        results.append(Raced(size=size).double)

    threads = [threading.Thread(target=build, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [n * 2 for n in range(8)]


def scale(values: list[float], factor: float = 2.0, offset: float = 0.0) -> float:
    return sum(values) * factor + offset


def test_decorating_a_calls_config_builds_no_config() -> None:
    built: list[float] = []

    @pconfig(calls=scale)
    class ScaleConfig:
        def __post_init__(self) -> None:
            built.append(self.factor)

    assert built == []
    default = pdefaults(ScaleConfig)
    assert built == [2.0]
    assert pdefaults(ScaleConfig) is default
    assert ScaleConfig(offset=1.0)([1.0]) == 3.0
    assert built == [2.0, 2.0]
