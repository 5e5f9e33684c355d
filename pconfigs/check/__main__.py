"""``python -m pconfigs.check [PATH...]``: the ``pconfigs check`` command."""

from __future__ import annotations

import sys

from pconfigs.check.command import main

if __name__ == "__main__":
    sys.exit(main())
