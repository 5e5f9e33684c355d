"""Incremental and daemon modes give what a cold run gives, after edits.

The plugin keeps per-class facts in ``TypeInfo.metadata``; a module loaded
from the cache must see the same constructor, Pinned fields and defaults as
one analysed from source.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = """\
[mypy]
plugins = pconfigs.mypy_plugin
strict = True

[mypy-pconfigs.*]
follow_imports = silent
"""
LIB = """\
from __future__ import annotations

from pconfigs import pconfig, pconfiged, pdefaults, Pin, Pinned, pproperty


@pconfiged
class Model:
    config: ModelConfig


@pconfig(constructs=Model)
class ModelConfig:
    width: int
    depth: int
    area: Pinned[int]
    version: Pinned[int]

    @pproperty
    def area(self) -> int:
        return self.width * self.depth


pdefaults += ModelConfig(width=1, depth=2, area=Pinned, version=Pin(1))


@pconfig
class RunConfig:
    model: ModelConfig
    steps: int
"""
EXPERIMENT_1 = """\
from lib import ModelConfig, RunConfig

first = ModelConfig(width=3)
run = RunConfig(model=first, steps=2)
ModelConfig(first, area=4)
"""
EXPERIMENT_2 = """\
from typing_extensions import assert_type

from lib import Model, ModelConfig, RunConfig
from pconfigs import Pin

second = ModelConfig(depth=4, version=Pin(2))
assert_type(second.construct(), Model)
RunConfig(model=second)
second.area = 1
"""
# The library edit: `depth` becomes Pinned, RunConfig gets a default.
LIB_EDITED = LIB.replace("    depth: int\n", "    depth: Pinned[int]\n").replace(
    "    steps: int\n", "    steps: int\n\n\npdefaults += RunConfig(steps=1)\n"
)


def write_project(path: Path, experiment: str, lib: str = LIB) -> None:
    (path / "lib.py").write_text(lib)
    (path / "exp.py").write_text(experiment)
    (path / "other.py").write_text("from lib import ModelConfig\n\nModelConfig()\n")


def mypy(path: Path, cache: str) -> str:
    args = ["--config-file", "mypy.ini", "--cache-dir", cache]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *args, "lib.py", "exp.py", "other.py"],
        cwd=path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "INTERNAL ERROR" not in result.stdout + result.stderr, result.stderr
    return result.stdout


def cold(path: Path) -> str:
    shutil.rmtree(path / ".cold", ignore_errors=True)
    return mypy(path, ".cold")


def same_errors(output: str) -> str:
    """``output`` without what mypy itself prints only with sources at hand.

    mypy adds ``"X" defined in "mod"`` notes only when it analysed ``mod``
    from source in this run, with or without plugins; "Daemon started" is
    dmypy's own line.
    """
    return "".join(
        line
        for line in output.splitlines(keepends=True)
        if not ('" defined in "' in line and ": note: " in line)
        and line != "Daemon started\n"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mypy.ini").write_text(CONFIG)
    write_project(tmp_path, EXPERIMENT_1)
    return tmp_path


def test_incremental_runs_match_cold_runs_through_edits(project: Path) -> None:
    first = mypy(project, ".cache")
    assert 'Cannot set pinned field "area" of "ModelConfig"' in first
    assert mypy(project, ".cache") == first  # everything from the cache

    write_project(project, EXPERIMENT_2)  # lib.py comes from the cache
    second = mypy(project, ".cache")
    assert 'Missing named argument "steps" for "RunConfig"' in second
    assert '"Pin(...)" is only allowed' in second
    assert 'Cannot assign to pinned field "area"' in second
    assert same_errors(second) == same_errors(cold(project))

    write_project(project, EXPERIMENT_2, LIB_EDITED)
    third = mypy(project, ".cache")
    assert "RunConfig" not in third
    assert 'Cannot set pinned field "depth" of "ModelConfig"' in third
    assert same_errors(third) == same_errors(cold(project))


def dmypy(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy.dmypy", "--status-file", ".dmypy.json", *args],
        cwd=path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def same_lines(output: str) -> list[str]:
    """The daemon reports files in its own order."""
    return sorted(same_errors(output).splitlines())


def test_daemon_follows_the_same_edits(project: Path) -> None:
    files = ["lib.py", "exp.py", "other.py"]
    run = ["run", "--timeout", "300", "--", "--config-file", "mypy.ini", *files]
    try:
        first = dmypy(project, *run)
        assert same_lines(first.stdout) == same_lines(cold(project)), first.stderr

        write_project(project, EXPERIMENT_2)
        second = dmypy(project, *run)
        assert same_lines(second.stdout) == same_lines(cold(project)), second.stderr

        write_project(project, EXPERIMENT_2, LIB_EDITED)
        third = dmypy(project, *run)
        assert same_lines(third.stdout) == same_lines(cold(project)), third.stderr
        assert "INTERNAL ERROR" not in third.stdout + third.stderr
    finally:
        dmypy(project, "stop")


def test_the_cache_follows_the_plugins_names_module(tmp_path: Path) -> None:
    """The hooked names live in ``pconfigs/_names.py``: editing it must
    invalidate cached results without any version bump in the plugin."""
    shutil.copytree(ROOT / "pconfigs", tmp_path / "pconfigs")
    (tmp_path / "mypy.ini").write_text(CONFIG)
    (tmp_path / "exp.py").write_text(
        "from pconfigs import Pin, Pinned, pconfig\n\n\n"
        "@pconfig\nclass C:\n    x: Pinned[int]\n\n\nC(x=Pin(1))\n"
    )

    def run(cache: str) -> str:
        args = ["--config-file", "mypy.ini", "--cache-dir", cache, "exp.py"]
        result = subprocess.run(
            [sys.executable, "-m", "mypy", *args],
            cwd=tmp_path,
            # The copied package, plugin included, comes first.
            env={**os.environ, "PYTHONPATH": str(tmp_path), "MYPYPATH": str(tmp_path)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert "INTERNAL ERROR" not in result.stdout + result.stderr, result.stderr
        return result.stdout

    assert '"Pin(...)" is only allowed' in run(".cache")
    names = tmp_path / "pconfigs" / "_names.py"
    names.write_text(names.read_text().replace('"Pin")', '"NotPin")'))
    assert (
        run(".cache") == run(".cold") == "Success: no issues found in 1 source file\n"
    )


CYCLE_BASE = """\
from __future__ import annotations

