"""``python -m pconfigs.print CONFIG``: print a config as Python code."""

from __future__ import annotations

import sys

from pconfigs.cli import print_main as main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
