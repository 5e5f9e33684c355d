"""How fast ``--set`` and ``--help-config`` are, against hand-written Python.

1. Overrides: 50 ``PATH=VALUE`` texts parsed by annotation and applied with
   ``derive`` to a torchtitan-sized tree (a root with 20 nested section
   classes, ~200 fields), against the same 50 changes written out by hand
   (``Job(base, s0=S0(base.s0, f0=..., ...), ...)``), which is the least any
   derivation must do. Target: <= 5 ms.
2. ``--help-config``: the listing of a 5,000-field tree (100 sections of 50
   fields), against ``format_config`` (``str(cfg)``) of the same tree.
   Target: <= 0.5 s.

Each side runs interleaved with its baseline, several times; best and median
are printed, in milliseconds and as ratios.

    python benchmarks/overrides_speed.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from pconfigs import derive, pconfig
from pconfigs.config_help import help_config
from pconfigs.overrides import parse_assignments
from pconfigs.printing import format_config

KINDS: list[tuple[str, object, Callable[[int], str]]] = [
    ("int", 7, lambda i: str(100 + i)),
    ("float", 0.5, lambda i: f"{i}e-4"),
    ("bool", True, lambda i: "false" if i % 2 else "True"),
    ("str", "name", lambda i: f"run-{i}"),
    ("list[int]", [1, 2], lambda i: f"[{i}, {i + 1}, {i + 2}]"),
]


def make_classes(sections: int, fields: int) -> tuple[type, list[type]]:
    """A root class with ``sections`` section fields of ``fields`` fields each."""
    section_classes = []
    for s in range(sections):
        annotations = {f"f{f}": KINDS[f % len(KINDS)][0] for f in range(fields)}
        namespace = {"__annotations__": annotations, "__module__": __name__}
        cls = pconfig(type(f"Section{s}", (), namespace))
        globals()[cls.__name__] = cls
        section_classes.append(cls)
    root_annotations = {f"s{s}": f"Section{s}" for s in range(sections)}
    root = pconfig(
        type("Job", (), {"__annotations__": root_annotations, "__module__": __name__})
    )
    return root, section_classes


def build(root: type, sections: list[type], fields: int) -> Any:
    values = {f"f{f}": KINDS[f % len(KINDS)][1] for f in range(fields)}
    return root(**{f"s{s}": cls(**values) for s, cls in enumerate(sections)})


def override_texts(sections: int, fields: int, count: int) -> list[str]:
    texts = []
    for i in range(count):
        s, f = i % sections, (i * 7) % fields
        texts.append(f"s{s}.f{f}={KINDS[f % len(KINDS)][2](i)}")
    return texts


def by_hand(base: Any, values: dict[str, object]) -> Any:
    """The same changes as ``derive``, written out: one derivation per section."""
    per_section: dict[str, dict[str, object]] = {}
    for path, value in values.items():
        section, name = path.split(".")
        per_section.setdefault(section, {})[name] = value
    changes = {
        section: type(getattr(base, section))(getattr(base, section), **fields)
        for section, fields in per_section.items()
    }
    return type(base)(base, **changes)


def timed(func: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        func()
    return (time.perf_counter() - start) / number


def compare(
    name: str, ours: Callable[[], object], baseline: Callable[[], object], number: int
) -> None:
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(7):
        mine.append(timed(ours, number))
        theirs.append(timed(baseline, number))
    ratios = [m / t for m, t in zip(mine, theirs, strict=True)]
    print(
        f"{name}: best {min(mine) * 1e3:.2f} ms, median "
        f"{statistics.median(mine) * 1e3:.2f} ms; baseline best "
        f"{min(theirs) * 1e3:.2f} ms; ratio best {min(ratios):.1f}x, median "
        f"{statistics.median(ratios):.1f}x"
    )


def main() -> None:
    root, sections = make_classes(20, 10)
    base = build(root, sections, 10)
    texts = override_texts(20, 10, 50)
    values = parse_assignments(base, texts)
    assert derive(base, values) == by_hand(base, values)
    compare(
        "50 overrides (parse + derive), 20 sections x 10 fields",
        lambda: derive(base, parse_assignments(base, texts)),
        lambda: by_hand(base, values),
        number=50,
    )
    compare(
        "  of which derive (values already parsed)",
        lambda: derive(base, values),
        lambda: by_hand(base, values),
        number=50,
    )
    big_root, big_sections = make_classes(100, 50)
    big = build(big_root, big_sections, 50)
    assert help_config(big, "bench.big").count("\n") == 1 + 100 + 100 * 50
    compare(
        "--help-config, 5,000 fields (100 sections x 50)",
        lambda: help_config(big, "bench.big"),
        lambda: format_config(big),
        number=3,
    )


if __name__ == "__main__":
    main()
