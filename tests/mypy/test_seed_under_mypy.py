"""The seed example type-checks with zero errors under the plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED = [
    "project/__init__.py",
    "project/modules/__init__.py",
    "project/modules/trainer.py",
    "project/experiments/__init__.py",
    "project/experiments/first.py",
    "project/experiments/second.py",
]
# What a user writes in their pyproject.toml.
PYPROJECT = """\
[tool.mypy]
plugins = ["pconfigs.mypy_plugin"]

[[tool.mypy.overrides]]
module = "pconfigs.*"
follow_imports = "silent"
"""


def test_seed_example_has_zero_errors_under_strict(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(PYPROJECT)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--strict",
            "--allow-untyped-defs",
            *SEED,
        ],
        cwd=EXAMPLES,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == f"Success: no issues found in {len(SEED)} source files\n"
    assert result.returncode == 0, result.stderr
