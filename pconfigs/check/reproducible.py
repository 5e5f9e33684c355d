"""Is an experiment's config the same every time its module is imported?

Under ``torchrun`` every rank imports the experiment on its own, so a value
computed from the clock, the host, the process id or an unseeded random
generator differs between ranks. ``pconfigs check`` imports each experiment
a second time in the same process and compares the configs it builds:
:func:`differences` names every field whose value changed.

Values are compared by their printed form (``repr`` for leaves, field by
field for configs), so configs still compare equal when the second import
rebuilt the project's classes.
"""

from __future__ import annotations

from typing import Any

from pconfigs.config import is_config, spec_of
from pconfigs.errors import PconfigsError, message

__all__ = ["NotReproducibleError", "differences", "not_reproducible"]


class NotReproducibleError(PconfigsError, ValueError):
    """An experiment builds a different config each time it is imported."""


def differences(first: Any, second: Any, path: str) -> list[str]:
    """``path.field: A != B`` for every value that differs between two builds."""
    pairs = _children(first, second, path)
    if pairs is not None:
        return [line for a, b, where in pairs for line in differences(a, b, where)]
    if _text(first) == _text(second):
        return []
    return [f"{path}: {_short(first)} != {_short(second)}"]


def _children(first: Any, second: Any, path: str) -> list[tuple[Any, Any, str]] | None:
    """Matching parts of two values of the same shape, else ``None``."""
    if is_config(first) and is_config(second) and _same_class(first, second):
        spec = spec_of(first)
        values = zip(
            spec.values_of(first), spec_of(second).values_of(second), strict=True
        )
        return [
            (a, b, f"{path}.{n}") for n, (a, b) in zip(spec.fields, values, strict=True)
        ]
    same_type = type(first) is type(second)
    if same_type and isinstance(first, (list, tuple)) and len(first) == len(second):
        return [
            (a, b, f"{path}[{i}]")
            for i, (a, b) in enumerate(zip(first, second, strict=True))
        ]
    if same_type and isinstance(first, dict) and first.keys() == second.keys():
        return [(first[k], second[k], f"{path}[{k!r}]") for k in first]
    return None


def _same_class(first: Any, second: Any) -> bool:
    a, b = type(first), type(second)
    return a is b or (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def _text(value: object) -> str:
    if is_config(value):
        from pconfigs.printing import format_config

        return format_config(value)
    return repr(value)


def _short(value: object) -> str:
    text = " ".join(_text(value).split())
    return text if len(text) <= 40 else text[:37] + "..."


def not_reproducible(module: str, found: list[str]) -> NotReproducibleError:
    shown = found[:5] + ([f"... and {len(found) - 5} more"] if len(found) > 5 else [])
    return NotReproducibleError(
        message(
            f"{module} is not reproducible: importing it twice in one process built "
            f"different configs ({len(found)} value{'s' if len(found) > 1 else ''} "
            "differ)",
            *shown,
            "A value computed from the clock, the host, the process id or an unseeded "
            "random generator differs between processes, so each torchrun rank "
            "would run a different config",
            "Fix: compute it in main() (on rank 0, then share it), or pass it "
            "with --set",
        )
    )
