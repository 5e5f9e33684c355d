#!/usr/bin/env bash
# The tests that need torch: the torchrun test (tests/cli/test_torchrun.py:
# `torchrun --nproc-per-node 2 -m pconfigs.run ...` on a tiny config, checking
# that both ranks ran) and configs of torch.optim.AdamW and CosineAnnealingLR
# at run time, under mypy and under pyright (tests/torch/).
# torch is large, so it is installed here, not in the dev extra, and the main
# pytest run deselects the test by its `torchrun` marker. CI runs this script
# as its own step after scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
# 2.13.0 is the CPU build (no CUDA download).
python -c "import torch" 2>/dev/null || python -m pip install --quiet "torch==2.13.0"
pytest -m torchrun tests/cli/test_torchrun.py tests/torch "$@"
