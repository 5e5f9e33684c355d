"""The pre-commit gate, for real: ``pre-commit try-repo`` against this
repository, from a throwaway git repository holding the seed example.

``try-repo`` runs every hook of ``.pre-commit-hooks.yaml`` with its default
arguments, which is what a user gets from the three-line config in
docs/type-checking.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
HOOKS = [
    "pconfigs experiments build",
    "mypy with the pconfigs plugin",
    "pconfigs stubs are fresh",
    "pyright with the pconfigs stubs",
]
# The user's pyright configuration: stubs/ next to the project's package.
PYRIGHT_CONFIG = {
    "include": ["project"],
    "stubPath": "stubs",
    "typeCheckingMode": "standard",
    "reportRedeclaration": False,
}


@pytest.fixture(autouse=True)
def _tools() -> None:
    """git and pre-commit must be there: a missing tool fails, never skips."""
    if shutil.which("git") is None:
        pytest.fail("these tests need git")
    if shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("pre-commit is not installed: bash scripts/setup.sh installs it")


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    """A git repository with the seed example, its stubs and its mypy config."""
    repo = tmp_path / "user"
    repo.mkdir()
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(EXAMPLES / "project", repo / "project", ignore=ignore)
    shutil.copytree(REPO / "stubs", repo / "stubs")
    shutil.copy(EXAMPLES / "mypy.ini", repo / "mypy.ini")
    (repo / "pyrightconfig.json").write_text(json.dumps(PYRIGHT_CONFIG))
    git(repo, "init", "-q")
    commit(repo, "the seed example")
    return repo


def git(repo: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def try_repo(
    repo: Path, tmp_path: Path, python_dir: Path | None = None
) -> tuple[int, str]:
    """``pre-commit try-repo`` this repository; (exit code, hook output).

    The hooks run with the ``python3`` found first on ``PATH``: the test
    environment's, or the one in ``python_dir``.
    """
    bin_dir = str(Path(sys.executable).parent)
    first = [str(python_dir)] if python_dir is not None else []
    env = dict(
        os.environ,
        PATH=os.pathsep.join([*first, bin_dir, os.environ.get("PATH", "")]),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        COLUMNS="80",  # pre-commit pads each hook's line to the terminal width
    )
    if python_dir is not None:  # nothing may reach pconfigs but its own venv
        env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [
            str(Path(bin_dir) / "pre-commit"),
            "try-repo",
            str(REPO),
            "--all-files",
            "--color",
            "never",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    # Everything after the generated config is the hooks' report.
    report = result.stdout.rpartition("=" * 79 + "\n")[2]
    return result.returncode, report


def hook_section(report: str, name: str) -> str:
    start = report.index(name)
    ends = [report.find(other, start + 1) for other in HOOKS if other != name]
    end = min([e for e in ends if e != -1], default=len(report))
    return report[start:end]


def test_the_clean_example_passes_every_hook(user_repo, tmp_path):
    code, report = try_repo(user_repo, tmp_path)
    assert code == 0, report
    for name in HOOKS:
        assert hook_section(report, name).splitlines()[0].endswith("Passed"), report


def test_a_value_for_a_pinned_field_fails_naming_the_file(user_repo, tmp_path):
    second = user_repo / "project" / "experiments" / "second.py"
    second.write_text(
        second.read_text().replace(
            "    base_lr=1e-3,\n", "    base_lr=1e-3,\n    effective_batch_size=16,\n"
        )
    )
    commit(user_repo, "pin a value")

    code, report = try_repo(user_repo, tmp_path)

    assert code == 1
    check = hook_section(report, "pconfigs experiments build")
    assert check.splitlines()[0].endswith("Failed")
    assert (
        "project.experiments.second ... FAILED: PinnedFieldError: Cannot set pinned field TrainerConfig.effective_batch_size"
        in check
    )
    assert "at project/experiments/second.py:4, in <module>" in check
    mypy = hook_section(report, "mypy with the pconfigs plugin")
    assert (
        'project/experiments/second.py:7: error: Cannot set pinned field "effective_batch_size" '
        'of "TrainerConfig"; drop the argument or pass "effective_batch_size=Pinned"  '
        "[pconfigs-pinned-value]"
    ) in mypy
    pyright = hook_section(report, "pyright with the pconfigs stubs")
    assert pyright.splitlines()[0].endswith("Failed")
    # pyright indents its message lines with no-break spaces.
    lines = [" ".join(line.split()) for line in pyright.splitlines()]
    assert any(
        line.endswith(
            "project/experiments/second.py:7:26 - error: Argument of type "
            '"Literal[16]" cannot be assigned to parameter "effective_batch_size" '
            'of type "Pinned[Any] | type[Pinned[Any]] | Pin[Any]" in function "__init__"'
        )
        for line in lines
    ), pyright


def test_stale_stubs_fail_naming_the_stub(user_repo, tmp_path):
    trainer = user_repo / "project" / "modules" / "trainer.py"
    trainer.write_text(
        trainer.read_text().replace(
            "    @pproperty\n    def effective_batch_size",
            "    def describe(self) -> str:\n        return 'trainer'\n\n"
            "    @pproperty\n    def effective_batch_size",
        )
    )
    commit(user_repo, "a new method; stubs not regenerated")

    code, report = try_repo(user_repo, tmp_path)

    assert code == 1
    stubs = hook_section(report, "pconfigs stubs are fresh")
    assert stubs.splitlines()[0].endswith("Failed")
    assert "stale stub: stubs/project/modules/trainer.pyi" in stubs
    for name in HOOKS[:2]:
        assert hook_section(report, name).splitlines()[0].endswith("Passed"), report


def test_a_python_without_pconfigs_is_named_with_the_fix(user_repo, tmp_path):
    """The hooks need the project's environment; in another one each says
    which packages its Python lacks instead of ``No module named ...``."""
    bare = tmp_path / "bare"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True
    )
    python = bare / "bin" / "python3"

    code, report = try_repo(user_repo, tmp_path, python_dir=bare / "bin")

    assert code == 1
    assert "No module named" not in report
    needs = {
        "pconfigs stubs are fresh": "pconfigs and mypy",
        "pconfigs experiments build": "pconfigs",
        "mypy with the pconfigs plugin": "pconfigs and mypy",
        "pyright with the pconfigs stubs": "pconfigs and pyright",
    }
    for name, absent in needs.items():
        section = hook_section(report, name)
        assert section.splitlines()[0].endswith("Failed"), report
        assert (
            f"pconfigs hook: {absent} not installed for {python}\n"
            "  The pconfigs hooks run in the environment where you run "
            "`git commit` (they import your code)\n"
            "  Fix: activate your project's environment before committing, or "
            f"install there: pip install {absent.replace(' and ', ' ')}\n"
        ) in section, section


def test_an_experiment_that_exits_at_import_fails_the_gate(user_repo, tmp_path):
    # sys.exit(0) at import once ended the check with success, checking nothing.
    first = user_repo / "project" / "experiments" / "first.py"
    first.write_text("import sys\n\nsys.exit(0)\n" + first.read_text())
    commit(user_repo, "exit at import")

    code, report = try_repo(user_repo, tmp_path)

    assert code == 1
    check = hook_section(report, "pconfigs experiments build")
    assert check.splitlines()[0].endswith("Failed")
    assert (
        "project.experiments.first ... FAILED: SystemExit: importing "
        "project.experiments.first called sys.exit(0)\n"
        '      Fix: put the code that runs or exits under `if __name__ == "__main__":`; '
        "pconfigs imports the module to read its configs\n"
        "    at project/experiments/first.py:3, in <module>\n"
    ) in check
    stubs = hook_section(report, "pconfigs stubs are fresh")
    assert stubs.splitlines()[0].endswith("Failed")
    assert (
        "pconfigs.stubgen: importing project.experiments.first called sys.exit(0)"
        in stubs
    )
