"""Launching runs on a cluster through submitit: ``pconfigs run --launcher slurm``.

pconfigs schedules nothing itself. Every point is resolved, checked and
recorded (a run record with status ``"submitted"``) here, before anything is
submitted; then all points go to submitit as one job array. Each job gets its
config by value (pickled with the job, never the command line again), runs it
like ``pconfigs run`` with its run record, exports torch's distributed
environment from SLURM's when it has several tasks, and asks submitit to
requeue it when preempted or timed out.

``--launcher local`` takes the same path through submitit's local executor:
that is how the tests run it end to end.
"""

from __future__ import annotations

import argparse
import os
import sys
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pconfigs.config import pconfig, spec_of
from pconfigs.defaults import pdefaults
from pconfigs.errors import PconfigsError, did_you_mean, message

__all__ = [
    "LAUNCHERS",
    "LaunchError",
    "LaunchedJob",
    "SlurmLauncher",
    "launch",
    "launcher_from_options",
    "wait_for",
]

LAUNCHERS = ("slurm", "local")


class LaunchError(PconfigsError, ValueError):
    """Launcher options are wrong, submitit is missing, or a submission failed."""


@pconfig
class SlurmLauncher:
    """How to run on SLURM; every field can be set with ``-L name=value``.

    ::

        launcher = SlurmLauncher(partition="gpu", nodes=2, gpus_per_node=8)
    """

    folder: str
    """Where submitit writes job scripts and logs (``%j`` is the job id)."""
    timeout_min: int
    """Time limit of each job, in minutes (``--time``)."""
    partition: str | None
    """``--partition``."""
    nodes: int
    """``--nodes``."""
    tasks_per_node: int
    """``--ntasks-per-node``: one task per GPU for torch distributed."""
    gpus_per_node: int
    """``--gpus-per-node``."""
    cpus_per_task: int | None
    """``--cpus-per-task``."""
    mem_gb: float | None
    """``--mem`` in GB."""
    account: str | None
    """``--account``."""
    qos: str | None
    """``--qos``."""
    constraint: str | None
    """``--constraint``."""
    array_parallelism: int
    """How many jobs of one array run at once (``--array=...%N``)."""
    setup: list[str]
    """Shell lines run before the job (``module load cuda``, ``source venv``)."""
    sbatch: dict[str, str]
    """Any other sbatch option: ``-L sbatch.mail_type=END`` gives ``--mail-type=END``."""
    job_name: str | None
    """``--job-name``; default: the experiment's name."""
    signal_delay_s: int
    """Seconds before the time limit at which the job is told to checkpoint."""
    max_requeues: int
    """How many times a timed-out job is requeued (preempted jobs always are)."""
    wait: bool
    """Wait for the jobs to end and exit with the worst exit status."""


pdefaults += SlurmLauncher(
    folder="slurm_logs/%j",
    timeout_min=60,
    partition=None,
    nodes=1,
    tasks_per_node=1,
    gpus_per_node=0,
    cpus_per_task=None,
    mem_gb=None,
    account=None,
    qos=None,
    constraint=None,
    array_parallelism=256,
    setup=[],
    sbatch={},
    job_name=None,
    signal_delay_s=120,
    max_requeues=3,
    wait=False,
)


# --------------------------------------------------------------------------
# -L NAME=VALUE


def launcher_from_options(
    options: Sequence[str], base: SlurmLauncher | None = None
) -> SlurmLauncher:
    """``SlurmLauncher`` with ``-L`` options applied, each value parsed by its
    field's annotation; every problem is reported at once."""
    hints = typing.get_type_hints(SlurmLauncher)
    changes: dict[str, Any] = {}
    problems: list[str] = []
    # Through Any: type checkers do not know a config class takes a base config.
    make: Any = SlurmLauncher
    current = base if base is not None else make()
    for option in options:
        name, equals, text = option.partition("=")
        name = name.strip()
        if not equals:
            problems.append(f"-L {option}: expected NAME=VALUE, e.g. -L partition=gpu")
            continue
        field, _, key = name.partition(".")
        if field not in hints:
            problems.append(
                f"-L {option}: SlurmLauncher has no field {field!r}"
                + did_you_mean(field, hints)
            )
            continue
        if key and field != "sbatch":
            problems.append(f"-L {option}: only sbatch takes a key (sbatch.NAME=VALUE)")
            continue
        try:
            changes[field] = _parsed(field, hints[field], text, key, changes, current)
        except ValueError as error:
            problems.append(f"-L {option}: {error}")
    if problems:
        raise LaunchError(
            message(
                f"Bad launcher option{'s' if len(problems) > 1 else ''}",
                *problems,
                f"Fields of SlurmLauncher: {', '.join(spec_of(SlurmLauncher).fields)}",
            )
        )
    launcher: SlurmLauncher = make(current, **changes)
    return launcher


