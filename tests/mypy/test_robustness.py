"""The plugin never crashes mypy, whatever it is given (tests/mypy/mypy_corpus.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mypy_corpus import CORPUS, HEADER

ROOT = Path(__file__).resolve().parents[2]
# Notes may point into typeshed ("Called function defined here").
ORDINARY = re.compile(r"^\S+\.pyi?:\d+: (error|note): ")
CONFIG = """\
[mypy]
plugins = pconfigs.mypy_plugin
strict = True

[mypy-pconfigs.*]
follow_imports = silent
"""


def run_mypy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mypy", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40


def test_malformed_declarations_give_ordinary_errors_never_a_crash(
    tmp_path: Path,
) -> None:
    package = tmp_path / "corpus_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, body in CORPUS.items():
        (package / f"{name}.py").write_text(HEADER + body)
    (tmp_path / "mypy.ini").write_text(CONFIG)

    result = run_mypy(
        "--config-file", "mypy.ini", "--cache-dir", ".cache", "corpus_pkg", cwd=tmp_path
    )

    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "INTERNAL ERROR" not in output
    assert "Traceback" not in output
    assert "pconfigs-internal" not in output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines.pop()
    assert summary.startswith("Found "), summary
    assert [line for line in lines if not ORDINARY.match(line)] == []
    # Every module was checked, and most of them really are mistakes.
    assert f"checked {len(CORPUS) + 1} source files" in summary
    assert len({line.split(":")[0] for line in lines if "corpus_pkg" in line}) >= 30
