"""Finding experiments: ``__pconfigs__.py`` markers and the walk over paths.

A directory holding a ``__pconfigs__.py`` marker is a config directory: each
of its modules is an experiment. A marker is plain Python whose public names
are its settings: ``modules`` (only these), ``exclude`` (never these modules
or subdirectories) and ``recursive`` (every subdirectory too, unless it has a
marker of its own). Without a marker a directory is still searched for
markers further down. See ``docs/check.md``.

``discover(paths)`` finds what ``pconfigs check`` checks; ``discover_marker``
finds one marker's share, which the pytest plugin collects. Each experiment
comes with the project root put on ``sys.path`` to import it by its dotted
name. A marker that fails to load is a failed ``Outcome``, reported and
counted like an experiment.
"""

from __future__ import annotations
import __future__

import json
import os
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pconfigs.check.children import Child, how_it_ended
from pconfigs.check.outcome import (
    SKIPPED_DIRS,
    Outcome,
    display_path,
    failure_text,
    project_location,
    project_traceback,
)
from pconfigs.errors import (
    PconfigsError,
    did_you_mean,
    join_names,
    message,
    special_file,
)
from pconfigs.exits import exits_trapped

__all__ = [
    "MARKER",
    "Discovery",
    "Experiment",
    "Marker",
    "MarkerError",
    "discover",
    "discover_marker",
    "load_marker",
    "project_root",
    "serve_markers",
]

MARKER = "__pconfigs__.py"
SKIPPED_FILES = frozenset({"conftest.py"})
MARKER_SETTINGS = ("modules", "exclude", "recursive")


class MarkerError(PconfigsError, ValueError):
    """A ``__pconfigs__.py`` marker sets something unknown or of the wrong type."""


@dataclass(frozen=True)
class Experiment:
    """One experiment module: its dotted name, file and the root put on sys.path."""

    name: str
    path: Path
    root: Path
    # A folder whose name is not a Python name (``2024-05-lr-sweep/``): its
    # modules are imported by their own names from it, ahead of ``root``.
    folder: Path | None = None


@dataclass(frozen=True)
class Marker:
    """A validated ``__pconfigs__.py``: which files to check, what to skip."""

    path: Path
    modules: tuple[Path, ...] | None
    exclude: frozenset[Path]
    recursive: bool


@dataclass
class Discovery:
    """Experiments to check, in path order, and markers that failed to load."""

    experiments: list[Experiment] = field(default_factory=list)
    failures: list[Outcome] = field(default_factory=list)


# --------------------------------------------------------------------------
# Markers


def load_marker(path: Path) -> Marker:
    """Run a marker file and validate its settings.

    Any exception the marker raises propagates; a setting that is unknown, of
    the wrong type or names a module that does not exist is a ``MarkerError``.
    """
    namespace: dict[str, Any] = {"__name__": "__pconfigs__", "__file__": str(path)}
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, namespace)
    settings = _marker_settings(path, namespace)
    modules = settings.get("modules")
    return Marker(
        path=path,
        modules=(
            None
            if modules is None
            else tuple(_marker_entry(path, "modules", n, dirs=False) for n in modules)
        ),
        exclude=frozenset(
            _marker_entry(path, "exclude", n, dirs=True)
            for n in settings.get("exclude", ())
        ),
        recursive=settings.get("recursive", False),
    )


def _marker_settings(path: Path, namespace: dict[str, Any]) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for name, value in namespace.items():
        if name.startswith("_") or isinstance(
            value, (types.ModuleType, __future__._Feature)
        ):
            continue
        if name not in MARKER_SETTINGS:
            raise MarkerError(
                message(
                    f'Unknown setting "{name}" in {display_path(path)}'
                    f"{did_you_mean(name, MARKER_SETTINGS)}",
                    f"Known settings: {join_names(MARKER_SETTINGS)}",
                )
            )
        settings[name] = value
    for name in ("modules", "exclude"):
        if name in settings:
            _require_names(path, name, settings[name])
    if "recursive" in settings and not isinstance(settings["recursive"], bool):
        raise _wrong_type(path, "recursive", "True or False", settings["recursive"])
    return settings


def _require_names(path: Path, setting: str, value: object) -> None:
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(item, str) for item in value
    ):
        raise _wrong_type(path, setting, "a list of module names", value)


def _wrong_type(path: Path, setting: str, expected: str, value: object) -> MarkerError:
    return MarkerError(
        f'"{setting}" in {display_path(path)} must be {expected}, '
        f"got {value!r} ({type(value).__name__})"
    )


def _marker_entry(marker: Path, setting: str, name: str, *, dirs: bool) -> Path:
    """``"sub.exp"`` in a marker → ``<marker dir>/sub/exp.py`` (or ``sub/`` for exclude)."""
    directory = marker.parent
    parts = name.split(".")
    target = directory.joinpath(*parts)
    if all(p.isidentifier() for p in parts):
        if target.with_suffix(".py").is_file():
            return target.with_suffix(".py")
        if dirs and target.is_dir():
            return target
    candidates = [_relative_name(p, directory) for p in _candidate_files(directory)]
    raise MarkerError(
        message(
            f'"{setting}" in {display_path(marker)} lists "{name}", which is not a '
            f"module in {display_path(directory)}{did_you_mean(name, candidates)}",
            "Entries are module names relative to the marker's directory, "
            'e.g. "first" or "sub.first"',
        )
    )


