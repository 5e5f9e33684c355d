"""The public stubs (``pconfigs/__init__.pyi``, ``pconfigs/pinnable.pyi``)
declare what the runtime exports, with the signatures the runtime declares.

Type checkers read the stubs instead of the runtime modules (docs/mypy.md,
"Speed"), so a signature changed in ``config.py`` and not in the stub would
change nothing for users. Each stub function, overload by overload, must
match the runtime's declaration (the ``@overload`` items when there are any),
type variables renamed alike; each stub class method likewise.
"""

from __future__ import annotations

import ast
import copy
import importlib
from pathlib import Path

import pconfigs
import pconfigs.pinnable

PACKAGE = Path(pconfigs.__file__).parent
# The stub cannot name the runtime-only `ConfigSpec` the constructor takes;
# users never build the view themselves.
LOOSER_IN_STUB = {("ConfigInputs", "__init__")}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _all_of(tree: ast.Module) -> list[str]:
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == "__all__"
        ):
            value = ast.literal_eval(stmt.value)
            assert isinstance(value, list)
            return value
    raise AssertionError("no __all__")


def _declared(body: list[ast.stmt]) -> dict[str, list[ast.stmt]]:
    """Top-level declarations by name, looking into ``if TYPE_CHECKING:``."""
    found: dict[str, list[ast.stmt]] = {}
    for stmt in body:
        if isinstance(stmt, ast.If) and ast.unparse(stmt.test) == "TYPE_CHECKING":
            for name, items in _declared(stmt.body).items():
                found.setdefault(name, []).extend(items)
        elif isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
            found.setdefault(stmt.name, []).append(stmt)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            found.setdefault(stmt.target.id, []).append(stmt)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(stmt)
    return found


def _type_vars(tree: ast.Module) -> set[str]:
    return {
        stmt.targets[0].id
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        and isinstance(stmt.targets[0], ast.Name)
        and isinstance(stmt.value, ast.Call)
        and ast.unparse(stmt.value.func) == "TypeVar"
    }


def _signatures(defs: list[ast.stmt], type_vars: set[str]) -> list[str]:
    """The declared signatures: the ``@overload`` items if any, else the def."""
    functions = [d for d in defs if isinstance(d, ast.FunctionDef)]
    overloads = [
        f
        for f in functions
        if any(ast.unparse(d) == "overload" for d in f.decorator_list)
    ]

    class Rename(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.Name:
            return ast.Name("TypeVar") if node.id in type_vars else node

    texts = []
    for function in overloads or functions:
        shape = copy.deepcopy(function)
        shape.body = [ast.Expr(ast.Constant(...))]
        texts.append(ast.unparse(Rename().visit(shape)))
    return texts


def test_the_stub_exports_what_the_runtime_exports() -> None:
    stub = _tree(PACKAGE / "__init__.pyi")
    assert _all_of(stub) == pconfigs.__all__
    for name in _declared(stub.body):
        if not name.startswith("_"):
            assert hasattr(pconfigs, name), name


def test_pinnable_stub_reexports_what_the_runtime_module_exports() -> None:
    stub = _tree(PACKAGE / "pinnable.pyi")
    assert _all_of(stub) == pconfigs.pinnable.__all__
    reexported = {
        alias.asname: alias.name
        for stmt in stub.body
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "pconfigs"
        for alias in stmt.names
    }
    assert set(reexported) == set(pconfigs.pinnable.__all__)
    for name, original in reexported.items():
        assert getattr(pconfigs.pinnable, name) is getattr(pconfigs, original)


def test_stub_signatures_are_the_runtime_declarations() -> None:
    stub = _tree(PACKAGE / "__init__.pyi")
    stub_vars = _type_vars(stub)
    stub_declared = _declared(stub.body)
    compared = 0
    for name, items in stub_declared.items():
        source = pconfigs._SOURCES.get(name)  # type: ignore[attr-defined]
        if source is None:
            continue
        # Where the runtime defines it (config.py re-exports ConfigInputs).
        module = importlib.import_module(getattr(pconfigs, name).__module__)
        assert module.__file__ is not None
        tree = _tree(Path(module.__file__))
        runtime_vars = _type_vars(tree)
        runtime = _declared(tree.body).get(name, [])
        assert runtime, f"{name} is not declared in {module.__name__}"
        if isinstance(items[0], ast.FunctionDef):
            assert _signatures(items, stub_vars) == _signatures(runtime, runtime_vars)
            compared += 1
        elif isinstance(items[0], ast.ClassDef):
            stub_class = items[0]
            runtime_class = next(r for r in runtime if isinstance(r, ast.ClassDef))
            methods = _declared(stub_class.body)
            runtime_methods = _declared(runtime_class.body)
            for method, defs in methods.items():
                assert method in runtime_methods, f"{name}.{method}"
                if (name, method) in LOOSER_IN_STUB or not isinstance(
                    defs[0], ast.FunctionDef
                ):
                    continue
                assert _signatures(defs, stub_vars) == _signatures(
                    runtime_methods[method], runtime_vars
                ), f"{name}.{method}"
                compared += 1
    assert compared >= 12
