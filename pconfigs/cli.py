"""The command line: ``python -m pconfigs.print``, ``python -m pconfigs.run``
and the ``pconfigs`` console script with ``print`` and ``run`` subcommands.

Every entry point is a ``main(argv, stdout, stderr) -> int`` that tests call
in-process; the ``-m`` modules are thin shims over them. A failure prints one
paragraph on stderr (first line names the problem, indented lines say how to
fix it) and returns non-zero; ``--traceback`` adds the underlying traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn

__all__ = ["console_main", "main", "print_main", "run_main"]

EXIT_FAILURE = 1
EXIT_USAGE = 2

_PRINT_DESCRIPTION = """\
Print the fully resolved config at a dotted path as Python code, laid out
as black formats it: imports, then the constructor call with every field,
computed (Pinned) values included."""
_RUN_DESCRIPTION = """\
Import the config at a dotted path, build the runnable class it constructs
and call main(parsed_args, extra_args) on it. parsed_args.config is the
dotted path, extra_args the arguments after it; main's return value is the
exit code (None means 0)."""


def _example(prog: str) -> str:
    command = prog if " " in prog else f"python -m {prog}"
    return f"example: {command} project.experiments.second.config"


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that writes to given streams and never calls sys.exit."""

    stdout: IO[str]
    stderr: IO[str]

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            stream = self.stderr if file is sys.stderr else self.stdout
            stream.write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self.stderr.write(message)
        raise _Exit(status)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser(
    prog: str, description: str, epilog: str, out: IO[str], err: IO[str]
) -> _Parser:
    parser = _Parser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _bind(parser, out, err)
    return parser


def _bind(parser: _Parser, out: IO[str], err: IO[str]) -> None:
    parser.stdout, parser.stderr = out, err


def _add_override_arguments(parser: argparse.ArgumentParser) -> None:
    """``--set``/``--sweep``/``--only``/``--help-config``: see docs/overrides.md."""
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        dest="sets",
        metavar="PATH=VALUE",
        help="set a field by dotted path, the value parsed by its annotation "
        "(repeatable), e.g. -s training.steps=100",
    )
    parser.add_argument(
        "--sweep",
        action="append",
        default=[],
        dest="sweeps",
        metavar="PATH=V1,V2",
        help="one point per value (repeatable: the product of the axes)",
    )
    parser.add_argument(
        "--only",
        metavar="KEY",
        help="of a sweep, only the point with this index, key or label",
    )
    parser.add_argument(
        "--help-config",
        action="store_true",
        help="list every settable path of CONFIG with its type and current value",
    )


# Options that take a value: the word after them is not CONFIG.
_VALUE_OPTIONS = frozenset({"-s", "--set", "--sweep", "--only"})


def _add_print_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = (
        "%(prog)s [-h] [--runnable] [--format {python,json}] [--hash] [--traceback] "
        "[-s PATH=VALUE] [--sweep PATH=V1,V2] [--only KEY] [--help-config] CONFIG"
    )
    parser.add_argument(
        "config", metavar="CONFIG", help="dotted path, e.g. pkg.mod.config"
    )
    _add_override_arguments(parser)
    parser.add_argument(
        "--runnable",
        action="store_true",
        help="print code that rebuilds the config: no NOTE, no Pinned or "
        "ClassVar lines, assigned to `config`",
    )
    parser.add_argument(
        "--format",
        choices=("python", "json"),
        default="python",
        help="json: the config as pconfigs.to_json writes it (from_json reads it back)",
    )
    parser.add_argument(
        "--hash",
        action="store_true",
        help="print only the config's content hash (pconfigs.config_hash)",
    )
    parser.add_argument(
        "--traceback", action="store_true", help="show the traceback of a failure"
    )


