"""``python -m pconfigs.check [PATH...]``: import and build every experiment.

A directory holding a ``__pconfigs__.py`` marker is a config directory: each
of its modules is an experiment. The checker imports every experiment, which
builds its configs (a failing ``@pproperty`` raises from the constructor), and
then checks that the module defines at least one config and that none of its
configs still holds ``Required`` values. One line per module, then a summary::

    $ python -m pconfigs.check examples
    project.experiments.first ... ok
    project.experiments.second ... ok
    2 passed, 0 failed

Fresh state: experiments run in a worker subprocess (``sys.executable``), one
per project root. After each module the worker removes from ``sys.modules``
every module that lives under the project root, so the next experiment
re-imports the project from scratch (new config classes, no registered
defaults) while third-party imports such as ``torch`` stay warm. A worker that
dies takes only the module it was importing with it. See ``docs/check.md``.
"""

from __future__ import annotations
import __future__

import argparse
import concurrent.futures
import contextlib
import faulthandler
import importlib
import io
import itertools
import json
import math
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pconfigs.config import find_required, is_config
from pconfigs.errors import (
    PconfigsError,
    RequiredValuesError,
    did_you_mean,
    join_names,
    message,
)

__all__ = [
    "MARKER",
    "Discovery",
    "Experiment",
    "Marker",
    "MarkerError",
    "NoConfigError",
    "Outcome",
    "check_module",
    "discover",
    "discover_marker",
    "load_marker",
    "main",
    "run_checks",
]

MARKER = "__pconfigs__.py"
SKIPPED_DIRS = frozenset(
    {".venv", "venv", "build", "dist", "node_modules", "__pycache__"}
)
SKIPPED_FILES = frozenset({"conftest.py"})
MARKER_SETTINGS = ("modules", "exclude", "recursive")


class MarkerError(PconfigsError, ValueError):
    """A ``__pconfigs__.py`` marker sets something unknown or of the wrong type."""


class NoConfigError(PconfigsError, ValueError):
    """An experiment module defines no config at module level."""


# --------------------------------------------------------------------------
# What is checked: experiments, markers, outcomes


@dataclass(frozen=True)
class Experiment:
    """One experiment module: its dotted name, file and the root put on sys.path."""

    name: str
    path: Path
    root: Path


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
        modules=None
        if modules is None
        else tuple(_marker_entry(path, "modules", n, dirs=False) for n in modules),
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


def discover(paths: Sequence[Path]) -> Discovery:
    """Every experiment under ``paths`` (directories or ``.py`` files), in order.

    An explicit ``.py`` file is an experiment whether or not a marker covers it.
    """
    walker = _Walker(nested_markers=True)
    for path in paths:
        path = path.resolve()
        if path.name == MARKER:  # the marker stands for its directory
            path = path.parent
        if path.is_file():
            walker.add(path)
        else:
            walker.walk(path, walker.inherited_recursion(path))
    return walker.discovery


def discover_marker(marker: Path) -> Discovery:
    """The experiments one marker governs: subdirectories with a marker of their
    own are left to that marker (the pytest plugin collects each separately)."""
    walker = _Walker(nested_markers=False)
    walker.walk(marker.resolve().parent, inherited=False)
    return walker.discovery


class _Walker:
    def __init__(self, *, nested_markers: bool) -> None:
        self.nested_markers = nested_markers
        self.discovery = Discovery()
        self.excluded: set[Path] = set()
        self.seen: set[Path] = set()
        self.markers: dict[Path, Marker | None] = {}

    def walk(self, directory: Path, inherited: bool) -> None:
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
                marker: Marker | None = load_marker(marker_path)
            except Exception as exc:
                self.discovery.failures.append(_marker_failure(marker_path, exc))
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
        if path in self.seen:
            return
        self.seen.add(path)
        root = project_root(path.parent)
        name = _relative_name(path, root)
        if all(part.isidentifier() for part in name.split(".")):
            self.discovery.experiments.append(Experiment(name, path, root))
        else:
            self.discovery.failures.append(
                Outcome(
                    display_path(path),
                    error=f'ModuleNotFoundError: "{name}" is not an importable '
                    "module name (use letters, digits and underscores)",
                )
            )


