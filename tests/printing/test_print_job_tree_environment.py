"""A torchrun-style ``@penv`` environment inside a torchtitan-sized job tree
(the shape of ``tests/mypy/trees/job_config.py``): every rank's printed config
is what black writes, rebuilds equal, and differs from another rank's exactly
in the per-rank variables."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import black
import pytest

from pconfigs import EnvVar, config_hash, derive, from_json, pconfig, penv, to_json
from pconfigs.config_help import help_config
from pconfigs.printing import format_module

TREE = Path(__file__).resolve().parent.parent / "mypy" / "trees" / "job_config.py"


def load_tree() -> ModuleType:
    module = sys.modules.get("job_config")
    if module is None:
        spec = importlib.util.spec_from_file_location("job_config", TREE)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["job_config"] = module  # printed code imports from it
        spec.loader.exec_module(module)
    return module


tree = load_tree()


@penv
class TorchrunEnv:
    rank: int
    local_rank: int
    world_size: int
    local_world_size: int = 1
    master_addr: str = EnvVar("MASTER_ADDR", "127.0.0.1")
    master_port: int = EnvVar("MASTER_PORT", 29500)
    torchelastic_run_id: str | None


@pconfig
class DistributedJob(tree.JobConfig):  # type: ignore[misc,name-defined]
    environment: TorchrunEnv


def rank_environ(rank: int) -> dict[str, str]:
    return {
        "RANK": str(rank),
        "LOCAL_RANK": str(rank % 2),
        "WORLD_SIZE": "4",
        "LOCAL_WORLD_SIZE": "2",
        "MASTER_ADDR": "node-0",
        "TORCHELASTIC_RUN_ID": "run-17",
    }


def job_of_rank(rank: int) -> Any:
    return DistributedJob(tree.debug, environment=TorchrunEnv.read(rank_environ(rank)))


@pytest.mark.parametrize("runnable", [False, True])
def test_the_printed_tree_is_what_black_writes(runnable: bool) -> None:
    text = format_module(job_of_rank(3), runnable=runnable)
    ast.parse(text)
    assert black.format_str(text, mode=black.Mode()) == text


def test_the_runnable_tree_rebuilds_an_equal_config() -> None:
    namespace: dict[str, object] = {}
    exec(format_module(job_of_rank(1), runnable=True), namespace)
    assert namespace["config"] == job_of_rank(1)


def test_two_ranks_differ_exactly_in_their_per_rank_variables() -> None:
    zero = format_module(job_of_rank(0)).splitlines()
    three = format_module(job_of_rank(3)).splitlines()
    assert [(a, b) for a, b in zip(zero, three, strict=True) if a != b] == [
        ("        rank=0,  # env: RANK", "        rank=3,  # env: RANK"),
        (
            "        local_rank=0,  # env: LOCAL_RANK",
            "        local_rank=1,  # env: LOCAL_RANK",
        ),
    ]
    # One run: every rank hashes alike (records, --skip-done agree on all ranks).
    assert config_hash(job_of_rank(0)) == config_hash(job_of_rank(3))


def test_the_environment_survives_json_and_derivation() -> None:
    job = job_of_rank(2)
    assert from_json(to_json(job)) == job
    longer = derive(job, {"optimizer.lr": 1e-3, "environment.master_port": 1234})
    assert longer.environment.rank == 2
    assert longer.environment.master_port == 1234


def test_help_config_lists_every_variable_of_the_tree() -> None:
    lines = help_config(job_of_rank(0), "jobs.distributed").splitlines()
    assert [line for line in lines if "environment variable" in line] == [
        "  environment.rank: int = 0  (environment variable RANK, no default)",
        "  environment.local_rank: int = 0  (environment variable LOCAL_RANK, "
        "no default)",
        "  environment.world_size: int = 4  (environment variable WORLD_SIZE, "
        "no default)",
        "  environment.local_world_size: int = 2  (environment variable "
        "LOCAL_WORLD_SIZE, default 1)",
        "  environment.master_addr: str = 'node-0'  (environment variable "
        "MASTER_ADDR, default '127.0.0.1')",
        "  environment.master_port: int = 29500  (environment variable MASTER_PORT, "
        "default 29500)",
        "  environment.torchelastic_run_id: str | None = 'run-17'  (environment "
        "variable TORCHELASTIC_RUN_ID, unset means None)",
    ]
