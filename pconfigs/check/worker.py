"""Inside the worker subprocess of ``pconfigs check``: import and check experiments.

``pconfigs.check`` starts the worker (``sys.executable``), writes it one job as
JSON on stdin (the project root and the dotted names of the experiments) and
reads back one JSON ``Outcome`` per experiment, in order, on stdout. The worker
imports each experiment, which builds its configs (a failing ``@pproperty``
raises from the constructor), and then checks that the module defines at least
one config of its own (each point of a module-level sweep counts), that none
of its configs still holds ``Required`` values, and that importing it again
builds equal configs (``pconfigs.check.reproducible``).

Fresh state: after each experiment the worker removes from ``sys.modules``
every module that lives under the project root, so the next experiment
re-imports the project from scratch (new config classes, no registered
defaults) while third-party imports such as ``torch`` stay warm. This module
imports only what a check needs, so a worker is cheap to start.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import io
import json
import os
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pconfigs.check.outcome import (
    Outcome,
    display_path,
    failure_text,
    headline,
    in_project,
    project_location,
    project_traceback,
)
from pconfigs.check.reproducible import differences, not_reproducible
from pconfigs.config import find_required, is_config
from pconfigs.errors import PconfigsError, RequiredValuesError, join_names, message
from pconfigs.exits import exits_trapped
from pconfigs.sweeps import key_suffix, sweep_items
from pconfigs.validation import validate

__all__ = ["NoConfigError", "check_module", "worker_main"]


class NoConfigError(PconfigsError, ValueError):
    """An experiment module defines no config at module level."""


def worker_main() -> None:
    """Run the job on stdin; one result line per experiment on stdout."""
    # The protocol gets its own copy of stdout; fd 1 then points at stderr so
    # nothing an experiment prints (even from C code) corrupts a result line.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    faulthandler.enable()  # a segfault's stack ends up in the failure text
    job = json.load(sys.stdin)
    root = Path(job["root"])
    sys.path.insert(0, str(root))
    if job.get("folder"):
        sys.path.insert(0, job["folder"])
    state = _ProcessState.capture()
    sets = job.get("sets", [])
    doing = "starting"
    try:
        for name in job["modules"]:
            doing = f"while checking {name}"
            outcome = check_module(name, root, sets)
            protocol.write(json.dumps(outcome.__dict__) + "\n")
            protocol.flush()
            doing = f"while cleaning up after {name}"
            state.restore(root)
    except BaseException as exc:  # reported as itself, not as a dead worker
        protocol.write(json.dumps({"crash": f"{headline(exc)} {doing}"}) + "\n")
        protocol.flush()
        _exit(1)
    _exit(0)


def _exit(code: int) -> None:
    # Threads an experiment started, and its atexit hooks, must not keep the
    # checker waiting.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


@dataclass
class _ProcessState:
    """What the worker resets between experiments."""

    modules: frozenset[str]
    path: list[str]
    cwd: str

    @classmethod
    def capture(cls) -> _ProcessState:
        return cls(frozenset(sys.modules), list(sys.path), os.getcwd())

    def restore(self, root: Path) -> None:
        # Project modules go, so the next experiment rebuilds its config
        # classes from scratch (and registers its defaults again); third-party
        # modules stay warm.
        for name in _project_modules(root):
            if name not in self.modules:
                del sys.modules[name]
        sys.path[:] = self.path
        os.chdir(self.cwd)


def check_module(name: str, root: Path, sets: Sequence[str] = ()) -> Outcome:
    """Import one experiment and check its configs, in this process.

    ``sets`` (``--set PATH=VALUE`` texts) apply to each own config first.
    """
    captured = io.StringIO()
    try:
        with (
            contextlib.redirect_stdout(captured),
            contextlib.redirect_stderr(captured),
            exits_trapped(),
        ):
            module = importlib.import_module(name)
            configs = _check_configs(module, root, sets)
            _check_reproducible(module, root, configs)
    except BaseException as exc:  # exiting or KeyboardInterrupt at import fail too
        file = getattr(sys.modules.get(name), "__file__", None)
        return Outcome(
            name,
            error=failure_text(name, exc),
            location=project_location(exc, root)
            or (display_path(Path(file)) if file else ""),
            traceback=project_traceback(exc, root),
            output=captured.getvalue(),
        )
    return Outcome(name, output=captured.getvalue())


def _check_configs(
    module: types.ModuleType, root: Path, sets: Sequence[str] = ()
) -> list[tuple[str, Any]]:
    configs = _own_configs(module, root)
    if not configs:
        raise NoConfigError(
            message(
                f"{module.__name__} defines no config at module level",
                "Fix: assign the experiment's config to a module-level name "
                "(config = TrainerConfig(...)); helper modules belong in files "
                'named "_*.py" or out of the marker\'s "modules"',
            )
        )
    checked = _overridden(configs, sets) if sets else configs
    for attr, config in checked:
        validate(config, name=attr)
    required = [
        f"{attr}.{path}" for attr, config in checked for path in find_required(config)
    ]
    if required:
        raise RequiredValuesError(
            message(
                f"{module.__name__} still holds Required values: {join_names(required)}",
                "Fix: give them values; a template meant only to be derived from "
                'belongs under a name starting with "_"',
            )
        )
    return configs


def _overridden(
    configs: list[tuple[str, Any]], sets: Sequence[str]
) -> list[tuple[str, Any]]:
    from pconfigs.overrides import apply_overrides, parse_assignments

    return [
        (label, apply_overrides(config, parse_assignments(config, sets)))
        for label, config in configs
    ]


def _check_reproducible(
    module: types.ModuleType, root: Path, configs: list[tuple[str, Any]]
) -> None:
    """Import the experiment again in this process and compare its configs.

    Only the experiment module is imported again, so classes and registered
    defaults are shared; if that fails (the module registers defaults
    itself), the whole project is imported afresh.
    """
    name = module.__name__
    del sys.modules[name]
    try:
        again = importlib.import_module(name)
    except Exception:
        for project_module in _project_modules(root):
            sys.modules.pop(project_module, None)
        again = importlib.import_module(name)
    second = dict(_own_configs(again, root))
    found: list[str] = []
    for label, config in configs:
        if label in second:
            found.extend(differences(config, second[label], label))
        else:
            found.append(f"{label}: missing the second time")
    if found:
        raise not_reproducible(name, found)


def _own_configs(module: types.ModuleType, root: Path) -> list[tuple[str, Any]]:
    """Public module-level configs, minus those imported from other project modules.

    The module's parent packages do not count as "other": a package that
    re-exports its experiments' configs imported them from the experiment.
    """
    parts = module.__name__.split(".")
    parents = {".".join(parts[:i]) for i in range(1, len(parts))}
    borrowed = {
        id(value)
        for name, other in _project_modules(root).items()
        if other is not module and name not in parents
        for value in vars(other).values()
        if is_config(value) or isinstance(value, (list, tuple, dict))
    }
    found: list[tuple[str, Any]] = []
    for attr, value in vars(module).items():
        if attr.startswith("_") or id(value) in borrowed:
            continue
        if is_config(value):
            found.append((attr, value))
            continue
        # A sweep: each point is checked, named like sweep[0] or sweep["key"].
        points = sweep_items(value)
        for key, config in points or ():
            found.append((attr + key_suffix(key), config))
    return found


def _project_modules(root: Path) -> dict[str, types.ModuleType]:
    """Imported modules whose files lie under the project root."""
    tops: dict[str, bool] = {}
    found = {}
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        if top not in tops:
            tops[top] = _top_level_here(top, root)
        if tops[top] and _is_project_module(module, root):
            found[name] = module
    return found


def _top_level_here(top: str, root: Path) -> bool:
    """Whether top-level module ``top`` may come from the project (from the
    root, or from an experiment folder that is not a Python name, which
    ``worker_main`` put first on ``sys.path``)."""
    if (root / top).is_dir() or (root / f"{top}.py").is_file():
        return True
    folder = sys.path[0]
    return folder != str(root) and Path(folder, f"{top}.py").is_file()


def _is_project_module(module: object, root: Path) -> bool:
    file = getattr(module, "__file__", None)
    locations = [file] if file else list(getattr(module, "__path__", []) or [])
    return any(in_project(Path(p), root) for p in locations)
