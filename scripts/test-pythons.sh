#!/usr/bin/env bash
# The runtime, CLI, printing and docs tests on every supported CPython.
#
# Usage: bash scripts/test-pythons.sh [--except X.Y]
#   --except X.Y leaves out one version (scripts/test.sh passes the version of
#   .venv, whose full pytest run just covered it).
#
# Each version gets its own cached venv, .venv-pyX.Y/, with pconfigs and the
# `test-runtime` extra installed from this checkout; it is reinstalled only when
# pyproject.toml changes. Interpreters are looked up under pyenv's root
# ($PYENV_ROOT, `pyenv root`, else ~/.pyenv), then as pythonX.Y on PATH. A version that
# cannot be found fails the run: it is never skipped. The versions run in
# parallel; each one's output is shown when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSIONS=(3.10 3.11 3.12 3.13)
TESTS=(tests/runtime tests/cli tests/printing tests/test_docs.py)

skip=""
if [ "${1:-}" = "--except" ]; then
    skip="${2:?--except needs a version, e.g. 3.11}"
fi

pyenv_root=${PYENV_ROOT:-$( (command -v pyenv >/dev/null && pyenv root) || echo "$HOME/.pyenv")}

find_python() {
    local version=$1 candidate
    # Newest patch release first (3.10.13 before 3.10.9).
    for candidate in $(ls -d "$pyenv_root"/versions/"$version".*/bin/python 2>/dev/null | sort -rV); do
        if [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    command -v "python$version" || return 1
}

setup_venv() {
    local version=$1 python=$2 venv=".venv-py$1"
    local stamp="$venv/.pconfigs-installed" want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ ! -x "$venv/bin/python" ]; then
        "$python" -m venv "$venv"
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            -e ".[test-runtime]"
        echo "$want" > "$stamp"
    fi
}

run_version() {
    local version=$1 python=$2
    setup_venv "$version" "$python"
    ".venv-py$version/bin/python" -m pytest -q -p no:cacheprovider "${TESTS[@]}"
}

declare -A pythons
missing=()
for version in "${VERSIONS[@]}"; do
    [ "$version" = "$skip" ] && continue
    if python=$(find_python "$version"); then
        pythons[$version]=$python
    else
        missing+=("$version")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "test-pythons: no CPython ${missing[*]} found (looked in $pyenv_root/versions and PATH)" >&2
    echo "  Every supported Python must be tested; install it (pyenv install ${missing[0]})" >&2
    exit 1
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
declare -A jobs
for version in "${!pythons[@]}"; do
    run_version "$version" "${pythons[$version]}" > "$logs/$version" 2>&1 &
    jobs[$version]=$!
done
failed=()
for version in $(printf '%s\n' "${!jobs[@]}" | sort -V); do
    status=0
    wait "${jobs[$version]}" || status=$?
    echo "== CPython $version (${pythons[$version]}): exit $status"
    tail -n 25 "$logs/$version"
    [ "$status" -eq 0 ] || failed+=("$version")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "test-pythons: failed on CPython ${failed[*]}" >&2
    exit 1
fi
