#!/usr/bin/env bash
# The main job on the seed example (examples/project): build, print, run and
# type-check the `second` experiment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
cd examples
echo "== build project.experiments.second.config"
python -c "from project.experiments.second import config; print('steps =', config.steps); print('effective_batch_size =', config.effective_batch_size); print('lr_schedule =', config.lr_schedule)"
echo "== print project.experiments.second.config (docs/printing.md)"
python -m pconfigs.print project.experiments.second.config
echo "== run project.experiments.second.config (docs/running.md)"
python -m pconfigs.run project.experiments.second.config
echo "== check every experiment (docs/check.md)"
python -m pconfigs.check
echo "== type-check: mypy with the pconfigs plugin (examples/mypy.ini, never reads stubs/)"
mypy
echo "== type-check: pyright with the generated stubs (pyrightconfig.json, stubs/ at the top)"
cd ..
python -m pconfigs.stubgen examples/project -o stubs --check   # stubs/ is fresh
pyright
