"""``pconfigs migrate PATH...``: move a project written for the original design.

It rewrites what is mechanical and lists the rest with ``file:line``:

- imports of names the original kept in other modules
  (``from pconfigs.constructable import OptionalConfig``) import them from
  ``pconfigs`` when pconfigs exports them; other names are listed;
- ``__pconfigs__.py`` markers written with calls (``TestConfigs("a", "b")``,
  ``TestManually("a")``, ``from pconfigs import TestSubdirs``) become the
  settings ``modules = [...]`` and ``recursive = True``;
- a module-level assignment to a field of a config built earlier in the same
  module (``config.steps = 5`` after ``config = TrainerConfig(...)``) becomes a
  derivation (``config = TrainerConfig(config, steps=5)``); consecutive
  assignments to one config become one derivation.

Anything else that the frozen design refuses (a nested field, a config from
another module, ``setattr``) and every ``ptest`` command in scripts is listed,
never guessed. ``--dry-run`` prints the diff and writes nothing.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pconfigs.cli import _bind, _Exit, _Parser

__all__ = ["Migration", "main", "migrate_source"]

MARKER = "__pconfigs__.py"
# The original's marker calls and what each becomes.
_MARKER_CALLS = ("TestConfigs", "TestManually")
_MARKER_NAMES = frozenset({*_MARKER_CALLS, "TestSubdirs"})
_MARKER_MODULES = frozenset({"pconfigs", "pconfigs.tests.testing"})
_SCRIPT_SUFFIXES = frozenset(
    {".sh", ".bash", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".txt", ".md"}
)
_SCRIPT_NAMES = frozenset({"Makefile", "makefile", "justfile", "Dockerfile"})
_PTEST = re.compile(r"(?<![\w.-])ptest(?![\w-])|pytest\s+--pyargs\s+pconfigs\.test")
_SKIPPED_DIRS = frozenset(
    {".git", ".venv", "venv", "build", "dist", "node_modules", "__pycache__"}
)


@dataclass
class Migration:
    """The result of migrating one file: its new text and what needs a hand."""

    path: str
    source: str
    text: str
    changes: int = 0
    manual: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Edit:
    start: tuple[int, int]  # (line, column), line 1-based, as ast gives them
    end: tuple[int, int]
    text: str


# --------------------------------------------------------------------------
# Python modules


def migrate_source(
    source: str, path: str = "<string>", exported: frozenset[str] | None = None
) -> Migration:
    """Migrate one Python module's text; ``path`` names a marker by its file name.

    ``exported``: the names ``from pconfigs import ...`` offers (default: the
    installed pconfigs' ``__all__``).
    """
    result = Migration(path, source, source)
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        result.manual.append(
            (error.lineno or 1, f"not valid Python ({error.msg}); left as it is")
        )
        return result
    edits: list[_Edit] = []
    if Path(path).name == MARKER:
        edits += _marker_edits(tree, result)
    else:
        edits += _import_edits(tree, result, exported or _exported_names())
        edits += _mutation_edits(tree, source, result)
    result.text = _apply(source, edits)
    result.changes = len(edits)
    result.manual.sort()
    return result


def _exported_names() -> frozenset[str]:
    import pconfigs

    return frozenset(pconfigs.__all__)


def _import_edits(
    tree: ast.Module, result: Migration, exported: frozenset[str]
) -> list[_Edit]:
    """``from pconfigs.<old module> import X`` → ``from pconfigs import X``."""
    edits = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ImportFrom) and _is_old_module(node.module)):
            continue
        names = [alias for alias in node.names if alias.name != "*"]
        missing = [a.name for a in names if a.name not in exported]
        if missing or len(names) != len(node.names):
            result.manual.append((node.lineno, _missing_names_note(node, missing)))
            continue
        imported = ", ".join(
            a.name if a.asname is None else f"{a.name} as {a.asname}" for a in names
        )
        edits.append(_replace(node, f"from pconfigs import {imported}"))
    return edits


def _is_old_module(module: str | None) -> bool:
    """Modules of the original that ours does not have under that name."""
    if module is None or not module.startswith("pconfigs."):
        return False
    return module.split(".")[1] in {"constructable", "kwarg_mock", "tests", "testing"}


def _missing_names_note(node: ast.ImportFrom, missing: list[str]) -> str:
    if not missing:
        return f"`from {node.module} import *`: import the names you use from pconfigs"
    shown = ", ".join(missing)
    return (
        f"{shown} (from {node.module}) has no counterpart under that name in "
        "pconfigs; see docs/migrating.md"
    )


def _mutation_edits(tree: ast.Module, source: str, result: Migration) -> list[_Edit]:
    """Module-level ``cfg.field = value`` after ``cfg = Cls(...)`` → a derivation."""
    built: dict[str, str] = {}  # config name -> the class name it was built with
    edits: list[_Edit] = []
    run: list[ast.Assign] = []  # consecutive assignments to one built config
    for statement in tree.body:
        target = _field_assignment(statement)
        if target is not None and target[0] in built:
            if run and not _extends(run, target):
                edits += _derivation(run, built, source)
                run = []
            run.append(statement)  # type: ignore[arg-type]
            continue
        edits += _derivation(run, built, source)
        run = []
        if _is_field_mutation(statement):
            result.manual.append((statement.lineno, _mutation_note(statement, source)))
        _remember_builds(statement, built)
    edits += _derivation(run, built, source)
    _list_other_mutations(tree, result, source)
    return edits


def _field_assignment(statement: ast.stmt) -> tuple[str, str] | None:
    """``(config, field)`` of ``config.field = value`` with one target."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    target = statement.targets[0]
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return target.value.id, target.attr
    return None


def _is_field_mutation(statement: ast.stmt) -> bool:
    """Any assignment to an attribute (``a.b = v``, ``a.b.c += v``, ...)."""
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
        targets = [statement.target]
    else:
        return False
    return any(isinstance(t, ast.Attribute) for t in targets)


def _extends(run: list[ast.Assign], target: tuple[str, str]) -> bool:
    """``target`` joins the run: same config, a field the run has not set."""
    assigned = [_field_assignment(s) for s in run]
    return (
        assigned[0] is not None
        and assigned[0][0] == target[0]
        and all(a is not None and a[1] != target[1] for a in assigned)
    )


def _derivation(
    run: list[ast.Assign], built: dict[str, str], source: str
) -> list[_Edit]:
    if not run:
        return []
    name, _ = _field_assignment(run[0])  # type: ignore[misc]
    keywords = ", ".join(
        f"{_field_assignment(s)[1]}={ast.get_source_segment(source, s.value)}"  # type: ignore[index]
        for s in run
    )
    text = f"{name} = {built[name]}({name}, {keywords})"
    return [_Edit((run[0].lineno, run[0].col_offset), _end(run[-1]), text)]


def _remember_builds(statement: ast.stmt, built: dict[str, str]) -> None:
    """Track module-level names bound to ``Cls(...)`` calls, and forget rebinds."""
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if not isinstance(target, ast.Name):
                continue
            call = statement.value
            if isinstance(call, ast.Call) and isinstance(
                call.func, (ast.Name, ast.Attribute)
            ):
                built[target.id] = ast.unparse(call.func)
            else:
                built.pop(target.id, None)
    elif isinstance(statement, (ast.Import, ast.ImportFrom)):
        for alias in statement.names:
            built.pop((alias.asname or alias.name).split(".")[0], None)


def _mutation_note(statement: ast.stmt, source: str) -> str:
    line = (ast.get_source_segment(source, statement) or "").splitlines()[0]
    return (
        f"`{line}` assigns to a field of a frozen config; derive a new config "
        "instead (for a nested field, derive the section too: "
        "cfg = Cls(cfg, section=Section(cfg.section, field=value)))"
    )


def _list_other_mutations(tree: ast.Module, result: Migration, source: str) -> None:
    """``setattr(cfg, ...)`` and field assignments inside functions."""
    top_level = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "setattr" and node.args:
                result.manual.append(
                    (
                        node.lineno,
                        "setattr() on a config fails: configs are frozen; derive",
                    )
                )
        elif (
            isinstance(node, ast.Assign)
            and id(node) not in top_level
            and any(_is_self_config_attribute(t) for t in node.targets)
        ):
            result.manual.append((node.lineno, _mutation_note(node, source)))


def _is_self_config_attribute(target: ast.expr) -> bool:
    """``self.config.x = ...`` (or deeper): mutating a constructed class's config."""
    while isinstance(target, ast.Attribute):
        if isinstance(target.value, ast.Attribute) and target.value.attr == "config":
            return True
        target = target.value
    return False


# --------------------------------------------------------------------------
# __pconfigs__.py markers


def _marker_edits(tree: ast.Module, result: Migration) -> list[_Edit]:
    edits: list[_Edit] = []
    for statement in tree.body:
        if (
            isinstance(statement, ast.ImportFrom)
            and statement.module in _MARKER_MODULES
        ):
            edits += _marker_import_edit(statement, result)
        elif _is_marker_call(statement):
            edits.append(_marker_call_edit(statement, result))  # type: ignore[arg-type]
    return edits


def _marker_import_edit(statement: ast.ImportFrom, result: Migration) -> list[_Edit]:
    names = {alias.name for alias in statement.names}
    if not names & _MARKER_NAMES:
        return []
    if not names <= _MARKER_NAMES:
        result.manual.append(
            (statement.lineno, "a marker imports more than the original's test names")
        )
        return []
    text = "recursive = True" if "TestSubdirs" in names else ""
    return [_replace(statement, text)]


def _is_marker_call(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id in _MARKER_CALLS
    )


def _marker_call_edit(statement: ast.Expr, result: Migration) -> _Edit:
    call = statement.value
    assert isinstance(call, ast.Call)
    if call.keywords or not all(
        isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args
    ):
        result.manual.append(
            (statement.lineno, "a marker call with computed arguments")
        )
    modules = ", ".join(
        json.dumps(a.value) if isinstance(a, ast.Constant) else ast.unparse(a)
        for a in call.args
    )
    return _replace(statement, f"modules = [{modules}]")


# --------------------------------------------------------------------------
# Scripts that call ptest


def ptest_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines of a script, CI file or doc that run the original's test command."""
    for number, line in enumerate(text.splitlines(), 1):
        if _PTEST.search(line):
            yield (
                number,
                f"`{line.strip()}`: the original's ptest is `pconfigs check` now",
            )


# --------------------------------------------------------------------------
# Applying edits


def _replace(node: ast.stmt, text: str) -> _Edit:
    return _Edit((node.lineno, node.col_offset), _end(node), text)


def _end(node: ast.stmt) -> tuple[int, int]:
    assert node.end_lineno is not None and node.end_col_offset is not None
    return node.end_lineno, node.end_col_offset


def _apply(source: str, edits: list[_Edit]) -> str:
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line.encode()))
    data = source.encode()
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        begin = starts[edit.start[0] - 1] + edit.start[1]
        stop = starts[edit.end[0] - 1] + edit.end[1]
        data = data[:begin] + edit.text.encode() + data[stop:]
    return data.decode()


