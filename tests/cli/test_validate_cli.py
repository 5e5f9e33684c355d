"""``pconfigs run`` and ``pconfigs print`` validate the config before anything else."""

import io
import re
import sys
from pathlib import Path

import pytest

from pconfigs.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs"

INVALID = """\
from clix.jobs import EchoConfig, Plain

config = EchoConfig(greeting=3, code=0, inner=Plain(x="1"))
"""

PROBLEMS = (
    "config (EchoConfig): 2 values do not match their annotations\n"
    "  config.greeting: expected str, got int 3\n"
    "  config.inner.x: expected int, got str '1'\n"
    "  Fix: give each value the annotated type, or correct the annotation\n"
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_run_refuses_an_invalid_config_before_constructing_it(clix: Path) -> None:
    (clix / "invalid.py").write_text(INVALID)
    # main() would print its greeting: nothing on stdout shows it never ran.
    assert cli("run", "clix.invalid.config") == (
        1,
        "",
        f'pconfigs run: "clix.invalid.config" is not valid: {PROBLEMS}',
    )


def test_print_refuses_an_invalid_config(clix: Path) -> None:
    (clix / "invalid.py").write_text(INVALID)
    assert cli("print", "clix.invalid.config") == (
        1,
        "",
        f'pconfigs print: "clix.invalid.config" is not valid: {PROBLEMS}',
    )


def test_a_valid_config_runs_as_before(clix: Path) -> None:
    assert cli("run", "clix.experiments.hello") == (
        0,
        "config=clix.experiments.hello extra=[] greeting=hi\n",
        "",
    )


def test_the_validation_page_shows_the_real_run_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (DOCS / "validation.md").read_text()
    experiment = re.search(
        r"^```python\n(# experiments/broken\.py\n.*?)^```$", page, re.S | re.M
    )
    shown = re.search(
        r"^```shell\npconfigs run (\S+)\n```\n\n```text\n(.*?)^```$",
        page,
        re.S | re.M,
    )
    assert experiment and shown
    package = tmp_path / "experiments"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "broken.py").write_text(experiment.group(1))
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert cli("run", shown.group(1)) == (1, "", shown.group(2))
    finally:
        for name in [m for m in sys.modules if m.partition(".")[0] == "experiments"]:
            del sys.modules[name]
