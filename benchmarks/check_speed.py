"""``pconfigs check``: one worker with a purge vs. an interpreter per module.

Run: ``python benchmarks/check_speed.py [N]``. Writes N experiments (default
100) of the seed example's shape into a temporary project, then times, in
this same run:

* ``python -m pconfigs.check`` on all of them (one worker, ``sys.modules``
  purged of the project between modules: the design docs/check.md describes);
* a fresh interpreter importing each module (the isolation it replaces),
  on the first 20 modules, scaled to N;

first for a light project, then for one whose models module imports a heavy
library (black and hypothesis stand in for torch). The ratio is the point:
the purge must stay well under the interpreter-per-module cost.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODELS = """\
{heavy}from pconfigs import Pinned, pconfig, pproperty


@pconfig
class ModelConfig:
    depth: int
    width: int
    params: Pinned[int]

    @pproperty
    def params(self) -> int:
        return self.depth * self.width
"""
HEAVY = "import black, hypothesis.strategies  # stands in for torch\n"
SAMPLE = 20


def write_project(root: Path, count: int, heavy: bool) -> None:
    experiments = root / "pkg" / "exps"
    experiments.mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (experiments / "__init__.py").write_text("")
    (experiments / "__pconfigs__.py").write_text("")
    (root / "pkg" / "models.py").write_text(MODELS.format(heavy=HEAVY if heavy else ""))
    for i in range(count):
        (experiments / f"e{i}.py").write_text(
            "from pkg.models import ModelConfig\n\n"
            f"config = ModelConfig(depth={i}, width=2)\n"
        )


def seconds(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(count: int, heavy: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_project(root, count, heavy)
        batch = seconds([sys.executable, "-m", "pconfigs.check"], root)
        sample = min(SAMPLE, count)
        each = sum(
            seconds([sys.executable, "-c", f"import pkg.exps.e{i}"], root)
            for i in range(sample)
        )
        return batch, each * count / sample


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for heavy in (False, True):
        batch, per_process = measure(count, heavy)
        label = "heavy import" if heavy else "light"
        print(
            f"{label:>12}: {count} modules, purge {batch:.2f} s "
            f"({batch / count * 1000:.1f} ms/module), interpreter per module "
            f"{per_process:.2f} s ({per_process / count * 1000:.1f} ms/module), "
            f"ratio {per_process / batch:.1f}x"
        )


if __name__ == "__main__":
    main()
