"""Run records: what ran, from which code, where, and how it ended.

``pconfigs run --record DIR`` (or ``PCONFIGS_RECORD_DIR=DIR``) makes one
directory per run, ``DIR/<experiment>-<hash8>-<timestamp>/``, holding

* ``config.py``: the config as runnable printed code,
* ``config.json``: the config as :func:`pconfigs.to_json` writes it (what
  ``--replay`` rebuilds it from, without the experiment module),
* ``run.json``: the hash, the command line, the overrides, git, Python and
  package versions, host, times and exit status,
* ``git.diff``: the uncommitted changes, when the work tree was dirty.

Everything but the end fields is written before ``main`` starts, so a run
that crashes the interpreter still leaves its record; ``main`` finds the
directory in ``PCONFIGS_RUN_DIR`` (:func:`run_dir`).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pconfigs.errors import PconfigsError, message

__all__ = [
    "RECORD_DIR_ENV",
    "RUN_DIR_ENV",
    "RecordError",
    "create_record",
    "experiment_name",
    "finish_run",
    "find_successful",
    "load_recorded_config",
    "read_run",
    "recorded_run",
    "replayed",
    "run_dir",
    "start_run",
    "successful_record",
    "write_run",
]

RECORD_DIR_ENV = "PCONFIGS_RECORD_DIR"
RUN_DIR_ENV = "PCONFIGS_RUN_DIR"
RECORD_FORMAT = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class RecordError(PconfigsError, ValueError):
    """A run record directory is missing or does not hold a readable record."""


def run_dir() -> Path | None:
    """The record directory of the run in progress, or ``None`` when not recorded.

    Inside ``main`` of a recorded run (``pconfigs run --record DIR``)::

        directory = pconfigs.run_dir()
        if directory is not None:
            torch.save(model.state_dict(), directory / "model.pt")
    """
    value = os.environ.get(RUN_DIR_ENV)
    return Path(value) if value else None


def is_rank_zero() -> bool:
    """False on every process but the first of a torchrun or SLURM job."""
    for name in ("RANK", "SLURM_PROCID"):
        value = os.environ.get(name)
        if value is not None:
            return value.strip() in ("", "0")
    return True


# --------------------------------------------------------------------------
# Writing


def create_record(
    root: str | os.PathLike[str],
    config: Any,
    *,
    label: str,
    command: Sequence[str],
    overrides: Mapping[str, str] | None = None,
    extra_args: Sequence[str] = (),
    status: str = "created",
    git: bool = True,
) -> Path:
    """Make ``root/<experiment>-<hash8>-<timestamp>/`` and write the record's
    files; the end fields of ``run.json`` stay empty until :func:`finish_run`."""
    from pconfigs.canonical import class_path, config_hash, to_json
    from pconfigs.printing import format_module

    digest = config_hash(config)
    directory = _new_directory(Path(root), experiment_name(label), digest)
    (directory / "config.py").write_text(format_module(config, runnable=True))
    (directory / "config.json").write_text(to_json(config, indent=2) + "\n")
    state = _git_state(directory) if git else None
    run = {
        "record_format": RECORD_FORMAT,
        "config": label,
        "config_class": class_path(type(config)),
        "hash": digest,
        "command": list(command),
        "overrides": dict(overrides or {}),
        "extra_args": list(extra_args),
        "git": state,
        "python": _python(),
        "packages": installed_packages(),
        "host": None,
        "pid": None,
        "created": _now(),
        "start_time": None,
        "end_time": None,
        "exit_status": None,
        "status": status,
    }
    write_run(directory, run)
    return directory


def start_run(directory: Path, **extra: Any) -> None:
    """Fill in where and when the run starts (the process that runs ``main``)."""
    run = read_run(directory)
    run.update(
        host=socket.gethostname(),
        pid=os.getpid(),
        start_time=_now(),
        status="running",
        **extra,
    )
    write_run(directory, run)


def finish_run(directory: Path, exit_status: int) -> None:
    """Fill in the end time and exit status; ``status`` becomes
    ``"succeeded"`` (exit 0) or ``"failed"``."""
    run = read_run(directory)
    run.update(
        end_time=_now(),
        exit_status=exit_status,
        status="succeeded" if exit_status == 0 else "failed",
    )
    write_run(directory, run)


def _new_directory(root: Path, experiment: str, digest: str) -> Path:
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S")
    base = f"{experiment}-{digest[:8]}-{stamp}"
    root.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        directory = root / (base if attempt == 1 else f"{base}-{attempt}")
        try:
            directory.mkdir()
        except FileExistsError:
            continue  # the same config started twice in one second
        return directory
    raise RecordError(f"Cannot create a record directory like {root / base}")


def experiment_name(label: str) -> str:
    """``second`` for ``project.experiments.second.config``, the module's
    name and the attribute path after it otherwise."""
    target = label.split("[", 1)[0]
    parts = target.split(".")
    module_parts = 0
    for count in range(len(parts), 0, -1):
        if ".".join(parts[:count]) in sys.modules:
            module_parts = count
            break
    rest = label[len(".".join(parts[:module_parts])) :].lstrip(".")
    name = parts[module_parts - 1] if module_parts else ""
    if rest and rest != "config":
        name = f"{name}.{rest}" if name else rest
    return _UNSAFE.sub("_", name).strip("_.") or "config"


def write_run(directory: Path, run: dict[str, Any]) -> None:
    # Write then rename: a reader never sees half a file.
    partial = directory / "run.json.partial"
    partial.write_text(json.dumps(run, indent=2) + "\n")
    partial.replace(directory / "run.json")


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(
        timespec="microseconds"
    )


def _python() -> dict[str, Any]:
    return {
        "version": ".".join(map(str, sys.version_info[:3])),
        "implementation": sys.implementation.name,
        "executable": sys.executable,
        "argv": list(getattr(sys, "orig_argv", sys.argv)),
    }


def installed_packages() -> dict[str, str]:
    """``{distribution: version}`` of everything installed on ``sys.path``.

    Read from the ``*.dist-info`` directory names: parsing every package's
    metadata (``importlib.metadata``) takes hundreds of milliseconds.
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, _, suffix = name.rpartition(".")
            if suffix not in ("dist-info", "egg-info") or "-" not in stem:
                continue
            package, _, version = stem.partition("-")
            found.setdefault(package.replace("_", "-").lower(), version.split("-")[0])
    return dict(sorted(found.items()))


