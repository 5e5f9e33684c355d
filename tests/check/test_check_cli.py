"""``pconfigs check``: discovery, outcome lines, summary and exit codes.

Every test runs ``main`` in-process; the experiments themselves run in the
checker's worker subprocess, as they do for users.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from check_trees import MODELS, TREE, Write, experiment

import pconfigs
from pconfigs.check import main

NOTES_PRINTED = sys.version_info >= (3, 11)

REPO = Path(__file__).resolve().parents[2]


def check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def pinned_error() -> str:
    """The runtime's own Pinned message, indented as the checker prints it."""
    namespace: dict[str, Any] = {}
    exec(MODELS, namespace)
    with pytest.raises(TypeError) as raised:
        namespace["ModelConfig"](depth=2, width=3, params=6)
    first, *rest = str(raised.value).splitlines()
    return "\n".join(
        [f"{type(raised.value).__name__}: {first}", *(f"    {r}" for r in rest)]
    )


def test_the_tree_reports_each_module_and_counts(write_tree: Write) -> None:
    write_tree(TREE)
    code, out, err = check()
    init = Path(pconfigs.__file__)
    assert out == (
        f"pkg/old/__pconfigs__.py ... FAILED: ImportError: cannot import name "
        f"'TestConfigs' from 'pconfigs' ({init})\n"
        "      Markers here are plain settings: modules = [...], recursive = True "
        "(see docs/check.md)\n"
        "    at pkg/old/__pconfigs__.py:1, in <module>\n"
        "pkg.exps.good ... ok\n"
        "pkg.exps.imports ... FAILED: ModuleNotFoundError: No module named 'pkg.nope'\n"
        "    at pkg/exps/imports.py:1, in <module>\n"
        f"pkg.exps.pinned ... FAILED: {pinned_error()}\n"
        "    at pkg/exps/pinned.py:3, in <module>\n"
        "pkg.exps.raises ... FAILED: ValueError: depth must be >= 0, got -1\n"
        "    at pkg/models.py:13, in params\n"
        "pkg.exps.nested.deep ... ok\n"
        "2 passed, 4 failed\n"
    )
    assert (code, err) == (1, "")


def test_all_good_exits_zero(write_tree: Write) -> None:
    root = write_tree(TREE)
    assert check(str(root / "pkg/exps/good.py"), "pkg/exps/nested") == (
        0,
        "pkg.exps.good ... ok\npkg.exps.nested.deep ... ok\n2 passed, 0 failed\n",
        "",
    )


def test_directories_below_a_recursive_marker_are_checked(write_tree: Write) -> None:
    write_tree(
        {
            **TREE,
            "pkg/exps/other/__init__.py": "",
            "pkg/exps/other/ok.py": experiment("ModelConfig(depth=1, width=1)"),
        }
    )
    code, out, _ = check("pkg/exps/nested", "pkg/exps/other")
    assert (code, out) == (
        0,
        "pkg.exps.nested.deep ... ok\npkg.exps.other.ok ... ok\n2 passed, 0 failed\n",
    )


def test_traceback_starts_at_the_experiment(write_tree: Write) -> None:
    write_tree(TREE)
    _, out, _ = check("--traceback", "pkg/exps/raises.py")
    lines = out.splitlines()
    assert lines[2:4] == [
        "    Traceback (most recent call last):",
        f'      File "{Path.cwd() / "pkg/exps/raises.py"}", line 3, in <module>',
    ]
    # The note naming the field being computed follows (tracebacks print
    # notes from Python 3.11 on).
    notes = ["    while computing ModelConfig.params from depth=-1, width=3"]
    assert lines[-len(notes) - 2 if NOTES_PRINTED else -2 :] == [
        "    ValueError: depth must be >= 0, got -1",
        *(notes if NOTES_PRINTED else []),
        "0 passed, 1 failed",
    ]


def test_one_modules_registrations_cannot_hide_anothers_failure(
    write_tree: Write,
) -> None:
    # Alone, b fails (ModelConfig has no default) and c passes. Imported after
    # a in one process without a purge, b would pass on a's default and c
    # would fail registering a second one.
    register = "from pconfigs import pdefaults\n{}pdefaults += ModelConfig(depth={}, width=1)\nconfig = ModelConfig()\n"
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/a.py": register.format("from pkg.models import ModelConfig\n", 1),
            "pkg/exps/b.py": experiment("ModelConfig()"),
            "pkg/exps/c.py": register.format("from pkg.models import ModelConfig\n", 2),
        }
    )
    code, out, _ = check()
    lines = out.splitlines()
    assert lines[0] == "pkg.exps.a ... ok"
    assert lines[1].startswith("pkg.exps.b ... FAILED: MissingFieldsError: ")
    assert lines[-2:] == ["pkg.exps.c ... ok", "2 passed, 1 failed"]
    assert code == 1


