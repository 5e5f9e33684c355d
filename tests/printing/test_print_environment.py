"""Printing ``@penv`` snapshots, ``@penum`` members and ``NoneConfig``: code
that names each variable, that black leaves as is, and that rebuilds."""

from __future__ import annotations

import ast
import enum

import black

from pconfigs import (
    EnvVar,
    NoneConfig,
    OptionalConfig,
    config_hash,
    from_json,
    pconfig,
    penum,
    penv,
    to_json,
)
from pconfigs.printing import format_module


@penum
class Backend(enum.Enum):
    nccl = "nccl"
    gloo = "gloo"


@penv
class Dist:
    world_size: int = 1
    rank: int
    master_addr: str = EnvVar("MASTER_ADDR", "localhost")
    device: str | None
    backend: Backend = Backend.nccl


@pconfig
class Evaluator:
    every: int = 5


@pconfig
class Job:
    environment: Dist
    evaluator: OptionalConfig[Evaluator] = NoneConfig
    steps: int = 10


def job(rank: str = "0") -> Job:
    return Job(environment=Dist.read({"RANK": rank, "WORLD_SIZE": "8"}))


EXPECTED_BODY = (
    "Job(\n"
    "    environment=Dist(\n"
    "        world_size=8,  # env: WORLD_SIZE\n"
    "        rank=0,  # env: RANK\n"
    '        master_addr="localhost",  # env: MASTER_ADDR\n'
    "        device=None,  # env: DEVICE\n"
    "        backend=Backend.nccl,  # env: BACKEND\n"
    "    ),\n"
    "    evaluator=NoneConfig,\n"
    "    steps=10,\n"
    ")\n"
)


def test_a_snapshot_prints_with_the_variable_of_each_field() -> None:
    text = format_module(job())
    assert text.endswith("\n\n" + EXPECTED_BODY)
    assert text.startswith(
        f"from {__name__} import Job, Dist, Backend\nfrom pconfigs import NoneConfig\n"
    )


def test_the_printed_code_is_what_black_writes() -> None:
    for runnable in (False, True):
        text = format_module(job(), runnable=runnable)
        ast.parse(text)
        assert black.format_str(text, mode=black.Mode()) == text


def test_runnable_code_rebuilds_an_equal_config_without_reading_the_environment() -> (
    None
):
    text = format_module(job(), runnable=True)
    namespace: dict[str, object] = {}
    exec(text, namespace)  # RANK is not set here: every value is in the code
    assert namespace["config"] == job()


def test_a_long_variable_name_keeps_black_layout() -> None:
    @penv
    class Long:
        a_very_long_field_name_that_goes_on_and_on: str = EnvVar(
            "A_VERY_LONG_ENVIRONMENT_VARIABLE_NAME_THAT_GOES_ON_AND_ON_AND_ON", "x" * 30
        )

    text = format_module(Long.read({}))
    assert black.format_str(text, mode=black.Mode()) == text


def test_every_rank_hashes_alike_and_json_keeps_the_snapshot() -> None:
    assert job("0") != job("1")
    assert config_hash(job("0")) == config_hash(job("1"))  # one run, two ranks
    assert config_hash(Job(job("0"), steps=11)) != config_hash(job("0"))
    assert from_json(to_json(job("1"))) == job("1")
    assert '"rank": 1' in to_json(job("1"))