def _parsed(
    field: str,
    annotation: Any,
    text: str,
    key: str,
    changes: dict[str, Any],
    current: SlurmLauncher,
) -> Any:
    previous = changes.get(field, getattr(current, field))
    if field == "sbatch":
        if not key:
            return _literal(text, dict, "a dict like {'mail_type': 'END'}")
        return {**previous, key: text}
    if field == "setup":
        if text.startswith("["):
            return _literal(text, list, "a list of shell lines")
        return [*previous, text]  # -L setup=LINE is repeatable
    return _scalar(annotation, text)


def _scalar(annotation: Any, text: str) -> Any:
    options = typing.get_args(annotation) if typing.get_origin(annotation) else ()
    if type(None) in options:
        if text in ("none", "None", ""):
            return None
        (annotation,) = [t for t in options if t is not type(None)]
    if annotation is bool:
        lowered = text.lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise ValueError(f"expected a bool (true/false), got {text!r}")
    if annotation is int:
        if not text.strip().lstrip("+-").isdigit():
            raise ValueError(f"expected an int, got {text!r}")
        return int(text)
    if annotation is float:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"expected a float, got {text!r}") from None
    return text


def _literal(text: str, kind: type, expected: str) -> Any:
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        value = None
    if not isinstance(value, kind):
        raise ValueError(f"expected {expected}, got {text!r}")
    return value


# --------------------------------------------------------------------------
# Submitting


class LaunchedJob(typing.NamedTuple):
    label: str
    record: Path
    job: Any  # submitit.Job


def launch(
    points: Sequence[tuple[str, Any]],
    launcher: SlurmLauncher,
    *,
    executor: str,
    record_root: str | os.PathLike[str],
    command: Sequence[str],
    extra_args: Sequence[str] = (),
    overrides: Sequence[Mapping[str, str]] | None = None,
) -> list[LaunchedJob]:
    """Record every ``(label, config)`` point, then submit them as one job array.

    ``executor`` is ``"slurm"`` or ``"local"`` (submitit's local executor).
    """
    from pconfigs.records import create_record, experiment_name

    submitit = _import_submitit()
    name = launcher.job_name or experiment_name(points[0][0])
    pool = _executor(submitit, executor, launcher, name)
    # Absolute: a job may start in another directory than the submitter's.
    root = Path(record_root).absolute()
    records = [
        create_record(
            root,
            config,
            label=label,
            command=command,
            overrides=overrides[index] if overrides else None,
            extra_args=extra_args,
            status="submitted",
        )
        for index, (label, config) in enumerate(points)
    ]
    jobs = [
        Job(config, label, record, list(extra_args))
        for (label, config), record in zip(points, records, strict=True)
    ]
    try:
        with pool.batch():
            submitted = [pool.submit(job) for job in jobs]
    except Exception as error:
        raise _submission_failed(executor, records, error) from error
    launched = []
    for (label, _), record, job in zip(points, records, submitted, strict=True):
        _note_submission(record, executor, launcher, job.job_id)
        launched.append(LaunchedJob(label, record, job))
    return launched


def _submission_failed(
    executor: str, records: list[Path], error: Exception
) -> LaunchError:
    from pconfigs.records import read_run, write_run

    for record in records:
        run = read_run(record)
        run["status"] = "not submitted"
        write_run(record, run)
    count = f"{len(records)} job{'s' if len(records) > 1 else ''}"
    return LaunchError(
        message(
            f"Submitting {count} to {executor} failed: {type(error).__name__}: {error}",
            f'The run records stay, marked "not submitted", in {records[0].parent}',
            "Fix: correct the launcher options (the logs are in the launcher's "
            "folder), then run the command again",
        )
    )


def _import_submitit() -> Any:
    try:
        import submitit
    except ImportError:
        raise LaunchError(
            message(
                "Launching needs submitit, which is not installed",
                "Fix: pip install 'pconfigs[slurm]' (or pip install submitit)",
            )
        ) from None
    return submitit


def _executor(submitit: Any, kind: str, launcher: SlurmLauncher, name: str) -> Any:
    folder = launcher.folder
    if kind == "local":
        if launcher.nodes != 1:
            raise LaunchError(
                message(
                    f"--launcher local runs on this machine only: got nodes={launcher.nodes}",
                    "Fix: -L nodes=1, or --launcher slurm",
                )
            )
        pool = submitit.LocalExecutor(folder, max_num_timeout=launcher.max_requeues)
        pool.update_parameters(
            timeout_min=launcher.timeout_min,
            tasks_per_node=launcher.tasks_per_node,
            gpus_per_node=launcher.gpus_per_node,
            signal_delay_s=launcher.signal_delay_s,
            setup=list(launcher.setup),
        )
        return pool
    try:
        pool = submitit.SlurmExecutor(folder, max_num_timeout=launcher.max_requeues)
    except RuntimeError as error:  # submitit looks for srun first
        raise LaunchError(
            message(
                f"--launcher slurm cannot submit from this machine: {error}",
                "Fix: run on a SLURM login node (sbatch and srun on PATH), or try "
                "the same command with --launcher local",
            )
        ) from error
    pool.update_parameters(**slurm_parameters(launcher, name))
    return pool


