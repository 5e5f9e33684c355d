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
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from pconfigs.check.discovery import MARKER, Experiment, discover
from pconfigs.check.outcome import Outcome, display_path
from pconfigs.errors import message

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
        queues = [
            _start_chunk(pool, root, chunk, timeout, sets) for root, chunk in chunks
        ]
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
            names = [e.name for e in pending]
            process = _start_worker(root, names, worker_stderr, sets)
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
                    (
                        f"TimeoutError: still importing after {timeout:g} s; "
                        "the check process was stopped"
                        if stuck and timeout is not None
                        else f"WorkerDied: the check process {_how_it_ended(returncode)} "
                        "while importing this module"
                    ),
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
    root: Path, names: list[str], worker_stderr: IO[bytes], sets: Sequence[str] = ()
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
    job = {"root": str(root), "modules": names, "sets": list(sets)}
    process.stdin.write(json.dumps(job))
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
from pconfigs.check.worker import worker_main
worker_main()
"""


def _pconfigs_path_entry() -> str:
    package_parent = str(Path(__file__).resolve().parents[2])
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
        discovery.failures,
        run_checks(discovery.experiments, args.jobs, args.timeout, args.sets),
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
