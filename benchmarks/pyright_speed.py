"""pyright on a generated config tree: pconfigs with stubs vs frozen dataclasses.

    python benchmarks/pyright_speed.py [--modules 200] [--repeat 5]
                                       [--tree mypy|chains] [--no-floor]
                                       [--checker ty|basedpyright|pyrefly|zuban]

Writes two copies of the same project into a temporary folder, one with
pconfigs (``Pinned`` fields with ``@pproperty``, inheritance, ``pdefaults +=``,
experiments ``Config(base, x=...)``) plus the stubs ``python -m
pconfigs.stubgen`` writes for it, the other as ``@dataclass(frozen=True,
kw_only=True)`` classes with ``@property``, class-level defaults and
``dataclasses.replace``. Reports pyright's CPU and wall time on each (runs
interleaved, so a busy machine slows both alike; best and median of
``--repeat``) and their ratio for the whole tree (target: at most 1.10) and
each half, and the time to generate the stubs. Both trees must come out with
no diagnostics.

``--tree mypy`` (the default) is the mypy benchmark's tree
(``benchmarks/mypy_tree.py``): ``--modules`` config modules of ten fields, two
of them computed, one class in four without a parent and the others
subclassing the class three modules up, each registering defaults for its own
fields only; two experiments per config. ``--tree chains`` is this script's
own: chains of four classes whose defaults re-list every inherited field, one
experiment per config.

The floor: unless ``--no-floor``, the whole tree is also measured with every
stub ``__init__`` replaced by ``(self, *bases: Any, **fields: Any)``, a
constructor that checks nothing. That is what the stubs would cost if their
signatures were free; the rest of the gap is pyright reading each config class
twice (its source, checked, and its stub, which the modules importing it
read) and the ``pdefaults += C(...)`` calls, which the dataclass tree writes as
class-level values.

Where the time goes (pyright 1.1.414, ``node --cpu-prof`` on the whole mypy
tree, pconfigs minus dataclasses, three runs averaged): the ``pdefaults +=``
statements about 35 % of the gap (pyright builds each source class's
constructor from its fields, and its ancestors' from their stubs, to check the
call); reading the stubs (finding, parsing, binding 200 more files) about
35 %; evaluating the stubs' explicit ``__init__`` signatures, which
experiments call, about 30 %; garbage collection grows with all of it. The
declarations are not the cost: without stubs and ``pdefaults`` a pconfigs
module costs what its dataclass twin does, and ``@pproperty`` what
``@property`` does. Variants measured and dropped: ``**fields:
Unpack[TypedDict]`` constructors, flat or inheriting the parent's TypedDict
(slower: 1.32x and 1.37x against 1.23x in the same run); a type alias for the
Pinned parameter type and merged import lines (no measurable change); stubs
without ``@pconfig`` (a small gain, but a config class in checked source that
subclasses one then loses the inherited fields). Instruction counts under valgrind
(``node --single-threaded``) rank these variants differently from CPU time on
the normal multi-threaded node and are not used here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import mypy_tree  # benchmarks/mypy_tree.py, next to this script

REPO = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------
# The two trees: benchmarks/mypy_tree.py's modules, with its parents and
# defaults (--tree mypy) or with chains of four whose defaults re-list every
# inherited field (--tree chains)


def _parent(i: int) -> int | None:
    """Chains of four classes: m000 <- m001 <- m002 <- m003, m004 <- ..."""
    return i - 1 if i % 4 else None


def _all_inputs(i: int) -> list[str]:
    """Every input of Config{i} and its ancestors, as keyword lines."""
    return [line for j in range(i - i % 4, i + 1) for line in mypy_tree.own_inputs(j)]


def write_tree(root: Path, kind: str, modules: int, tree: str) -> None:
    if tree == "mypy":
        mypy_tree.write_tree(root, kind, modules)
    else:
        write_chains_tree(root, kind, modules)
    config: dict[str, object] = {
        "include": ["tree"],
        "typeCheckingMode": "standard",
        "reportRedeclaration": False,
        "extraPaths": [str(REPO)],
    }
    if kind != "dataclasses":
        config["stubPath"] = "stubs"
        # The other checkers' stub settings, as docs/checkers.md gives them.
        (root / "mypy.ini").write_text("[mypy]\nmypy_path = stub-packages\n")
    (root / "pyrightconfig.json").write_text(json.dumps(config))


def write_chains_tree(root: Path, kind: str, modules: int) -> None:
    package = mypy_tree.make_package(root)
    for i in range(modules):
        module = mypy_tree.config_module(i, kind, _parent(i), _all_inputs(i))
        (package / "configs" / f"m{i:03d}.py").write_text(module)
        experiment = mypy_tree.experiment(i, kind, second=False)
        (package / "experiments" / f"e{i:03d}.py").write_text(experiment)


# --------------------------------------------------------------------------
# Timing


@dataclass
class Run:
    cpu: float
    wall: float
    diagnostics: int
    files: int


CHECKER = "pyright"  # set by --checker


def pyright(root: Path, *paths: str) -> Run:
    """One run of the checker: CPU seconds (user + system, every thread),
    wall seconds, and its errors + warnings and files checked (pyright and
    basedpyright report both; for the others, error lines and -1 files)."""
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    stubbed = (root / "stubs").is_dir()
    before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        _command(CHECKER, paths or ("tree",), stubbed),
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - start
    cpu = _children_cpu() - before
    if CHECKER in ("pyright", "basedpyright"):
        summary = json.loads(result.stdout)["summary"]
        return Run(
            cpu=cpu,
            wall=wall,
            diagnostics=summary["errorCount"] + summary["warningCount"],
            files=summary["filesAnalyzed"],
        )
    errors = sum("error" in line.lower() for line in result.stdout.splitlines())
    return Run(cpu=cpu, wall=wall, diagnostics=errors, files=-1)


def _command(checker: str, paths: tuple[str, ...], stubbed: bool) -> list[str]:
    """The checker's command line with the stub setting docs/checkers.md gives."""
    python = sys.executable
    if checker in ("pyright", "basedpyright"):
        return [checker, "--outputjson", *paths]
    if checker == "ty":
        extra = ["--extra-search-path", "stubs"] if stubbed else []
        return ["ty", "check", "--python", python, *extra, *paths]
    if checker == "pyrefly":
        search = ["--search-path", "stub-packages"] if stubbed else []
        search += ["--search-path", "."]
        return [
            "pyrefly",
            "check",
            "--python-interpreter-path",
            python,
            *search,
            "--output-format",
            "min-text",
            *paths,
        ]
    return ["zuban", "check", "--python-executable", python, *paths]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STUBGEN = [sys.executable, "-m", "pconfigs.stubgen"]