def test_configs_imported_from_other_experiments_are_not_the_modules_own(
    write_tree: Write,
) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/first.py": experiment("ModelConfig(depth=1, width=2)"),
            "pkg/exps/second.py": "from pkg.exps.first import config as first\n"
            "from pkg.models import ModelConfig\n\n"
            "config = ModelConfig(first, depth=3)\n",
            "pkg/exps/alias.py": "from pkg.exps.first import config\n",
        }
    )
    code, out, _ = check()
    assert out == (
        "pkg.exps.alias ... FAILED: NoConfigError: pkg.exps.alias defines no config "
        "at module level\n"
        "      Fix: assign the experiment's config to a module-level name "
        "(config = TrainerConfig(...)); helper modules belong in files named "
        '"_*.py" or out of the marker\'s "modules"\n'
        "    at pkg/exps/alias.py\n"
        "pkg.exps.first ... ok\n"
        "pkg.exps.second ... ok\n"
        "2 passed, 1 failed\n"
    )
    assert code == 1


def test_a_package_that_re_exports_its_experiments_configs(
    write_tree: Write,
) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "from pkg.exps.first import config as first\n",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/first.py": experiment("ModelConfig(depth=1, width=2)"),
        }
    )
    assert check() == (0, "pkg.exps.first ... ok\n1 passed, 0 failed\n", "")


def test_required_values_fail_unless_the_name_is_private(write_tree: Write) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pyproject.toml": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/partial.py": "from pconfigs import Pinned, Required\n"
            "from pkg.models import ModelConfig\n\n"
            "_template = ModelConfig(depth=Required, width=Required)\n"
            "config = ModelConfig(_template, width=2)\n",
            "pkg/exps/derived.py": "from pconfigs import Required\n"
            "from pkg.models import ModelConfig\n\n"
            "_template = ModelConfig(depth=Required, width=Required)\n"
            "config = ModelConfig(_template, depth=1, width=2)\n",
        }
    )
    code, out, _ = check()
    assert out == (
        "pkg.exps.derived ... ok\n"
        'pkg.exps.partial ... FAILED: RequiredValuesError: pkg.exps.partial still holds Required values: "config.depth"\n'
        '      Fix: give them values; a template meant only to be derived from belongs under a name starting with "_"\n'
        "    at pkg/exps/partial.py\n"
        "1 passed, 1 failed\n"
    )
    assert code == 1


def test_required_inside_a_container_fails_naming_its_path(
    write_tree: Write,
) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pyproject.toml": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/holder.py": "from typing import Any\n"
            "from pconfigs import pconfig\n\n"
            "@pconfig\n"
            "class Holder:\n"
            "    items: list[Any]\n",
            "pkg/exps/listed.py": "from pconfigs import Required\n"
            "from pkg.holder import Holder\n\n"
            "config = Holder(items=[1, {'k': Required}])\n",
        }
    )
    code, out, _ = check()
    assert out.splitlines()[0] == (
        "pkg.exps.listed ... FAILED: RequiredValuesError: pkg.exps.listed still "
        "holds Required values: \"config.items[1]['k']\""
    )
    assert code == 1


@pytest.mark.parametrize(
    ("marker", "error"),
    [
        (
            "recursve = True\n",
            'Unknown setting "recursve" in pkg/exps/__pconfigs__.py (did you mean "recursive"?)\n'
            '      Known settings: "modules", "exclude", "recursive"',
        ),
        (
            'recursive = "yes"\n',
            "\"recursive\" in pkg/exps/__pconfigs__.py must be True or False, got 'yes' (str)",
        ),
        (
            'modules = "good"\n',
            "\"modules\" in pkg/exps/__pconfigs__.py must be a list of module names, got 'good' (str)",
        ),
        (
            'modules = ["god"]\n',
            '"modules" in pkg/exps/__pconfigs__.py lists "god", which is not a module in '
            'pkg/exps (did you mean "good"?)\n'
            "      Entries are module names relative to the marker's directory, "
            'e.g. "first" or "sub.first"',
        ),
        (
            'exclude = ["nested.nope"]\n',
            '"exclude" in pkg/exps/__pconfigs__.py lists "nested.nope", which is not a '
            "module in pkg/exps\n"
            "      Entries are module names relative to the marker's directory, "
            'e.g. "first" or "sub.first"',
        ),
    ],
)
def test_an_invalid_marker_is_a_failure(
    write_tree: Write, marker: str, error: str
) -> None:
    write_tree(
        {**TREE, "pkg/exps/__pconfigs__.py": marker, "pkg/old/__pconfigs__.py": ""}
    )
    code, out, _ = check("pkg/exps")
    assert out == (
        f"pkg/exps/__pconfigs__.py ... FAILED: MarkerError: {error}\n"
        "    at pkg/exps/__pconfigs__.py\n"
        "0 passed, 1 failed\n"
    )
    assert code == 1


