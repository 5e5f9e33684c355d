"""The checker's child processes: starting, reading, stopping.

Experiment code runs only in children (check workers and the marker runner),
never in the process that reports. Each child leads its own session so that

* whatever an experiment forks is stopped with it (one ``killpg``), and can
  never keep the checker waiting on a pipe it inherited;
* Ctrl-C in a terminal reaches the checker only; the checker then stops every
  live child itself (:func:`stop_all`) and exits with one line.

Lines are read by a thread so that waiting can time out, and the wait also
ends as soon as the child itself is gone (another thread waits for its exit),
even while a grandchild still holds the pipe open.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

__all__ = ["Child", "how_it_ended", "stop_all"]

# `-c` puts the current directory first on sys.path; the child replaces it
# with the entry the parent found pconfigs under (if any), so only the project
# root, never the caller's cwd, makes the experiments importable.
_SCRIPT = """\
import sys
if sys.argv[1]:
    sys.path[0] = sys.argv[1]
else:
    del sys.path[0]
from {module} import {function}
{function}()
"""

_live: set[Child] = set()
_live_lock = threading.Lock()
_stopping = threading.Event()

# How often a wait for a line looks whether the child is still there.
_POLL_SECONDS = 0.05


class Stopped(Exception):
    """The checker is shutting down (Ctrl-C, SIGTERM): start no new child."""


class Child:
    """One child process running ``module.function()`` with a line protocol."""

    def __init__(self, module: str, function: str, stderr: IO[bytes] | None) -> None:
        if _stopping.is_set():
            raise Stopped
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _SCRIPT.format(module=module, function=function),
                _pconfigs_path_entry(),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        with _live_lock:
            _live.add(self)
        self._lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._exited = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._watch, daemon=True).start()

    def send(self, text: str, *, last: bool = False) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(text)
            self.process.stdin.flush()
            if last:
                self.process.stdin.close()

    def line(self, timeout: float | None) -> str | None:
        """The next line; None once the child is gone (or after ``timeout``:
        then :attr:`timed_out` is set)."""
        self.timed_out = False
        waited = 0.0
        while True:
            try:
                return self._lines.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                pass
            if self._exited.is_set():
                # A grandchild may hold the pipe open: take what was written.
                with contextlib.suppress(queue.Empty):
                    return self._lines.get(timeout=_POLL_SECONDS)
                return None
            waited += _POLL_SECONDS
            if timeout is not None and waited >= timeout:
                self.timed_out = True
                return None

    def stop(self) -> int:
        """Kill the child's whole session (unless done) and return its exit code."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        returncode = self.process.wait()
        with _live_lock:
            _live.discard(self)
        if self.process.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()
        return returncode

    def _watch(self) -> None:
        """Note the child's exit. Not Popen.poll() in the main thread: Ctrl-C
        runs its handler there, and CPython's poll() takes the Popen's wait
        lock outside its try block, so an interrupt landing just after would
        leave the lock taken and :meth:`stop` waiting forever."""
        self.process.wait()
        self._exited.set()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with contextlib.suppress(ValueError, OSError), self.process.stdout:
            for line in self.process.stdout:
                self._lines.put(line)
        self._lines.put(None)


def stop_all() -> None:
    """Stop every live child and start no new one (Ctrl-C, SIGTERM)."""
    _stopping.set()
    with _live_lock:
        children = list(_live)
    for child in children:
        child.stop()


def allow_children() -> None:
    """Undo :func:`stop_all` (a new ``main`` call in the same process)."""
    _stopping.clear()


def how_it_ended(returncode: int) -> str:
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"was killed by {signal.Signals(-returncode).name}"
    return f"exited with code {returncode}"


def _pconfigs_path_entry() -> str:
    package_parent = str(Path(__file__).resolve().parents[2])
    entries = {str(Path(p or ".").resolve()): p for p in sys.path}
    return package_parent if package_parent in entries else ""
