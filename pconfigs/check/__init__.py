"""``pconfigs check``: import and build every experiment (docs/check.md).

``main`` is the command line and ``run_checks`` runs experiments in worker
subprocesses (``command``); ``discovery`` finds the experiments, ``worker``
runs inside each worker, ``outcome`` words the results and ``pytest_plugin``
makes every experiment a pytest test.

The two entry points load lazily: a worker imports ``pconfigs.check.worker``
and must not pay for the command line's imports on every start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pconfigs.check.command import main, run_checks

__all__ = ["main", "run_checks"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pconfigs.check import command

        return getattr(command, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
