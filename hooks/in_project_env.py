#!/usr/bin/env python3
"""Run a pconfigs pre-commit hook in the environment of ``git commit``.

    hooks/in_project_env.py MODULE [ARGS...]   # python -m MODULE ARGS...

The hooks import the user's code, so they run with the ``python3`` found on
``PATH`` (``language: script``), not in an environment of pre-commit's own.
When that Python lacks pconfigs or the tool a hook runs, this says which
Python it was and how to fix it, instead of ``No module named ...``. It
imports nothing from pconfigs, so it works where pconfigs is missing.
"""

from __future__ import annotations

import importlib.util
import os
import sys

# What each hook needs importable, with the package that provides it.
NEEDED = {
    "pconfigs.stubgen": [("pconfigs", "pconfigs"), ("mypy", "mypy")],
    "pconfigs.check": [("pconfigs", "pconfigs")],
    "mypy": [("pconfigs", "pconfigs"), ("mypy", "mypy")],
    "pyright": [("pconfigs", "pconfigs"), ("pyright", "pyright")],
}


def missing(module: str) -> list[str]:
    return [
        package
        for name, package in NEEDED.get(module, [(module, module)])
        if importlib.util.find_spec(name) is None
    ]


def main(argv: list[str]) -> int:
    module, *args = argv
    absent = missing(module)
    if absent:
        print(
            f"pconfigs hook: {' and '.join(absent)} not installed for "
            f"{sys.executable}\n"
            "  The pconfigs hooks run in the environment where you run "
            "`git commit` (they import your code)\n"
            "  Fix: activate your project's environment before committing, or "
            f"install there: pip install {' '.join(absent)}",
            file=sys.stderr,
        )
        return 1
    os.execv(sys.executable, [sys.executable, "-m", module, *args])
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