def test_marker_modules_and_exclude_choose_what_runs(write_tree: Write) -> None:
    write_tree(
        {
            **TREE,
            "pkg/exps/__pconfigs__.py": "import os\n\n"
            'modules = ["good", "nested.deep"]\n'
            'exclude = ["nested"]\n'
            "recursive = True\n"
            "_private = 1\n",
            "pkg/exps/nested/more/__init__.py": "",
            "pkg/exps/nested/more/broken.py": "raise RuntimeError\n",
            "pkg/exps/other/__init__.py": "",
            "pkg/exps/other/ok.py": experiment("ModelConfig(depth=1, width=1)"),
        }
    )
    code, out, _ = check("pkg/exps")
    assert out == "pkg.exps.good ... ok\npkg.exps.other.ok ... ok\n2 passed, 0 failed\n"
    assert code == 0


def test_skipped_and_hidden_directories_are_not_searched(write_tree: Write) -> None:
    broken = {"__pconfigs__.py": "", "broken.py": "raise RuntimeError\n"}
    files = {"exps/__pconfigs__.py": "", "exps/ok.py": "X = 1\n"}
    for skipped in (".venv", "venv", "build", "dist", "node_modules", ".hidden"):
        files.update({f"{skipped}/{name}": src for name, src in broken.items()})
    write_tree(files)
    code, out, _ = check()
    assert (
        out.splitlines()[0]
        == "ok ... FAILED: NoConfigError: ok defines no config at module level"
    )
    assert out.endswith("0 passed, 1 failed\n")
    assert code == 1


def test_a_module_that_kills_the_worker_fails_alone(write_tree: Write) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "",
            "pyproject.toml": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/a_exits.py": "import os\n\nos._exit(3)\n",
            "pkg/exps/b_good.py": experiment("ModelConfig(depth=1, width=1)"),
            "pkg/exps/c_sysexit.py": "import sys\n\nsys.exit(4)\n",
        }
    )
    code, out, _ = check()
    fix = (
        '      Fix: put the code that runs or exits under `if __name__ == "__main__":`; '
        "pconfigs imports the module to read its configs\n"
    )
    assert out == (
        "pkg.exps.a_exits ... FAILED: SystemExit: importing pkg.exps.a_exits called "
        "os._exit(3)\n" + fix + "    at pkg/exps/a_exits.py:3, in <module>\n"
        "pkg.exps.b_good ... ok\n"
        "pkg.exps.c_sysexit ... FAILED: SystemExit: importing pkg.exps.c_sysexit "
        "called sys.exit(4)\n" + fix + "    at pkg/exps/c_sysexit.py:3, in <module>\n"
        "1 passed, 2 failed\n"
    )
    assert code == 1


def test_a_crash_names_the_signal_and_the_frame(write_tree: Write) -> None:
    write_tree(
        {
            "pyproject.toml": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/segfault.py": "import ctypes\n\nctypes.string_at(0)\n",
        }
    )
    code, out, _ = check()
    lines = out.splitlines()
    assert lines[:2] == [
        "pkg.exps.segfault ... FAILED: WorkerDied: the check process was killed by "
        "SIGSEGV while importing this module",
        "      Fatal Python error: Segmentation fault",
    ]
    assert any(
        line.startswith(f'        File "{Path.cwd() / "pkg/exps/segfault.py"}", line 3')
        for line in lines
    )
    assert lines[-2:] == ["    at pkg/exps/segfault.py", "0 passed, 1 failed"]
    assert code == 1


def test_a_thread_left_running_does_not_keep_the_checker_waiting(
    write_tree: Write,
) -> None:
    write_tree(
        {
            "pyproject.toml": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/threads.py": "import threading, time\n\n"
            "threading.Thread(target=time.sleep, args=(60,)).start()\n"
            + experiment("ModelConfig(depth=1, width=1)"),
        }
    )
    assert check() == (0, "pkg.exps.threads ... ok\n1 passed, 0 failed\n", "")


def test_printing_experiments_do_not_corrupt_the_report(write_tree: Write) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/loud.py": "import os\nprint('hello')\nos.write(1, b'raw\\n')\n"
            + experiment("ModelConfig(depth=1, width=1)"),
        }
    )
    assert check()[:2] == (0, "pkg.exps.loud ... ok\n1 passed, 0 failed\n")


