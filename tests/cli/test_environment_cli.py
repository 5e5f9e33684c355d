"""``@penv`` fields on the command line: ``print`` shows the snapshot with its
variables, ``--help-config`` lists them, ``--set`` changes a snapshot's value,
and real environment variables reach a real ``python -m pconfigs.run``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from pconfigs.print import main as print_main
from pconfigs.run import main as run_main

JOBS = """
from typing import Optional

from pconfigs import (
    EnvVar, NoneConfig, OptionalConfig, pconfig, pconfiged, penum, penv,
)
from enum import Enum


@penum
class Backend(Enum):
    nccl = "nccl"
    gloo = "gloo"


@penv
class Dist:
    world_size: int = 1
    rank: int
    master_addr: str = EnvVar("MASTER_ADDR", "localhost")
    device: Optional[str]
    backend: Backend = Backend.nccl


@pconfig
class Evaluator:
    every: int = 5


@pconfiged(runnable=True)
class Train:
    config: "JobConfig"

    def main(self, args, extra_args):
        e = self.config.environment
        evaluator = self.config.evaluator
        print(f"rank={e.rank} world_size={e.world_size} addr={e.master_addr} "
              f"device={e.device} backend={e.backend} evaluator={evaluator!r:.10}")
        return 0


@pconfig(constructs=Train)
class JobConfig:
    environment: Dist
    evaluator: OptionalConfig[Evaluator] = NoneConfig
    steps: int = 10
"""

EXPS = """
from envy.jobs import JobConfig

config = JobConfig()
"""

VARIABLES = ("WORLD_SIZE", "RANK", "MASTER_ADDR", "DEVICE", "BACKEND")


@pytest.fixture
def envy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    package = tmp_path / "envy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "jobs.py").write_text(textwrap.dedent(JOBS))
    (package / "exps.py").write_text(textwrap.dedent(EXPS))
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("WORLD_SIZE", "2")
    yield tmp_path
    for name in [m for m in sys.modules if m.split(".")[0] == "envy"]:
        del sys.modules[name]


def show(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = print_main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_print_shows_the_snapshot_and_its_variables(envy: Path) -> None:
    assert show("envy.exps.config") == (
        0,
        "from envy.jobs import JobConfig, Train, Dist, Backend\n"
        "from pconfigs import NoneConfig\n"
        "\n"
        "# NOTE: This code is not intended to run. It is for reading and looking "
        "up type definitions.\n"
        "# If you want to run or inspect these objects, import the config from "
        "where it is defined.\n"
        "\n"
        "JobConfig(\n"
        "    constructable_type=Train,  # ClassVar (omit from config)\n"
        "    environment=Dist(\n"
        "        world_size=2,  # env: WORLD_SIZE\n"
        "        rank=0,  # env: RANK\n"
        '        master_addr="localhost",  # env: MASTER_ADDR\n'
        "        device=None,  # env: DEVICE\n"
        "        backend=Backend.nccl,  # env: BACKEND\n"
        "    ),\n"
        "    evaluator=NoneConfig,\n"
        "    steps=10,\n"
        ")\n",
        "",
    )


def test_help_config_lists_the_variables_with_type_and_default(envy: Path) -> None:
    assert run("--help-config", "envy.exps.config") == (
        0,
        "Settable paths of envy.exps.config (JobConfig); set one with -s PATH=VALUE\n"
        "  environment: Dist = Dist(...)\n"
        "  environment.world_size: int = 2  (environment variable WORLD_SIZE, "
        "default 1)\n"
        "  environment.rank: int = 0  (environment variable RANK, no default)\n"
        "  environment.master_addr: str = 'localhost'  (environment variable "
        "MASTER_ADDR, default 'localhost')\n"
        "  environment.device: Optional[str] = None  (environment variable DEVICE, "
        "unset means None)\n"
        "  environment.backend: Backend = Backend.nccl  (environment variable "
        "BACKEND, default Backend.nccl)\n"
        "  evaluator: OptionalConfig[Evaluator] = NoneConfig\n"
        "  steps: int = 10\n",
        "",
    )


def test_set_changes_a_value_of_the_snapshot(envy: Path) -> None:
    status, out, err = run(
        "-s", "environment.rank=3", "-s", "environment.backend=gloo", "envy.exps.config"
    )
    assert (status, err) == (0, "")
    assert out == (
        "rank=3 world_size=2 addr=localhost device=None backend=Backend.gloo "
        "evaluator=NoneConfig\n"
    )


def test_set_swaps_none_config_for_a_config(envy: Path) -> None:
    status, out, err = show("-s", "evaluator=envy.jobs.Evaluator", "envy.exps.config")
    assert (status, err) == (0, "")
    assert "    evaluator=Evaluator(  # --set\n        every=5,\n    ),\n" in out


def test_set_of_a_bad_value_names_the_field(envy: Path) -> None:
    assert run("-s", "environment.rank=two", "envy.exps.config") == (
        1,
        "",
        "pconfigs.run: Cannot apply the overrides to JobConfig: 1 problem\n"
        "  --set environment.rank=two: Dist.rank: expected int, got 'two'; write an "
        "integer literal such as 100\n"
        "  Nothing was built; fix every line above and run again\n",
    )


def test_runnable_print_rebuilds_the_same_config(envy: Path) -> None:
    status, out, _ = show("--runnable", "envy.exps.config")
    assert status == 0
    namespace: dict[str, object] = {}
    exec(out, namespace)
    from envy.exps import config

    assert namespace["config"] == config


def test_a_wrong_variable_fails_loudly_without_a_traceback(
    envy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORLD_SIZE", "two")
    assert run("envy.exps.config") == (
        1,
        "",
        'pconfigs.run: Building "envy.exps.config" failed: importing envy.exps '
        "raised EnvironmentVariableError: Cannot read Dist from os.environ: "
        "WORLD_SIZE (Dist.world_size): expected int, got 'two'; write an integer "
        "literal such as 100\n"
        "  Fix: set each variable to a value of the field's type, or give the "
        'field a default in the class body (`rank: int = 0` or `= EnvVar("RANK", 0)`)\n'
        "  Run again with --traceback to see where\n",
    )


def test_real_variables_reach_python_m_pconfigs_run(envy: Path) -> None:
    environ = {
        **os.environ,
        "RANK": "1",
        "WORLD_SIZE": "4",
        "MASTER_ADDR": "node-3",
        "DEVICE": "cuda:1",
        "BACKEND": "gloo",
        "PYTHONPATH": os.pathsep.join([str(envy), *sys.path]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pconfigs.run", "envy.exps.config"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "rank=1 world_size=4 addr=node-3 device=cuda:1 backend=Backend.gloo "
        "evaluator=NoneConfig\n"
    )


def test_skip_done_decides_alike_on_every_rank(
    envy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    records = tmp_path / "runs"
    status, _, err = run("--record", str(records), "envy.exps.config")  # rank 0
    assert (status, err) == (0, "")
    (record,) = records.iterdir()
    assert '"rank": 0' in (record / "config.json").read_text()
    monkeypatch.setenv("RANK", "1")  # another rank of the same run
    status, out, err = run("--skip-done", str(records), "envy.exps.config")
    assert (status, out) == (0, "")
    assert (
        err == f"pconfigs.run: skipping envy.exps.config: {record} already succeeded\n"
    )
