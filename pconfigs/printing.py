"""Printing configs as Python code (placeholder until the printer lands)."""

from __future__ import annotations

from typing import Any

from pconfigs.config import spec_of


def format_config(config: Any) -> str:
    """The config as a constructor call, one field per line."""
    spec = spec_of(config)
    lines = [f"{spec.name}("]
    lines += [f"    {name}={config.__dict__.get(name)!r}," for name in spec.fields]
    return "\n".join([*lines, ")"])