def test_nothing_to_check_is_an_error(write_tree: Write) -> None:
    write_tree({"pkg/exps/a.py": "X = 1\n"})
    assert check() == (
        1,
        "",
        "pconfigs check: no experiment modules found under .\n"
        "  A directory is checked when it holds a __pconfigs__.py marker "
        "(see docs/check.md).\n",
    )


def test_a_missing_path_is_a_usage_error(write_tree: Write) -> None:
    write_tree({"README.md": ""})
    assert check("nope") == (
        2,
        "",
        "pconfigs check: error: no such file or directory: nope\n",
    )
    assert check("README.md") == (
        2,
        "",
        "pconfigs check: error: not a directory or a Python file: README.md\n",
    )


def test_a_marker_path_stands_for_its_directory(write_tree: Write) -> None:
    write_tree(TREE)
    code, out, _ = check("pkg/exps/nested/../__pconfigs__.py")
    assert out.splitlines()[0] == "pkg.exps.good ... ok"
    assert out.endswith("2 passed, 3 failed\n")
    assert code == 1


def test_the_seed_example_passes() -> None:
    assert check(str(REPO / "examples")) == (
        0,
        "project.experiments.first ... ok\n"
        "project.experiments.second ... ok\n"
        "2 passed, 0 failed\n",
        "",
    )


def test_python_dash_m_runs_the_check(write_tree: Write) -> None:
    write_tree(TREE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pconfigs.check",
            "pkg/exps/good.py",
            "pkg/exps/raises.py",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (
        1,
        "pkg.exps.good ... ok\n"
        "pkg.exps.raises ... FAILED: ValueError: depth must be >= 0, got -1\n"
        "    at pkg/models.py:13, in params\n"
        "1 passed, 1 failed\n",
    )


def test_the_console_script_has_a_check_subcommand(write_tree: Write) -> None:
    from pconfigs.cli import main as console

    write_tree(TREE)
    out, err = io.StringIO(), io.StringIO()
    assert console(["check", "pkg/exps/good.py"], out, err) == 0
    assert (out.getvalue(), err.getvalue()) == (
        "pkg.exps.good ... ok\n1 passed, 0 failed\n",
        "",
    )


def test_a_subdirectory_marker_overrides_a_recursive_parent(write_tree: Write) -> None:
    write_tree(
        {
            **TREE,
            "pkg/exps/nested/__pconfigs__.py": 'modules = ["deep"]\n',
            "pkg/exps/nested/extra.py": "raise RuntimeError('not listed')\n",
            "pkg/exps/nested/deeper/__init__.py": "",
            "pkg/exps/nested/deeper/broken.py": "raise RuntimeError('not recursive')\n",
        }
    )
    code, out, _ = check("pkg/exps/nested", "pkg/exps/good.py")
    assert (code, out) == (
        0,
        "pkg.exps.nested.deep ... ok\npkg.exps.good ... ok\n2 passed, 0 failed\n",
    )


def test_experiments_run_on_this_interpreter_from_any_directory(
    write_tree: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        {
            **TREE,
            "pkg/exps/interpreter.py": "import os, sys\n\n"
            f"assert sys.executable == {sys.executable!r}, sys.executable\n"
            "assert os.getcwd() not in sys.path, sys.path\n"
            + experiment("ModelConfig(depth=1, width=1)"),
        }
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = check("../proj/pkg/exps/interpreter.py")
    assert (code, out) == (0, "pkg.exps.interpreter ... ok\n1 passed, 0 failed\n")


def test_parallel_workers_report_the_same_lines_in_the_same_order(
    write_tree: Write,
) -> None:
    write_tree(TREE)
    assert check("-j", "3") == check()
    assert check("-j", "0")[0] == 2


def test_a_module_that_hangs_fails_after_the_timeout(write_tree: Write) -> None:
    write_tree(
        {
            "pyproject.toml": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/a_hangs.py": "import time\n\ntime.sleep(120)\n",
            "pkg/exps/b_good.py": experiment("ModelConfig(depth=1, width=1)"),
        }
    )
    assert check("--timeout", "5") == (
        1,
        "pkg.exps.a_hangs ... FAILED: TimeoutError: still importing after 5 s; "
        "the check process was stopped\n"
        "    at pkg/exps/a_hangs.py\n"
        "pkg.exps.b_good ... ok\n"
        "1 passed, 1 failed\n",
        "",
    )
    assert check("--timeout", "inf")[0] == 2