def stubgen(root: Path) -> float:
    """CPU seconds of ``python -m pconfigs.stubgen`` on the tree, from scratch
    (and the partial stub packages pyrefly and zuban read, not timed)."""
    shutil.rmtree(root / "stubs", ignore_errors=True)
    before = _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "pconfigs.stubgen", "tree", "-o", "stubs"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    spent = _children_cpu() - before
    subprocess.run(
        [*STUBGEN, "tree", "-o", "stub-packages", "--stub-packages"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return spent


INIT = re.compile(
    r"(?:    @overload\n)?    def __init__\(\n.*?\n    \) -> None: \.\.\.\n", re.S
)
BARE_INIT = "    def __init__(self, *bases: Any, **fields: Any) -> None: ...\n"


def bare_constructors(source: Path, target: Path) -> None:
    """A copy of the pconfigs tree whose stubs' ``__init__`` check nothing:
    each class's signature (or its two overloads) becomes ``BARE_INIT``."""
    shutil.copytree(source, target)
    for stub in (target / "stubs").rglob("*.pyi"):
        previous_end = -1

        def replace(match: re.Match[str]) -> str:
            nonlocal previous_end
            overload_of_the_same = match.start() == previous_end
            previous_end = match.end()
            return "" if overload_of_the_same else BARE_INIT

        stub.write_text(
            "from typing import Any\n" + INIT.sub(replace, stub.read_text())
        )


def measure(
    roots: dict[str, Path], paths: tuple[str, ...], repeat: int
) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {kind: [] for kind in roots}
    for _ in range(repeat):
        for kind, root in roots.items():
            runs[kind].append(pyright(root, *paths))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--tree",
        choices=["mypy", "chains"],
        default="mypy",
        help="mypy: benchmarks/mypy_tree.py's tree (--modules config modules, "
        "two experiments each); chains: this script's own",
    )
    parser.add_argument(
        "--checker",
        choices=["pyright", "basedpyright", "ty", "pyrefly", "zuban"],
        default="pyright",
    )
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="skip the run with constructors that check nothing",
    )
    args = parser.parse_args()
    global CHECKER
    CHECKER = args.checker
    work = Path(tempfile.mkdtemp(prefix="pyright-speed-"))
    try:
        roots = {kind: work / kind for kind in ("pconfigs", "dataclasses")}
        for kind, root in roots.items():
            write_tree(root, kind, args.modules, args.tree)
        generation = min(stubgen(roots["pconfigs"]) for _ in range(3))
        print(
            f"{CHECKER}; tree: {args.tree}, {args.modules} config modules; "
            f"best and median of {args.repeat}"
        )
        parts = {
            "whole tree": (),
            "experiments": ("tree/experiments",),
            "config modules": ("tree/configs",),
        }
        for part, paths in parts.items():
            runs = measure(roots, paths, args.repeat)
            report(part, runs["pconfigs"], runs["dataclasses"])
        if not args.no_floor:
            floor = work / "floor"
            bare_constructors(roots["pconfigs"], floor)
            runs = measure({"floor": floor, **roots}, (), args.repeat)
            report("floor", runs["floor"], runs["dataclasses"], "bare __init__")
        print("target for the whole tree: ratio <= 1.10x")
        print(
            f"stubgen CPU time for the {args.modules} config modules: {generation:.2f} s"
        )
    finally:
        shutil.rmtree(work)
    return 0


def report(
    part: str, mine: list[Run], theirs: list[Run], label: str = "pconfigs+stubs"
) -> None:
    for measure_name in ("cpu", "wall"):
        a = [getattr(r, measure_name) for r in mine]
        b = [getattr(r, measure_name) for r in theirs]
        print(
            f"{part:15} {measure_name:4} {label} {min(a):5.2f} s, "
            f"dataclasses {min(b):5.2f} s: ratio {min(a) / min(b):.2f}x best, "
            f"{statistics.median(a) / statistics.median(b):.2f}x median"
        )
    print(
        f"{'':15} {mine[0].files} files; errors+warnings "
        f"{mine[0].diagnostics} vs {theirs[0].diagnostics}"
    )


if __name__ == "__main__":
    sys.exit(main())
