"""One real subprocess per entry point: ``python -m pconfigs.print``,
``python -m pconfigs.run``, ``python -m pconfigs`` and the ``pconfigs`` script.

``-W error`` turns any warning into a failure, which catches runpy's
"found in sys.modules" warning if ``pconfigs/__init__.py`` ever imports the
command modules.
"""

import subprocess
import sys
from pathlib import Path

from project.experiments.second import config

from pconfigs.printing import format_module

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED_RUN = "".join(f"step={s} lr={config.lr_schedule[s]}\n" for s in range(5))


def python_m(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-m", *args],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_python_m_pconfigs_print_prints_the_seed():
    done = python_m("pconfigs.print", "project.experiments.second.config")
    assert (done.returncode, done.stdout, done.stderr) == (0, format_module(config), "")


def test_python_m_pconfigs_run_runs_the_seed():
    done = python_m("pconfigs.run", "project.experiments.second.config")
    assert (done.returncode, done.stdout, done.stderr) == (0, SEED_RUN, "")


def test_python_m_pconfigs_run_fails_loudly_without_a_traceback():
    done = python_m("pconfigs.run", "project.experiments.second.confg")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        'pconfigs.run: Cannot find "project.experiments.second.confg": module '
        'project.experiments.second has no attribute "confg" (did you mean "config"?)\n'
        "  Configs in project.experiments.second: first_expr, config\n",
    )


def test_python_m_pconfigs_shows_help():
    done = python_m("pconfigs")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("usage: pconfigs [-h] [-V] COMMAND ...\n")


def test_the_console_script_runs_from_the_current_directory():
    script = Path(sys.executable).with_name("pconfigs")
    assert script.exists(), "pip install -e . installs the pconfigs script"
    done = subprocess.run(
        [str(script), "run", "project.experiments.second.config"],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, SEED_RUN, "")
