"""``python -m pconfigs``: the ``pconfigs`` command (``print``, ``run``)."""

from __future__ import annotations

import sys

from pconfigs.cli import main

if __name__ == "__main__":
    sys.exit(main())