# --------------------------------------------------------------------------
# Discovery


def discover(paths: Sequence[Path], timeout: float | None = None) -> Discovery:
    """Every experiment under ``paths`` (directories or ``.py`` files), in order.

    An explicit ``.py`` file is an experiment whether or not a marker covers it.
    Markers run in a child process; one still running after ``timeout``
    seconds fails.
    """
    with _MarkerRunner(timeout) as runner:
        walker = _Walker(runner, nested_markers=True)
        for path in paths:
            path = path.resolve()
            if path.name == MARKER:  # the marker stands for its directory
                path = path.parent
            if path.is_file():
                walker.add(path)
            else:
                walker.walk(path, walker.inherited_recursion(path))
    return walker.discovery


def discover_marker(marker: Path, timeout: float | None = None) -> Discovery:
    """The experiments one marker governs: subdirectories with a marker of their
    own are left to that marker (the pytest plugin collects each separately)."""
    with _MarkerRunner(timeout) as runner:
        walker = _Walker(runner, nested_markers=False)
        walker.walk(marker.resolve().parent, inherited=False)
    return walker.discovery


# --------------------------------------------------------------------------
# Running markers in a child process


class _MarkerFailed(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.error)
        self.outcome = outcome


class _MarkerRunner:
    """Loads markers in a child process, like experiments: a marker that
    exits, crashes or hangs fails alone and never takes the checker along."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.child: Child | None = None

    def __enter__(self) -> _MarkerRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.child is not None:
            self.child.stop()

    def load(self, path: Path) -> Marker:
        """The validated marker; :class:`_MarkerFailed` says why not."""
        if self.child is None:
            # What a marker prints reaches the terminal, as it always did.
            self.child = Child("pconfigs.check.discovery", "serve_markers", None)
        self.child.send(str(path) + "\n")
        line = self.child.line(self.timeout)
        if line is None:
            raise _MarkerFailed(self._child_failed(path, self.child))
        reply = json.loads(line)
        if "error" in reply:
            raise _MarkerFailed(Outcome(**reply))
        return Marker(
            path=path,
            modules=None
            if reply["modules"] is None
            else tuple(map(Path, reply["modules"])),
            exclude=frozenset(map(Path, reply["exclude"])),
            recursive=reply["recursive"],
        )

    def _child_failed(self, path: Path, child: Child) -> Outcome:
        returncode = child.stop()
        self.child = None
        if child.timed_out and self.timeout is not None:
            error = (
                f"TimeoutError: still running after {self.timeout:g} s; "
                "the check process was stopped"
            )
        else:
            error = (
                f"WorkerDied: the check process {how_it_ended(returncode)} "
                "while running this marker"
            )
        return Outcome(display_path(path), error=error, location=display_path(path))


def serve_markers() -> None:
    """In the marker child: load each marker path read from stdin, reply with
    one JSON line (the settings, or the failed ``Outcome``)."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # what a marker prints cannot corrupt a reply
    for line in sys.stdin:
        path = Path(line.rstrip("\n"))
        try:
            with exits_trapped():
                marker = load_marker(path)
            reply: dict[str, Any] = {
                "modules": None
                if marker.modules is None
                else [str(p) for p in marker.modules],
                "exclude": [str(p) for p in marker.exclude],
                "recursive": marker.recursive,
            }
        except BaseException as exc:  # exiting at import is a failure too
            reply = _marker_failure(path, exc).__dict__
        protocol.write(json.dumps(reply) + "\n")
        protocol.flush()
    protocol.close()
    os._exit(0)


# --------------------------------------------------------------------------
# Walking


