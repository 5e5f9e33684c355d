"""A torchtitan-sized config tree in one module with class-level defaults
(tests/mypy/trees/job_config.py) type-checks clean under mypy + plugin, and
each mistake made on it (trees/job_mistakes.py) is reported on its line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREES = Path(__file__).resolve().parent / "trees"
CONFIG = """\
[mypy]
plugins = pconfigs.mypy_plugin
strict = True
show_error_codes = True

[mypy-pconfigs.*]
follow_imports = silent
"""
MISTAKES = [
    'job_mistakes.py:3: error: Cannot set pinned field "steps" of "ShortTraining"; drop the argument or pass "steps=Pinned"  [pconfigs-pinned-value]',
    'job_mistakes.py:4: error: Unexpected keyword argument "stepz" for "Training"; did you mean "steps"?  [call-arg]',
    'job_mistakes.py:5: error: Cannot set pinned field "lr_scheduler" of "JobConfig"; drop the argument or pass "lr_scheduler=Pinned"  [pconfigs-pinned-value]',
    'job_mistakes.py:6: error: Argument "seq_len" to "Training" has incompatible type "str"; expected "int"  [arg-type]',
    'job_mistakes.py:7: error: Property "steps" defined in "Training" is read-only  [misc]',
]


def mypy(folder: Path, *files: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", *files],
        cwd=folder,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "INTERNAL ERROR" not in result.stdout + result.stderr, result.stderr
    return result.stdout.splitlines()


def test_a_one_module_tree_with_class_level_defaults_checks_clean(
    tmp_path: Path,
) -> None:
    shutil.copy(TREES / "job_config.py", tmp_path)
    shutil.copy(TREES / "job_mistakes.py", tmp_path)
    (tmp_path / "mypy.ini").write_text(CONFIG)
    assert mypy(tmp_path, "job_config.py") == [
        "Success: no issues found in 1 source file"
    ]
    reported = mypy(tmp_path, "job_config.py", "job_mistakes.py")
    assert [line for line in reported if ": error: " in line] == MISTAKES
