"""Exceptions raised by pconfigs, and the helpers that word their messages.

Every error's first line stands alone in a log: the config class and field and
what is wrong. Indented lines that follow say where the value came from and
how to fix it. Each class also subclasses the builtin exception that callers
of the original design caught, so existing ``except`` clauses keep working.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import IO

from pconfigs._names import SPEC_ATTR


class PconfigsError(Exception):
    """Base class of every error pconfigs raises."""


class ConfigDefinitionError(PconfigsError, TypeError):
    """A ``@pconfig``/``@pconfiged``/``@pproperty`` declaration is invalid."""


class PropertyCycleError(ConfigDefinitionError, ValueError):
    """``@pproperty`` methods depend on each other in a cycle."""


class SelfReadError(ConfigDefinitionError, ValueError):
    """A ``@pproperty`` reads ``self.<its own name>``."""


class ConstructableTypeError(ConfigDefinitionError, ValueError):
    """A subclass of a constructing config does not say what it constructs."""


class UnknownFieldError(PconfigsError, TypeError):
    """A keyword argument names no field of the config class."""


class MissingFieldsError(PconfigsError, TypeError):
    """After merging bases and defaults, some fields still have no value."""


class BaseConfigError(PconfigsError, TypeError, ValueError):
    """A positional argument is not an accepted base config."""


class PinnedFieldError(PconfigsError, TypeError, ValueError):
    """A value was given for a ``Pinned`` field."""


class FrozenConfigError(PconfigsError, AttributeError):
    """An attribute of a frozen config was assigned or deleted, or a list,
    dict or set held by a config was changed."""


class PinnedAssignmentError(FrozenConfigError, ValueError):
    """A value was assigned to a ``Pinned`` field of a built config."""


class NotAConfigError(PconfigsError, TypeError):
    """A pconfigs function was given something that is not a config (class)."""


class DefaultsError(PconfigsError, ValueError):
    """A ``pdefaults`` registration conflicts with an earlier one."""


class RequiredValuesError(PconfigsError, ValueError):
    """A config still holds ``Required`` placeholders where values are needed."""


class OverrideError(PconfigsError, ValueError):
    """``--set``/``--sweep`` or ``derive()`` named a field that cannot be set,
    or a value that does not parse; the message lists every problem."""


class NotConfiguredError(PconfigsError, TypeError):
    """A ``@pconfiged`` class was instantiated without its config."""


class ValidationError(PconfigsError, TypeError):
    """``pconfigs.validate`` found values that do not match their annotations.

    A ``TypeError``: each mismatch is a value of the wrong type for its
    annotation (a ``Literal`` or ``Enum`` is a type too), what a static
    checker would have reported had it seen the value. ``problems`` holds one
    ``path: expected X, got Y`` line per mismatch.
    """

    problems: tuple[str, ...]

    def __init__(self, text: str, problems: list[str]) -> None:
        super().__init__(text)
        self.problems = tuple(problems)


class WrappedCallError(PconfigsError, TypeError):
    """A ``calls=``/``mocks=`` config was called with a keyword it already sets."""


class SentinelUsageError(PconfigsError, TypeError):
    """A sentinel (``Pinned``, ``Required``) was used as if it were a value."""


class PrintCycleError(PconfigsError, ValueError):
    """A config's value contains itself, so it has no finite printed form."""


class NotRebuildableError(PconfigsError, ValueError):
    """``--runnable`` printing met a value no printed code rebuilds."""


def message(headline: str, *details: str) -> str:
    """Join a headline and indented detail lines into one error message."""
    return "\n".join([headline, *(f"  {line}" for line in details if line)])


def add_note(error: BaseException, note: str) -> None:
    """Attach ``note`` to ``error`` (PEP 678; Python 3.10 keeps the note in
    ``__notes__`` but its tracebacks do not print it)."""
    if sys.version_info >= (3, 11):
        error.add_note(note)
    else:
        notes = getattr(error, "__notes__", None)
        if not isinstance(notes, list):
            notes = []
            try:
                error.__notes__ = notes  # type: ignore[attr-defined]
            except Exception:
                return  # an exception that refuses attributes keeps no note
        notes.append(note)


def describe(value: object) -> str:
    """``repr`` of a value and its type, shortened for a one-line headline."""
    if SPEC_ATTR in type(value).__dict__:
        # A config's repr spans many lines; the headline must stay one line.
        return f"{type(value).__qualname__}(...) ({type(value).__name__})"
    text = " ".join(repr(value).split("\n"))
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean "x"?)`` when a candidate is close to ``name``, else ``""``."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def join_names(names: Iterable[str]) -> str:
    """``"a", "b", "c"`` with each name quoted."""
    return ", ".join(f'"{name}"' for name in names)


def unwritable_output(error: OSError) -> str:
    """The paragraph for output the tool could not write (``> /dev/full``)."""
    return message(
        f"cannot write the output: {error.strerror or error}",
        "Fix: send the output to a file or program that can take it",
    )


class UnwritableOutput(Exception):
    """A command's output could not be written; ``str()`` is the paragraph
    the command prints after its name (not a config error: the tools'
    own)."""


def write_flushed(out: IO[str], text: str) -> None:
    """Write and flush ``text``: a full disk or a device that refuses it is
    one :class:`UnwritableOutput`, not a traceback at the interpreter's final
    flush. A closed pipe stays ``BrokenPipeError`` (the tools exit quietly)."""
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise UnwritableOutput(unwritable_output(error)) from error


def special_file(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is when it exists but is neither a folder nor a regular
    file (``"a named pipe (FIFO)"``), else ``None``. Tools refuse these:
    reading a FIFO blocks until someone writes to it, ``/dev/zero`` never
    ends."""
    import stat  # only on the paths' checks

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    kinds = [
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((kind for test, kind in kinds if test(mode)), None)


class SentinelAttributeError(PconfigsError, AttributeError):
    """An attribute was read from a sentinel (``Pinned``, ``Required``)."""


class EnvironmentVariableError(PconfigsError, ValueError):
    """A ``@penv`` class read environment variables that are unset (with no
    default) or whose text does not parse as the field's type; the message
    lists every such variable."""


class EnvironmentDefinitionError(ConfigDefinitionError):
    """A ``@penv`` class declaration is invalid (an unknown convention, an
    ``EnvVar`` without a name, a field name the class needs itself)."""


class EnumValueError(PconfigsError, ValueError):
    """``make(value)`` of a ``@penum`` enum got a value no member has."""


class SetterPathError(OverrideError, AttributeError):
    """A ``psetter`` read or assigned a path that names no settable field."""
