"""``python -m pconfigs.print`` in-process: exit code, stdout and stderr exactly."""

import io
from pathlib import Path

from project.experiments.second import config

from pconfigs.print import main
from pconfigs.printing import format_module


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_seed_experiment_prints_as_a_module():
    assert run("project.experiments.second.config") == (0, format_module(config), "")


def test_runnable_prints_code_that_rebuilds_the_config():
    assert run("--runnable", "project.experiments.second.config") == (
        0,
        format_module(config, runnable=True),
        "",
    )


def test_a_config_with_required_values_still_prints(clix: Path):
    status, out, err = run("clix.experiments.unfinished")
    assert (status, err) == (0, "")
    assert out.endswith(
        "EchoConfig(\n"
        "    constructable_type=Echo,  # ClassVar (omit from config)\n"
        "    greeting=Required,\n"
        "    code=0,\n"
        "    inner=Plain(\n"
        "        x=Required,\n"
        "    ),\n"
        ")\n"
    )
    assert out.startswith(
        "from clix.jobs import EchoConfig, Echo, Plain\nfrom pconfigs import Required\n"
    )


def test_print_failures_use_the_same_messages(clix: Path):
    assert run("clix.experiments.helo") == (
        1,
        "",
        'pconfigs.print: Cannot find "clix.experiments.helo": module clix.experiments '
        'has no attribute "helo" (did you mean "hello"?)\n'
        "  Configs in clix.experiments: hello, exit3, unfinished, model, plain, "
        "crash, fragile\n",
    )
    assert run("clix.experiments.not_a_config")[2].startswith(
        'pconfigs.print: "clix.experiments.not_a_config" is not a config'
    )


def test_help_exits_0():
    status, out, err = run("-h")
    assert (status, err) == (0, "")
    assert out.startswith(
        "usage: pconfigs.print [-h] [--runnable] [--format {python,json}] [--hash] "
        "[--traceback] [-s PATH=VALUE] [--sweep PATH=V1,V2] [--only KEY] "
        "[--help-config] CONFIG\n"
    )
