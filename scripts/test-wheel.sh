#!/usr/bin/env bash
# The release as a user gets it: build the sdist and the wheel, install the
# wheel (not editable) into a fresh venv (.venv-wheel/, gitignored), and run
# the seed example, `pconfigs print/run/check/stubgen` and mypy with the
# plugin against that installed copy, from a folder outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bash scripts/setup.sh
rm -rf dist
.venv/bin/python -m build --outdir dist . >/dev/null
wheel=$(ls dist/pconfigs-*.whl)
sdist=$(ls dist/pconfigs-*.tar.gz)
echo "built $wheel and $sdist"
.venv/bin/python scripts/check_dist.py "$wheel" "$sdist"

VENV="$ROOT/.venv-wheel"
rm -rf "$VENV"
"${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet "$wheel" "mypy>=1.14,<3"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r examples/project examples/mypy.ini "$work/"
cd "$work"
expect() {  # expect NAME COMMAND...: the installed copy says what the checkout says
    local name=$1; shift
    (cd "$ROOT/examples" && PATH="$ROOT/.venv/bin:$PATH" "$@") > "$work/$name.expected"
    PATH="$VENV/bin:$PATH" "$@" > "$work/$name.actual"
    diff -u "$work/$name.expected" "$work/$name.actual"
    echo "ok: $*"
}
PATH="$VENV/bin:$PATH" python - <<'PY'
import pconfigs
assert "site-packages" in pconfigs.__file__, pconfigs.__file__
print("ok: pconfigs is imported from", pconfigs.__file__)
PY
expect version pconfigs --version
expect print pconfigs print project.experiments.second.config
expect run pconfigs run project.experiments.second.config
expect check pconfigs check
PATH="$VENV/bin:$PATH" pconfigs stubgen project -o "$work/stubs" >/dev/null
stub=$(cd "$ROOT" && git ls-files '*project/modules/trainer.pyi' | head -1)
diff -u "$ROOT/$stub" "$work/stubs/project/modules/trainer.pyi"
echo "ok: pconfigs stubgen writes the committed stub"
PATH="$VENV/bin:$PATH" mypy --no-incremental
echo "ok: mypy with pconfigs.mypy_plugin on the seed example"
