"""Run the pytest-mypy-plugins cases in this folder with one shared setup.

Plain ``pytest`` from the repository root needs no extra options: every case
uses ``tests/typecheck/mypy.ini`` and a mypy cache shared by all cases (in the
gitignored ``.mypy_cache/``), and finds ``mypy`` next to the running Python.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def pytest_configure(config: pytest.Config) -> None:
    option = config.option
    if getattr(option, "mypy_ini_file", "missing") is None and not getattr(
        option, "mypy_pyproject_toml_file", None
    ):
        option.mypy_ini_file = str(HERE / "mypy.ini")
    if getattr(option, "mypy_testing_base", None) == tempfile.gettempdir():
        base = ROOT / ".mypy_cache" / "typecheck-cases"
        base.mkdir(parents=True, exist_ok=True)
        option.mypy_testing_base = str(base)
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
