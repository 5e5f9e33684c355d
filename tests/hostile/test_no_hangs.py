"""Nothing an experiment does keeps ``pconfigs check`` waiting.

Real signals to a real ``python -m pconfigs.check``; each experiment writes
its pid (and its forked child's) so the test can see that they are gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_trees import CONFIG, Tree, pconfigs

# Writes the worker's pid and a forked grandchild's pid, then hangs.
HANGS = """\
import os, subprocess, sys, time
from pathlib import Path

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
Path(__file__).with_suffix(".pids").write_text(f"{os.getpid()} {child.pid}")
time.sleep(600)
"""


def start_check(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pconfigs.check", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_pids(files: list[Path]) -> list[int]:
    deadline = time.monotonic() + 60
    while not all(f.exists() and f.read_text() for f in files):
        assert time.monotonic() < deadline, "the experiments never started"
        time.sleep(0.05)
    return [int(pid) for f in files for pid in f.read_text().split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def assert_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in pids):
        assert time.monotonic() < deadline, f"still running: {pids}"
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("signum", "code", "why"),
    [
        (signal.SIGINT, 130, "interrupted (Ctrl-C)"),
        (signal.SIGTERM, 143, "terminated (SIGTERM)"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_stops_every_worker_with_one_line(
    tree: Tree, signum: int, code: int, why: str, jobs: str
) -> None:
    root = tree(
        {
            "pyproject.toml": "",
            "exps/__pconfigs__.py": "",
            "exps/a.py": HANGS,
            "exps/b.py": HANGS,
        }
    )
    check = start_check("-j", jobs)
    started = [root / "exps/a.pids"] + ([root / "exps/b.pids"] if jobs == "2" else [])
    pids = wait_for_pids(started)
    check.send_signal(signum)
    out, err = check.communicate(timeout=30)
    assert (check.returncode, out, err) == (
        code,
        "",
        f"\npconfigs check: {why}; every check process was stopped\n",
    )
    assert_gone(pids)


# Ctrl-C landing just after Popen.poll() took the Popen's wait lock: CPython's
# poll takes it with acquire(False) before its try block, so the lock stays
# taken and every later wait() on that Popen blocks for good. Made certain
# here by a poll that does exactly that.
INTERRUPTED_POLL = """\
import subprocess, sys
from pconfigs.check.command import main

def interrupted_poll(self):
    self._waitpid_lock.acquire(False)
    raise KeyboardInterrupt

subprocess.Popen.poll = interrupted_poll
sys.exit(main(["-j", "1"]))
"""


def test_ctrl_c_cannot_leave_a_child_impossible_to_wait_for(tree: Tree) -> None:
    # Waiting for a child's line must not call Popen.poll() in the main
    # thread, where the signal handler runs: check notices a child's exit
    # from a thread that waits for it.
    root = tree(
        {
            "pyproject.toml": "",
            "exps/__pconfigs__.py": "",
            "exps/a.py": HANGS,
        }
    )
    check = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_POLL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        pids = wait_for_pids([root / "exps/a.pids"])
        check.send_signal(signal.SIGINT)
        out, err = check.communicate(timeout=30)
    finally:
        check.kill()
    assert (check.returncode, out, err) == (
        130,
        "",
        "\npconfigs check: interrupted (Ctrl-C); every check process was stopped\n",
    )
    assert_gone(pids)


def test_a_forked_child_cannot_keep_check_waiting(tree: Tree) -> None:
    # The worker dies while its child still holds the result pipe open.
    tree(
        {
            "pyproject.toml": "",
            "exps/__pconfigs__.py": "",
            "exps/a.py": HANGS.replace(
                "time.sleep(600)\n", "import ctypes\nctypes.string_at(0)\n"
            ),
            "exps/b.py": CONFIG,
        }
    )
    done = pconfigs("check", timeout=60)
    assert done.stdout.splitlines()[0] == (
        "exps.a ... FAILED: WorkerDied: the check process was killed by SIGSEGV "
        "while importing this module"
    )
    assert done.stdout.endswith("exps.b ... ok\n1 passed, 1 failed\n")
    pids = [int(p) for p in Path("exps/a.pids").read_text().split()]
    assert_gone(pids)


def test_timeout_covers_a_marker_that_hangs(tree: Tree) -> None:
    tree(
        {
            "pyproject.toml": "",
            "slow/__pconfigs__.py": "import time\n\ntime.sleep(600)\n",
            "slow/a.py": CONFIG,
            "fine/__pconfigs__.py": "",
            "fine/b.py": CONFIG,
        }
    )
    done = pconfigs("check", "--timeout", "3", timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "slow/__pconfigs__.py ... FAILED: TimeoutError: still running after 3 s; "
        "the check process was stopped\n"
        "    at slow/__pconfigs__.py\n"
        "fine.b ... ok\n"
        "1 passed, 1 failed\n",
        "",
    )


# Leaves behind a sys.modules entry that raises on every attribute read (the
# worker's clean-up reads them) and a thread that would keep a normally
# ending interpreter alive.
POISONS_THE_WORKER = """\
import sys, threading, time


class Weird:
    def __getattr__(self, name):
        raise RuntimeError("weird module")


sys.modules["helpers"] = Weird()
threading.Thread(target=time.sleep, args=(600,)).start()
"""


def test_a_worker_that_raises_is_reported_as_that_exception(tree: Tree) -> None:
    tree(
        {
            "pyproject.toml": "",
            "helpers/__init__.py": "",
            "exps/__pconfigs__.py": "",
            "exps/a.py": POISONS_THE_WORKER + CONFIG,
            "exps/b.py": CONFIG,
        }
    )
    done = pconfigs("check", "--timeout", "60", timeout=120)
    assert done.stdout.splitlines()[0] == (
        "exps.a ... FAILED: RuntimeError: weird module"
    )
    assert done.stdout.splitlines()[2] == (
        "exps.b ... FAILED: WorkerDied: the check process raised RuntimeError: "
        "weird module while cleaning up after exps.a"
    )
