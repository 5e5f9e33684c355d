"""``torchrun --nproc-per-node 2 -m pconfigs.run ...``: every rank runs the config.

torch is large, so this test is marked ``torchrun``: the main pytest run
deselects it (see ``addopts`` in pyproject.toml) and ``scripts/test-torchrun.sh``
installs torch and runs it.
"""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.torchrun

EXPERIMENT = """
import os

import torch
import torch.distributed as dist

from pconfigs import pconfig, pconfiged


@pconfiged(runnable=True)
class Reduce:
    config: "ReduceConfig"

    def main(self, args, extra_args):
        dist.init_process_group("gloo")
        rank = dist.get_rank()
        total = torch.tensor([float(rank + self.config.offset)])
        dist.all_reduce(total)
        line = (f"rank={rank} world={dist.get_world_size()} config={args.config} "
                f"extra={extra_args} sum={total.item()}\\n")
        os.write(1, line.encode())  # one write: the ranks share stdout
        dist.destroy_process_group()
        return 0


@pconfig(constructs=Reduce)
class ReduceConfig:
    offset: int


config = ReduceConfig(offset=10)
"""


def test_torchrun_runs_the_config_on_every_rank(tmp_path: Path):
    (tmp_path / "torchrun_demo.py").write_text(textwrap.dedent(EXPERIMENT))
    torchrun = shutil.which("torchrun", path=str(Path(sys.executable).parent))
    assert torchrun, "scripts/test-torchrun.sh installs torch (and torchrun)"
    done = subprocess.run(
        [
            torchrun,
            "--standalone",  # rendezvous on a free local port
            "--nproc-per-node",
            "2",
            "-m",
            "pconfigs.run",
            "torchrun_demo.config",
            "--steps",
            "1",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = sorted(
        line for line in done.stdout.splitlines() if line.startswith("rank=")
    )
    # 10 + 11: each rank added its own value, so both took part.
    assert lines == [
        "rank=0 world=2 config=torchrun_demo.config extra=['--steps', '1'] sum=21.0",
        "rank=1 world=2 config=torchrun_demo.config extra=['--steps', '1'] sum=21.0",
    ]


def test_every_rank_resolves_the_same_overrides(tmp_path: Path):
    (tmp_path / "torchrun_demo.py").write_text(textwrap.dedent(EXPERIMENT))
    torchrun = shutil.which("torchrun", path=str(Path(sys.executable).parent))
    assert torchrun, "scripts/test-torchrun.sh installs torch (and torchrun)"
    done = subprocess.run(
        [
            torchrun,
            "--standalone",
            "--nproc-per-node",
            "2",
            "-m",
            "pconfigs.run",
            "-s",
            "offset=20",
            "torchrun_demo.config",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = sorted(
        line for line in done.stdout.splitlines() if line.startswith("rank=")
    )
    # 20 + 21: both ranks applied offset=20 (without it: 10 + 11).
    assert lines == [
        "rank=0 world=2 config=torchrun_demo.config extra=[] sum=41.0",
        "rank=1 world=2 config=torchrun_demo.config extra=[] sum=41.0",
    ]
