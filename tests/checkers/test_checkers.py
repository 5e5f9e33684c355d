"""basedpyright, ty, pyrefly and zuban (and pyright) on the same stubs, for real.

Each checker runs once per session on the seed example, the pyright zoo and
``violations.py`` (scripts/checker_table.py builds the workspace and parses
each checker's output). Every marked mistake must be reported on its line by
every checker; what each reports on valid lines is exactly what the generated
table in docs/checkers.md says, so a change in any checker's behaviour makes
the committed table stale and fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    path = REPO / "scripts" / "checker_table.py"
    spec = importlib.util.spec_from_file_location("checker_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["checker_table"] = module
    spec.loader.exec_module(module)
    return module


table = _load_script()


@pytest.fixture(scope="session")
def outcomes() -> list:
    return table.run_all()


def test_the_violations_file_marks_every_mistake_of_the_table():
    assert list(table.mistakes().values()) == [
        "unknown field",
        "unknown field, with a base",
        "wrong value type",
        "wrong value type, with a base",
        "missing required field",
        "value for a Pinned field",
        "value for a Pinned field, no base",
        "base of the wrong config class",
        "a Pinned field read as its type",
        "a computed list read as its type",
        "construct() typed as the constructs= class",
        "assigning a field",
        "assigning a Pinned field",
    ]


@pytest.mark.parametrize("checker", list(table.CHECKERS))
def test_every_checker_reports_every_mistake_on_its_line(outcomes, checker):
    (found,) = [o for o in outcomes if o.checker == checker]
    missed = [
        name for line, name in table.mistakes().items() if line not in found.reported
    ]
    assert missed == []


@pytest.mark.parametrize("checker", ["pyright", "basedpyright"])
def test_the_pyright_family_reports_nothing_on_valid_code(outcomes, checker):
    (found,) = [o for o in outcomes if o.checker == checker]
    assert [str(f) for f in found.false_errors] == []


def test_the_docs_table_is_what_the_checkers_report_now(outcomes):
    page = table.PAGE.read_text(encoding="utf-8")
    fresh = table.page_with(page, table.section(outcomes))
    assert fresh == page, "stale: run python scripts/checker_table.py"
