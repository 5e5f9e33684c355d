"""Devices and named pipes given where a tool expects a file or a folder.

Reading a FIFO blocks until someone writes to it and ``/dev/zero`` never
ends: every tool must refuse them with one clear error, never hang (the
subprocess timeout of ``pconfigs()`` fails the test if one does).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_trees import CONFIG, Tree, pconfigs

SPECIAL = {
    "/dev/null": "a character device",
    "/dev/zero": "a character device",
    "pipe": "a named pipe (FIFO)",
    "pipe.py": "a named pipe (FIFO)",
}


def special(root: Path, name: str) -> str:
    """``name`` itself for a device; a FIFO made under ``root`` otherwise."""
    if not name.startswith("/"):
        os.mkfifo(root / name)
    return name


@pytest.mark.parametrize("name", SPECIAL)
def test_check_refuses_a_device_or_pipe_as_its_path(tree: Tree, name: str) -> None:
    root = tree({"pyproject.toml": "", "exps/__pconfigs__.py": "", "exps/a.py": CONFIG})
    done = pconfigs("check", special(root, name), timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"pconfigs check: error: {SPECIAL[name]}, not a directory or a Python "
        f"file: {name}\n",
    )


def test_check_reports_a_pipe_among_the_experiments(tree: Tree) -> None:
    root = tree({"pyproject.toml": "", "exps/__pconfigs__.py": "", "exps/a.py": CONFIG})
    os.mkfifo(root / "exps/pipe.py")
    done = pconfigs("check", timeout=30)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == (
        "exps/pipe.py ... FAILED: ModuleNotFoundError: exps/pipe.py is a named "
        "pipe (FIFO), not a Python file\n"
        "      Fix: remove it, or rename it so that its name does not end in .py\n"
        "exps.a ... ok\n"
        "1 passed, 1 failed\n"
    )


@pytest.mark.parametrize("name", SPECIAL)
def test_stubgen_refuses_a_device_or_pipe_as_a_target(tree: Tree, name: str) -> None:
    root = tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG})
    done = pconfigs("stubgen", special(root, name), timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"pconfigs.stubgen: {name} is {SPECIAL[name]}, not a package, a module "
        "or a folder\n"
        "  Fix: name an importable package or module, a package folder, or a "
        "folder of them\n",
    )


@pytest.mark.parametrize("name", ["/dev/null", "pipe"])
def test_stubgen_refuses_a_device_or_pipe_as_its_output(tree: Tree, name: str) -> None:
    root = tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG})
    done = pconfigs("stubgen", "pkg", "-o", special(root, name), timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"pconfigs.stubgen: -o {name} is {SPECIAL[name]}, not a folder\n"
        "  Fix: name a separate folder for the stubs, e.g. -o stubs\n",
    )


def test_stubgen_reports_a_pipe_in_a_package(tree: Tree) -> None:
    root = tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG})
    os.mkfifo(root / "pkg/pipe.py")
    done = pconfigs("stubgen", "pkg", timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "pconfigs.stubgen: pkg/pipe.py is a named pipe (FIFO), not a Python file\n"
        "  Fix: remove it, or move it out of the folders given to stubgen\n",
    )


def test_print_refuses_a_device_path_as_its_config(tree: Tree) -> None:
    tree({"exp.py": CONFIG})
    done = pconfigs("print", "/dev/null", timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        'pconfigs print: "/dev/null" is not a dotted path\n'
        "  Fix: name the object like an import: package.module.attribute\n",
    )


def to_full_device(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pconfigs ARGS > /dev/full``: every write fails (ENOSPC)."""
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "pconfigs", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
            env={**os.environ, "PYTHONPATH": os.getcwd()},
        )


FULL = (
    "cannot write the output: No space left on device\n"
    "  Fix: send the output to a file or program that can take it\n"
)


@pytest.mark.parametrize(
    ("args", "code", "prog"),
    [
        (["print", "exp.config"], 1, "pconfigs print"),
        (["check", "exp.py"], 1, "pconfigs check"),
        (["stubgen", "exp.py"], 2, "pconfigs.stubgen"),
    ],
)
def test_output_to_a_full_device_is_one_error(
    tree: Tree, args: list[str], code: int, prog: str
) -> None:
    tree({"exp.py": CONFIG})
    done = to_full_device(*args)
    assert (done.returncode, done.stderr) == (code, f"{prog}: {FULL}")


RUNNABLE = """\
from __future__ import annotations

from pconfigs import pconfig, pconfiged


@pconfiged(runnable=True)
class Job:
    config: JobConfig

    def main(self, args, extra_args):
        return 0


@pconfig(constructs=Job)
class JobConfig:
    x: int = 1


config = JobConfig()
"""


@pytest.mark.parametrize("option", ["--record", "--replay", "--skip-done"])
@pytest.mark.parametrize("name", ["/dev/zero", "pipe", "README.md"])
def test_run_refuses_a_device_pipe_or_file_as_a_record_folder(
    tree: Tree, option: str, name: str
) -> None:
    root = tree({"exp.py": RUNNABLE, "README.md": "hi\n"})
    target = [] if option == "--replay" else ["exp.config"]
    path = special(root, name) if name in SPECIAL else name
    done = pconfigs("run", option, path, *target, timeout=30)
    kind = SPECIAL.get(name, "a file")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        f"pconfigs run: {option} {name} is {kind}, not a folder\n"
        f"  Fix: give {option} a folder of run records\n",
    )
