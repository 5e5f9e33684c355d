"""pyright and basedpyright, run for real, on the example and on violation files.

Each checker runs once per configuration per session (a run costs about a
second of node start-up). Expected diagnostics are written next to the code
as ``# E: [rule] message fragment`` (``# E-stubs:`` when only the run with
stubs reports it); a missing expected diagnostic fails as surely as an
unexpected one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXAMPLES = REPO / "examples"
ZOO = HERE / "zoo"
CASES = HERE / "cases"
ONE_MODULE = HERE / "onemodule"
CHECKERS = ["pyright", "basedpyright"]
# The checkers, and the Python whose packages they read, come from the
# environment running the tests.
SEARCH_PATH = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
MARKER = re.compile(
    r"(?<!`)# E(?P<stubs_only>-stubs)?: \[(?P<rule>\w+)\] ?(?P<text>.*)$"
)


@dataclass(frozen=True)
class Diagnostic:
    file: Path
    line: int  # 1-based
    rule: str
    message: str

    def __str__(self) -> str:
        where = (
            self.file.relative_to(REPO) if self.file.is_relative_to(REPO) else self.file
        )
        return f"{where}:{self.line}: [{self.rule}] {self.message.splitlines()[0]}"


@dataclass(frozen=True)
class Expected:
    file: Path
    line: int
    rule: str
    text: str

    def matches(self, d: Diagnostic) -> bool:
        return (d.file, d.line, d.rule) == (self.file, self.line, self.rule) and (
            self.text in d.message
        )

    def __str__(self) -> str:
        return f"{self.file.relative_to(REPO)}:{self.line}: [{self.rule}] {self.text}"


def executable(checker: str) -> str:
    found = shutil.which(checker, path=SEARCH_PATH)
    if found is None:
        pytest.fail(f"{checker} is not installed: bash scripts/setup.sh installs it")
    return found


def run_checker(checker: str, config: Path) -> list[Diagnostic]:
    """Errors and warnings of one ``--outputjson`` run with ``config``."""
    result = subprocess.run(
        [executable(checker), "--outputjson", "-p", str(config)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PATH=SEARCH_PATH),
        cwd=config.parent,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{checker} gave no JSON:\n{result.stdout}\n{result.stderr}")
    return [
        Diagnostic(
            file=Path(d["file"]).resolve(),
            line=d["range"]["start"]["line"] + 1,
            rule=d.get("rule", "-"),
            message=d["message"],
        )
        for d in report["generalDiagnostics"]
        if d["severity"] in ("error", "warning")
    ]


def expected_in(files: Iterable[Path], stubs: bool = True) -> list[Expected]:
    """The markers in ``files``; without ``stubs``, not the ``E-stubs`` ones."""
    found = []
    for file in files:
        for number, line in enumerate(file.read_text().splitlines(), start=1):
            match = MARKER.search(line)
            if match and (stubs or not match["stubs_only"]):
                found.append(
                    Expected(
                        file.resolve(), number, match["rule"], match["text"].strip()
                    )
                )
    return found


def compare(expected: list[Expected], actual: list[Diagnostic]) -> list[str]:
    """Problems both ways: expected but not reported, reported but not expected."""
    problems = [
        f"missing: {e}" for e in expected if not any(e.matches(d) for d in actual)
    ]
    problems += [
        f"unexpected: {d}"
        for d in actual
        if not any(
            (e.file, e.line, e.rule) == (d.file, d.line, d.rule) for e in expected
        )
    ]
    return problems


def python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


def write_config(folder: Path, **settings: object) -> Path:
    """A pyrightconfig.json in ``folder``; paths are made relative to it."""

    def relative(path: object) -> object:
        return os.path.relpath(path, folder) if isinstance(path, Path) else path

    config = {
        key: [relative(v) for v in value]
        if isinstance(value, list)
        else relative(value)
        for key, value in settings.items()
    }
    path = folder / "pyrightconfig.json"
    path.write_text(json.dumps(config, indent=2))
    return path


# --------------------------------------------------------------------------
# One run per checker and configuration, shared by the tests below


@pytest.fixture(scope="session")
def generated_stubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fresh stubs for the seed example and the zoo, from the real CLI."""
    out = tmp_path_factory.mktemp("pyright") / "stubs"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pconfigs.stubgen",
            str(EXAMPLES / "project"),
            str(ZOO / "zoo"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def runs(
    generated_stubs: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str], list[Diagnostic]]:
    cache: dict[tuple[str, str], list[Diagnostic]] = {}
    common = {
        "typeCheckingMode": "standard",
        "reportRedeclaration": False,
        "extraPaths": [REPO, EXAMPLES, ZOO],
    }

    def config_for(kind: str) -> Path:
        if kind == "example":
            return REPO / "pyrightconfig.json"
        folder = tmp_path_factory.mktemp(kind)
        if kind == "one-module":
            return write_config(folder, include=[ONE_MODULE], **common)
        if kind == "with-stubs":
            return write_config(
                folder,
                include=[CASES, ZOO, EXAMPLES / "project"],
                stubPath=generated_stubs,
                **common,
            )
        return write_config(
            folder,
            include=[ZOO, EXAMPLES / "project"],
            stubPath=folder / "no-stubs",
            **common,
        )

    def run(checker: str, kind: str) -> list[Diagnostic]:
        if (checker, kind) not in cache:
            cache[checker, kind] = run_checker(checker, config_for(kind))
        return cache[checker, kind]

    return run


