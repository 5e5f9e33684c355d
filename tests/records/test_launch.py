"""Launching through submitit, run for real on submitit's local executor.

``--launcher local`` is the code path of ``--launcher slurm`` with
``submitit.LocalExecutor`` in place of ``submitit.SlurmExecutor``: the same
records, the same pickled job, the same array submission. The SLURM side is
checked down to the sbatch script submitit writes for the options.
"""

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from submitit.slurm.slurm import _make_sbatch_string

from pconfigs.cli import main
from pconfigs.launch import (
    LaunchError,
    SlurmLauncher,
    launch,
    launcher_from_options,
    slurm_parameters,
    wait_for,
)

REPO = Path(__file__).resolve().parents[2]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["run", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def workdir(recx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Jobs run in subprocesses: they find recx and pconfigs through PYTHONPATH."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(recx.parent), str(REPO)]))
    for name in ("RANK", "WORLD_SIZE", "SLURM_PROCID", "PCONFIGS_RECORD_DIR"):
        monkeypatch.delenv(name, raising=False)
    return work


def records(root: Path) -> list[dict]:
    return [json.loads((d / "run.json").read_text()) for d in sorted(root.iterdir())]


def test_two_sweep_points_run_as_one_array_each_with_its_record(workdir: Path):
    from recx.ranks import RankConfig

    points = [
        (
            f"recx.ranks.grid[{i}]",
            RankConfig(out_dir=str(workdir), width=w, preemptible=False),
        )
        for i, w in enumerate((8, 16))
    ]
    launcher = launcher_from_options(["folder=logs/%j", "timeout_min=5"])
    jobs = launch(
        points,
        launcher,
        executor="local",
        record_root=workdir / "runs",
        command=["pconfigs", "run", "--launcher", "local", "recx.ranks.grid"],
        extra_args=["--x"],
    )
    # Recorded before the jobs started running: every point has its record.
    assert [job.label for job in jobs] == ["recx.ranks.grid[0]", "recx.ranks.grid[1]"]
    err = io.StringIO()
    assert wait_for(jobs, err, "pconfigs run") == 0
    assert err.getvalue() == (
        "pconfigs run: recx.ranks.grid[0] ... ok\npconfigs run: recx.ranks.grid[1] ... ok\n"
    )
    written = records(workdir / "runs")
    assert [r["config"] for r in written] == [
        "recx.ranks.grid[0]",
        "recx.ranks.grid[1]",
    ]
    for record, job in zip(written, jobs, strict=True):
        assert (record["status"], record["exit_status"]) == ("succeeded", 0)
        assert record["job_id"] == job.job.job_id == record["job"]["id"]
        assert record["launcher"]["name"] == "local"
        assert record["launcher"]["timeout_min"] == 5
        assert record["extra_args"] == ["--x"]
        assert record["host"] and record["start_time"] < record["end_time"]
        assert record["requeues"] == 0
    logs = [job.job.stdout() for job in jobs]
    assert "ran recx.ranks.grid[0] width=8 " in logs[0]
    assert "ran recx.ranks.grid[1] width=16 " in logs[1]
    # Each job ran with its own record directory in PCONFIGS_RUN_DIR.
    assert f"PCONFIGS_RUN_DIR={jobs[1].record}" in logs[1]


def test_a_two_task_job_sees_two_ranks(workdir: Path, recx: Path):
    (recx / "exp2.py").write_text(
        "from recx.ranks import RankConfig\n\n"
        f"config = RankConfig(out_dir={str(workdir)!r}, width=1, preemptible=False)\n"
    )
    status, out, err = run(
        "--launcher",
        "local",
        "-L",
        "tasks_per_node=2",
        "-L",
        "wait=true",
        "-L",
        "folder=logs/%j",
        "--record",
        "runs",
        "recx.exp2.config",
    )
    assert (status, err) == (0, "pconfigs run: recx.exp2.config ... ok\n"), out
    (record_dir,) = (workdir / "runs").iterdir()
    assert out.startswith("recx.exp2.config: job ") and out.endswith(
        f", record {record_dir}\n"
    )
    assert (workdir / "rank-0.txt").read_text() == (
        f"RANK=0 WORLD_SIZE=2 LOCAL_RANK=0 PCONFIGS_RUN_DIR={record_dir}\n"
    )
    assert (workdir / "rank-1.txt").read_text() == (
        "RANK=1 WORLD_SIZE=2 LOCAL_RANK=1 PCONFIGS_RUN_DIR=None\n"
    )
    (record,) = records(workdir / "runs")
    assert record["status"] == "succeeded"
    assert record["job"]["tasks"] == 2
    assert record["job"]["distributed"]["world_size"] == 2
    assert record["command"][:3] == ["pconfigs", "run", "--launcher"]


def test_a_preempted_job_is_requeued_and_finishes(workdir: Path):
    from recx.ranks import RankConfig

    config = RankConfig(out_dir=str(workdir), width=4, preemptible=True)
    launcher = launcher_from_options(["folder=logs/%j", "signal_delay_s=1"])
    (job,) = launch(
        [("recx.ranks.slow", config)],
        launcher,
        executor="local",
        record_root=workdir / "runs",
        command=["test"],
    )
    marker = workdir / "started"
    deadline = time.monotonic() + 60
    while not marker.exists() or not marker.read_text():
        assert time.monotonic() < deadline, job.job.stderr()
        time.sleep(0.1)
    # What SLURM does before preempting a job: SIGUSR2 to its task.
    os.kill(int(marker.read_text()), signal.SIGUSR2)
    assert wait_for([job], io.StringIO(), "p") == 0
    (record,) = records(workdir / "runs")
    assert (record["status"], record["requeues"]) == ("succeeded", 1)
    log = job.job.stdout()
    assert "Caught signal SIGUSR2" in log and "this job is preempted" in log
    assert "ran recx.ranks.slow width=4" in log


def test_slurm_options_become_the_sbatch_lines():
    launcher = launcher_from_options(
        [
            "partition=gpu",
            "gpus_per_node=8",
            "nodes=2",
            "tasks_per_node=8",
            "cpus_per_task=10",
            "mem_gb=480",
            "account=research",
            "qos=high",
            "constraint=a100",
            "array_parallelism=4",
            "setup=module load cuda",
            "setup=source .venv/bin/activate",
            "sbatch.mail_type=END",
            "timeout_min=600",
        ]
    )
    parameters = slurm_parameters(launcher, "second")
    assert parameters == {
        "job_name": "second",
        "time": 600,
        "nodes": 2,
        "ntasks_per_node": 8,
        "array_parallelism": 4,
        "signal_delay_s": 120,
        "setup": ["module load cuda", "source .venv/bin/activate"],
        "partition": "gpu",
        "cpus_per_task": 10,
        "mem": "480GB",
        "account": "research",
        "qos": "high",
        "constraint": "a100",
        "gpus_per_node": 8,
        "additional_parameters": {"mail_type": "END"},
    }
    script = _make_sbatch_string(command="python -m job", folder="logs", **parameters)
    lines = script.splitlines()
    for line in (
        "#SBATCH --partition=gpu",
        "#SBATCH --gpus-per-node=8",
        "#SBATCH --nodes=2",
        "#SBATCH --ntasks-per-node=8",
        "#SBATCH --cpus-per-task=10",
        "#SBATCH --mem=480GB",
        "#SBATCH --account=research",
        "#SBATCH --qos=high",
        "#SBATCH --constraint=a100",
        "#SBATCH --time=600",
        "#SBATCH --job-name=second",
        "#SBATCH --mail-type=END",
        "module load cuda",
        "source .venv/bin/activate",
    ):
        assert line in lines, script


def test_launcher_defaults_and_python_construction():
    launcher = SlurmLauncher(SlurmLauncher(), partition="gpu", nodes=2)
    assert (launcher.partition, launcher.nodes, launcher.timeout_min) == ("gpu", 2, 60)
    assert launcher_from_options(["partition=gpu", "nodes=2"]) == launcher
    assert launcher_from_options(["qos=none"]).qos is None


def test_bad_launcher_options_are_reported_together():
    with pytest.raises(LaunchError) as caught:
        launcher_from_options(
            [
                "partion=gpu",
                "nodes=two",
                "wait=maybe",
                "gpus",
                "setup.x=1",
                "mem_gb=lots",
            ]
        )
    assert str(caught.value) == (
        "Bad launcher options\n"
        "  -L partion=gpu: SlurmLauncher has no field 'partion' (did you mean "
        '"partition"?)\n'
        "  -L nodes=two: expected an int, got 'two'\n"
        "  -L wait=maybe: expected a bool (true/false), got 'maybe'\n"
        "  -L gpus: expected NAME=VALUE, e.g. -L partition=gpu\n"
        "  -L setup.x=1: only sbatch takes a key (sbatch.NAME=VALUE)\n"
        "  -L mem_gb=lots: expected a float, got 'lots'\n"
        "  Fields of SlurmLauncher: folder, timeout_min, partition, nodes, "
        "tasks_per_node, gpus_per_node, cpus_per_task, mem_gb, account, qos, "
        "constraint, array_parallelism, setup, sbatch, job_name, signal_delay_s, "
        "max_requeues, wait"
    )


def test_bad_options_on_the_command_line_fail_before_anything_is_recorded(
    workdir: Path,
):
    status, out, err = run("--launcher", "slurm", "-L", "nodes=x", "recx.exp.config")
    assert (status, out) == (1, "")
    assert err.startswith(
        "pconfigs run: Bad launcher option\n  -L nodes=x: expected an int, got 'x'\n"
    )
    assert not (workdir / "runs").exists()


def test_local_launcher_refuses_several_nodes(workdir: Path):
    status, out, err = run("--launcher", "local", "-L", "nodes=2", "recx.exp.config")
    assert (status, out) == (1, "")
    assert err == (
        "pconfigs run: --launcher local runs on this machine only: got nodes=2\n"
        "  Fix: -L nodes=1, or --launcher slurm\n"
    )


def test_without_submitit_the_error_says_what_to_install(workdir: Path):
    code = (
        "import sys; sys.modules['submitit'] = None\n"  # as if it were not installed
        "from pconfigs.cli import main\n"
        "sys.exit(main(['run', '--launcher', 'slurm', 'recx.exp.config']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "pconfigs run: Launching needs submitit, which is not installed\n"
        "  Fix: pip install 'pconfigs[slurm]' (or pip install submitit)\n"
    )


def test_a_sweep_on_the_command_line_is_one_array_of_recorded_points(
    workdir: Path, recx: Path
):
    (recx / "exp3.py").write_text(
        "from recx.ranks import RankConfig\n\n"
        f"config = RankConfig(out_dir={str(workdir)!r}, width=1, preemptible=False)\n"
    )
    status, out, err = run(
        "--launcher",
        "local",
        "-L",
        "wait=true",
        "-L",
        "folder=logs/%j",
        "--sweep",
        "width=8,16",
        "recx.exp3.config",
    )
    assert status == 0, err
    assert err == (
        "pconfigs run: recx.exp3.config [width=8] ... ok\n"
        "pconfigs run: recx.exp3.config [width=16] ... ok\n"
    )
    lines = out.splitlines()
    assert [line.split(": job ")[0] for line in lines] == [
        "recx.exp3.config [width=8]",
        "recx.exp3.config [width=16]",
    ]
    written = records(workdir / "runs")
    assert sorted(r["overrides"]["width"] for r in written) == ["16", "8"]
    assert {r["status"] for r in written} == {"succeeded"}


def test_slurm_away_from_a_cluster_fails_before_anything_is_recorded(workdir: Path):
    assert shutil.which("srun") is None, "this test needs a machine without SLURM"
    assert run("--launcher", "slurm", "recx.exp.config") == (
        1,
        "",
        "pconfigs run: --launcher slurm cannot submit from this machine: Could not "
        'detect "srun", are you indeed on a slurm cluster?\n'
        "  Fix: run on a SLURM login node (sbatch and srun on PATH), or try the same "
        "command with --launcher local\n",
    )
    assert not (workdir / "runs").exists()


def test_a_failed_submission_marks_the_records(workdir: Path):
    # No local submission fails on demand, so this calls the handler launch()
    # calls when submitit raises, on real records.
    from recx.ranks import RankConfig

    from pconfigs.launch import _submission_failed
    from pconfigs.records import create_record

    config = RankConfig(out_dir=str(workdir), width=1, preemptible=False)
    record = create_record(workdir / "runs", config, label="recx.ranks.one", command=[])
    error = _submission_failed(
        "slurm", [record], OSError("sbatch: error: invalid partition")
    )
    assert str(error) == (
        "Submitting 1 job to slurm failed: OSError: sbatch: error: invalid partition\n"
        f'  The run records stay, marked "not submitted", in {workdir / "runs"}\n'
        "  Fix: correct the launcher options (the logs are in the launcher's "
        "folder), then run the command again"
    )
    assert [r["status"] for r in records(workdir / "runs")] == ["not submitted"]