def _add_run_arguments(parser: argparse.ArgumentParser, *, replay: bool) -> None:
    parser.usage = (
        "%(prog)s [-h] [--traceback] [-s PATH=VALUE] [--sweep PATH=V1,V2] "
        "[--only KEY] [--help-config] [--record DIR] [--skip-done DIR] "
        "[--launcher {slurm,local} [-L NAME=VALUE ...]] "
        "(CONFIG | --replay RECORD) [ARGS ...]"
    )
    parser.add_argument(
        "--traceback", action="store_true", help="show the traceback of a failure"
    )
    _add_override_arguments(parser)
    _add_record_arguments(parser)
    parser.add_argument(
        "config",
        metavar="CONFIG",
        nargs="?" if replay else None,  # --replay RECORD stands for CONFIG
        help="dotted path, e.g. pkg.mod.config",
    )
    parser.add_argument(
        "extra_args",
        nargs="*",
        default=[],
        metavar="ARGS",
        help="passed to main() as extra_args",
    )


def _add_record_arguments(parser: argparse.ArgumentParser) -> None:
    """``--record``, ``--replay``, ``--skip-done``: see docs/records.md."""
    parser.add_argument(
        "--record",
        metavar="DIR",
        help="write a run record into DIR/<experiment>-<hash8>-<timestamp>/ "
        f"(default: ${RECORD_DIR_ENV}, if set)",
    )
    parser.add_argument(
        "--replay",
        metavar="RECORD",
        help="run the config a run record holds, with its arguments, "
        "without importing the experiment module (instead of CONFIG)",
    )
    parser.add_argument(
        "--skip-done",
        metavar="DIR",
        help="skip a config that already has a successful run record in DIR",
    )
    parser.add_argument(
        "--launcher",
        choices=("slurm", "local"),
        help="submit to SLURM through submitit (local: submitit's local executor); "
        "see docs/launching.md",
    )
    parser.add_argument(
        "-L",
        action="append",
        default=[],
        dest="launcher_options",
        metavar="NAME=VALUE",
        help="a SlurmLauncher field, e.g. -L partition=gpu -L nodes=2 (repeatable)",
    )


RECORD_DIR_ENV = "PCONFIGS_RECORD_DIR"
# Options that take a value: the word after them is not CONFIG.
_VALUE_OPTIONS = _VALUE_OPTIONS | {
    "--record",
    "--replay",
    "--skip-done",
    "--launcher",
    "-L",
}