def project_root(directory: Path) -> Path:
    """The directory put on ``sys.path`` for experiments in ``directory``.

    Inside a package: the parent of the top package (the first directory up
    without ``__init__.py``). A plain directory is taken as a namespace package
    of the nearest enclosing project (``pyproject.toml``, ``setup.py``,
    ``setup.cfg`` or ``.git``), as if run from that project's root; without
    one, the directory itself.
    """
    top = directory
    while (top / "__init__.py").is_file() and top.parent != top:
        top = top.parent
    if top != directory:
        return top
    for ancestor in [directory, *directory.parents]:
        if any((ancestor / name).exists() for name in _PROJECT_FILES):
            parts = directory.relative_to(ancestor).parts
            return ancestor if all(p.isidentifier() for p in parts) else directory
    return directory


_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg", ".git")


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
    error = _headline(exc)
    if isinstance(exc, ImportError) and any(n in error for n in _ORIGINAL_MARKER):
        error = message(
            error,
            "Markers here are plain settings: modules = [...], recursive = True "
            "(see docs/check.md)",
        )
    return Outcome(
        display_path(path),
        error=error,
        location=_location(exc, path.parent) or display_path(path),
        traceback=_format_traceback(exc, path.parent),
    )


# The original design's marker calls; importing them is the likeliest mistake
# when moving a config directory over.
_ORIGINAL_MARKER = ("TestConfigs", "TestSubdirs", "TestManually")


# --------------------------------------------------------------------------
# Running the checks in worker subprocesses


def run_checks(
    experiments: Sequence[Experiment], jobs: int = 1, timeout: float | None = None
) -> Iterator[Outcome]:
    """Check each experiment in fresh state; yield outcomes in the given order.

    ``jobs`` workers run side by side, each on a contiguous share of the list;
    outcomes are still yielded in order, each as soon as it and all before it
    are known. A module still importing after ``timeout`` seconds fails and
    its worker is replaced.
    """
    chunks = _chunks(experiments, max(1, jobs))
    if jobs <= 1:
        for root, chunk in chunks:
            yield from _run_batch(root, chunk, timeout)
        return
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        queues = [_start_chunk(pool, root, chunk, timeout) for root, chunk in chunks]
        for results, (_, chunk) in zip(queues, chunks, strict=True):
            for _ in chunk:
                result = results.get()
                if isinstance(result, BaseException):
                    raise result
                yield result