def _git_state(directory: Path) -> dict[str, Any] | None:
    """Commit, branch and dirtiness of the repository around the current
    directory (``None`` outside one); the diff goes to ``git.diff``."""
    status = _git("status", "--porcelain=v2", "--branch", "--untracked-files=no")
    if status is None:
        return None
    commit = branch = None
    dirty = False
    for line in status.splitlines():
        if line.startswith("# branch.oid "):
            commit = line.split(" ", 2)[2]
        elif line.startswith("# branch.head "):
            branch = line.split(" ", 2)[2]
        elif not line.startswith("#"):
            dirty = True
    state: dict[str, Any] = {
        "commit": None if commit == "(initial)" else commit,
        "branch": None if branch == "(detached)" else branch,
        "dirty": dirty,
        "root": _git("rev-parse", "--show-toplevel"),
    }
    if dirty:
        diff = _git("diff", "HEAD", "--binary") if commit != "(initial)" else None
        (directory / "git.diff").write_text(diff or "")
    return state


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError:  # no git installed
        return None
    if done.returncode != 0:
        return None
    out = done.stdout
    return out.strip() if args[0] == "rev-parse" else out


# --------------------------------------------------------------------------
# Reading


def read_run(directory: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``run.json`` of a record directory."""
    path = Path(directory) / "run.json"
    try:
        run: dict[str, Any] = json.loads(path.read_text())
    except FileNotFoundError:
        raise RecordError(
            message(
                f"{directory} is not a run record: it has no run.json",
                "A run record is a directory that `pconfigs run --record DIR` made "
                "inside DIR, named <experiment>-<hash8>-<timestamp>",
            )
        ) from None
    except json.JSONDecodeError as error:
        raise RecordError(f"{path} is not valid JSON: {error}") from error
    return run


def load_recorded_config(
    directory: str | os.PathLike[str],
) -> tuple[Any, dict[str, Any]]:
    """The config a record holds (from its ``config.json``) and its ``run.json``.

    Only the modules of the config's classes are imported, never the
    experiment module; the rebuilt config must hash as recorded.
    """
    from pconfigs.canonical import config_hash, from_json

    run = read_run(directory)
    config = from_json((Path(directory) / "config.json").read_text())
    digest = config_hash(config)
    if digest != run.get("hash"):
        raise RecordError(
            message(
                f"{directory}: the rebuilt config hashes to {digest[:8]}, "
                f"but the record says {str(run.get('hash'))[:8]}",
                "The code of a config class changed since the record was written",
                "Fix: check out the recorded git commit "
                f"({(run.get('git') or {}).get('commit')}) and replay again",
            )
        )
    return config, run


def find_successful(root: str | os.PathLike[str], digest: str) -> Path | None:
    """A record under ``root`` of a successful run of the config hashing to ``digest``."""
    root = Path(root)
    if not root.is_dir():
        return None
    for directory in sorted(root.glob(f"*-{digest[:8]}-*")):
        try:
            run = read_run(directory)
        except RecordError:
            continue
        if run.get("hash") == digest and run.get("status") == "succeeded":
            return directory
    return None


# --------------------------------------------------------------------------
# What `pconfigs run` calls


@contextlib.contextmanager
def recorded_run(
    root: str | os.PathLike[str] | None,
    config: Any,
    label: str,
    command: Sequence[str],
    extra_args: Sequence[str],
    overrides: Mapping[str, str] | None = None,
    directory: Path | None = None,
) -> Iterator[Callable[[int], None]]:
    """Record the run of ``config`` in a new directory under ``root``, or in an
    existing ``directory`` (made before a job was submitted).

    Yields ``finish(exit_status)``; leaving the block without calling it (an
    exception) records a failure. Nothing is written when ``root`` and
    ``directory`` are ``None``, nor on ranks other than 0; ``PCONFIGS_RUN_DIR``
    names the directory while the block runs.
    """
    if (root is None and directory is None) or not is_rank_zero():
        yield _ignore
        return
    if directory is None:
        assert root is not None
        directory = create_record(
            root,
            config,
            label=label,
            command=command,
            overrides=overrides,
            extra_args=extra_args,
        )
    start_run(directory)
    finished: list[int] = []
    previous = os.environ.get(RUN_DIR_ENV)
    os.environ[RUN_DIR_ENV] = str(directory)
    try:
        yield finished.append
    finally:
        if previous is None:
            os.environ.pop(RUN_DIR_ENV, None)
        else:
            os.environ[RUN_DIR_ENV] = previous
        finish_run(directory, finished[0] if finished else 1)


def _ignore(exit_status: int) -> None:
    pass


def successful_record(root: str | os.PathLike[str], config: Any) -> Path | None:
    """The record of a successful run of ``config`` under ``root``, if any."""
    from pconfigs.canonical import config_hash

    return find_successful(root, config_hash(config))


def replayed(
    directory: str | os.PathLike[str],
) -> tuple[Any, str, list[str], dict[str, str]]:
    """The recorded config, its dotted path, main's arguments and the
    overrides it was given, for ``--replay``."""
    config, run = load_recorded_config(directory)
    extra_args = list(run.get("extra_args", []))
    return config, str(run["config"]), extra_args, dict(run.get("overrides", {}))
