"""``pconfigs stubgen`` never loses a file and never passes silently."""

from __future__ import annotations

import pytest
from hostile_trees import CONFIG, Tree, pconfigs

from pconfigs.stubgen import HEADER

HANDWRITTEN = "def f() -> int: ...\n"


def test_a_handwritten_stub_in_the_output_is_never_overwritten(tree: Tree) -> None:
    root = tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG})
    mine = root / "stubs/pkg/exp.pyi"
    mine.parent.mkdir(parents=True)
    mine.write_text(HANDWRITTEN)
    done = pconfigs("stubgen", "pkg")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "pconfigs.stubgen: stubs/pkg/exp.pyi was not written by pconfigs "
        "stubgen; it is left alone\n"
        f"  Fix: move it away, or start it with the line {HEADER.strip()!r} "
        "to let stubgen replace it\n",
    )
    assert mine.read_text() == HANDWRITTEN
    # --check writes nothing: the file is named as stale, and the gate fails.
    checked = pconfigs("stubgen", "pkg", "--check")
    assert (checked.returncode, checked.stderr.splitlines()[0]) == (
        1,
        "stale stub: stubs/pkg/exp.pyi",
    )


def test_a_handwritten_stub_next_to_the_source_is_never_overwritten(
    tree: Tree,
) -> None:
    root = tree(
        {"pkg/__init__.py": "", "pkg/exp.py": CONFIG, "pkg/exp.pyi": HANDWRITTEN}
    )
    done = pconfigs("stubgen", "pkg", "-o", ".")
    assert (done.returncode, done.stderr.splitlines()[0]) == (
        2,
        "pconfigs.stubgen: pkg/exp.pyi was not written by pconfigs stubgen; "
        "it is left alone",
    )
    assert (root / "pkg/exp.pyi").read_text() == HANDWRITTEN


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("README.md", "-o README.md is a file, not a folder"),
        ("pkg", "-o pkg is the source package pkg itself"),
        ("pkg/sub", "-o pkg/sub is inside the source package pkg"),
    ],
)
def test_a_wrong_output_folder_is_one_error(
    tree: Tree, output: str, problem: str
) -> None:
    tree({"README.md": "hi\n", "pkg/__init__.py": "", "pkg/exp.py": CONFIG})
    done = pconfigs("stubgen", "pkg", "-o", output)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"pconfigs.stubgen: {problem}\n"
        "  Fix: name a separate folder for the stubs, e.g. -o stubs\n",
    )


def test_an_unwritable_output_folder_is_one_error(tree: Tree) -> None:
    tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG})
    done = pconfigs("stubgen", "pkg", "-o", "/proc/pconfigs-stubs")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(
        "pconfigs.stubgen: cannot write /proc/pconfigs-stubs/pkg/exp.pyi: "
    )
    assert done.stderr.endswith(
        "\n  Fix: choose an output folder you can write to (-o)\n"
    )


EXITS = {
    "sys.exit(0)": "import sys\n\nsys.exit(0)\n",
    "os._exit(0)": "import os\n\nos._exit(0)\n",
}


@pytest.mark.parametrize("call", EXITS)
@pytest.mark.parametrize("check", [[], ["--check"]])
def test_a_module_that_exits_at_import_fails_naming_it(
    tree: Tree, call: str, check: list[str]
) -> None:
    tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG, "pkg/quits.py": EXITS[call]})
    done = pconfigs("stubgen", "pkg", *check)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"pconfigs.stubgen: importing pkg.quits called {call}\n"
        '  Fix: put the code that runs or exits under `if __name__ == "__main__":`; '
        "pconfigs imports the module to read its configs\n",
    )


def test_a_module_that_cannot_be_imported_by_name_is_reported(tree: Tree) -> None:
    tree({"pkg/__init__.py": "", "pkg/exp.py": CONFIG, "pkg/my-mod.py": CONFIG})
    done = pconfigs("stubgen", "pkg")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        'pconfigs.stubgen: pkg/my-mod.py cannot be imported: "my-mod" is not a '
        "Python name\n"
        "  Fix: rename it (letters, digits and underscores, not starting with "
        "a digit), or move it out of the folders given to stubgen\n",
    )
