"""The signal tests hold when the suite itself was started with Ctrl-C
ignored, as a shell without job control starts ``cmd &``: an ignored signal
stays ignored in every process started from there, so without care the
commands under test would never see the SIGINT the tests send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_a_sigint_test_passes_when_the_suite_ignores_sigint() -> None:
    def ignore_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(HERE / "test_no_hangs.py"),
            "-k",
            "signal_stops and 1-2-130",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=ignore_sigint,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "1 passed" in done.stdout
