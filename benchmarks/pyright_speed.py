"""pyright on a generated config tree: pconfigs with stubs vs frozen dataclasses.

    python benchmarks/pyright_speed.py [--modules 200] [--repeat 3] [--tree own|mypy]

Writes two copies of the same project into a temporary folder: config classes
(``Pinned`` fields with ``@pproperty``, inheritance, registered defaults) plus
experiment modules that derive configs from a base. One copy uses pconfigs
and the stubs ``python -m pconfigs.stubgen`` writes for it; the other is the
same tree as ``@dataclass(frozen=True, kw_only=True)`` classes with
``@property`` for computed values and ``dataclasses.replace`` for derived
configs. Reports pyright's CPU time on each (best of ``--repeat``, runs
interleaved) and their ratio (target: at most 1.10) for the whole tree and
for each half, and the time to generate the stubs.

The default tree is this script's own: every module defines a config class of
ten fields, two of them computed; classes form inheritance chains of four (up
to 40 fields); every module has an experiment. Its defaults give every field,
so pyright also accepts the defining modules. ``--tree mypy`` uses the mypy
benchmark's generator (``benchmarks/mypy_tree.py``) instead, whose subclass
modules register defaults for their own fields only: pyright, reading those
modules from source, reports the missing inherited fields there.

Where the cost of the config modules goes (pyright 1.1.414, instructions
counted with ``valgrind --tool=cachegrind`` on node ``--single-threaded``,
which unlike CPU time repeats within 0.5% on a busy machine; 200 modules):
without the parents' stubs and the ``pdefaults +=`` statements, a pconfigs
module costs what its dataclass twin costs (1.01x), so the ``Pinned``,
``@pproperty`` and ``@pconfig`` declarations are not the overhead (nor is
``@pproperty`` versus ``@property``). The gap (1.50x in instructions, about
1.37x in CPU time) is, in about equal parts, (1) the parents' stubs, read on
top of the sources being checked, so pyright parses and evaluates every config
class twice, and (2) the default registration, a constructor call re-listing
every inherited field (pyright reads the class from source and cannot know the
ancestors' defaults), which the dataclass tree writes as class-level values.
Retyping ``Pinned.__set__`` or ``__get__``, ``pconfig``'s overloads or
``Defaults.__iadd__`` saves 1-2% at most, and ``Pinned.__set__``'s ``Pin[T]``
is what the mypy plugin checks ``Pin(...)`` values against.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIELDS = ["steps", "width", "depth", "heads", "dropout", "lr", "warmup", "seed"]


# --------------------------------------------------------------------------
# The two trees


def pconfigs_module(i: int) -> str:
    parent = _parent(i)
    header = [
        "from __future__ import annotations",
        "",
        "from pconfigs import Pinned, pconfig, pdefaults, pproperty",
    ]
    if parent is not None:
        header.append(f"from tree.configs.m{parent:03d} import Config{parent:03d}")
    base = f"(Config{parent:03d})" if parent is not None else ""
    body = [
        "",
        "",
        "@pconfig",
        f"class Config{i:03d}{base}:",
        *(
            f"    {name}_{i}: {'float' if name in ('dropout', 'lr') else 'int'}"
            for name in FIELDS
        ),
        f"    total_{i}: Pinned[int]",
        f"    schedule_{i}: Pinned[list[float]]",
        "",
        "    @pproperty",
        f"    def total_{i}(self) -> int:",
        f"        return self.steps_{i} * self.width_{i}",
        "",
        "    @pproperty",
        f"    def schedule_{i}(self) -> list[float]:",
        f"        return [self.lr_{i} / (1 + s) for s in range(self.warmup_{i})]",
        "",
        "",
        f"pdefaults += Config{i:03d}(",
        *_all_inputs(i, pinned="Pinned"),
        ")",
    ]
    return "\n".join(header + body) + "\n"


def _all_inputs(i: int, pinned: str | None) -> list[str]:
    """Every input of Config{i} and its ancestors, as keyword lines."""
    lines = []
    for j in _lineage(i):
        lines += [f"    {name}_{j}={_value(name)}," for name in FIELDS]
        if pinned:
            lines += [f"    total_{j}={pinned},", f"    schedule_{j}={pinned},"]
    return lines


def _parent(i: int) -> int | None:
    """Chains of four classes: m000 <- m001 <- m002 <- m003, m004 <- ..."""
    return i - 1 if i % 4 else None


def _lineage(i: int) -> list[int]:
    return list(range(i - i % 4, i + 1))


def _value(name: str) -> str:
    return {"dropout": "0.1", "lr": "0.001"}.get(name, "4")


def experiment(i: int, kind: str) -> str:
    cls = f"Config{i:03d}"
    if kind == "pconfigs":
        build = [
            f"base = {cls}()",
            f"config = {cls}(base, steps_{i}=10, lr_{i}=0.01)",
        ]
    else:
        build = [
            f"base = {cls}()",
            f"config = dataclasses.replace(base, steps_{i}=10, lr_{i}=0.01)",
        ]
    return "\n".join(
        [
            "import dataclasses" if kind == "dataclasses" else "",
            f"from tree.configs.m{i:03d} import {cls}",
            "",
            *build,
            f"total: int = config.total_{i}",
            f"schedule: list[float] = config.schedule_{i}",
            "",
        ]
    ).lstrip("\n")


def dataclass_module(i: int) -> str:
    parent = _parent(i)
    header = ["from __future__ import annotations", "", "import dataclasses"]
    if parent is not None:
        header.append(f"from tree.configs.m{parent:03d} import Config{parent:03d}")
    base = f"(Config{parent:03d})" if parent is not None else ""
    body = [
        "",
        "",
        "@dataclasses.dataclass(frozen=True, kw_only=True)",
        f"class Config{i:03d}{base}:",
        *(
            f"    {name}_{i}: {'float' if name in ('dropout', 'lr') else 'int'} = {_value(name)}"
            for name in FIELDS
        ),
        "",
        "    @property",
        f"    def total_{i}(self) -> int:",
        f"        return self.steps_{i} * self.width_{i}",
        "",
        "    @property",
        f"    def schedule_{i}(self) -> list[float]:",
        f"        return [self.lr_{i} / (1 + s) for s in range(self.warmup_{i})]",
    ]
    return "\n".join(header + body) + "\n"


def write_tree(root: Path, kind: str, modules: int, tree: str = "own") -> None:
    if tree == "mypy":
        # The mypy benchmark's tree (benchmarks/mypy_tree.py), same layout.
        sys.path.insert(0, str(Path(__file__).parent))
        import mypy_tree

        mypy_tree.write_tree(root, kind, modules)
    else:
        write_own_tree(root, kind, modules)
    config: dict[str, object] = {
        "include": ["tree"],
        "typeCheckingMode": "standard",
        "reportRedeclaration": False,
        "extraPaths": [str(REPO)],
    }
    if kind == "pconfigs":
        config["stubPath"] = "stubs"
    (root / "pyrightconfig.json").write_text(json.dumps(config))


def write_own_tree(root: Path, kind: str, modules: int) -> None:
    package = root / "tree"
    for sub in ("configs", "experiments"):
        (package / sub).mkdir(parents=True)
        (package / sub / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    make = pconfigs_module if kind == "pconfigs" else dataclass_module
    for i in range(modules):
        (package / "configs" / f"m{i:03d}.py").write_text(make(i))
        (package / "experiments" / f"e{i:03d}.py").write_text(experiment(i, kind))


# --------------------------------------------------------------------------
# Timing


def pyright(root: Path, *paths: str) -> tuple[float, dict[str, int]]:
    """CPU seconds (user + system) of one pyright run, and its summary.

    CPU time rather than wall-clock: on a machine shared with other jobs,
    waiting for a core inflates wall-clock time far more than CPU time.
    """
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    before = _children_cpu()
    result = subprocess.run(
        ["pyright", "--outputjson", *paths],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    summary = json.loads(result.stdout)["summary"]
    return _children_cpu() - before, summary


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stubgen(root: Path) -> float:
    """CPU seconds of ``python -m pconfigs.stubgen`` on the tree."""
    before = _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "pconfigs.stubgen", "tree", "-o", "stubs"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return _children_cpu() - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--tree",
        choices=["own", "mypy"],
        default="own",
        help="own: this script's tree; mypy: benchmarks/mypy_tree.py's "
        "(--modules config modules, two experiments each)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pyright-speed-"))
    try:
        roots = {kind: work / kind for kind in ("pconfigs", "dataclasses")}
        for kind, root in roots.items():
            write_tree(root, kind, args.modules, args.tree)
        generation = min(_fresh_stubgen(roots["pconfigs"]) for _ in range(args.repeat))
        # The whole tree, then its two halves: experiments see the configs
        # through the stubs; the modules that define configs are checked
        # from their source (with or without stubs).
        parts = {
            "whole tree": (),
            "experiments": ("tree/experiments",),
            "config modules": ("tree/configs",),
        }
        for part, paths in parts.items():
            # Interleaved, so a busy machine slows both alike; best of each.
            runs: dict[str, list[tuple[float, dict[str, int]]]] = {k: [] for k in roots}
            for _ in range(args.repeat):
                for kind, root in roots.items():
                    runs[kind].append(pyright(root, *paths))
            times = {kind: min(t for t, _ in runs[kind]) for kind in roots}
            errors = {
                kind: runs[kind][0][1]["errorCount"] + runs[kind][0][1]["warningCount"]
                for kind in roots
            }
            summary = runs["pconfigs"][0][1]
            ratio = times["pconfigs"] / times["dataclasses"]
            print(
                f"{part:15} pyright CPU: pconfigs+stubs {times['pconfigs']:5.2f} s, "
                f"frozen dataclasses {times['dataclasses']:5.2f} s, ratio {ratio:.2f}x"
                f" ({summary['filesAnalyzed']} files; errors+warnings: "
                f"{errors['pconfigs']} vs {errors['dataclasses']})"
            )
        print("target for the whole tree: ratio <= 1.10x")
        print(f"stubgen CPU time for the pconfigs tree: {generation:.2f} s")
    finally:
        shutil.rmtree(work)
    return 0


def _fresh_stubgen(root: Path) -> float:
    shutil.rmtree(root / "stubs", ignore_errors=True)
    return stubgen(root)


if __name__ == "__main__":
    sys.exit(main())