from pconfigs import Pinned, pconfig, pdefaults, pproperty

import sub


@pconfig
class BaseConfig:
    steps: int
    rate: float = 0.1
    doubled: Pinned[int]

    @pproperty
    def doubled(self) -> int:
        return self.steps * 2

    def child(self) -> sub.SubConfig:
        return sub.SubConfig(self, extra=1)


pdefaults += BaseConfig(steps=1, doubled=Pinned)
"""
CYCLE_SUB = """\
from __future__ import annotations

from pconfigs import Pinned, pconfig, pproperty

import base


@pconfig
class SubConfig(base.BaseConfig):
    extra: int
    rate: Pinned[float]

    @pproperty
    def rate(self) -> float:
        return 0.5
"""
CYCLE_EXPERIMENT = """\
from base import BaseConfig
from sub import SubConfig

sub = SubConfig(extra=1, steps=2)
SubConfig(extra=1, steps=2, doubled=3)
SubConfig(extra=1, steps=2, rate=0.3)
BaseConfig(sub)
sub.rate = 1.0
BaseConfig()
"""
CYCLE_ERRORS = [
    'exp.py:5: error: Cannot set pinned field "doubled" of "SubConfig"; drop the argument or pass "doubled=Pinned"  [pconfigs-pinned-value]',
    'exp.py:6: error: Cannot set pinned field "rate" of "SubConfig"; drop the argument or pass "rate=Pinned"  [pconfigs-pinned-value]',
    'exp.py:7: error: Base config of type "SubConfig" is a subclass of "BaseConfig"; pass a "BaseConfig" or one of its config ancestors  [pconfigs-base-type]',
    'exp.py:8: error: Cannot assign to pinned field "rate" of "SubConfig"; it is computed by "@pproperty rate"  [pconfigs-pinned-assign]',
]


def cycle_errors(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if ": error: " in line)


@pytest.fixture
def cycle(tmp_path: Path) -> Path:
    (tmp_path / "mypy.ini").write_text(CONFIG)
    (tmp_path / "base.py").write_text(CYCLE_BASE)
    (tmp_path / "sub.py").write_text(CYCLE_SUB)
    (tmp_path / "exp.py").write_text(CYCLE_EXPERIMENT)
    return tmp_path


def mypy_files(path: Path, cache: str, *files: str) -> str:
    args = ["--config-file", "mypy.ini", "--cache-dir", cache, *files]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *args],
        cwd=path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "INTERNAL ERROR" not in result.stdout + result.stderr, result.stderr
    return result.stdout


ORDERS = [("base.py", "sub.py", "exp.py"), ("sub.py", "base.py", "exp.py")]


@pytest.mark.parametrize("files", ORDERS, ids=["base_first", "sub_first"])
def test_modules_importing_each_other_give_the_same_results_in_any_order(
    cycle: Path, files: tuple[str, ...]
) -> None:
    """A base config in one module, its subclass in another that the first
    imports back: the class hooks may run more than once; the results must
    not depend on it."""
    assert cycle_errors(mypy_files(cycle, ".cold", *files)) == CYCLE_ERRORS
    # Incremental: everything from the cache, then exp.py edited.
    assert cycle_errors(mypy_files(cycle, ".cache", *files)) == CYCLE_ERRORS
    assert cycle_errors(mypy_files(cycle, ".cache", *reversed(files))) == CYCLE_ERRORS
    (cycle / "exp.py").write_text(CYCLE_EXPERIMENT + "\n")
    assert cycle_errors(mypy_files(cycle, ".cache", *files)) == CYCLE_ERRORS


def test_modules_importing_each_other_under_the_daemon(cycle: Path) -> None:
    try:
        for files in [*ORDERS, ORDERS[0]]:
            run = ["run", "--timeout", "300", "--", "--config-file", "mypy.ini", *files]
            result = dmypy(cycle, *run)
            assert cycle_errors(result.stdout) == CYCLE_ERRORS, result.stderr
        (cycle / "sub.py").write_text(CYCLE_SUB + "\n")  # the daemon re-analyses
        result = dmypy(cycle, *run)
        assert cycle_errors(result.stdout) == CYCLE_ERRORS, result.stderr
    finally:
        dmypy(cycle, "stop")