@pytest.fixture(params=CHECKERS)
def checker(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    executable(name)
    return name


# --------------------------------------------------------------------------
# The tests


def test_the_example_is_clean_with_its_committed_stubs(runs, checker):
    diagnostics = runs(checker, "example")
    assert [str(d) for d in diagnostics] == []


def test_each_violation_is_reported_on_its_line_and_nothing_else(runs, checker):
    files = python_files(CASES, ZOO)
    problems = compare(expected_in(files), runs(checker, "with-stubs"))
    assert problems == []


def test_the_violation_files_cover_every_pyright_column_of_the_spec_table():
    texts = {e.text for e in expected_in(python_files(CASES))}
    rules = {e.rule for e in expected_in(python_files(CASES))}
    for fragment in [
        'No parameter named "stepz"',  # unknown field
        'parameter "steps" of type "int"',  # wrong value type
        'No overloads for "__init__"',  # missing required field
        '"lr_schedule" of type "Pinned[Any] | type[Pinned[Any]] | Pin[Any]"',  # value for a Pinned field
        'Attribute "steps" is read-only',  # assigning a field
        '"EncoderConfig" is not assignable to "TrainerConfig"',  # wrong base
        '"int" is not assignable to "str"',  # reading a Pinned field gives T
        '"Trainer" is not assignable to "str"',  # construct() is typed
    ]:
        assert any(fragment in text for text in texts), fragment
    assert rules == {
        "reportCallIssue",
        "reportArgumentType",
        "reportAttributeAccessIssue",
        "reportAssignmentType",
    }


# Subclasses whose registered defaults rely on an ancestor's default from
# another module: only the ancestor's stub tells pyright about that default.
NEEDS_STUBS = frozenset({ZOO / "zoo" / "inherit.py", ZOO / "zoo" / "inherit_more.py"})


def test_defining_modules_are_clean_without_stubs(runs, checker):
    diagnostics = runs(checker, "without-stubs")
    defining = [
        EXAMPLES / "project" / "modules" / "trainer.py",
        *(p for p in python_files(ZOO) if p not in NEEDS_STUBS),
    ]
    mine = [d for d in diagnostics if d.file in defining]
    assert compare(expected_in(defining, stubs=False), mine) == []


def test_without_stubs_a_subclass_default_must_repeat_inherited_fields(runs, checker):
    """What the stubs add for defining modules: the fields an ancestor's
    registered default gives are optional in a subclass's constructor."""
    diagnostics = runs(checker, "without-stubs")
    found = {
        (d.file, d.line, d.rule, d.message.splitlines()[0])
        for d in diagnostics
        if d.file in NEEDS_STUBS
    }
    assert found == {
        (
            ZOO / "zoo" / "inherit.py",
            15,
            "reportCallIssue",
            'Arguments missing for parameters "lr", "betas", "schedule", '
            '"started", "version"',
        ),
        (
            ZOO / "zoo" / "inherit_more.py",
            13,
            "reportCallIssue",
            'Arguments missing for parameters "width", "depth", "activation", '
            '"params", "heads"',
        ),
    }


def test_without_stubs_pyright_rejects_the_seed_experiments(runs, checker):
    """What the stubs are for: dataclass_transform alone cannot express a
    positional base or registered defaults."""
    diagnostics = runs(checker, "without-stubs")
    experiments = EXAMPLES / "project" / "experiments"
    assert {
        (d.file.name, d.rule) for d in diagnostics if d.file.parent == experiments
    } == {
        ("first.py", "reportCallIssue"),
        ("second.py", "reportCallIssue"),
    }


# --------------------------------------------------------------------------
# A config tree checked in the module that defines it (no stubs involved)


def test_a_one_module_tree_with_class_level_defaults_checks_cleanly(runs, checker):
    """Every line is clean but the mistakes and the one documented limit
    (a subclass pinning an inherited field), each marked ``# E:``."""
    tree = ONE_MODULE / "job_defaults.py"
    mine = [d for d in runs(checker, "one-module") if d.file == tree]
    assert compare(expected_in([tree]), mine) == []


def test_the_same_tree_with_pdefaults_asks_for_every_field(runs, checker):
    """What class-level defaults save: written with ``pdefaults``, the same
    tree still reports its mistakes, plus a missing-arguments error wherever
    a call in the module leaves out a field (pyright builds the constructor
    from the class body alone). The count is documented in
    docs/type-checking.md."""
    tree = ONE_MODULE / "job_pdefaults.py"
    found = [d for d in runs(checker, "one-module") if d.file == tree]
    expected = expected_in([tree])
    assert [p for p in compare(expected, found) if p.startswith("missing")] == []
    marked = {e.line for e in expected}
    false_errors = [d for d in found if d.line not in marked]
    assert {(d.rule, d.message.split(" for ")[0]) for d in false_errors} == {
        ("reportCallIssue", "Arguments missing"),
        ("reportCallIssue", "Argument missing"),
    }
    assert len({d.line for d in false_errors}) == 29
