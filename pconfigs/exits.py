"""User code that exits while pconfigs imports it is a failure, never a pass.

``print``, ``run``, ``check`` and ``stubgen`` read configs by importing the
user's modules. A module that calls ``sys.exit(0)`` (or ``os._exit(0)``) at
import would otherwise end the tool with a success code having checked
nothing. :func:`exits_trapped` turns ``os._exit`` into :class:`ProcessExit`
for the duration of an import so both ways of exiting arrive as exceptions the
tool can report; :func:`exit_message` words them.

Standard library only: the check worker imports this on every start.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

__all__ = [
    "EXIT_CLOSED_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_TERMINATED",
    "ProcessExit",
    "Terminated",
    "closed_pipe",
    "exit_message",
    "exits_trapped",
    "is_exit",
    "stopped_by",
    "terminate_raises",
]

# What a shell reports for a process that SIGPIPE ended: 128 + 13.
EXIT_CLOSED_PIPE = 141
# ... that Ctrl-C (SIGINT, 128 + 2) or SIGTERM (128 + 15) ended.
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

_FIX = (
    'Fix: put the code that runs or exits under `if __name__ == "__main__":`; '
    "pconfigs imports the module to read its configs"
)


class ProcessExit(BaseException):
    """``os._exit(code)`` called while an import was trapped."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextlib.contextmanager
def exits_trapped() -> Iterator[None]:
    """Make ``os._exit`` raise :class:`ProcessExit` inside the block."""
    real = os._exit

    def trapped(code: int) -> None:
        raise ProcessExit(code)

    os._exit = trapped  # type: ignore[assignment]
    try:
        yield
    finally:
        os._exit = real


def is_exit(error: BaseException) -> bool:
    """Whether ``error`` is user code exiting (``sys.exit``, ``os._exit``)."""
    return isinstance(error, (SystemExit, ProcessExit))


def exit_message(module: str, error: BaseException) -> tuple[str, str]:
    """Headline and fix line for ``module`` exiting while being imported."""
    if isinstance(error, ProcessExit):
        call = f"os._exit({error.code!r})"
    else:
        code = error.code if isinstance(error, SystemExit) else None
        call = f"sys.exit({code!r})" if code is not None else "sys.exit()"
    return f"importing {module} called {call}", _FIX


def closed_pipe() -> int:
    """The reader of our stdout went away (``| head -1``): exit quietly.

    stdout is pointed at ``/dev/null`` so the interpreter's final flush of
    what is still buffered cannot raise a second ``BrokenPipeError``.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    return EXIT_CLOSED_PIPE


class Terminated(BaseException):
    """SIGTERM arrived inside :func:`terminate_raises`: stop like Ctrl-C."""


@contextlib.contextmanager
def terminate_raises() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` inside the block.

    The default action would end the process on the spot: no ``finally``
    block of the user's code runs and the tool cannot say why it stopped.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stopped_by(error: BaseException) -> tuple[str, int]:
    """What stopped the tool, as words and the exit code a shell expects,
    for a ``KeyboardInterrupt`` (Ctrl-C) or :class:`Terminated`."""
    if isinstance(error, Terminated):
        return "terminated (SIGTERM)", EXIT_TERMINATED
    return "interrupted (Ctrl-C)", EXIT_INTERRUPTED