def _chunks(
    experiments: Sequence[Experiment], jobs: int
) -> list[tuple[Path, list[Experiment]]]:
    """Contiguous runs of one project root, each at most ``len / jobs`` long."""
    size = max(1, -(-len(experiments) // jobs))
    chunks: list[tuple[Path, list[Experiment]]] = []
    for experiment in experiments:
        if not chunks or chunks[-1][0] != experiment.root or len(chunks[-1][1]) == size:
            chunks.append((experiment.root, []))
        chunks[-1][1].append(experiment)
    return chunks


def _start_chunk(
    pool: concurrent.futures.Executor,
    root: Path,
    chunk: list[Experiment],
    timeout: float | None,
) -> queue.SimpleQueue[Outcome | BaseException]:
    results: queue.SimpleQueue[Outcome | BaseException] = queue.SimpleQueue()

    def fill() -> None:
        try:
            for outcome in _run_batch(root, chunk, timeout):
                results.put(outcome)
        except BaseException as exc:  # handed to the consuming thread
            results.put(exc)

    pool.submit(fill)
    return results


def _run_batch(
    root: Path, batch: list[Experiment], timeout: float | None = None
) -> Iterator[Outcome]:
    pending = list(batch)
    while pending:
        with tempfile.TemporaryFile() as worker_stderr:
            process = _start_worker(root, [e.name for e in pending], worker_stderr)
            lines = _read_lines(process)
            stuck = False
            try:
                while pending:
                    try:
                        line = lines.get(timeout=timeout)
                    except queue.Empty:
                        stuck = True
                        break
                    if line is None:
                        break
                    yield Outcome(**json.loads(line))
                    pending.pop(0)
            finally:
                if pending and process.poll() is None:
                    process.kill()  # stuck, or the caller stopped early (-x, Ctrl-C)
                returncode = process.wait()
            if pending:
                worker_stderr.seek(0)
                yield _worker_failed(
                    pending.pop(0),
                    f"TimeoutError: still importing after {timeout:g} s; "
                    "the check process was stopped"
                    if stuck and timeout is not None
                    else f"WorkerDied: the check process {_how_it_ended(returncode)} "
                    "while importing this module",
                    worker_stderr.read(),
                )


def _read_lines(process: subprocess.Popen[str]) -> queue.SimpleQueue[str | None]:
    """The worker's result lines, read by a thread so waiting can time out."""
    lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()

    def read() -> None:
        assert process.stdout is not None
        with process.stdout:
            for line in process.stdout:
                lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _start_worker(
    root: Path, names: list[str], worker_stderr: IO[bytes]
) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", _WORKER_SCRIPT, _pconfigs_path_entry()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=worker_stderr,
        text=True,
        encoding="utf-8",
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps({"root": str(root), "modules": names}))
    process.stdin.close()
    return process


# `-c` puts the current directory first on sys.path; the worker replaces it
# with the entry the parent found pconfigs under (if any), so only the project
# root, never the caller's cwd, makes the experiments importable.
_WORKER_SCRIPT = """\
import sys
if sys.argv[1]:
    sys.path[0] = sys.argv[1]
else:
    del sys.path[0]
from pconfigs.check import _worker_main
_worker_main()
"""


def _pconfigs_path_entry() -> str:
    package_parent = str(Path(__file__).resolve().parent.parent)
    entries = {str(Path(p or ".").resolve()): p for p in sys.path}
    return package_parent if package_parent in entries else ""


def _how_it_ended(returncode: int) -> str:
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"was killed by {signal.Signals(-returncode).name}"
    return f"exited with code {returncode}"


def _worker_failed(experiment: Experiment, headline: str, stderr: bytes) -> Outcome:
    text = stderr.decode("utf-8", "replace")
    # faulthandler's report starts with the innermost frame: keep its top.
    fatal = text.rfind("Fatal Python error")
    lines = text[fatal:].splitlines()[:6] if fatal >= 0 else text.splitlines()[-5:]
    return Outcome(
        experiment.name,
        error=message(
            headline,
            *(line.rstrip() for line in lines),
        ),
        location=display_path(experiment.path),
    )


# --------------------------------------------------------------------------
# Inside the worker


def _worker_main() -> None:
    # The protocol gets its own copy of stdout; fd 1 then points at stderr so
    # nothing an experiment prints (even from C code) corrupts a result line.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    faulthandler.enable()  # a segfault's stack ends up in the failure text
    job = json.load(sys.stdin)
    root = Path(job["root"])
    sys.path.insert(0, str(root))
    state = _ProcessState.capture()
    for name in job["modules"]:
        outcome = check_module(name, root)
        protocol.write(json.dumps(outcome.__dict__) + "\n")
        protocol.flush()
        state.restore(root)
    # Threads an experiment started, and its atexit hooks, must not keep the
    # checker waiting.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


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


def check_module(name: str, root: Path) -> Outcome:
    """Import one experiment and check its configs, in this process."""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            module = importlib.import_module(name)
            _check_configs(module, root)
    except (Exception, SystemExit) as exc:
        file = getattr(sys.modules.get(name), "__file__", None)
        return Outcome(
            name,
            error=_headline(exc),
            location=_location(exc, root) or (display_path(Path(file)) if file else ""),
            traceback=_format_traceback(exc, root),
            output=captured.getvalue(),
        )
    return Outcome(name, output=captured.getvalue())


def _check_configs(module: types.ModuleType, root: Path) -> None:
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
    required = [
        f"{attr}.{path}" for attr, config in configs for path in find_required(config)
    ]
    if required:
        raise RequiredValuesError(
            message(
                f"{module.__name__} still holds Required values: {join_names(required)}",
                "Fix: give them values; a template meant only to be derived from "
                'belongs under a name starting with "_"',
            )
        )


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
        if is_config(value)
    }
    return [
        (attr, value)
        for attr, value in vars(module).items()
        if not attr.startswith("_") and is_config(value) and id(value) not in borrowed
    ]


