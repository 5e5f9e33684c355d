"""Hostile projects and the tools run on them as users run them: real
subprocesses of this interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

CONFIG = """\
from pconfigs import pconfig


@pconfig
class C:
    x: int


config = C(x=1)
"""

Tree = Callable[[dict[str, str]], Path]


def write_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    """Write ``{relative path: source}`` under ``tmp_path/proj`` and cd there."""
    root = tmp_path / "proj"
    root.mkdir()
    monkeypatch.delenv("PYTHONPATH", raising=False)

    def write(files: dict[str, str]) -> Path:
        for name, source in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source))
        monkeypatch.chdir(root)
        return root

    return write


def pconfigs(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m pconfigs ARGS`` in the current directory."""
    return subprocess.run(
        [sys.executable, "-m", "pconfigs", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
