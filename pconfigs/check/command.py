"""``python -m pconfigs.check [PATH...]``: import and build every experiment.

Finds the experiments under each ``PATH`` (``pconfigs.check.discovery``: config
directories marked by ``__pconfigs__.py``), checks them in worker
subprocesses (``pconfigs.check.worker``: each experiment imported and its
configs built, in fresh state) and prints one line per module, then a
summary::

    $ python -m pconfigs.check examples
    project.experiments.first ... ok
    project.experiments.second ... ok
    2 passed, 0 failed

This module runs the workers and is the command line. Workers are started
with ``sys.executable``, one per project root (``-j N``: N side by side, each
on a contiguous share); outcomes are reported in order as they arrive. A
worker that dies, or is stopped after ``--timeout``, takes only the module it
was importing with it; a new worker goes on with the rest. See
``docs/check.md``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import itertools
import json
import math
import queue
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from pconfigs.check.children import Child, allow_children, how_it_ended, stop_all
from pconfigs.check.discovery import MARKER, Experiment, discover
from pconfigs.check.outcome import Outcome, display_path
from pconfigs.errors import UnwritableOutput, message, special_file, write_flushed
from pconfigs.exits import Terminated, closed_pipe, stopped_by, terminate_raises

__all__ = ["main", "run_checks"]


# --------------------------------------------------------------------------
# Running the checks in worker subprocesses


def run_checks(
    experiments: Sequence[Experiment],
    jobs: int = 1,
    timeout: float | None = None,
    sets: Sequence[str] = (),
) -> Iterator[Outcome]:
    """Check each experiment in fresh state; yield outcomes in the given order.

    ``sets`` are ``--set PATH=VALUE`` texts applied to every own config of
    every experiment before it is checked.

    ``jobs`` workers run side by side, each on a contiguous share of the list;
    outcomes are still yielded in order, each as soon as it and all before it
    are known. A module still importing after ``timeout`` seconds fails and
    its worker is replaced.
    """
    chunks = _chunks(experiments, max(1, jobs))
    if jobs <= 1:
        for root, chunk in chunks:
            yield from _run_batch(root, chunk, timeout, sets)
        return
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        try:
            yield from _parallel(pool, chunks, timeout, sets)
        except BaseException:
            # Ctrl-C, or the caller stopped early: the pool's threads finish
            # only once their workers are gone.
            stop_all()
            raise


def _parallel(
    pool: concurrent.futures.Executor,
    chunks: list[tuple[Path, list[Experiment]]],
    timeout: float | None,
    sets: Sequence[str],
) -> Iterator[Outcome]:
    queues = [_start_chunk(pool, root, chunk, timeout, sets) for root, chunk in chunks]
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
        if (
            not chunks
            or not _same_paths(chunks[-1][1][0], experiment)
            or len(chunks[-1][1]) == size
        ):
            chunks.append((experiment.root, []))
        chunks[-1][1].append(experiment)
    return chunks


def _same_paths(first: Experiment, other: Experiment) -> bool:
    """Whether one worker's ``sys.path`` serves both experiments."""
    return (first.root, first.folder) == (other.root, other.folder)


def _start_chunk(
    pool: concurrent.futures.Executor,
    root: Path,
    chunk: list[Experiment],
    timeout: float | None,
    sets: Sequence[str] = (),
) -> queue.SimpleQueue[Outcome | BaseException]:
    results: queue.SimpleQueue[Outcome | BaseException] = queue.SimpleQueue()

    def fill() -> None:
        try:
            for outcome in _run_batch(root, chunk, timeout, sets):
                results.put(outcome)
        except BaseException as exc:  # handed to the consuming thread
            results.put(exc)

    pool.submit(fill)
    return results


