"""A throwaway package of experiments (``clix``) for the command-line tests.

Written into a temporary directory and put first on ``sys.path``; every
``clix`` module is forgotten afterwards so each test imports afresh.
"""

import sys
import textwrap
from pathlib import Path

import pytest

JOBS = """
from pconfigs import Pinned, pconfig, pconfiged, pproperty


@pconfig
class Plain:
    x: int


@pconfiged(runnable=True)
class Echo:
    config: "EchoConfig"

    def main(self, args, extra_args):
        print(f"config={args.config} extra={extra_args} greeting={self.config.greeting}")
        return self.config.code


@pconfig(constructs=Echo)
class EchoConfig:
    greeting: str
    code: object
    inner: Plain


@pconfiged
class Model:
    config: "ModelConfig"


@pconfig(constructs=Model)
class ModelConfig:
    width: int


@pconfiged(runnable=True)
class Crash:
    config: "CrashConfig"

    def main(self, args, extra_args):
        raise RuntimeError("boom in main")


@pconfig(constructs=Crash)
class CrashConfig:
    x: int


@pconfiged(runnable=True)
class Fragile:
    config: "FragileConfig"

    def __init__(self):
        raise OSError("no GPU here")

    def main(self, args, extra_args):
        return 0


@pconfig(constructs=Fragile)
class FragileConfig:
    x: int


@pconfig
class Schedule:
    total: int
    steps: Pinned[list]

    @pproperty
    def steps(self) -> list:
        if self.total <= 0:
            raise ValueError("Bad lr_schedule.")
        return list(range(self.total))
"""

EXPERIMENTS = """
from pconfigs import Required
from clix.jobs import CrashConfig, EchoConfig, FragileConfig, ModelConfig, Plain

hello = EchoConfig(greeting="hi", code=None, inner=Plain(x=1))
exit3 = EchoConfig(greeting="bye", code=3, inner=Plain(x=1))
unfinished = EchoConfig(greeting=Required, code=0, inner=Plain(x=Required))
model = ModelConfig(width=3)
plain = Plain(x=1)
crash = CrashConfig(x=1)
fragile = FragileConfig(x=1)
not_a_config = 42
"""

BROKEN = """
from clix.jobs import Schedule

config = Schedule(total=0)
"""

MISSING_DEPENDENCY = """
import clix_not_installed_dependency  # noqa: F401

config = None
"""


@pytest.fixture
def clix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "clix"
    package.mkdir()
    files = {
        "__init__.py": "",
        "jobs.py": JOBS,
        "experiments.py": EXPERIMENTS,
        "broken.py": BROKEN,
        "missing_dependency.py": MISSING_DEPENDENCY,
    }
    for name, text in files.items():
        (package / name).write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in [m for m in sys.modules if m == "clix" or m.startswith("clix.")]:
        del sys.modules[name]
