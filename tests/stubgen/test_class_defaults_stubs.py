"""End to end: ``python -m pconfigs.stubgen`` on a module whose classes write
their defaults in the class body, then pyright through the stubs it wrote."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFIGS = """\
from pconfigs import Pinned, pconfig


@pconfig
class Training:
    lr: float = 0.1


@pconfig
class Job:
    name: str
    steps: int = 100
    training: Training = Training()
    seed: Pinned[int] = Pinned
"""

USES = """\
from defaults_pkg.configs import Job

Job(name="short")
Job(name="wrong", steps="many")
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class_defaults")
    package = root / "defaults_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "configs.py").write_text(CONFIGS)
    (root / "uses.py").write_text(USES)
    (root / "pyrightconfig.json").write_text(
        json.dumps({"stubPath": "stubs", "include": ["uses.py"]})
    )
    result = subprocess.run(
        [sys.executable, "-m", "pconfigs.stubgen", "defaults_pkg", "-o", "stubs"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    return root


def test_fields_with_class_level_defaults_end_in_ellipsis(project: Path) -> None:
    stub = (project / "stubs" / "defaults_pkg" / "configs.pyi").read_text()
    fields = stub.split("class Job:\n")[1].split("    @overload")[0]
    assert fields == (
        "    constructable_type: ClassVar[None]\n"
        "    name: str\n"
        "    steps: int = ...\n"
        "    training: Training = ...\n"
        "    seed: Pinned[int] = ...\n"
    )


def test_pyright_through_the_stubs_needs_no_defaulted_argument(project: Path) -> None:
    # Line 3 leaves out every defaulted field: accepted. Line 4 still gets
    # its wrong type reported.
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.fail("pyright is not installed: bash scripts/setup.sh installs it")
    result = subprocess.run(
        [pyright, "--outputjson", "-p", "pyrightconfig.json"],
        capture_output=True,
        text=True,
        cwd=project,
        env=dict(
            os.environ,
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        ),
    )
    report = json.loads(result.stdout)
    found = [
        (d["range"]["start"]["line"] + 1, d.get("rule"), d["message"])
        for d in report["generalDiagnostics"]
    ]
    assert found == [
        (
            4,
            "reportArgumentType",
            "Argument of type \"Literal['many']\" cannot be assigned to parameter "
            '"steps" of type "int" in function "__init__"\n'
            # pyright indents the detail line with no-break spaces.
            '\xa0\xa0"Literal[\'many\']" is not assignable to "int"',
        )
    ]
