"""``--help-config``: every path of a config that ``--set`` can reach.

One line per field, nested configs included, in field order::

    Settable paths of proj.exps.config (Job); set one with -s PATH=VALUE
      training: Training = Training(...)
      training.steps: int = 100
      training.total: int = 200  (Pinned: computed, not settable)
      environment.rank: int = 0  (environment variable RANK, no default)

Linear in the number of fields: annotations are evaluated once per class
(``pconfigs.overrides.field_type``) and each value is shown by a short
``repr``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pconfigs.config import is_config, spec_of
from pconfigs.environment import ENV_ATTR, accepts_none
from pconfigs.overrides import field_type
from pconfigs.typed_text import type_name

__all__ = ["help_config"]

_WIDEST_VALUE = 60
_PINNED = "  (Pinned: computed, not settable)"


def help_config(config: Any, label: str, points: int = 1) -> str:
    """The ``--help-config`` text of ``config`` found at ``label``."""
    of = f" (the first of {points} points)" if points > 1 else ""
    headline = (
        f"Settable paths of {label} ({spec_of(config).name}){of}; "
        "set one with -s PATH=VALUE"
    )
    return "\n".join([headline, *_lines(config, "")]) + "\n"


def _lines(config: Any, prefix: str) -> Iterator[str]:
    spec = spec_of(config)
    types = _type_names(spec)
    for name, value in zip(spec.fields, spec.values_of(config), strict=True):
        path = prefix + name
        pinned = _PINNED if name in spec.pinned else ""
        variable = _variable(spec, name)
        yield f"  {path}: {types[name]} = {_short(value)}{pinned}{variable}"
        if is_config(value):
            yield from _lines(value, path + ".")


def _variable(spec: Any, name: str) -> str:
    """``  (environment variable RANK, no default)`` for a field of a @penv class."""
    env = spec.cls.__dict__.get(ENV_ATTR)
    if env is None or name not in env.fields:
        return ""
    field = env.fields[name]
    if field.has_default:
        default = f"default {field.default!r}"
    elif accepts_none(field_type(spec, name)):
        default = "unset means None"
    else:
        default = "no default"
    return f"  (environment variable {field.variable}, {default})"


_type_name_cache: dict[type, dict[str, str]] = {}


def _type_names(spec: Any) -> dict[str, str]:
    names = _type_name_cache.get(spec.cls)
    if names is None:
        names = {name: type_name(field_type(spec, name)) for name in spec.fields}
        _type_name_cache[spec.cls] = names
    return names


def _short(value: object) -> str:
    if is_config(value):
        return f"{type(value).__qualname__}(...)"
    text = " ".join(repr(value).split("\n"))
    if len(text) > _WIDEST_VALUE:
        return text[: _WIDEST_VALUE - 3] + "..."
    return text
