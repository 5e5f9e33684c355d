"""What checking one experiment produced, and how a failure is worded.

Shared by both sides of ``pconfigs check``: the parent process
(``pconfigs.check``, which also reports markers that ``pconfigs.check.discovery``
failed to load) and the worker subprocess (``pconfigs.check.worker``), which
sends each ``Outcome`` back as one JSON line. A failure names the error, the
innermost frame in the project and the traceback from the first project frame
on; paths read relative to the current directory. Standard library,
``pconfigs.errors`` and ``pconfigs.exits`` only, so the worker stays cheap to
start.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from pconfigs.errors import message
from pconfigs.exits import exit_message, is_exit

__all__ = [
    "SKIPPED_DIRS",
    "Outcome",
    "display_path",
    "failure_text",
    "headline",
    "in_project",
    "project_location",
    "project_traceback",
]

# Never part of a project: discovery does not walk into them, and a file under
# one is neither purged between experiments nor named as a failure's location.
SKIPPED_DIRS = frozenset(
    {".venv", "venv", "build", "dist", "node_modules", "__pycache__"}
)


@dataclass(frozen=True)
class Outcome:
    """The result of checking one experiment (or loading one marker)."""

    name: str
    error: str = ""
    location: str = ""
    traceback: str = ""
    output: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def line(self) -> str:
        """``name ... ok`` or ``name ... FAILED: Error: message`` plus detail lines."""
        if self.ok:
            return f"{self.name} ... ok"
        first, *rest = self.error.splitlines() or [""]
        details = [*rest, f"at {self.location}" if self.location else ""]
        return "\n".join(
            [f"{self.name} ... FAILED: {first}", *(f"    {d}" for d in details if d)]
        )


# --------------------------------------------------------------------------
# Wording


def in_project(path: Path, root: Path) -> bool:
    """Whether ``path`` is a file of the project under ``root``."""
    if not path.is_absolute():  # "<frozen importlib._bootstrap>", "<string>"
        return False
    try:
        parts = Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).parts
    except ValueError:
        return False
    return bool(parts) and not any(
        p.startswith(".") or p in SKIPPED_DIRS for p in parts[:-1]
    )


def failure_text(name: str, exc: BaseException) -> str:
    """What importing ``name`` raised; exiting says so, with the fix."""
    if is_exit(exc):
        what, fix = exit_message(name, exc)
        return message(f"SystemExit: {what}", fix)
    return headline(exc)


def headline(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def project_location(exc: BaseException, root: Path) -> str:
    """``file:line, in function`` of the innermost traceback frame in the project
    (``file:line`` of a syntax error, which happens before any frame)."""
    if isinstance(exc, SyntaxError) and _syntax_location(exc, root):
        return _syntax_location(exc, root)
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if in_project(Path(frame.filename), root):
            found = (
                f"{display_path(Path(frame.filename))}:{frame.lineno}, in {frame.name}"
            )
    return found


def _syntax_location(exc: SyntaxError, root: Path) -> str:
    if exc.filename and exc.lineno and in_project(Path(exc.filename), root):
        return f"{display_path(Path(exc.filename))}:{exc.lineno}"
    return ""


def project_traceback(exc: BaseException, root: Path) -> str:
    """The traceback from the first project frame on (the checker's and
    importlib's own frames say nothing about the experiment)."""
    tb = exc.__traceback__
    while tb is not None and not in_project(Path(tb.tb_frame.f_code.co_filename), root):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))


def display_path(path: Path) -> str:
    """``path`` relative to the current directory when it lies below it."""
    try:
        return Path(os.path.realpath(path)).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
