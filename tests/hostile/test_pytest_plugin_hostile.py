"""The pytest plugin under hostile experiments: timeouts, exits, markers."""

from __future__ import annotations

import pytest
from hostile_trees import CONFIG

pytest_plugins = ["pytester"]

HANGS = "import time\n\ntime.sleep(600)\n"


def write(pytester: pytest.Pytester, files: dict[str, str]) -> None:
    for name, source in {"pyproject.toml": "", **files}.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


def test_the_ini_timeout_fails_a_hanging_experiment(pytester: pytest.Pytester) -> None:
    write(
        pytester,
        {
            "pytest.ini": "[pytest]\npconfigs_timeout = 3\n",
            "exps/__pconfigs__.py": "",
            "exps/a.py": HANGS,
            "exps/b.py": CONFIG,
        },
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "TimeoutError: still importing after 3 s; the check process was stopped",
            "  at exps/a.py",
        ]
    )


def test_the_command_line_timeout_covers_markers(pytester: pytest.Pytester) -> None:
    write(pytester, {"exps/__pconfigs__.py": HANGS, "exps/b.py": CONFIG})
    result = pytester.runpytest("-p", "no:cacheprovider", "--pconfigs-timeout=2")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "TimeoutError: still running after 2 s; the check process was stopped",
            "  at exps/__pconfigs__.py",
        ]
    )


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "soon"])
def test_a_bad_timeout_is_a_usage_error(pytester: pytest.Pytester, value: str) -> None:
    write(pytester, {"exps/__pconfigs__.py": "", "exps/b.py": CONFIG})
    result = pytester.runpytest("-p", "no:cacheprovider", f"--pconfigs-timeout={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [f"ERROR: --pconfigs-timeout: expected seconds > 0, got {value!r}"]
    )


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ("import sys\n\nsys.exit(0)\n", "sys.exit(0)"),
        ("import os\n\nos._exit(0)\n", "os._exit(0)"),
    ],
)
def test_exiting_experiments_and_markers_fail(
    pytester: pytest.Pytester, source: str, call: str
) -> None:
    write(
        pytester,
        {
            "exps/__pconfigs__.py": "",
            "exps/a.py": source,
            "other/__pconfigs__.py": source,
            "other/b.py": CONFIG,
        },
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            f"SystemExit: importing exps.a called {call}",
            f"SystemExit: importing other/__pconfigs__.py called {call}",
        ],
        consecutive=False,
    )
