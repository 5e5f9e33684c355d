"""Every ```python-mypy example in docs/mypy.md gives the mypy output shown.

Each example is followed by a ```text block with mypy's exact output for a
file named ``example.py``. All examples are checked in one mypy run, each as
its own module.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "mypy.md"
BLOCK = re.compile(r"```(?P<info>[\w-]+)\n(?P<body>.*?)```", re.DOTALL)
CONFIG = """\
[mypy]
plugins = pconfigs.mypy_plugin
strict = True

[mypy-pconfigs.*]
follow_imports = silent
"""


def examples() -> list[tuple[str, str]]:
    """``(code, expected output)`` pairs, in page order."""
    blocks = [(m["info"], m["body"]) for m in BLOCK.finditer(PAGE.read_text())]
    pairs = []
    for (info, body), (next_info, next_body) in pairwise(blocks):
        if info == "python-mypy":
            assert next_info == "text", f"no ```text output after:\n{body}"
            pairs.append((body, next_body))
    return pairs


def test_every_error_code_has_an_example() -> None:
    text = PAGE.read_text()
    documented = set(re.findall(r"^### (pconfigs-[\w-]+)$", text, re.MULTILINE))
    shown = {
        code
        for _, output in examples()
        for code in re.findall(r"\[(pconfigs-[\w-]+)\]", output)
    }
    plugin = "".join(
        (ROOT / "pconfigs" / name).read_text()
        for name in ("mypy_plugin.py", "mypy_wrapped.py")
    )
    declared = set(re.findall(r'ErrorCode\(\s*"(pconfigs-[\w-]+)"', plugin))
    assert documented == declared
    assert shown == declared - {"pconfigs-internal"}


def test_documented_examples_give_the_documented_output(tmp_path: Path) -> None:
    pairs = examples()
    expected = []
    for index, (code, output) in enumerate(pairs):
        (tmp_path / f"example{index}.py").write_text(code)
        expected += output.replace("example.py", f"example{index}.py").splitlines()
    (tmp_path / "mypy.ini").write_text(CONFIG)
    files = [f"example{index}.py" for index in range(len(pairs))]
    args = ["--config-file", "mypy.ini", "--cache-dir", ".cache", "--no-error-summary"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *args, *files],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert sorted(result.stdout.splitlines()) == sorted(expected), result.stderr


PYTHON_BLOCK = re.compile(r"^```python\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE)
# Lines whose typing the plugin answers for: `cfg.__replace__(...)` (the
# runtime defines it on every Python) and `value is Pinned` / `is Required`.
PLUGIN_LINES = re.compile(r"__replace__\(|\bis (not )?(Pinned|Required)\b")


@pytest.mark.parametrize("python", ["3.10", "3.13"])
def test_docs_examples_replace_and_compare_sentinels_under_strict_mypy(
    tmp_path: Path, python: str
) -> None:
    """Each page's ```python blocks, as one module (the way tests/test_docs.py
    runs them), under ``--strict --strict-equality``: no error on a line that
    calls ``__replace__`` or compares a value with a sentinel. Other lines may
    show mistakes on purpose."""
    watched: dict[tuple[str, int], str] = {}
    files = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        blocks = [m["body"] for m in PYTHON_BLOCK.finditer(page.read_text())]
        if not blocks:
            continue
        module = f"doc_{page.stem.replace('-', '_')}.py"
        code = "\n".join(blocks)
        (tmp_path / module).write_text(code)
        files.append(module)
        for number, line in enumerate(code.splitlines(), start=1):
            if PLUGIN_LINES.search(line):
                watched[(module, number)] = line.strip()
    assert len(watched) >= 4, watched  # the pattern still finds the examples
    (tmp_path / "mypy.ini").write_text(CONFIG)
    args = ["--config-file", "mypy.ini", "--cache-dir", ".cache", "--strict-equality"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *args, "--python-version", python, *files],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "INTERNAL ERROR" not in result.stdout + result.stderr, result.stderr
    reported = [
        line
        for line in result.stdout.splitlines()
        if ": error: " in line
        and (line.split(":")[0], int(line.split(":")[1])) in watched
    ]
    assert reported == []
