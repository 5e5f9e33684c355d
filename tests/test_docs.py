"""Every ```python block of every docs/*.md page runs, page by page.

Each page runs in its own interpreter (registrations in ``pdefaults`` and
imported modules must not leak from one page into the next); its blocks run in
order in one namespace, with ``examples/`` importable. Blocks with any other
info string (```console, ```text, ```python-mypy, ```pycon, ...) are left to
the tests of their own tools.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
PAGES = sorted(DOCS.glob("*.md"))

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """``(first code line number, code)`` of each ```python block."""
    blocks: list[tuple[int, str]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence = opening["fence"]
        start = index + 1
        end = start
        while end < len(lines) and not (
            lines[end].startswith(fence[0] * len(fence))
            and not lines[end].strip(fence[0]).strip()
        ):
            end += 1
        if opening["info"] == "python":
            blocks.append((start + 1, "\n".join(lines[start:end]) + "\n"))
        index = end + 1
    return blocks


# Runs in a fresh interpreter: argv[1] is the page, argv[2] the examples folder.
# Prints the failing block's line number on the first line of stderr.
RUNNER = r"""
import __future__, sys, traceback, types
from pathlib import Path

# A `from __future__ import ...` in one block holds for the rest of the page,
# as it would in one module.
FUTURE = 0
for feature in __future__.all_feature_names:
    FUTURE |= getattr(__future__, feature).compiler_flag
flags = 0

page = Path(sys.argv[1])
sys.path.insert(0, sys.argv[2])
module = types.ModuleType("docs_" + page.stem.replace("-", "_"))
module.__file__ = str(page)
sys.modules[module.__name__] = module
for line, code in BLOCKS:
    # Leading newlines make tracebacks point at the lines of the .md file.
    source = "\n" * (line - 1) + code
    try:
        code = compile(source, str(page), "exec", flags=flags, dont_inherit=True)
        flags |= code.co_flags & FUTURE
        exec(code, module.__dict__)
    except BaseException:
        sys.stdout.flush()
        print(f"line {line}", file=sys.stderr)
        traceback.print_exc()
        sys.exit(1)
"""


def run_page(page: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the page's ```python blocks in a fresh interpreter."""
    blocks = python_blocks(page.read_text(encoding="utf-8"))
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"BLOCKS = {blocks!r}\n{RUNNER}",
            str(page),
            str(EXAMPLES),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Pages whose examples are all type-check or shell examples (mypy.md,
# type-checking.md) are tested by their own suites (tests/mypy, tests/stubgen).
RUNNABLE_PAGES = [p for p in PAGES if python_blocks(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", RUNNABLE_PAGES, ids=[p.name for p in RUNNABLE_PAGES])
def test_python_blocks_run(page: Path, tmp_path: Path) -> None:
    result = run_page(page, tmp_path)
    if result.returncode != 0:
        first, _, trace = result.stderr.partition("\n")
        where = first if first.startswith("line ") else "a block"
        pytest.fail(
            f"docs/{page.name}: ```python block at {where} failed\n"
            f"{trace or result.stderr}\n--- stdout ---\n{result.stdout}",
            pytrace=False,
        )


def test_block_finder_reads_only_python_fences() -> None:
    text = (
        "# Title\n"
        "```python\n"
        "a = 1\n"
        "```\n"
        "```console\n"
        "$ python -m x\n"
        "```\n"
        "```python-mypy\n"
        "b: int = ''\n"
        "```\n"
        "````python\n"
        "s = '''\n"
        "```\n"
        "'''\n"
        "````\n"
        "```pycon\n"
        ">>> 1\n"
        "```\n"
    )
    assert python_blocks(text) == [(3, "a = 1\n"), (12, "s = '''\n```\n'''\n")]


def test_failing_block_is_reported_with_page_and_line(tmp_path: Path) -> None:
    page = tmp_path / "broken.md"
    page.write_text("Intro\n\n```python\nx = 1\n```\n\n```python\nassert x == 2\n```\n")
    result = run_page(page, tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("line 8\n")
    assert f'File "{page}", line 8' in result.stderr


def test_future_import_holds_for_the_rest_of_the_page(tmp_path: Path) -> None:
    page = tmp_path / "future.md"
    page.write_text(
        "```python\nfrom __future__ import annotations\n```\n"
        "```python\ndef f(x: NotDefinedYet) -> None: ...\n```\n"
    )
    result = run_page(page, tmp_path)
    assert result.returncode == 0, result.stderr