# --------------------------------------------------------------------------
# Walking paths and the command line


def migrate_path(path: Path) -> Iterator[Migration]:
    """Every file under ``path`` (or ``path`` itself) that has something to say."""
    for file in _files(path):
        source = file.read_text(encoding="utf-8")
        if file.suffix == ".py":
            migration = migrate_source(source, str(file))
        else:
            migration = Migration(
                str(file), source, source, 0, list(ptest_lines(source))
            )
        if migration.changes or migration.manual:
            yield migration


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for child in sorted(path.iterdir()):
        if child.is_dir():
            if child.name not in _SKIPPED_DIRS and not child.name.startswith("."):
                yield from _files(child)
        elif (
            child.suffix == ".py"
            or child.suffix in _SCRIPT_SUFFIXES
            or child.name in _SCRIPT_NAMES
        ):
            yield child


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """``pconfigs migrate PATH... [--dry-run]``: exit 0 when done, 2 on a bad path."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = _arguments(argv, out, err)
    if isinstance(args, int):
        return args
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        err.write(f"pconfigs migrate: error: no such file or directory: {missing[0]}\n")
        return 2
    migrations = [m for p in args.paths for m in migrate_path(Path(p))]
    for migration in migrations:
        _report(migration, args.dry_run, out)
    rewritten = sum(1 for m in migrations if m.changes)
    manual = sum(len(m.manual) for m in migrations)
    verb = "would be rewritten" if args.dry_run else "rewritten"
    out.write(
        f"{_count(rewritten, 'file')} {verb}, {_count(manual, 'place')} to change by hand\n"
    )
    return 0


def _arguments(
    argv: Sequence[str] | None, out: IO[str], err: IO[str]
) -> argparse.Namespace | int:
    parser = _Parser(
        prog="pconfigs migrate",
        description="Rewrite what is mechanical in a project written for the "
        "original pconfigs, and list the rest as file:line.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the diff; write nothing"
    )
    _bind(parser, out, err)
    try:
        return parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except _Exit as stop:
        return stop.status


def _report(migration: Migration, dry_run: bool, out: IO[str]) -> None:
    if migration.changes:
        if dry_run:
            out.writelines(
                difflib.unified_diff(
                    migration.source.splitlines(keepends=True),
                    migration.text.splitlines(keepends=True),
                    migration.path,
                    migration.path,
                )
            )
        else:
            Path(migration.path).write_text(migration.text, encoding="utf-8")
            out.write(
                f"rewrote {migration.path} ({_count(migration.changes, 'change')})\n"
            )
    for line, note in migration.manual:
        out.write(f"{migration.path}:{line}: {note}\n")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
