"""The pytest plugin: each experiment module is one test with a readable id."""

from __future__ import annotations

import pytest
from check_trees import TREE, experiment

pytest_plugins = ["pytester"]


def write(pytester: pytest.Pytester, files: dict[str, str], under: str = "") -> None:
    for name, source in files.items():
        path = pytester.path / under / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


def test_each_experiment_is_a_test_and_failures_show_the_error(
    pytester: pytest.Pytester,
) -> None:
    write(pytester, TREE)
    result = pytester.runpytest("-vv", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=4)
    result.stdout.fnmatch_lines(
        [
            "pkg/exps/__pconfigs__.py::pkg.exps.good PASSED*",
            "pkg/exps/__pconfigs__.py::pkg.exps.imports FAILED*",
            "pkg/exps/__pconfigs__.py::pkg.exps.pinned FAILED*",
            "pkg/exps/__pconfigs__.py::pkg.exps.raises FAILED*",
            "pkg/exps/__pconfigs__.py::pkg.exps.nested.deep PASSED*",
            "pkg/old/__pconfigs__.py::__pconfigs__.py FAILED*",
        ],
        consecutive=False,
    )
    result.stdout.fnmatch_lines(
        [
            "*_ experiment pkg.exps.raises _*",
            "ValueError: depth must be >= 0, got -1",
            "  at pkg/models.py:13, in params",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "FAILED pkg/exps/__pconfigs__.py::pkg.exps.imports - "
            "ModuleNotFoundError: No module named 'pkg.nope'",
            "FAILED pkg/exps/__pconfigs__.py::pkg.exps.pinned - "
            "PinnedFieldError: Cannot set pinned field ModelConfig.params*",
            "FAILED pkg/exps/__pconfigs__.py::pkg.exps.raises - "
            "ValueError: depth must be >= 0, got -1",
            "FAILED pkg/old/__pconfigs__.py::__pconfigs__.py - "
            "ImportError: cannot import name 'TestConfigs' from 'pconfigs'*",
        ]
    )


def test_short_tracebacks_show_only_the_error(pytester: pytest.Pytester) -> None:
    write(pytester, TREE)
    result = pytester.runpytest("--tb=short", "-k", "raises", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, deselected=5)
    result.stdout.fnmatch_lines(
        [
            "*_ experiment pkg.exps.raises _*",
            "ValueError: depth must be >= 0, got -1",
            "  at pkg/models.py:13, in params",
            "*short test summary info*",
        ]
    )


def test_an_experiments_output_is_reported_with_its_failure(
    pytester: pytest.Pytester,
) -> None:
    write(
        pytester,
        {
            "exps/__pconfigs__.py": "",
            "exps/noisy.py": "print('building the model')\nraise RuntimeError('boom')\n",
        },
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "RuntimeError: boom",
            "  at exps/noisy.py:2, in <module>",
            "*- Captured output call -*",
            "building the model",
        ]
    )


def test_the_ini_option_turns_the_plugin_off(pytester: pytest.Pytester) -> None:
    write(pytester, TREE)
    pytester.makeini("[pytest]\npconfigs_check = false\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_pconfigs_paths_are_checked_when_pytest_runs_without_paths(
    pytester: pytest.Pytester,
) -> None:
    write(pytester, TREE, under="configs")
    pytester.makepyfile(**{"tests/test_unit": "def test_unit():\n    pass\n"})
    pytester.makeini(
        "[pytest]\ntestpaths = tests\npconfigs_paths =\n    configs\n    configs/pkg\n"
    )
    plain = pytester.runpytest("-p", "no:cacheprovider", "-q")
    plain.assert_outcomes(passed=3, failed=4)
    plain.stdout.fnmatch_lines(
        ["FAILED configs::pkg.exps.raises - ValueError: depth must be >= 0, got -1"]
    )
    explicit = pytester.runpytest("-p", "no:cacheprovider", "tests")
    explicit.assert_outcomes(passed=1)


def test_a_marker_reached_twice_is_collected_once(pytester: pytest.Pytester) -> None:
    write(
        pytester,
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/good.py": experiment("ModelConfig(depth=2, width=3)"),
        },
    )
    pytester.makeini("[pytest]\npconfigs_paths = pkg\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pkg/exps/__pconfigs__.py::pkg.exps.good PASSED*"])


def test_a_missing_pconfigs_path_is_a_failure(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\npconfigs_paths = nope\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-vv")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED nope::pconfigs_paths - FileNotFoundError: pconfigs_paths lists "
            f'"{pytester.path / "nope"}", which does not exist'
        ]
    )


def test_experiments_run_in_fresh_state_under_pytest(pytester: pytest.Pytester) -> None:
    register = (
        "from pconfigs import pdefaults\nfrom pkg.models import ModelConfig\n\n"
        "pdefaults += ModelConfig(depth={}, width=1)\nconfig = ModelConfig()\n"
    )
    write(
        pytester,
        {
            "pkg/__init__.py": "",
            "pkg/models.py": TREE["pkg/models.py"],
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "",
            "pkg/exps/a.py": register.format(1),
            "pkg/exps/b.py": experiment("ModelConfig()"),
            "pkg/exps/c.py": register.format(2),
        },
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["FAILED pkg/exps/__pconfigs__.py::pkg.exps.b - MissingFieldsError: *"]
    )
