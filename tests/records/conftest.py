"""A throwaway package (``recx``) of configs for the record, JSON and launcher tests.

Its classes live at the top level of real modules, so they import back by
path as they must for JSON, replay and submitted jobs. Written into a
temporary directory put first on ``sys.path``; forgotten afterwards.
"""

import sys
import textwrap
from pathlib import Path

import pytest

KINDS = """
import collections
import dataclasses
import enum
import pathlib

from pconfigs import Pin, Pinned, Required, pconfig, pdefaults, pinputs, pproperty


class Color(enum.Enum):
    red = 1
    blue = "b"


Point = collections.namedtuple("Point", "x y")


@dataclasses.dataclass(frozen=True)
class Box:
    w: int
    h: int = 2


def relu(x):
    return max(0, x)


@pconfig
class Layer:
    width: int
    scale: float

    @pproperty
    def scale(self) -> float:
        return pinputs(self).scale * 2  # the value differs from the input


@pconfig
class Model:
    layers: list
    version: Pinned[int]
    total: Pinned[int]

    @pproperty
    def total(self) -> int:
        return sum(layer.width for layer in self.layers)


pdefaults += Model(layers=[], version=Pin(3), total=Pinned)


@pconfig
class Kinds:
    none: object
    flag: bool
    count: int
    ratio: float
    odd: tuple
    text: str
    data: bytes
    number: complex
    color: Color
    where: pathlib.Path
    pure: pathlib.PurePosixPath
    items: list
    pair: tuple
    names: dict
    keyed: dict
    tags: set
    frozen: frozenset
    point: Point
    box: Box
    act: object
    kind: type
    model: Model
    by_name: dict
    missing: object


pdefaults += Kinds(
    none=None,
    flag=True,
    count=10**30,
    ratio=0.1,
    odd=(float("inf"), -float("inf"), -0.0, 1e16),
    text="héllo \\"quoted\\" \\n",
    data=b"\\x00\\xffab",
    number=complex(1.5, -2),
    color=Color.blue,
    where=pathlib.Path("/data/run"),
    pure=pathlib.PurePosixPath("a/b"),
    items=[1, "two", [3.5]],
    pair=(1, (2,)),
    names={"a": 1, "b": [2]},
    keyed={1: "one", (2, 3): "pair", "__x__": 0},
    tags={"b", "a", "c"},
    frozen=frozenset({3, 1, 2}),
    point=Point(1, 2),
    box=Box(w=1),
    act=relu,
    kind=Model,
    model=Model(layers=[Layer(width=2, scale=1.5), Layer(width=3, scale=1.0)]),
    by_name={"small": Layer(width=1, scale=0.5)},
    missing=Required,
)

config = Kinds()
"""


JOBS = """
import json
import os
import sys

from pconfigs import Pinned, pconfig, pconfiged, pproperty


@pconfiged(runnable=True)
class Report:
    config: "ReportConfig"

    def main(self, args, extra_args):
        for step in range(self.config.steps):
            print(f"step={step} lr={self.config.schedule[step]} extra={extra_args}")
        run_dir = os.environ.get("PCONFIGS_RUN_DIR")
        if run_dir:
            run = json.load(open(os.path.join(run_dir, "run.json")))
            print(f"config={args.config} status={run['status']} end={run['end_time']}", file=sys.stderr)
        return self.config.code


@pconfig(constructs=Report)
class ReportConfig:
    steps: int
    base_lr: float
    code: int
    schedule: Pinned[list]

    @pproperty
    def schedule(self) -> list:
        return [self.base_lr / (1 + step) for step in range(self.steps)]
"""

RANKS = """
import os
import pathlib
import time

from pconfigs import pconfig, pconfiged


@pconfiged(runnable=True)
class RankReport:
    config: "RankConfig"

    def main(self, args, extra_args):
        out = pathlib.Path(self.config.out_dir)
        marker = out / "started"
        if self.config.preemptible and not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(120)  # the test preempts the job here
        names = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "PCONFIGS_RUN_DIR")
        line = " ".join(f"{n}={os.environ.get(n)}" for n in names)
        (out / f"rank-{os.environ.get('RANK', 'none')}.txt").write_text(line + "\\n")
        print(f"ran {args.config} width={self.config.width} {line}", flush=True)
        return 0


@pconfig(constructs=RankReport)
class RankConfig:
    out_dir: str
    width: int
    preemptible: bool
"""

EXPERIMENTS = """
from recx.jobs import ReportConfig

config = ReportConfig(steps=3, base_lr=0.1, code=0)
failing = ReportConfig(config, code=3)
"""


@pytest.fixture
def recx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "recx"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "kinds.py").write_text(textwrap.dedent(KINDS))
    (package / "jobs.py").write_text(textwrap.dedent(JOBS))
    (package / "exp.py").write_text(textwrap.dedent(EXPERIMENTS))
    (package / "ranks.py").write_text(textwrap.dedent(RANKS))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in [m for m in sys.modules if m == "recx" or m.startswith("recx.")]:
        del sys.modules[name]