def _project_modules(root: Path) -> dict[str, types.ModuleType]:
    """Imported modules whose files lie under the project root."""
    tops: dict[str, bool] = {}
    found = {}
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        if top not in tops:
            tops[top] = (root / top).is_dir() or (root / f"{top}.py").is_file()
        if tops[top] and _is_project_module(module, root):
            found[name] = module
    return found


def _is_project_module(module: object, root: Path) -> bool:
    file = getattr(module, "__file__", None)
    locations = [file] if file else list(getattr(module, "__path__", []) or [])
    return any(_in_project(Path(p), root) for p in locations)


def _in_project(path: Path, root: Path) -> bool:
    if not path.is_absolute():  # "<frozen importlib._bootstrap>", "<string>"
        return False
    try:
        parts = Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).parts
    except ValueError:
        return False
    return bool(parts) and not any(
        p.startswith(".") or p in SKIPPED_DIRS for p in parts[:-1]
    )


# --------------------------------------------------------------------------
# Wording


def _headline(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _location(exc: BaseException, root: Path) -> str:
    """``file:line, in function`` of the innermost traceback frame in the project."""
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if _in_project(Path(frame.filename), root):
            found = (
                f"{display_path(Path(frame.filename))}:{frame.lineno}, in {frame.name}"
            )
    return found


def _format_traceback(exc: BaseException, root: Path) -> str:
    """The traceback from the first project frame on (the checker's and
    importlib's own frames say nothing about the experiment)."""
    tb = exc.__traceback__
    while tb is not None and not _in_project(
        Path(tb.tb_frame.f_code.co_filename), root
    ):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))


def display_path(path: Path) -> str:
    """``path`` relative to the current directory when it lies below it."""
    try:
        return Path(os.path.realpath(path)).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------
# Command line


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run ``pconfigs check``; return the exit code (0 all ok, 1 any failure, 2 usage)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    args = _parse_args(argv, out, err)
    if isinstance(args, int):
        return args
    paths = [Path(p) for p in args.paths]
    for path in paths:
        problem = _path_problem(path)
        if problem:
            err.write(f"pconfigs check: error: {problem}: {path}\n")
            return 2
    discovery = discover(paths)
    if not discovery.experiments and not discovery.failures:
        err.write(_nothing_found(args.paths))
        return 1
    outcomes = itertools.chain(
        discovery.failures, run_checks(discovery.experiments, args.jobs, args.timeout)
    )
    return 1 if _report(outcomes, out, args.traceback) else 0


def _path_problem(path: Path) -> str:
    if not path.exists():
        return "no such file or directory"
    if path.is_file() and path.suffix != ".py":
        return "not a directory or a Python file"
    return ""


def _report(outcomes: Iterable[Outcome], out: IO[str], tracebacks: bool) -> int:
    """Print each outcome as it arrives, then the summary; return the failures."""
    passed = failed = 0
    for outcome in outcomes:
        out.write(outcome.line() + "\n")
        if tracebacks and not outcome.ok and outcome.traceback:
            out.write(_indent(outcome.traceback))
        out.flush()
        passed, failed = passed + outcome.ok, failed + (not outcome.ok)
    out.write(f"{passed} passed, {failed} failed\n")
    return failed


def _parse_args(
    argv: Sequence[str] | None, out: IO[str], err: IO[str]
) -> argparse.Namespace | int:
    parser = argparse.ArgumentParser(
        prog="pconfigs check",
        description="Import every experiment module under PATH and build its configs.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="directories to search for __pconfigs__.py markers, or experiment "
        "files (default: the current directory)",
    )
    parser.add_argument(
        "--traceback", action="store_true", help="show the full traceback of failures"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="run N workers side by side (default: 1)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="fail a module still importing after SECONDS (default: no limit)",
    )
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < math.inf:
        raise argparse.ArgumentTypeError(f"expected seconds > 0, got {text!r}")
    return seconds


def _nothing_found(paths: Sequence[str]) -> str:
    return (
        message(
            f"pconfigs check: no experiment modules found under {', '.join(paths)}",
            f"A directory is checked when it holds a {MARKER} marker (see docs/check.md).",
        )
        + "\n"
    )


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines())


if __name__ == "__main__":
    sys.exit(main())
