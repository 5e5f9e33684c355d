"""Make the seed example (``examples/project``) importable as ``project``,
and let the commands under test see Ctrl-C."""

import signal
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

if str(EXAMPLES) not in sys.path:
    sys.path.insert(0, str(EXAMPLES))

# A shell without job control starts `cmd &` with SIGINT ignored, and an
# ignored signal stays ignored in every program started from there, so the
# commands the signal tests start would never see the SIGINT they send. A
# handler, unlike "ignore", is reset to the default in a started program.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
