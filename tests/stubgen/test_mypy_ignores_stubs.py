"""mypy reads the plugin, never stubs/: its results do not depend on stubs/.

A control run without the example's ``exclude = ^stubs/`` shows that the
comparison can fail: ``mypy .`` would then also check the stubs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

MISTAKES = """\
from project.experiments.first import config as first
from project.modules.trainer import TrainerConfig

TrainerConfig(first, stepz=3)
TrainerConfig(first, lr_schedule=[0.1])
first.steps = 1
batch: str = first.effective_batch_size
"""


def copy_example(folder: Path, with_stubs: bool) -> Path:
    shutil.copytree(EXAMPLES / "project", folder / "project")
    if with_stubs:
        shutil.copytree(REPO / "stubs", folder / "stubs")
    shutil.copy(EXAMPLES / "mypy.ini", folder / "mypy.ini")
    (folder / "project" / "experiments" / "mistakes.py").write_text(MISTAKES)
    return folder


def mypy(folder: Path, *args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(folder / ".cache"), *args],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    with_stubs = copy_example(tmp_path_factory.mktemp("with"), with_stubs=True)
    without = copy_example(tmp_path_factory.mktemp("without"), with_stubs=False)
    return with_stubs, without


def test_mypy_reports_the_same_with_and_without_stubs(folders):
    with_stubs, without = folders
    for args in [(), (".",)]:  # the configured files, and everything in the folder
        reported = mypy(with_stubs, *args)
        assert reported == mypy(without, *args)
        assert [line.split(":")[0:2] for line in reported[:-1]] == [
            ["project/experiments/mistakes.py", "4"],
            ["project/experiments/mistakes.py", "5"],
            ["project/experiments/mistakes.py", "6"],
            ["project/experiments/mistakes.py", "7"],
        ]
        assert reported[-1] == "Found 4 errors in 1 file (checked 8 source files)"


def test_control_without_the_exclude_mypy_reads_the_stubs(folders):
    with_stubs, without = folders
    ini = with_stubs / "mypy.ini"
    control = with_stubs / "control.ini"
    control.write_text(ini.read_text().replace("exclude = ^stubs/", ""))
    reported = mypy(with_stubs, "--config-file", str(control), ".")
    assert reported != mypy(without, ".")
    # The ninth file is stubs/project/modules/trainer.pyi; its `= ...` on
    # each field (pyright's mark of a registered default) is a stub's default.
    assert reported[-1] == "Found 4 errors in 1 file (checked 9 source files)"
