"""The ``pconfigs`` console script: ``print`` and ``run`` share the -m code."""

import io
from pathlib import Path

from project.experiments.second import config

from pconfigs.cli import main
from pconfigs.printing import format_module


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


HELP = """\
usage: pconfigs [-h] [-V] COMMAND ...

Print or run the config at a dotted path, check every experiment, write stubs.

positional arguments:
  COMMAND
    print        print a config as Python code
    run          construct a config and call its main()
    check        import and build every experiment module
    stubgen      write .pyi stubs of config modules for pyright
    migrate      rewrite a project written for the original pconfigs
    agents       install pconfigs' rules for coding assistants
"""


def test_no_arguments_shows_help_and_exits_0():
    status, out, err = run()
    assert (status, err) == (0, "")
    assert out.startswith(HELP)
    assert out.endswith(
        "example: pconfigs run project.experiments.second.config\n"
        "         pconfigs print project.experiments.second.config\n"
    )


def test_print_subcommand_prints_the_config():
    assert run("print", "project.experiments.second.config") == (
        0,
        format_module(config),
        "",
    )


def test_run_subcommand_runs_and_names_itself_in_errors(clix: Path):
    assert run("run", "clix.experiments.exit3", "a") == (
        3,
        "config=clix.experiments.exit3 extra=['a'] greeting=bye\n",
        "",
    )
    assert run("run", "clix.experiments.plain") == (
        1,
        "",
        'pconfigs run: "clix.experiments.plain" (Plain) constructs nothing, '
        "so it cannot run\n"
        "  Fix: declare @pconfig(constructs=X) on Plain, where X is a "
        "@pconfiged(runnable=True) class with a main() method\n",
    )


def test_an_unknown_subcommand_is_a_usage_error():
    status, out, err = run("bogus")
    assert (status, out) == (2, "")
    # The list of choices after this is worded differently across Pythons.
    assert err.startswith(
        "usage: pconfigs [-h] [-V] COMMAND ...\n"
        "pconfigs: error: argument COMMAND: invalid choice: 'bogus'"
    )


def test_version_prints_the_package_version():
    from pconfigs import __version__

    assert run("--version") == (0, f"pconfigs {__version__}\n", "")
    assert run("-V") == (0, f"pconfigs {__version__}\n", "")
