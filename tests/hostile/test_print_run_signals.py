"""Ctrl-C and SIGTERM during ``pconfigs print``, ``run`` and ``stubgen``.

Real signals to a real ``python -m pconfigs``: the experiment writes its pid
to a file once it is importing (or once ``main`` runs), then sleeps; the test
waits for that file and signals the process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_trees import Tree

# Sleeps while being imported, after saying so.
SLEEPS_AT_IMPORT = """\
import os, time
from pathlib import Path

Path("started").write_text(str(os.getpid()))
time.sleep(600)
"""

# Imports quickly; its main sleeps, after saying so. With a child in a
# session of its own, whose pid it writes too.
SLEEPS_IN_MAIN = """\
from __future__ import annotations

import os, subprocess, sys, time
from pathlib import Path

from pconfigs import pconfig, pconfiged


@pconfiged(runnable=True)
class Job:
    config: JobConfig

    def main(self, args, extra_args):
        pids = [os.getpid()]
        if extra_args == ["--child"]:
            child = subprocess.Popen(
                [sys.executable, "-c", "import time; time.sleep(600)"],
                start_new_session=True,
            )
            pids.append(child.pid)
        Path("started").write_text(" ".join(map(str, pids)))
        time.sleep(600)


@pconfig(constructs=Job)
class JobConfig:
    x: int = 1


config = JobConfig()
"""

LINES = {
    signal.SIGINT: (130, "interrupted (Ctrl-C)"),
    signal.SIGTERM: (143, "terminated (SIGTERM)"),
}


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pconfigs", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )


def wait_started() -> list[int]:
    started = Path("started")
    deadline = time.monotonic() + 60
    while not (started.exists() and started.read_text()):
        assert time.monotonic() < deadline, "the experiment never started"
        time.sleep(0.05)
    return [int(pid) for pid in started.read_text().split()]


def interrupt(process: subprocess.Popen[str], signum: int) -> tuple[str, str]:
    wait_started()
    process.send_signal(signum)
    return process.communicate(timeout=30)


@pytest.mark.parametrize("signum", LINES)
@pytest.mark.parametrize("command", ["print", "run"])
def test_a_signal_while_importing_is_one_line(
    tree: Tree, command: str, signum: signal.Signals
) -> None:
    tree({"exp.py": SLEEPS_AT_IMPORT})
    process = start(command, "exp.config")
    out, err = interrupt(process, signum)
    code, why = LINES[signum]
    assert (process.returncode, out, err) == (
        code,
        "",
        f"\npconfigs {command}: {why}\n",
    )


@pytest.mark.parametrize("signum", LINES)
def test_a_signal_while_stubgen_imports_is_one_line(
    tree: Tree, signum: signal.Signals
) -> None:
    root = tree({"pkg/__init__.py": "", "pkg/exp.py": SLEEPS_AT_IMPORT})
    process = start("stubgen", "pkg")
    out, err = interrupt(process, signum)
    code, why = LINES[signum]
    assert (process.returncode, out, err) == (code, "", f"\npconfigs.stubgen: {why}\n")
    assert not (root / "stubs").exists()


@pytest.mark.parametrize("signum", LINES)
def test_a_signal_while_main_runs_is_one_line(
    tree: Tree, signum: signal.Signals
) -> None:
    tree({"exp.py": SLEEPS_IN_MAIN})
    process = start("run", "exp.config")
    out, err = interrupt(process, signum)
    code, why = LINES[signum]
    assert (process.returncode, out, err) == (code, "", f"\npconfigs run: {why}\n")


def test_traceback_shows_where_the_interruption_landed(tree: Tree) -> None:
    tree({"exp.py": SLEEPS_AT_IMPORT})
    process = start("print", "--traceback", "exp.config")
    out, err = interrupt(process, signal.SIGINT)
    assert (process.returncode, out) == (130, "")
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'exp.py", line 5, in <module>\n' in err
    assert err.endswith("KeyboardInterrupt\n\npconfigs print: interrupted (Ctrl-C)\n")


def test_a_child_in_its_own_session_is_left_to_the_experiment(tree: Tree) -> None:
    # `run` is the experiment's own process: children it put in a session of
    # their own are its to stop (pconfigs does not track them), as the docs say.
    tree({"exp.py": SLEEPS_IN_MAIN})
    process = start("run", "exp.config", "--child")
    _runner, child = wait_started()
    try:
        process.send_signal(signal.SIGINT)
        # Not communicate(): the child still holds the output pipes open.
        assert process.wait(timeout=30) == 130
        os.kill(child, 0)  # still alive: raises ProcessLookupError if not
    finally:
        os.kill(child, signal.SIGKILL)
        process.communicate(timeout=30)
