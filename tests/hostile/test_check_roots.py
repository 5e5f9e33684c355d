"""``pconfigs check`` finds the import root of odd folders, once each."""

from __future__ import annotations

import os

from hostile_trees import Tree, pconfigs

MODELS = """\
from pconfigs import pconfig


@pconfig
class C:
    x: int
"""
USES_PKG = "from pkg.models import C\n\nconfig = C(x=1)\n"


def test_a_dated_folder_under_a_package_imports_from_the_right_root(
    tree: Tree,
) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": MODELS,
            "pkg/2024-05-lr-sweep/__pconfigs__.py": "",
            "pkg/2024-05-lr-sweep/lr_1e3.py": USES_PKG,
            "pkg/2024-05-lr-sweep/lr_1e4.py": USES_PKG,
        }
    )
    done = pconfigs("check")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "lr_1e3 ... ok\nlr_1e4 ... ok\n2 passed, 0 failed\n",
        "",
    )


def test_a_namespace_folder_under_a_package_is_a_subpackage(tree: Tree) -> None:
    # No pyproject.toml, setup.py or .git anywhere: the package decides.
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": MODELS,
            "pkg/sweeps/__pconfigs__.py": "",
            "pkg/sweeps/first.py": USES_PKG,
        }
    )
    done = pconfigs("check")
    assert (done.returncode, done.stdout) == (
        0,
        "pkg.sweeps.first ... ok\n1 passed, 0 failed\n",
    )


def test_the_message_names_the_folder_when_nothing_works(tree: Tree) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/my-runs/__init__.py": "",
            "pkg/my-runs/__pconfigs__.py": "",
            "pkg/my-runs/first.py": USES_PKG,
            "exps/__pconfigs__.py": "",
            "exps/my-exp.py": USES_PKG,
        }
    )
    done = pconfigs("check")
    assert (done.returncode, done.stdout) == (
        1,
        'exps/my-exp.py ... FAILED: ModuleNotFoundError: "my-exp" cannot be '
        'imported: the file name "my-exp" is not a Python name\n'
        "      Fix: rename exps/my-exp.py (letters, digits and underscores, not "
        "starting with a digit), or exclude it in the marker\n"
        'pkg/my-runs/first.py ... FAILED: ModuleNotFoundError: "pkg.my-runs.first" '
        'cannot be imported: the folder name "my-runs" is not a Python name\n'
        "      Fix: rename pkg/my-runs (letters, digits and underscores, not "
        "starting with a digit), or exclude it in the marker\n"
        "0 passed, 2 failed\n",
    )


def test_directory_symlink_cycles_are_followed_once(tree: Tree) -> None:
    root = tree(
        {
            "pyproject.toml": "",
            "pkg/__init__.py": "",
            "pkg/models.py": MODELS,
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "recursive = True\n",
            "pkg/exps/first.py": USES_PKG,
        }
    )
    os.symlink("..", root / "pkg/exps/loop")
    os.symlink(root / "pkg/exps", root / "pkg/exps/again")
    done = pconfigs("check", timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "pkg.exps.first ... ok\n1 passed, 0 failed\n",
        "",
    )
