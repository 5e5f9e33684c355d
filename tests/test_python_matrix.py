"""scripts/test-pythons.sh: a supported Python that is missing fails the run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_python_fails_the_matrix_instead_of_being_skipped(
    tmp_path: Path,
) -> None:
    # A PATH with only the tools the script needs before it looks for
    # interpreters, and a pyenv root without any: nothing can be found.
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "ls", "sort"):
        found = shutil.which(tool)
        assert found, tool
        (tools / tool).symlink_to(found)
    empty_root = tmp_path / "pyenv"
    (empty_root / "versions").mkdir(parents=True)
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test-pythons.sh"), "--except", "3.11"],
        env={"PATH": str(tools), "PYENV_ROOT": str(empty_root), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        executable=str(tools / "bash"),
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"test-pythons: no CPython 3.10 3.12 3.13 found "
        f"(looked in {empty_root}/versions and PATH)\n"
        "  Every supported Python must be tested; install it (pyenv install 3.10)\n"
    )
