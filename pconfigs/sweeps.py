"""Targets of ``run``/``print``/``check``: one config, or a sweep of them.

A *target* is a dotted path to a config (``proj.exps.llama.config``), to a
module-level ``list``, ``tuple`` or ``dict`` of configs (a *sweep*:
``proj.exps.sweep``), or to one point of a sweep (``proj.exps.sweep[2]``,
``proj.exps.sweep["lr-3e-4"]``). :func:`resolve_target` turns a target plus
the command line's ``--set`` and ``--sweep`` texts into the ordered list of
:class:`Point` s to run, each a finished config::

    points = resolve_target(
        "proj.exps.sweep", sets=["training.steps=100"], sweeps=["optimizer.lr=1e-4,3e-4"]
    )
    for point in points:
        print(point.label, point.config.training.steps)

Order: the sweep's own order (list index, dict insertion order), then the
product of the ``--sweep`` axes, the last axis varying fastest. Every
problem of the whole command line is reported at once (one
:class:`~pconfigs.errors.OverrideError`); nothing is built then.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pconfigs.config import is_config, spec_of
from pconfigs.errors import OverrideError, describe, message
from pconfigs.locate import LocateError, locate, locate_config
from pconfigs.overrides import apply_overrides, parse_assignments, split_assignment

__all__ = [
    "Point",
    "SweepTargetError",
    "key_suffix",
    "resolve_target",
    "sweep_items",
    "sweep_points",
]

Key = int | str | None


@dataclass(frozen=True)
class Point:
    """One config to run: where it came from and the overrides it got.

    ``key`` is its index in a list/tuple sweep, its key in a dict sweep, or
    ``None`` for a lone config. ``overrides`` maps each overridden dotted
    path to the command-line text that set it (``--set`` then ``--sweep``
    values), in the order applied. ``values`` holds the same paths' parsed
    values.
    """

    target: str
    key: Key
    config: Any
    overrides: dict[str, str] = field(default_factory=dict)
    sweep_values: dict[str, str] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """``proj.exps.sweep["lr-3e-4"]``, plus ``--sweep`` values:
        ``proj.exps.config [optimizer.lr=3e-4]``."""
        text = self.target + key_suffix(self.key)
        if self.sweep_values:
            axes = " ".join(f"{p}={v}" for p, v in self.sweep_values.items())
            text += f" [{axes}]"
        return text

    def matches(self, only: str) -> bool:
        """Whether ``--only ONLY`` selects this point: its key, or its label."""
        return only in (str(self.key), self.label, self.label.partition(" [")[2][:-1])


def key_suffix(key: Key) -> str:
    """``[2]`` or ``["lr-3e-4"]``; empty for a lone config."""
    if key is None:
        return ""
    return f"[{key}]" if isinstance(key, int) else f"[{json.dumps(key)}]"


class SweepTargetError(LocateError):
    """The dotted path does not lead to a config or a sweep of configs."""


def resolve_target(
    target: str,
    sets: Sequence[str] = (),
    sweeps: Sequence[str] = (),
    only: str | None = None,
) -> list[Point]:
    """The points of ``target`` with ``--set`` and ``--sweep`` applied.

    ``sets`` are ``PATH=VALUE`` texts, ``sweeps`` ``PATH=V1,V2,...`` texts
    (parsed by each field's annotation, as ``pconfigs.typed_text`` does).
    ``only`` keeps the points :meth:`Point.matches` selects. Raises
    :class:`SweepTargetError` for a target that is not a config or a sweep,
    :class:`~pconfigs.errors.OverrideError` for the overrides.
    """
    base_points = sweep_points(target)
    points = _override(base_points, sets, sweeps)
    if only is not None:
        points = _select(points, only, target)
    return points


# --------------------------------------------------------------------------
# The target's own points

_INDEXED = re.compile(r"(?P<path>[^\[\]]+)\[(?P<key>.+)\]")


def sweep_points(target: str) -> list[Point]:
    """The configs ``target`` names, before overrides, in order."""
    indexed = _INDEXED.fullmatch(target)
    if indexed is None:
        return _points_of(target, locate(target))
    path = indexed["path"]
    found = locate(path)
    key = _parse_key(target, indexed["key"])
    points = [p for p in _points_of(path, found) if p.key == key]
    if not points:
        raise _missing_key(target, path, found, key)
    return points


def sweep_items(value: object) -> list[tuple[Key, Any]] | None:
    """``[(key, config), ...]`` of a non-empty list, tuple or dict of configs
    (string keys only), else ``None``."""
    items: list[tuple[Key, Any]]
    if isinstance(value, dict):
        items = list(value.items())
        if not all(isinstance(key, str) for key, _ in items):
            return None
    elif isinstance(value, (list, tuple)):
        items = list(enumerate(value))
    else:
        return None
    if items and all(is_config(config) for _, config in items):
        return items
    return None


def _points_of(path: str, found: object) -> list[Point]:
    if is_config(found):
        return [Point(path, None, found)]
    items: list[tuple[Key, object]]
    if isinstance(found, dict):
        items = list(found.items())
    elif isinstance(found, (list, tuple)):
        items = list(enumerate(found))
    else:
        return [Point(path, None, locate_config(path))]  # raises its own error
    _check_sweep(path, found, items)
    return [Point(path, key, config) for key, config in items]


def _check_sweep(path: str, found: object, items: list[tuple[Key, object]]) -> None:
    if not items:
        raise SweepTargetError(
            message(
                f'"{path}" is an empty {type(found).__name__}, not a sweep of configs',
                "Fix: put at least one config in it",
            )
        )
    wrong = [(k, v) for k, v in items if not is_config(v)]
    wrong_keys = [k for k, _ in items if not isinstance(k, (int, str))]
    if wrong:
        key, value = wrong[0]
        raise SweepTargetError(
            message(
                f'"{path}{key_suffix(key)}" is not a config: got {describe(value)}',
                f"A sweep is a list, tuple or dict whose items are all configs; "
                f"{len(wrong)} of {len(items)} items of {path} are not",
            )
        )
    if wrong_keys:
        raise SweepTargetError(
            message(
                f'"{path}" has a key that is not a string: {wrong_keys[0]!r}',
                "A dict sweep is addressed by its keys on the command line, "
                'e.g. sweep["lr-3e-4"]; use string keys',
            )
        )


def _parse_key(target: str, text: str) -> Key:
    try:
        key = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        key = None
    if isinstance(key, bool) or not isinstance(key, (int, str)):
        raise SweepTargetError(
            message(
                f'"{target}": [{text}] is not an index or a quoted key',
                'Fix: write sweep[2] for a list or sweep["lr-3e-4"] for a dict '
                "(quote the target in the shell: 'proj.exps.sweep[\"lr-3e-4\"]')",
            )
        )
    return key


def _missing_key(target: str, path: str, found: object, key: Key) -> SweepTargetError:
    if isinstance(found, dict):
        keys = ", ".join(json.dumps(k) for k in found)
        available = f"Keys of {path}: {keys}"
    elif isinstance(found, (list, tuple)):
        available = f"{path} has {len(found)} points: indices 0 to {len(found) - 1}"
    else:
        available = f"{path} is a single config, not a sweep; drop the [...]"
    return SweepTargetError(message(f'"{target}" names no point of {path}', available))


# --------------------------------------------------------------------------
# --set and --sweep


def _override(
    points: list[Point], sets: Sequence[str], sweeps: Sequence[str]
) -> list[Point]:
    axes, problems = _axes(sweeps, sets)
    result: list[Point] = []
    for point in points:
        for combination in itertools.product(*axes) if axes else [()]:
            texts = [*sets, *(f"{path}={value}" for path, value in combination)]
            options = ["--set"] * len(sets) + ["--sweep"] * len(combination)
            try:
                values = (
                    parse_assignments(
                        point.config, list(zip(options, texts, strict=True))
                    )
                    if texts
                    else {}
                )
            except OverrideError as error:
                problems.extend(_new_lines(error, problems))
                continue
            result.append(_derived(point, texts, dict(combination), values))
    if problems:
        raise OverrideError(_report(points, problems))
    return result


def _derived(
    point: Point,
    texts: list[str],
    sweep_values: dict[str, str],
    values: dict[str, object],
) -> Point:
    overrides = dict(t.split("=", 1) for t in texts)
    config = apply_overrides(point.config, values)
    return Point(point.target, point.key, config, overrides, sweep_values, values)


def _axes(
    sweeps: Sequence[str], sets: Sequence[str]
) -> tuple[list[list[tuple[str, str]]], list[str]]:
    """``[[("lr", "1e-4"), ("lr", "3e-4")], ...]`` and the problems found."""
    axes: list[list[tuple[str, str]]] = []
    problems: list[str] = []
    set_paths = {s.split("=", 1)[0].strip() for s in sets}
    for text in sweeps:
        split = split_assignment(text)
        if split is None or not split[1]:
            problems.append(
                f"--sweep {text}: expected PATH=V1,V2,..., e.g. lr=1e-4,3e-4"
            )
            continue
        path, values = split
        if path in set_paths:
            problems.append(f"--sweep {text}: {path} is also given by --set; keep one")
            continue
        axes.append([(path, value) for value in _split_values(values)])
    return axes, problems


def _split_values(text: str) -> list[str]:
    """Split at top-level commas: ``[1,2],[3]`` is two values."""
    values: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            values.append(text[start:index])
            start = index + 1
    values.append(text[start:])
    return values


def _new_lines(error: OverrideError, seen: list[str]) -> list[str]:
    """The problem lines of ``error`` not reported yet (every point of a sweep
    usually has the same ones)."""
    lines = [line[2:] for line in str(error).splitlines()[1:-1]]
    return [line for line in dict.fromkeys(lines) if line not in seen]


def _report(points: list[Point], problems: list[str]) -> str:
    name = spec_of(points[0].config).name if points else "the config"
    what = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return message(
        f"Cannot apply the overrides to {name}: {what}",
        *problems,
        "Nothing was built; fix every line above and run again",
    )


def _select(points: list[Point], only: str, target: str) -> list[Point]:
    chosen = [p for p in points if p.matches(only)]
    if chosen:
        return chosen
    keys = ", ".join(str(p.key) if p.key is not None else p.label for p in points)
    raise SweepTargetError(
        message(
            f'--only {only}: no point of "{target}" has that key',
            f"Points: {keys}",
            "Fix: pass a list index, a dict key, or a point's label as printed",
        )
    )