def _split_run_argv(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Options and CONFIG for the runner; everything after CONFIG for main().

    argparse would read ``--lr`` after CONFIG as its own option, so the
    arguments are split at the first one that is neither an option nor the
    value of one (``-s training.steps=100``). ``--replay RECORD`` stands
    for CONFIG: what follows it is for main().
    """
    takes_value = False
    for index, arg in enumerate(argv):
        if takes_value:
            takes_value = False
            if argv[index - 1] == "--replay":
                return list(argv[: index + 1]), list(argv[index + 1 :])
        elif not arg.startswith("-"):
            return list(argv[: index + 1]), list(argv[index + 1 :])
        else:
            takes_value = arg in _VALUE_OPTIONS
    return list(argv), []


# --------------------------------------------------------------------------
# Entry points


def print_main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    prog: str = "pconfigs.print",
) -> int:
    """``python -m pconfigs.print CONFIG [--runnable]``."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser(prog, _PRINT_DESCRIPTION, _example(prog), out, err)
    _add_print_arguments(parser)
    return _dispatch(
        parser, _print_config, sys.argv[1:] if argv is None else argv, out, err
    )


def run_main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    prog: str = "pconfigs.run",
) -> int:
    """``python -m pconfigs.run CONFIG [ARGS...]``."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser(prog, _RUN_DESCRIPTION, _example(prog), out, err)
    argv = list(sys.argv[1:] if argv is None else argv)
    own, extra = _split_run_argv(argv)
    _add_run_arguments(parser, replay="--replay" in own)
    parser.set_defaults(command=_command_line(prog, argv))
    return _dispatch(parser, _run_config, own, out, err, extra)


def _command_line(prog: str, argv: list[str]) -> list[str]:
    """The command as the user typed it, for run records."""
    words = prog.split() if " " in prog else ["python", "-m", prog]
    return [*words, *argv]


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """``pconfigs print ...`` / ``pconfigs run ...``; no arguments shows help."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "print":
        return print_main(args[1:], out, err, prog="pconfigs print")
    if args and args[0] == "run":
        return run_main(args[1:], out, err, prog="pconfigs run")
    if args and args[0] == "check":
        from pconfigs.check import main as check_main

        return check_main(args[1:], out, err)
    if args and args[0] == "stubgen":
        from pconfigs.stubgen import main as stubgen_main

        return stubgen_main(args[1:], out, err)
    if args and args[0] == "migrate":
        from pconfigs.migrate import main as migrate_main

        return migrate_main(args[1:], out, err)
    if args and args[0] == "agents":
        from pconfigs.agents import main as agents_main

        return agents_main(args[1:], out, err)
    if args in (["--version"], ["-V"]):
        from pconfigs import __version__

        out.write(f"pconfigs {__version__}\n")
        return 0
    parser = _parser(
        "pconfigs",
        "Print or run the config at a dotted path, check every experiment, "
        "write stubs.",
        "example: pconfigs run project.experiments.second.config\n"
        "         pconfigs print project.experiments.second.config",
        out,
        err,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("print", help="print a config as Python code")
    commands.add_parser("run", help="construct a config and call its main()")
    commands.add_parser("check", help="import and build every experiment module")
    commands.add_parser(
        "stubgen", help="write .pyi stubs of config modules for pyright"
    )
    commands.add_parser(
        "migrate", help="rewrite a project written for the original pconfigs"
    )
    commands.add_parser("agents", help="install pconfigs' rules for coding assistants")
    parser.add_argument(
        "-V", "--version", action="store_true", help="print the version and exit"
    )
    if not args:
        parser.print_help(out)
        return 0
    try:
        parser.parse_args(args)  # only -h and mistakes get here
    except _Exit as stop:
        return stop.status
    return EXIT_USAGE  # pragma: no cover - argparse rejects anything else


def console_main() -> None:
    """The ``pconfigs`` console script."""
    from pconfigs.locate import ensure_cwd_on_path

    ensure_cwd_on_path()
    sys.exit(main())


# --------------------------------------------------------------------------
# The two commands

_Action = Callable[[argparse.Namespace, IO[str], IO[str]], int]


def _dispatch(
    parser: _Parser,
    action: _Action,
    argv: Sequence[str],
    out: IO[str],
    err: IO[str],
    extra_args: list[str] | None = None,
) -> int:
    try:
        args = parser.parse_args(argv)
    except _Exit as stop:
        return stop.status
    if extra_args is not None:
        args.extra_args = extra_args
    args.prog = parser.prog
    from pconfigs.errors import UnwritableOutput
    from pconfigs.exits import Terminated, terminate_raises

    try:
        with terminate_raises():
            return action(args, out, err)
    except BrokenPipeError:
        from pconfigs.exits import closed_pipe

        return closed_pipe()
    except (KeyboardInterrupt, Terminated) as stop:
        return _stopped(parser.prog, stop, args.traceback, err)
    except _Failure as failure:
        text = str(failure)
        if args.traceback and failure.cause is not None:
            err.write(_format_traceback(failure.cause))
            text = text.replace(f"\n  {_TRACEBACK_HINT}", "")
        err.write(f"{parser.prog}: {text}\n")
        return EXIT_FAILURE
    except UnwritableOutput as unwritable:
        err.write(f"{parser.prog}: {unwritable}\n")
        return EXIT_FAILURE


def _stopped(prog: str, stop: BaseException, show_traceback: bool, err: IO[str]) -> int:
    """Ctrl-C or SIGTERM: one line (after the traceback, if asked for)."""
    from pconfigs.exits import stopped_by

    if show_traceback:
        err.write(_format_traceback(stop))
    why, code = stopped_by(stop)
    # The line starts on its own after the terminal's echo of ^C.
    err.write(f"\n{prog}: {why}\n")
    return code


_TRACEBACK_HINT = "Run again with --traceback to see where"


def _format_traceback(error: BaseException) -> str:
    """The traceback of ``error`` without the frames of importlib and pconfigs' CLI."""
    import importlib

    hidden = {__file__, importlib.__file__}
    exception = traceback.TracebackException.from_exception(error)
    exception.stack = traceback.StackSummary.from_list(
        [
            frame
            for frame in exception.stack
            if frame.filename not in hidden
            and not frame.filename.startswith("<frozen importlib")
            and not frame.filename.endswith("pconfigs/locate.py")
        ]
    )
    return "".join(exception.format())


class _Failure(Exception):
    def __init__(self, text: str, cause: BaseException | None = None) -> None:
        super().__init__(text)
        self.cause = cause


def _points(args: argparse.Namespace) -> list[Any]:
    """The points of CONFIG with --set/--sweep/--only applied (pconfigs.sweeps)."""
    from pconfigs.errors import OverrideError
    from pconfigs.locate import LocateError
    from pconfigs.sweeps import resolve_target

    try:
        points = resolve_target(args.config, args.sets, args.sweeps, args.only)
    except LocateError as error:
        raise _Failure(str(error), error.cause) from error
    except OverrideError as error:
        raise _Failure(str(error)) from error
    for point in points:
        _validate(point)
    return points


def _validate(point: Any) -> None:
    """Every value against its annotation, before anything uses the config."""
    from pconfigs.sweeps import key_suffix

    name = point.target.rpartition(".")[2] + key_suffix(point.key)
    _validate_config(point.config, point.label, name)


def _validate_config(config: Any, label: str, name: str) -> None:
    from pconfigs.errors import ValidationError
    from pconfigs.validation import validate

    try:
        validate(config, name=name)
    except ValidationError as error:
        raise _Failure(f'"{label}" is not valid: {error}') from error


def _is_sweep(points: list[Any]) -> bool:
    return len(points) > 1 or points[0].key is not None or bool(points[0].sweep_values)


def _help_config(points: list[Any], out: IO[str]) -> int:
    from pconfigs.config_help import help_config

    out.write(help_config(points[0].config, points[0].label, len(points)))
    return 0


def _print_config(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from pconfigs.overrides import override_comments

    # What the experiment prints while being imported is not part of the
    # printed code: it goes to stderr.
    with contextlib.redirect_stdout(err):
        points = _points(args)
    if args.help_config:
        return _help_config(points, out)
    sweep = _is_sweep(points)
    texts = []
    for index, point in enumerate(points):
        if sweep:
            texts.append(("\n" if index else "") + f"# {point.label}\n")
        if args.hash or args.format == "json":
            texts.append(_canonical_text(point.config, as_hash=args.hash))
            continue
        comments = override_comments(point.config, point.values, point.sweep_values)
        texts.append(_formatted(point.config, args.runnable, comments))
    from pconfigs.errors import write_flushed

    write_flushed(out, "".join(texts))
    return 0


def _formatted(config: Any, runnable: bool, comments: Any) -> str:
    from pconfigs.errors import NotRebuildableError, PrintCycleError
    from pconfigs.printing import format_module

    try:
        return format_module(config, runnable=runnable, comments=comments)
    except (PrintCycleError, NotRebuildableError) as error:
        raise _Failure(str(error)) from error


def _canonical_text(config: Any, *, as_hash: bool) -> str:
    from pconfigs.canonical import JSONValueError, config_hash, to_json

    try:
        return (config_hash(config) if as_hash else to_json(config, indent=2)) + "\n"
    except JSONValueError as error:
        raise _Failure(str(error)) from error


def _run_config(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    for option in ("record", "replay", "skip_done"):
        _check_folder_option(option, getattr(args, option))
    if args.replay is not None:
        return _replay(args, out, err)
    points = _points(args)
    if args.help_config:
        return _help_config(points, out)
    for point in points:  # every point must be runnable before any runs
        _check_runnable(point.config, point.label)
    if args.launcher is not None or args.launcher_options:
        return _launch(points, args, out, err)
    if not _is_sweep(points):
        return _run_point(points[0], args, out, err)
    failed = 0
    for point in points:
        try:
            status = _run_point(point, args, out, err)
        except _Failure as failure:
            err.write(f"{args.prog}: {failure}\n")
            status = EXIT_FAILURE
        outcome = "ok" if status == 0 else f"FAILED (exit {status})"
        err.write(f"{args.prog}: {point.label} ... {outcome}\n")
        failed += status != 0
    err.write(f"{args.prog}: {len(points) - failed} passed, {failed} failed\n")
    return EXIT_FAILURE if failed else 0


def _check_folder_option(option: str, given: str | None) -> None:
    """``--record``/``--replay``/``--skip-done`` name folders: a file, a
    device or a FIFO there is one error before anything runs."""
    from pconfigs.errors import message, special_file

    if given is None or not os.path.exists(given) or os.path.isdir(given):
        return
    kind = special_file(given) or "a file"
    flag = "--" + option.replace("_", "-")
    raise _Failure(
        message(
            f"{flag} {given} is {kind}, not a folder",
            f"Fix: give {flag} a folder of run records",
        )
    )


def _run_point(point: Any, args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    return _run_one(
        point.config, _path_of(point), args, out, err, dict(point.overrides)
    )


def _path_of(point: Any) -> str:
    """What main() gets as args.config: the target and the point's key."""
    from pconfigs.sweeps import key_suffix

    path: str = point.target + key_suffix(point.key)
    return path


def _launch(
    points: list[Any], args: argparse.Namespace, out: IO[str], err: IO[str]
) -> int:
    """Record every point, submit them as one job array (pconfigs.launch)."""
    from pconfigs.launch import LaunchError, launch, launcher_from_options, wait_for
    from pconfigs.records import successful_record

    if args.launcher is None:
        raise _Failure(
            "-L sets a launcher option: say which launcher, e.g. --launcher slurm"
        )
    if args.skip_done is not None:
        kept = []
        for point in points:
            done = successful_record(args.skip_done, point.config)
            if done is None:
                kept.append(point)
            else:
                err.write(
                    f"{args.prog}: skipping {point.label}: {done} already succeeded\n"
                )
        if not kept:
            return 0
        points = kept
    try:
        launcher = launcher_from_options(args.launcher_options)
        jobs = launch(
            [(_path_of(point), point.config) for point in points],
            launcher,
            executor=args.launcher,
            record_root=args.record or os.environ.get(RECORD_DIR_ENV) or "runs",
            command=args.command,
            extra_args=args.extra_args,
            overrides=[dict(point.overrides) for point in points],
        )
    except LaunchError as error:
        raise _Failure(str(error)) from error
    # Sweep points show their --sweep values, as when they run here.
    jobs = [job._replace(label=p.label) for p, job in zip(points, jobs, strict=True)]
    for job in jobs:
        out.write(f"{job.label}: job {job.job.job_id}, record {job.record}\n")
    return wait_for(jobs, err, args.prog) if launcher.wait else 0


def _run_one(
    config: Any,
    path: str,
    args: argparse.Namespace,
    out: IO[str],
    err: IO[str],
    overrides: dict[str, str],
) -> int:
    """Run one config: skipped if already done, recorded if asked."""
    from pconfigs.records import recorded_run, successful_record

    if args.skip_done is not None:
        done = successful_record(args.skip_done, config)
        if done is not None:
            err.write(f"{args.prog}: skipping {path}: {done} already succeeded\n")
            return 0
    root = args.record or os.environ.get(RECORD_DIR_ENV) or None
    with recorded_run(
        root, config, path, args.command, args.extra_args, overrides
    ) as finish:
        runnable = _construct(config, path)
        parsed_args = argparse.Namespace(config=path, overrides=overrides)
        with _redirected(out, err):
            status = _call_main(runnable, parsed_args, args.extra_args, err)
        finish(status)
    return status


def _replay(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from pconfigs.records import RecordError, replayed

    try:
        config, path, extra_args, overrides = replayed(args.replay)
    except RecordError as error:
        raise _Failure(str(error), error.__cause__) from error
    # The classes may have changed since the record was written.
    _validate_config(config, path, path.rpartition(".")[2])
    _check_runnable(config, path)
    if args.extra_args:
        extra_args = args.extra_args
    args.extra_args = extra_args
    return _run_one(config, path, args, out, err, overrides)


def _check_runnable(config: Any, path: str) -> None:
    from pconfigs.config import field_of_path, find_required, spec_of
    from pconfigs.constructed import is_runnable
    from pconfigs.errors import join_names, message

    spec = spec_of(config)
    target = spec.constructable_type
    if target is None:
        raise _Failure(
            message(
                f'"{path}" ({spec.name}) constructs nothing, so it cannot run',
                f"Fix: declare @pconfig(constructs=X) on {spec.name}, "
                "where X is a @pconfiged(runnable=True) class with a main() method",
            )
        )
    if not is_runnable(target):
        raise _Failure(
            message(
                f'"{path}" ({spec.name}) constructs {target.__qualname__}, '
                "which is not runnable",
                f"Fix: decorate {target.__qualname__} with @pconfiged(runnable=True) "
                "and give it `def main(self, args, extra_args) -> int | None`",
            )
        )
    required = find_required(config)
    if required:
        count = f"{len(required)} field" + ("s are" if len(required) > 1 else " is")
        raise _Failure(
            message(
                f'"{path}" cannot run: {count} still Required: {join_names(required)}',
                "Required is a placeholder for a value that must be given before running",
                f"Fix: derive a config that sets {'them' if len(required) > 1 else 'it'}, "
                f"e.g. {spec.name}(config, {field_of_path(required[0])}=...)",
            )
        )


def _construct(config: Any, path: str) -> Any:
    from pconfigs.config import spec_of
    from pconfigs.errors import message

    try:
        return config.construct()
    except Exception as error:
        target = spec_of(config).constructable_type
        name = getattr(target, "__qualname__", "its class")
        raise _Failure(
            message(
                f'Constructing {name} from "{path}" failed: '
                f"{type(error).__name__}: {error}",
                _TRACEBACK_HINT,
            ),
            error,
        ) from error


def _call_main(
    runnable: Any, parsed_args: argparse.Namespace, extra_args: list[str], err: IO[str]
) -> int:
    try:
        status = runnable.main(parsed_args, extra_args)
        if inspect.iscoroutine(status):  # async def main
            import asyncio

            status = asyncio.run(status)
    except Exception as error:
        # The user's own bug: show where it happened, minus this frame.
        err.write("Traceback (most recent call last):\n")
        frames = error.__traceback__.tb_next if error.__traceback__ else None
        err.write("".join(traceback.format_tb(frames)))
        err.write("".join(traceback.format_exception_only(type(error), error)))
        return EXIT_FAILURE
    if status is None:
        return 0
    if isinstance(status, int) and 0 <= status <= 255:
        return status
    if isinstance(status, int):
        err.write(_not_an_exit_code(runnable, status) + "\n")
        return EXIT_FAILURE
    err.write(f"{status}\n")  # what sys.exit does with a non-integer
    return EXIT_FAILURE


def _not_an_exit_code(runnable: Any, status: int) -> str:
    from pconfigs.errors import message

    # The OS keeps status % 256: 256 would reach the shell as success.
    return message(
        f"main() of {type(runnable).__qualname__} returned {status}, "
        "which is not an exit code",
        f"Exit codes are 0-255 ({status} would reach the shell as {status % 256}); "
        "return 0 for success or 1-255 for failure",
    )


@contextlib.contextmanager
def _redirected(out: IO[str], err: IO[str]) -> Any:
    """Send the user's prints where the caller asked ours to go."""
    with contextlib.ExitStack() as stack:
        if out is not sys.stdout:
            stack.enter_context(contextlib.redirect_stdout(out))
        if err is not sys.stderr:
            stack.enter_context(contextlib.redirect_stderr(err))
        yield
