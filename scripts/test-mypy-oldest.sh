#!/usr/bin/env bash
# Run the mypy-plugin cases (tests/typecheck/*.yml), the robustness corpus
# and the seed check on the oldest mypy that pconfigs supports, in its own
# venv (.venv-mypy-oldest/, gitignored). Extra arguments go to pytest
# (e.g. tests/mypy/test_incremental.py).
# Keep OLDEST in step with the lower bound of mypy in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
OLDEST="1.14.1"
PYTHON="${PYTHON:-python3}"
VENV=.venv-mypy-oldest
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if [ "$("$VENV/bin/python" -c 'import mypy.version; print(mypy.version.__version__)' 2>/dev/null)" != "$OLDEST" ]; then
    "$VENV/bin/python" -m pip install --quiet "mypy==$OLDEST" "pytest>=8" "pytest-mypy-plugins==4.1.0" "typing_extensions>=4.6"
fi
# pconfigs itself comes from the working tree (the cases put the repository
# root on MYPYPATH, the plugin is imported from PYTHONPATH).
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export PATH="$PWD/$VENV/bin:$PATH"
mkdir -p "$VENV/typecheck-cases"  # the cases' shared mypy cache, kept between runs
# pconfigs is not installed in this venv, so its pytest plugin (which owns the
# `pconfigs_paths` ini option in pyproject.toml) is not loaded here.
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    -W "ignore::pytest.PytestConfigWarning" \
    --mypy-modify-pythonpath --mypy-testing-base="$VENV/typecheck-cases" \
    tests/typecheck tests/mypy/test_robustness.py tests/mypy/test_seed_under_mypy.py "$@"
