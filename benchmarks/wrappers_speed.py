"""Speed of ``@pconfig(calls=f)`` configs, as ratios against a baseline
measured in the same run.

Run: ``python benchmarks/wrappers_speed.py``. Targets (issue "configs of other
libraries' callables"):

* decorating a ``calls=`` config for a 20-parameter function <= 2 ms
  (decorating compiles the ``__init__``'s signature, the first construction
  its body; classes of one shape share both compilations, so the first of a
  shape is shown apart, and with its first construction);
* constructing the config and calling it <= 1.5x calling the function directly
  with the same keywords plus building a frozen dataclass of them.

Each number is the best and the median of several interleaved repeats (on a
shared machine the best is the least disturbed); the script prints them and
never fails on them: timing belongs here, not in the tests.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable
from typing import Any

from timing import interleaved

from pconfigs import pconfig

PARAMETERS = 20
SOURCE = "def target(data, {params}):\n    return data\n".format(
    params=", ".join(f"p{i}: float = {i}.0" for i in range(PARAMETERS))
)
namespace: dict[str, Any] = {}
exec(SOURCE, namespace)
target: Callable[..., Any] = namespace["target"]
target.__module__ = __name__

KEYWORDS = {f"p{i}": float(i) + 0.5 for i in range(PARAMETERS)}

Frozen = dataclasses.make_dataclass(
    "Frozen", [(f"p{i}", float) for i in range(PARAMETERS)], frozen=True
)


def decorate() -> type:
    cls = type("TargetConfig", (), {"__module__": __name__})
    decorated: type = pconfig(calls=target)(cls)
    return decorated


TargetConfig = decorate()


def new_shapes(count: int) -> list[Callable[..., Any]]:
    """Functions whose parameter names no other has: their configs cannot
    share a compiled ``__init__`` (the first decoration of a shape)."""
    functions = []
    for k in range(count):
        source = SOURCE.replace("p", f"q{k}_").replace("def target", "def fresh")
        space: dict[str, Any] = {}
        exec(source, space)
        space["fresh"].__module__ = __name__
        functions.append(space["fresh"])
    return functions


def decorate_new_shape(functions: list[Callable[..., Any]]) -> Callable[[], type]:
    def decorate() -> type:
        cls = type("FreshConfig", (), {"__module__": __name__})
        decorated: type = pconfig(calls=functions.pop())(cls)
        return decorated

    return decorate


def decorate_and_build_new_shape(
    functions: list[Callable[..., Any]],
) -> Callable[[], Any]:
    """Decorating, then the first construction, which compiles the body."""
    decorate = decorate_new_shape(functions)

    def build() -> Any:
        return decorate()()

    return build


def decorate_plain() -> type:
    """The baseline: an ordinary config class declaring the same 20 fields."""
    annotations = {f"p{i}": float for i in range(PARAMETERS)}
    cls = type(
        "PlainConfig", (), {"__module__": __name__, "__annotations__": annotations}
    )
    decorated: type = pconfig(cls)
    return decorated


def direct() -> Any:
    Frozen(**KEYWORDS)
    return target(None, **KEYWORDS)


def through_config() -> Any:
    return TargetConfig(**KEYWORDS)(None)


def summary(times: list[float]) -> tuple[float, float]:
    return min(times), statistics.median(times)


def main() -> None:
    assert through_config() is None and direct() is None
    decoration = interleaved(
        {
            "calls": decorate,
            "new shape": decorate_new_shape(new_shapes(20 * 9)),
            "new shape built": decorate_and_build_new_shape(new_shapes(20 * 9)),
            "plain": decorate_plain,
        },
        number=20,
        rounds=9,
    )
    best, median = summary(decoration["calls"])
    new_best, new_median = summary(decoration["new shape"])
    built_best, built_median = summary(decoration["new shape built"])
    plain_best, plain_median = summary(decoration["plain"])
    print(f"decorating a calls= config for a {PARAMETERS}-parameter function")
    print(
        f"  best {best * 1e3:.3f} ms   median {median * 1e3:.3f} ms   (target <= 2 ms)"
    )
    print(
        "  the first config of its shape (nothing compiled shared): "
        f"best {new_best * 1e3:.3f} ms   median {new_median * 1e3:.3f} ms"
    )
    print(
        "  the same, then its first construction (which compiles the body): "
        f"best {built_best * 1e3:.3f} ms   median {built_median * 1e3:.3f} ms"
    )
    print(
        f"  an ordinary @pconfig class declaring the {PARAMETERS} fields: best "
        f"{plain_best * 1e3:.3f} ms   median {plain_median * 1e3:.3f} ms"
    )

    calls = interleaved(
        {"direct": direct, "config": through_config}, number=20000, rounds=9
    )
    direct_best, direct_median = summary(calls["direct"])
    config_best, config_median = summary(calls["config"])
    print("constructing and calling the config vs calling f plus a frozen dataclass")
    print(
        f"  direct  best {direct_best * 1e6:.2f} us   median {direct_median * 1e6:.2f} us"
    )
    print(
        f"  config  best {config_best * 1e6:.2f} us   median {config_median * 1e6:.2f} us"
    )
    print(
        f"  ratio   best {config_best / direct_best:.3f}   "
        f"median {config_median / direct_median:.3f}   (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
