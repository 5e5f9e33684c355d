"""``pconfigs run --replay`` validates the rebuilt config like any other run."""

import io
import sys
from pathlib import Path

import pytest

from pconfigs.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["run", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def test_replay_refuses_a_record_that_no_longer_fits_the_annotations(
    recx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("PCONFIGS_RECORD_DIR", "PCONFIGS_RUN_DIR", "RANK", "SLURM_PROCID"):
        monkeypatch.delenv(name, raising=False)
    assert run("--record", "runs", "recx.exp.config")[0] == 0
    (directory,) = (tmp_path / "runs").iterdir()
    # The class changed since the run: `code` is now a string.
    jobs = recx / "jobs.py"
    jobs.write_text(jobs.read_text().replace("    code: int\n", "    code: str\n"))
    for name in [m for m in sys.modules if m.partition(".")[0] == "recx"]:
        del sys.modules[name]
    assert run("--replay", str(directory)) == (
        1,
        "",
        'pconfigs run: "recx.exp.config" is not valid: config (ReportConfig): '
        "1 value does not match its annotation\n"
        "  config.code: expected str, got int 0\n"
        "  Fix: give each value the annotated type, or correct the annotation\n",
    )
