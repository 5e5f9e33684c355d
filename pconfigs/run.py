"""``python -m pconfigs.run CONFIG [ARGS...]``: construct a config and run it."""

from __future__ import annotations

import sys

from pconfigs.cli import run_main as main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
