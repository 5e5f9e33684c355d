"""Every failure is one paragraph naming what went wrong, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from hostile_trees import Tree, pconfigs

MODULE = """\
from pconfigs import Pinned, pconfig, pproperty


@pconfig
class C:
    v: object
    p: Pinned[int]

    @pproperty
    def p(self) -> int:
        return 1


class Boom:
    @property
    def x(self):
        raise RuntimeError("no x")


config = C(v=[1, 2])
boom = Boom()
"""


def test_a_syntax_error_names_the_file_and_line(tree: Tree) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/__pconfigs__.py": "",
            "pkg/syn.py": "x = 1\ny = (\n",
        }
    )
    done = pconfigs("print", "pkg.syn.config")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        'pconfigs print: Building "pkg.syn.config" failed: importing pkg.syn '
        "raised SyntaxError: '(' was never closed\n"
        "  at pkg/syn.py:2\n",
    )
    done = pconfigs("check")
    assert (done.returncode, done.stdout) == (
        1,
        "pkg.syn ... FAILED: SyntaxError: '(' was never closed (syn.py, line 2)\n"
        "    at pkg/syn.py:2\n"
        "0 passed, 1 failed\n",
    )


def test_attribute_paths_through_plain_values_are_one_paragraph(tree: Tree) -> None:
    tree({"pkg/__init__.py": "", "pkg/exp.py": MODULE})
    done = pconfigs("print", "pkg.exp.config.p.x")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        'pconfigs print: Cannot find "pkg.exp.config.p.x": object '
        'pkg.exp.config.p has no attribute "x"\n'
        "  Configs in pkg.exp.config.p: none\n",
    )


def test_a_property_that_raises_along_the_path_is_one_paragraph(tree: Tree) -> None:
    tree({"pkg/__init__.py": "", "pkg/exp.py": MODULE})
    done = pconfigs("run", "pkg.exp.boom.x.y")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        'pconfigs run: Cannot read "pkg.exp.boom.x.y": reading pkg.exp.boom.x '
        "raised RuntimeError: no x\n"
        "  Run again with --traceback to see where\n",
    )


def test_a_closed_pipe_ends_check_quietly(tree: Tree) -> None:
    many = {f"exps/m{i:02}.py": MODULE for i in range(40)}
    tree({"pyproject.toml": "", "exps/__pconfigs__.py": "", **many})
    # `pconfigs check | head -1`: the reader goes away after the first line.
    check = subprocess.Popen(
        [sys.executable, "-m", "pconfigs.check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert check.stdout is not None and check.stderr is not None
    assert check.stdout.readline() == "exps.m00 ... ok\n"
    check.stdout.close()
    assert (check.wait(timeout=120), check.stderr.read()) == (141, "")
