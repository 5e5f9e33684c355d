"""Experiment trees shared by the checker's CLI and pytest-plugin tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

MODELS = """\
from pconfigs import Pinned, pconfig, pproperty


@pconfig
class ModelConfig:
    depth: int
    width: int
    params: Pinned[int]

    @pproperty
    def params(self) -> int:
        if self.depth < 0:
            raise ValueError(f"depth must be >= 0, got {self.depth}")
        return self.depth * self.width
"""


def experiment(call: str) -> str:
    return f"from pkg.models import ModelConfig\n\nconfig = {call}\n"


# Good and broken experiments under one recursive marker, plus a directory
# whose marker still uses the original design's calls.
TREE = {
    "pkg/__init__.py": "",
    "pkg/models.py": MODELS,
    "pkg/exps/__init__.py": "",
    "pkg/exps/__pconfigs__.py": "recursive = True\n",
    "pkg/exps/good.py": experiment("ModelConfig(depth=2, width=3)"),
    "pkg/exps/raises.py": experiment("ModelConfig(depth=-1, width=3)"),
    "pkg/exps/pinned.py": experiment("ModelConfig(depth=2, width=3, params=6)"),
    "pkg/exps/imports.py": "import pkg.nope\n",
    "pkg/exps/nested/__init__.py": "",
    "pkg/exps/nested/deep.py": experiment("ModelConfig(depth=1, width=1)"),
    "pkg/exps/nested/_helper.py": "X = 1\n",
    "pkg/old/__init__.py": "",
    "pkg/old/__pconfigs__.py": 'from pconfigs import TestConfigs\n\nTestConfigs("x")\n',
    "pkg/old/x.py": experiment("ModelConfig(depth=1, width=1)"),
}

Write = Callable[[dict[str, str]], Path]
