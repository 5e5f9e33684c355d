"""The pre-commit gate, for real: ``pre-commit try-repo`` against this
repository, from a throwaway git repository holding the seed example.

``try-repo`` runs every hook of ``.pre-commit-hooks.yaml`` with its default
arguments, which is what a user gets from the three-line config in
docs/type-checking.md.
"""

from __future__ import annotations

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
]


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
    shutil.copytree(EXAMPLES / "stubs", repo / "stubs")
    shutil.copy(EXAMPLES / "mypy.ini", repo / "mypy.ini")
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


def try_repo(repo: Path, tmp_path: Path) -> tuple[int, str]:
    """``pre-commit try-repo`` this repository; (exit code, hook output)."""
    bin_dir = str(Path(sys.executable).parent)
    env = dict(
        os.environ,
        PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        COLUMNS="80",  # pre-commit pads each hook's line to the terminal width
    )
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