def _run_batch(
    root: Path,
    batch: list[Experiment],
    timeout: float | None = None,
    sets: Sequence[str] = (),
) -> Iterator[Outcome]:
    pending = list(batch)
    while pending:
        with tempfile.TemporaryFile() as worker_stderr:
            worker = Child("pconfigs.check.worker", "worker_main", worker_stderr)
            folder = pending[0].folder
            job = {
                "root": str(root),
                "folder": str(folder) if folder else None,
                "modules": [e.name for e in pending],
                "sets": list(sets),
            }
            worker.send(json.dumps(job), last=True)
            crash = ""
            try:
                while pending:
                    line = worker.line(timeout)
                    if line is None:
                        break
                    result = json.loads(line)
                    if "crash" in result:
                        crash = result["crash"]
                        break
                    yield Outcome(**result)
                    pending.pop(0)
            finally:
                # Stuck, finished, or the caller stopped early (-x, Ctrl-C):
                # the worker's session goes, grandchildren included.
                returncode = worker.stop()
            if pending:
                worker_stderr.seek(0)
                yield _worker_failed(
                    pending.pop(0),
                    _why_stopped(worker.timed_out, timeout, returncode, crash),
                    worker_stderr.read(),
                )


def _why_stopped(
    timed_out: bool, timeout: float | None, returncode: int, crash: str
) -> str:
    if timed_out and timeout is not None:
        return (
            f"TimeoutError: still importing after {timeout:g} s; "
            "the check process was stopped"
        )
    if crash:
        return f"WorkerDied: the check process raised {crash}"
    return (
        f"WorkerDied: the check process {how_it_ended(returncode)} "
        "while importing this module"
    )


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
# Command line


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run ``pconfigs check``; return the exit code (0 all ok, 1 any failure,
    2 usage, 130 Ctrl-C, 143 SIGTERM)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    allow_children()
    try:
        with terminate_raises():
            return _check(argv, out, err)
    except BrokenPipeError:
        stop_all()
        return closed_pipe()
    except UnwritableOutput as unwritable:
        stop_all()
        err.write(f"pconfigs check: {unwritable}\n")
        return 1
    except (KeyboardInterrupt, Terminated) as stop:
        return _stopped(err, *stopped_by(stop))


def _stopped(err: IO[str], why: str, code: int) -> int:
    stop_all()
    err.write(f"\npconfigs check: {why}; every check process was stopped\n")
    return code


def _check(argv: Sequence[str] | None, out: IO[str], err: IO[str]) -> int:
    args = _parse_args(argv, out, err)
    if isinstance(args, int):
        return args
    paths = [Path(p) for p in args.paths]
    for path in paths:
        problem = _path_problem(path)
        if problem:
            err.write(f"pconfigs check: error: {problem}: {path}\n")
            return 2
    discovery = discover(paths, args.timeout)
    if not discovery.experiments and not discovery.failures:
        err.write(_nothing_found(args.paths))
        return 1
    outcomes = itertools.chain(
        discovery.failures,
        run_checks(discovery.experiments, args.jobs, args.timeout, args.sets),
    )
    return 1 if _report(outcomes, out, args.traceback) else 0


def _path_problem(path: Path) -> str:
    if not path.exists():
        return "no such file or directory"
    kind = special_file(path)
    if kind:
        return f"{kind}, not a directory or a Python file"
    if path.is_file() and path.suffix != ".py":
        return "not a directory or a Python file"
    return ""


def _report(outcomes: Iterable[Outcome], out: IO[str], tracebacks: bool) -> int:
    """Print each outcome as it arrives, then the summary; return the failures."""
    passed = failed = 0
    for outcome in outcomes:
        text = outcome.line() + "\n"
        if tracebacks and not outcome.ok and outcome.traceback:
            text += _indent(outcome.traceback)
        write_flushed(out, text)
        passed, failed = passed + outcome.ok, failed + (not outcome.ok)
    write_flushed(out, f"{passed} passed, {failed} failed\n")
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
        "-s",
        "--set",
        action="append",
        default=[],
        dest="sets",
        metavar="PATH=VALUE",
        help="set a field of every experiment's configs before checking them "
        "(repeatable; see docs/overrides.md)",
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
        return parse_seconds(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_seconds(text: str) -> float:
    """A timeout: a finite number of seconds > 0 (``ValueError`` otherwise)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < math.inf:
        raise ValueError(f"expected seconds > 0, got {text!r}")
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
