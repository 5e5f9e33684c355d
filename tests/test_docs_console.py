"""Every ```console block of docs/ is a session these tests run for real.

Each page's console blocks run in order in one shell session: a temporary
copy of the repository (so commands that write files write them there), with
this venv's tools first on PATH. A line ``$ command`` runs the command (``cd``
moves the session); the lines under it, up to the next ``$``, are its exact
output (stdout then stderr), where a line ``...`` stands for any lines. A
command with no output under it must exit 0, unless the block is followed
directly by a ```text block, which is then the last command's exact output.

Commands meant to be adapted to your own project (placeholders such as
``PATH/TO/pconfigs``, a cluster, a benchmark) are shown in ```shell blocks,
which are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```(?P<info>[\w-]*)\n(?P<body>.*?)^```$", re.S | re.M)
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "__pycache__", ".mypy_cache", ".pytest_cache"
)


@dataclass
class Command:
    line: int
    text: str
    output: list[str] | None  # None: nothing shown, so it must exit 0


def sessions(page: Path) -> list[Command]:
    """The page's console commands, in order, with their shown output."""
    text = page.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    commands: list[Command] = []
    for index, block in enumerate(blocks):
        if block["info"] != "console":
            continue
        first_line = text[: block.start()].count("\n") + 2
        block_commands = _commands(block["body"], first_line)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and following["info"] == "text"
            and not text[block.end() : following.start()].strip()
            and block_commands[-1].output is None
        ):
            block_commands[-1].output = following["body"].splitlines()
        commands += block_commands
    return commands


def _commands(body: str, first_line: int) -> list[Command]:
    commands: list[Command] = []
    for offset, line in enumerate(body.splitlines()):
        if line.startswith("$ "):
            commands.append(Command(first_line + offset, line[2:], None))
        elif commands:
            shown = commands[-1].output
            commands[-1].output = [*(shown or []), line]
    return commands


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; a ``...`` line matches any run of lines (none included)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return (
        bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])
    )


PAGES = sorted(p for p in DOCS.rglob("*.md") if sessions(p))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_console_examples_run(page: Path, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }
    cwd = copy
    for command in sessions(page):
        where = f"docs/{page.relative_to(DOCS)}:{command.line}: $ {command.text}"
        if command.text.startswith("cd "):
            cwd = (cwd / command.text[3:].split("#")[0].strip()).resolve()
            continue
        done = subprocess.run(
            ["bash", "-c", command.text],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        actual = (done.stdout + done.stderr).splitlines()
        if command.output is None:
            assert done.returncode == 0, (
                f"{where}\nexited {done.returncode}:\n" + "\n".join(actual)
            )
        else:
            assert matches(command.output, actual), (
                f"{where}\nshown:\n"
                + "\n".join(command.output)
                + "\nactual:\n"
                + "\n".join(actual)
            )


def test_the_dots_line_matches_any_run_of_lines() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "d"], ["a", "d"])
    assert not matches(["a", "...", "d"], ["a", "b"])
    assert not matches(["a"], ["a", "b"])


def test_a_text_block_after_a_console_block_is_its_last_commands_output(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ cd x\n$ echo hi\n```\n\n```text\nhi\n```\n\n"
        "```console\n$ true\nshown\n```\n```text\nnot output\n```\n"
    )
    assert sessions(page) == [
        Command(2, "cd x", None),
        Command(3, "echo hi", ["hi"]),
        Command(11, "true", ["shown"]),
    ]