class _Walker:
    def __init__(self, runner: _MarkerRunner, *, nested_markers: bool) -> None:
        self.runner = runner
        self.nested_markers = nested_markers
        self.discovery = Discovery()
        self.excluded: set[Path] = set()
        self.seen: set[Path] = set()
        self.walked: set[Path] = set()
        self.markers: dict[Path, Marker | None] = {}

    def walk(self, directory: Path, inherited: bool) -> None:
        real = Path(os.path.realpath(directory))
        if real in self.walked:  # a symlink cycle, or a second link to it
            return
        self.walked.add(real)
        marker_path = directory / MARKER
        recursive = inherited
        if marker_path.is_file():
            marker = self.load(marker_path)
            recursive = marker is not None and marker.recursive
            if marker is not None:
                chosen = marker.modules
                self.add_all(_candidate_files(directory) if chosen is None else chosen)
        elif inherited:
            self.add_all(_candidate_files(directory))
        for sub in _subdirectories(directory):
            if sub in self.excluded:
                continue
            if not self.nested_markers and (sub / MARKER).is_file():
                continue
            self.walk(sub, recursive)

    def load(self, marker_path: Path) -> Marker | None:
        """The validated marker, or None after recording why it failed (once)."""
        if marker_path not in self.markers:
            try:
                marker: Marker | None = self.runner.load(marker_path)
            except _MarkerFailed as failed:
                self.discovery.failures.append(failed.outcome)
                marker = None
            self.markers[marker_path] = marker
            if marker is not None:
                self.excluded |= marker.exclude
        return self.markers[marker_path]

    def inherited_recursion(self, directory: Path) -> bool:
        """Whether the nearest marker above ``directory`` recurses into it."""
        for ancestor in directory.parents:
            if (ancestor / MARKER).is_file():
                marker = self.load(ancestor / MARKER)
                if marker is None or not marker.recursive:
                    return False
                return not any(
                    p == directory or p in directory.parents for p in marker.exclude
                )
        return False

    def add_all(self, files: Sequence[Path]) -> None:
        for path in files:
            if path not in self.excluded and self.excluded.isdisjoint(path.parents):
                self.add(path)

    def add(self, path: Path) -> None:
        real = Path(os.path.realpath(path))
        if real in self.seen:  # the same file reached through a symlink
            return
        self.seen.add(real)
        kind = special_file(path)
        if kind:  # Python's importer would not find it; reading it might block
            self.discovery.failures.append(_not_a_file(path, kind))
            return
        folder = path.parent
        if folder.name.isidentifier() or (folder / "__init__.py").is_file():
            root = project_root(folder)
            experiment = Experiment(_relative_name(path, root), path, root)
        else:
            experiment = Experiment(
                path.stem, path, project_root(folder.parent), folder
            )
        bad = [p for p in experiment.name.split(".") if not p.isidentifier()]
        if bad:
            self.discovery.failures.append(_not_importable(experiment, bad[0]))
        else:
            self.discovery.experiments.append(experiment)


def project_root(directory: Path) -> Path:
    """The directory put on ``sys.path`` for experiments in ``directory``.

    Inside a package: the parent of the top package (the first directory up
    without ``__init__.py``); a folder without ``__init__.py`` inside a package
    is a namespace subpackage of it. A plain directory is taken as a namespace package
    of the nearest enclosing project (``pyproject.toml``, ``setup.py``,
    ``setup.cfg`` or ``.git``), as if run from that project's root; without
    one, the directory itself.
    """
    top = directory
    while top.parent != top and _in_package(top):
        top = top.parent
    if top != directory:
        return top
    for ancestor in [directory, *directory.parents]:
        if any((ancestor / name).exists() for name in _PROJECT_FILES):
            parts = directory.relative_to(ancestor).parts
            return ancestor if all(p.isidentifier() for p in parts) else directory
    return directory


def _in_package(directory: Path) -> bool:
    """A package, or a namespace folder inside one (imported as a subpackage)."""
    return (directory / "__init__.py").is_file() or (
        directory.name.isidentifier() and (directory.parent / "__init__.py").is_file()
    )


_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg", ".git")


def _not_importable(experiment: Experiment, part: str) -> Outcome:
    is_file = part == experiment.name.rpartition(".")[2]
    what = "file" if is_file else "folder"
    named = experiment.path if is_file else _folder_named(experiment.path, part)
    return Outcome(
        display_path(experiment.path),
        error=message(
            f'ModuleNotFoundError: "{experiment.name}" cannot be imported: the '
            f'{what} name "{part}" is not a Python name',
            f"Fix: rename {display_path(named)} (letters, digits and underscores, "
            "not starting with a digit), or exclude it in the marker",
        ),
    )


def _not_a_file(path: Path, kind: str) -> Outcome:
    shown = display_path(path)
    return Outcome(
        shown,
        error=message(
            f"ModuleNotFoundError: {shown} is {kind}, not a Python file",
            "Fix: remove it, or rename it so that its name does not end in .py",
        ),
    )


def _folder_named(path: Path, part: str) -> Path:
    return next(p for p in path.parents if p.name == part)


def _candidate_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.glob("*.py")
        if not p.name.startswith(("_", ".")) and p.name not in SKIPPED_FILES
    )


def _subdirectories(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name not in SKIPPED_DIRS
    )


def _relative_name(path: Path, root: Path) -> str:
    return ".".join(path.with_suffix("").relative_to(root).parts)


def _marker_failure(path: Path, exc: BaseException) -> Outcome:
    error = failure_text(display_path(path), exc)
    if isinstance(exc, ImportError) and any(n in error for n in _ORIGINAL_MARKER):
        error = message(
            error,
            "Markers here are plain settings: modules = [...], recursive = True "
            "(see docs/check.md)",
        )
    return Outcome(
        display_path(path),
        error=error,
        location=project_location(exc, path.parent) or display_path(path),
        traceback=project_traceback(exc, path.parent),
    )


# The original design's marker calls; importing them is the likeliest mistake
# when moving a config directory over.
_ORIGINAL_MARKER = ("TestConfigs", "TestSubdirs", "TestManually")
