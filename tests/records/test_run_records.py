"""``pconfigs run --record / --replay / --skip-done``: records inspected field by field."""

import datetime
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pconfigs import config_hash, from_json
from pconfigs.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["run", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current directory is a git repository with one commit on branch `exp`."""
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "exp")
    (work / "notes.txt").write_text("first\n")
    git(work, "add", "notes.txt")
    git(work, "commit", "-q", "-m", "first")
    monkeypatch.chdir(work)
    monkeypatch.delenv("PCONFIGS_RECORD_DIR", raising=False)
    monkeypatch.delenv("PCONFIGS_RUN_DIR", raising=False)
    monkeypatch.delenv("RANK", raising=False)
    monkeypatch.delenv("SLURM_PROCID", raising=False)
    return work


def only_record(root: Path) -> Path:
    (directory,) = root.iterdir()
    return directory


def test_a_recorded_run_writes_config_py_config_json_and_run_json(
    recx: Path, repo: Path
):
    from recx.exp import config

    runs = repo / "runs"
    status, out, err = run("--record", str(runs), "recx.exp.config", "--fast")
    assert status == 0
    assert out.splitlines()[0] == "step=0 lr=0.1 extra=['--fast']"
    directory = only_record(runs)
    digest = config_hash(config)
    assert directory.name.startswith(f"exp-{digest[:8]}-20")
    # main ran with the record in place and found it in PCONFIGS_RUN_DIR
    assert err == "config=recx.exp.config status=running end=None\n"
    assert sorted(p.name for p in directory.iterdir()) == [
        "config.json",
        "config.py",
        "run.json",
    ]
    namespace: dict = {}
    exec((directory / "config.py").read_text(), namespace)
    assert namespace["config"] == config
    assert from_json((directory / "config.json").read_text()) == config

    record = json.loads((directory / "run.json").read_text())
    assert record["record_format"] == 1
    assert record["config"] == "recx.exp.config"
    assert record["config_class"] == "recx.jobs:ReportConfig"
    assert record["hash"] == digest
    assert record["command"] == [
        "pconfigs",
        "run",
        "--record",
        str(runs),
        "recx.exp.config",
        "--fast",
    ]
    assert record["overrides"] == {}
    assert record["extra_args"] == ["--fast"]
    assert record["git"] == {
        "commit": git(repo, "rev-parse", "HEAD"),
        "branch": "exp",
        "dirty": False,
        "root": str(repo),
    }
    assert record["python"]["version"] == ".".join(map(str, sys.version_info[:3]))
    assert record["python"]["executable"] == sys.executable
    assert record["packages"]["pconfigs"] == "0.1.0"
    assert record["packages"]["pytest"]
    assert record["host"] == socket.gethostname()
    assert record["pid"] == os.getpid()
    times = [
        datetime.datetime.fromisoformat(record[key])
        for key in ("created", "start_time", "end_time")
    ]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)
    assert (record["exit_status"], record["status"]) == (0, "succeeded")
    assert "PCONFIGS_RUN_DIR" not in os.environ  # restored after the run


def test_a_dirty_tree_is_recorded_with_its_diff(recx: Path, repo: Path):
    (repo / "notes.txt").write_text("first\nchanged\n")
    assert run("--record", "runs", "recx.exp.config")[0] == 0
    directory = only_record(repo / "runs")
    record = json.loads((directory / "run.json").read_text())
    assert record["git"]["dirty"] is True
    diff = (directory / "git.diff").read_text()
    assert "+changed" in diff and "notes.txt" in diff


def test_outside_a_git_repository_git_is_null(
    recx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    bare = tmp_path / "bare"
    bare.mkdir()
    monkeypatch.chdir(bare)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert run("--record", "runs", "recx.exp.config")[0] == 0
    record = json.loads((only_record(bare / "runs") / "run.json").read_text())
    assert record["git"] is None


def test_the_record_dir_can_come_from_the_environment(
    recx: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PCONFIGS_RECORD_DIR", str(repo / "env-runs"))
    assert run("recx.exp.config")[0] == 0
    assert json.loads((only_record(repo / "env-runs") / "run.json").read_text())[
        "status"
    ] == ("succeeded")


def test_a_failing_run_records_its_exit_status(recx: Path, repo: Path):
    status, _, _ = run("--record", "runs", "recx.exp.failing")
    assert status == 3
    directory = only_record(repo / "runs")
    assert directory.name.startswith("exp.failing-")
    record = json.loads((directory / "run.json").read_text())
    assert (record["exit_status"], record["status"]) == (3, "failed")


def test_only_rank_0_writes_a_record(
    recx: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("RANK", "1")
    status, out, err = run("--record", "runs", "recx.exp.config")
    assert (status, err) == (0, "")
    assert out.startswith("step=0")
    assert not (repo / "runs").exists()


def test_skip_done_skips_a_config_that_already_succeeded(recx: Path, repo: Path):
    assert run("--record", "runs", "recx.exp.config")[0] == 0
    done = only_record(repo / "runs")
    assert run("--skip-done", "runs", "recx.exp.config") == (
        0,
        "",
        f"pconfigs run: skipping recx.exp.config: {done.relative_to(repo)} already succeeded\n",
    )


def test_skip_done_runs_a_config_whose_record_failed(recx: Path, repo: Path):
    assert run("--record", "runs", "recx.exp.failing")[0] == 3
    status, out, _ = run("--skip-done", "runs", "--record", "runs", "recx.exp.failing")
    assert status == 3 and out.startswith("step=0")
    assert len(list((repo / "runs").iterdir())) == 2


def test_replaying_a_directory_without_a_record_is_an_error(recx: Path, repo: Path):
    assert run("--replay", "nowhere") == (
        1,
        "",
        "pconfigs run: nowhere is not a run record: it has no run.json\n"
        "  A run record is a directory that `pconfigs run --record DIR` made inside "
        "DIR, named <experiment>-<hash8>-<timestamp>\n",
    )


def test_replay_refuses_a_record_whose_classes_changed(recx: Path, repo: Path):
    assert run("--record", "runs", "recx.exp.config")[0] == 0
    directory = only_record(repo / "runs")
    path = directory / "config.json"
    tree = json.loads(path.read_text())
    tree["base_lr"] = 0.2
    tree["schedule"] = [0.2, 0.1, 0.2 / 3]
    path.write_text(json.dumps(tree))
    digest = json.loads((directory / "run.json").read_text())["hash"]
    status, out, err = run("--replay", str(directory))
    assert (status, out) == (1, "")
    assert err.splitlines()[0] == (
        f"pconfigs run: {directory}: the rebuilt config hashes to "
        f"{config_hash(from_json(path.read_text()))[:8]}, but the record says {digest[:8]}"
    )


def test_replay_output_is_byte_identical_without_the_experiment_module(
    recx: Path, repo: Path
):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(recx.parent), str(REPO)]),
    }

    def pconfigs(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pconfigs.run", *argv],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    original = pconfigs("--record", "runs", "recx.exp.config", "a", "--b")
    assert original.returncode == 0, original.stderr
    directory = only_record(repo / "runs")
    # The experiment module is gone: replay must not need it.
    (recx / "exp.py").unlink()
    replay = pconfigs("--replay", str(directory))
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout == original.stdout
    assert (
        replay.stdout.splitlines()[-1]
        == "step=2 lr=0.03333333333333333 extra=['a', '--b']"
    )
    assert replay.stderr == ""  # main prints the record's status only when recorded
    assert original.stderr == "config=recx.exp.config status=running end=None\n"
    # Replaying with --record records a second run of the same config.
    again = pconfigs("--record", "runs", "--replay", str(directory))
    assert (again.stdout, again.stderr) == (original.stdout, original.stderr)
    records = sorted((repo / "runs").iterdir())
    assert len(records) == 2
    assert {json.loads((d / "run.json").read_text())["hash"] for d in records} == {
        json.loads((directory / "run.json").read_text())["hash"]
    }


def test_overrides_are_recorded_and_replayed(recx: Path, repo: Path):
    status, out, _ = run("--record", "runs", "-s", "steps=2", "recx.exp.config")
    assert status == 0 and out.count("step=") == 2
    directory = only_record(repo / "runs")
    record = json.loads((directory / "run.json").read_text())
    assert record["overrides"] == {"steps": "2"}
    assert from_json((directory / "config.json").read_text()).steps == 2
    assert run("--replay", str(directory))[1] == out


def test_each_point_of_a_sweep_gets_its_own_record(recx: Path, repo: Path):
    status, _, err = run("--record", "runs", "--sweep", "steps=1,2", "recx.exp.config")
    assert status == 0, err
    written = [
        json.loads((d / "run.json").read_text())
        for d in sorted((repo / "runs").iterdir())
    ]
    assert sorted(r["overrides"]["steps"] for r in written) == ["1", "2"]
    assert len({r["hash"] for r in written}) == 2
    assert {r["status"] for r in written} == {"succeeded"}
