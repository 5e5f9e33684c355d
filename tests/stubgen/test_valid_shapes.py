"""Valid code in shapes stubgen must still stub: the real ``pconfigs stubgen``
writes the stubs, then real pyright checks a user module through them (one
right call passes, one wrong call is reported with the expected message).

Each shape is a module of one project; one pyright run checks them all. A
user module's ``# E: [rule] text`` comments (``text`` a part of pyright's message; a
call of a class with required fields matches no overload of its ``__init__``) are the diagnostics pyright must
report on that line, and nothing else may be reported in that module.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
MARKER = re.compile(r"# E: \[(?P<rule>\w+)\] (?P<text>.*)$")

# module -> (its source, a user module that imports from it)
SHAPES: dict[str, tuple[str, str]] = {
    "type_checking": (
        """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        from pconfigs import pconfig

        if TYPE_CHECKING:

            @pconfig
            class Model:
                width: int

        else:

            @pconfig
            class Model:
                width: int
                depth: int = 2
        """,
        """\
        from proj.type_checking import Model

        Model(width=1, depth=3)
        Model(width="x")  # E: [reportArgumentType] "Literal['x']" is not assignable to "int"
        """,
    ),
    "field_under_if": (
        """\
        import sys

        from pconfigs import pconfig


        @pconfig
        class Opt:
            lr: float
            if sys.version_info >= (3, 8):
                momentum: float
            else:
                nesterov: bool
        """,
        """\
        from proj.field_under_if import Opt

        Opt(lr=0.1, momentum=0.9)
        Opt(lr=0.1, nesterov=True)  # E: [reportCallIssue] No overloads for "__init__" match the provided arguments
        """,
    ),
    "mangled": (
        """\
        from pconfigs import pconfig


        @pconfig
        class Secret:
            __key: str
            name: str
        """,
        """\
        from proj.mangled import Secret

        secret = Secret(_Secret__key="k", name="n")
        key: str = secret._Secret__key
        Secret(_Secret__key=1, name="n")  # E: [reportArgumentType] "Literal[1]" is not assignable to "str"
        """,
    ),
    "same_name": (
        """\
        from pconfigs import pconfig


        @pconfig
        class Run:
            a: int


        @pconfig
        class Run:  # type: ignore[no-redef]
            b: str


        def make() -> object:
            @pconfig
            class Run:
                c: float

            return Run
        """,
        """\
        from proj.same_name import Run

        Run(b="x")
        Run(a=1)  # E: [reportCallIssue] No overloads for "__init__" match the provided arguments
        """,
    ),
    "variadic": (
        """\
        from typing import Generic

        from typing_extensions import TypeVarTuple, Unpack

        from pconfigs import pconfig

        Ts = TypeVarTuple("Ts")


        @pconfig
        class Box(Generic[Unpack[Ts]]):
            items: tuple[Unpack[Ts]]
        """,
        """\
        from proj.variadic import Box

        box: Box[int, str] = Box(items=(1, "a"))
        Box(box)
        Box(items=1)  # E: [reportArgumentType] "Literal[1]" is not assignable to "tuple[*Ts@Box]"
        """,
    ),
    "own_names": (
        """\
        from pconfigs import pconfig


        @pconfig
        class Odd:
            bases: int
            self: str
            base: float
        """,
        """\
        from proj.own_names import Odd

        odd = Odd(bases=1, self="s", base=1.0)
        Odd(odd, bases=2)
        Odd(bases="x", self="s", base=1.0)  # E: [reportArgumentType] "Literal['x']" is not assignable to "int"
        """,
    ),
}


@pytest.fixture(scope="module")
def diagnostics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """pyright's errors (``line: [rule] message``) per user module."""
    root = tmp_path_factory.mktemp("shapes")
    (root / "proj").mkdir()
    (root / "proj" / "__init__.py").write_text("")
    for name, (source, user) in SHAPES.items():
        (root / "proj" / f"{name}.py").write_text(textwrap.dedent(source))
        (root / f"use_{name}.py").write_text(textwrap.dedent(user))
    made = subprocess.run(
        [sys.executable, "-m", "pconfigs", "stubgen", "proj", "-o", "stubs"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert made.returncode == 0, made.stderr
    return pyright(root, [f"use_{name}.py" for name in SHAPES])


def pyright(root: Path, files: list[str]) -> dict[str, list[str]]:
    (root / "pyrightconfig.json").write_text(
        json.dumps(
            {"include": files, "stubPath": "stubs", "typeCheckingMode": "standard"}
        )
    )
    result = subprocess.run(
        [str(BIN / "pyright"), "--outputjson", "-p", "pyrightconfig.json"],
        capture_output=True,
        text=True,
        cwd=root,
        env=dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"),
    )
    found: dict[str, list[str]] = {name: [] for name in files}
    for d in json.loads(result.stdout)["generalDiagnostics"]:
        if d["severity"] == "error":
            line = d["range"]["start"]["line"] + 1
            found[Path(d["file"]).name].append(
                f"{line}: [{d.get('rule', '-')}] {d['message']}"
            )
    return found


def expected(user: str) -> list[tuple[int, str, str]]:
    return [
        (number, match["rule"], match["text"])
        for number, line in enumerate(textwrap.dedent(user).splitlines(), start=1)
        if (match := MARKER.search(line))
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_pyright_checks_a_user_module_through_the_stub(
    diagnostics: dict[str, list[str]], shape: str
) -> None:
    found = diagnostics[f"use_{shape}.py"]
    wanted = expected(SHAPES[shape][1])
    assert len(found) == len(wanted), found
    for (line, rule, text), got in zip(wanted, found, strict=True):
        assert got.startswith(f"{line}: [{rule}] "), found
        assert text in got, found


NAMESPACE_MODULE = """\
from pconfigs import pconfig


@pconfig
class Trainer:
    steps: int
"""

NAMESPACE_USER = """\
from ns.models.trainer import Trainer

Trainer(steps=1)
Trainer(steps="x")  # E: [reportArgumentType] "Literal['x']" is not assignable to "int"
"""


@pytest.mark.parametrize("target", ["ns", "ns.models", "ns.models.trainer"])
def test_a_namespace_package_is_stubbed_at_its_import_path(
    tmp_path: Path, target: str
) -> None:
    # No __init__.py anywhere: ns and ns.models are namespace packages.
    (tmp_path / "ns" / "models").mkdir(parents=True)
    (tmp_path / "ns" / "models" / "trainer.py").write_text(NAMESPACE_MODULE)
    (tmp_path / "use_ns.py").write_text(NAMESPACE_USER)
    made = subprocess.run(
        [sys.executable, "-m", "pconfigs", "stubgen", target, "-o", "stubs"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert (made.returncode, made.stderr) == (0, "")
    stubs = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pyi"))
    assert stubs == ["stubs/ns/models/trainer.pyi"]
    found = pyright(tmp_path, ["use_ns.py"])["use_ns.py"]
    assert len(found) == 1 and found[0].startswith("4: [reportArgumentType]"), found
    assert '"Literal[\'x\']" is not assignable to "int"' in found[0]
