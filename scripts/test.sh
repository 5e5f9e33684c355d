#!/usr/bin/env bash
# The whole test suite: lint, strict typing of the package, then pytest
# (runtime, CLI, mypy-plugin and pyright cases, docs examples).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"
ruff check pconfigs tests benchmarks
ruff format --check pconfigs tests benchmarks
echo "== mypy --strict pconfigs"
mypy --strict pconfigs
# The public stubs (__init__.pyi, pinnable.pyi) stand in for these two above.
mypy --strict pconfigs/__init__.py pconfigs/pinnable.py
echo "== pytest"
pytest "$@"
echo "== runtime, CLI, printing and docs tests on every supported CPython"
bash scripts/test-pythons.sh --except "$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
echo "== mypy plugin cases on the oldest supported mypy"
bash scripts/test-mypy-oldest.sh
echo "== torchrun: both ranks run a config (installs torch 2.13.0 CPU once)"
bash scripts/test-torchrun.sh
echo "== the release: build the sdist and wheel, install the wheel, run the seed against it"
bash scripts/test-wheel.sh
