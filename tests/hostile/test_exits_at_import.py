"""A module that exits while being imported fails every tool, loudly.

``sys.exit(0)`` or ``os._exit(0)`` at import would otherwise end the tool
with success having read no config at all.
"""

from __future__ import annotations

import pytest
from hostile_trees import CONFIG, Tree, pconfigs

FIX = (
    '  Fix: put the code that runs or exits under `if __name__ == "__main__":`; '
    "pconfigs imports the module to read its configs\n"
)

EXITS = {
    "sys.exit(0)": "import sys\n\nsys.exit(0)\n",
    "sys.exit(3)": "import sys\n\nsys.exit(3)\n",
    "sys.exit('bye')": "import sys\n\nsys.exit('bye')\n",
    "sys.exit()": "import sys\n\nsys.exit()\n",
    "os._exit(0)": "import os\n\nos._exit(0)\n",
}


@pytest.mark.parametrize("call", EXITS)
@pytest.mark.parametrize("command", ["print", "run"])
def test_print_and_run_fail_with_one_paragraph(
    tree: Tree, command: str, call: str
) -> None:
    tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG + EXITS[call]})
    done = pconfigs(command, "pkg.exp.config")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        f'pconfigs {command}: Building "pkg.exp.config" failed: importing pkg.exp '
        f"called {call}\n" + FIX,
    )


@pytest.mark.parametrize("call", EXITS)
def test_check_names_the_exit(tree: Tree, call: str) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/__pconfigs__.py": "",
            "pkg/exp.py": CONFIG + EXITS[call],
        }
    )
    done = pconfigs("check")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        f"pkg.exp ... FAILED: SystemExit: importing pkg.exp called {call}\n"
        + "    "
        + FIX
        + f"    at pkg/exp.py:{CONFIG.count(chr(10)) + 3}, in <module>\n"
        "0 passed, 1 failed\n",
        "",
    )


@pytest.mark.parametrize("call", EXITS)
def test_a_marker_that_exits_fails_check(tree: Tree, call: str) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/__pconfigs__.py": EXITS[call],
            "pkg/exp.py": CONFIG,
        }
    )
    done = pconfigs("check")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "pkg/__pconfigs__.py ... FAILED: SystemExit: importing pkg/__pconfigs__.py "
        f"called {call}\n"
        + "    "
        + FIX
        + "    at pkg/__pconfigs__.py:3, in <module>\n"
        "0 passed, 1 failed\n",
        "",
    )


def test_other_base_exceptions_at_import_are_one_paragraph(tree: Tree) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/exp.py": "class Odd(BaseException):\n    pass\n\n\nraise Odd('odd')\n",
        }
    )
    done = pconfigs("print", "pkg.exp.config")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        'pconfigs print: Building "pkg.exp.config" failed: importing pkg.exp '
        "raised Odd: odd\n"
        "  Run again with --traceback to see where\n",
    )