def slurm_parameters(launcher: SlurmLauncher, name: str) -> dict[str, Any]:
    """The keyword arguments of ``submitit.SlurmExecutor.update_parameters``."""
    optional = {
        "partition": launcher.partition,
        "cpus_per_task": launcher.cpus_per_task,
        "mem": None if launcher.mem_gb is None else f"{launcher.mem_gb:g}GB",
        "account": launcher.account,
        "qos": launcher.qos,
        "constraint": launcher.constraint,
    }
    parameters: dict[str, Any] = {
        "job_name": name,
        "time": launcher.timeout_min,
        "nodes": launcher.nodes,
        "ntasks_per_node": launcher.tasks_per_node,
        "array_parallelism": launcher.array_parallelism,
        "signal_delay_s": launcher.signal_delay_s,
        "setup": list(launcher.setup),
        **{key: value for key, value in optional.items() if value is not None},
    }
    if launcher.gpus_per_node:
        parameters["gpus_per_node"] = launcher.gpus_per_node
    if launcher.sbatch:
        parameters["additional_parameters"] = dict(launcher.sbatch)
    return parameters


def _note_submission(
    record: Path, executor: str, launcher: SlurmLauncher, job_id: str
) -> None:
    from pconfigs.canonical import to_flat_dict
    from pconfigs.records import read_run, write_run

    run = read_run(record)
    run["launcher"] = {"name": executor, **to_flat_dict(launcher)}
    run["job_id"] = job_id
    write_run(record, run)


# --------------------------------------------------------------------------
# Inside the job


class Job:
    """What each submitted job runs: one config, by value, with its record.

    submitit pickles this object into the job; ``checkpoint`` is submitit's
    hook on preemption and time-out: it returns this job again to requeue.
    """

    def __init__(
        self,
        config: Any,
        label: str,
        record: Path,
        extra_args: list[str],
        requeues: int = 0,
    ) -> None:
        self.config = config
        self.label = label
        self.record = record
        self.extra_args = extra_args
        self.requeues = requeues
        self.preempted = False

    def __call__(self) -> int:
        from pconfigs.records import RUN_DIR_ENV, finish_run, is_rank_zero, start_run

        distributed = _export_distributed()
        rank_zero = is_rank_zero()
        if rank_zero:
            start_run(self.record, job=_job_facts(distributed), requeues=self.requeues)
            os.environ[RUN_DIR_ENV] = str(self.record)
        status = 1
        try:
            status = self.run_main()
        finally:
            sys.stdout.flush()
            if rank_zero and not self.preempted:
                finish_run(self.record, status)
        return status

    def run_main(self) -> int:
        runnable = self.config.construct()
        parsed_args = argparse.Namespace(config=self.label)
        status = runnable.main(parsed_args, list(self.extra_args))
        if status is None:
            return 0
        return status if isinstance(status, int) else 1

    def checkpoint(self, *args: Any, **kwargs: Any) -> Any:
        from submitit.helpers import DelayedSubmission

        from pconfigs.records import is_rank_zero, read_run, write_run

        self.preempted = True
        if is_rank_zero():
            run = read_run(self.record)
            run.update(status="requeued", requeues=self.requeues + 1)
            write_run(self.record, run)
        again = Job(
            self.config, self.label, self.record, self.extra_args, self.requeues + 1
        )
        return DelayedSubmission(again)


def _export_distributed() -> dict[str, Any] | None:
    """RANK, WORLD_SIZE, MASTER_ADDR, ... from SLURM's variables, as torchrun sets them."""
    from submitit import JobEnvironment
    from submitit.helpers import TorchDistributedEnvironment

    if JobEnvironment().num_tasks <= 1:
        return None
    # CUDA_VISIBLE_DEVICES is left alone: main picks its GPU with LOCAL_RANK.
    env = TorchDistributedEnvironment().export(
        set_cuda_visible_devices=False, overwrite=True
    )
    return {"rank": env.rank, "world_size": env.world_size, "master": env.master_addr}


def _job_facts(distributed: dict[str, Any] | None) -> dict[str, Any]:
    from submitit import JobEnvironment

    job = JobEnvironment()
    return {
        "id": job.job_id,
        "nodes": job.num_nodes,
        "tasks": job.num_tasks,
        "hostnames": list(job.hostnames),
        "distributed": distributed,
    }


def wait_for(jobs: Sequence[LaunchedJob], err: typing.IO[str], prog: str) -> int:
    """Wait for every job; one line each on ``err``; the worst exit status."""
    worst = 0
    for launched in jobs:
        try:
            # One result per task; a failing task fails the job.
            statuses = [int(result) for result in launched.job.results()]
            status = next((s for s in statuses if s != 0), 0)
        except Exception as error:  # the job raised: submitit re-raises it here
            err.write(
                f"{prog}: {launched.label} failed: {str(error).splitlines()[0]}\n"
            )
            worst = worst or 1
            continue
        outcome = "ok" if status == 0 else f"FAILED (exit {status})"
        err.write(f"{prog}: {launched.label} ... {outcome}\n")
        worst = worst or status
    return worst
