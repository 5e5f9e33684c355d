"""``python -m pconfigs.run`` in-process: exit code, stdout and stderr exactly."""

import io
import sys
from pathlib import Path

from pconfigs.run import main

# Tracebacks print exception notes from Python 3.11 on; on 3.10 the
# exceptiongroup backport (imported by pytest there) teaches them to.
NOTES_PRINTED = sys.version_info >= (3, 11) or "exceptiongroup" in sys.modules


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_seed_experiment_runs_and_exits_0():
    from project.experiments.second import config

    lines = [f"step={step} lr={config.lr_schedule[step]}" for step in range(5)]
    assert run("project.experiments.second.config") == (0, "\n".join(lines) + "\n", "")


def test_main_gets_the_dotted_path_and_the_remaining_arguments(clix: Path):
    assert run("clix.experiments.hello", "--lr", "3", "x") == (
        0,
        "config=clix.experiments.hello extra=['--lr', '3', 'x'] greeting=hi\n",
        "",
    )


def test_the_return_value_of_main_is_the_exit_code(clix: Path):
    assert run("clix.experiments.exit3") == (
        3,
        "config=clix.experiments.exit3 extra=[] greeting=bye\n",
        "",
    )


def test_a_module_that_does_not_exist_is_one_paragraph_on_stderr(clix: Path):
    assert run("nope.config") == (
        1,
        "",
        'pconfigs.run: Cannot import "nope.config": no module named "nope"\n'
        '  Fix: run from the directory that contains "nope", '
        "or install the package that provides it\n",
    )


def test_a_missing_attribute_suggests_the_modules_configs(clix: Path):
    assert run("clix.experiments.helo") == (
        1,
        "",
        'pconfigs.run: Cannot find "clix.experiments.helo": module clix.experiments '
        'has no attribute "helo" (did you mean "hello"?)\n'
        "  Configs in clix.experiments: hello, exit3, unfinished, model, plain, "
        "crash, fragile\n",
    )


def test_a_missing_module_in_a_package_lists_its_modules(clix: Path):
    assert run("clix.experimnts.hello") == (
        1,
        "",
        'pconfigs.run: Cannot find "clix.experimnts.hello": module clix has no '
        'attribute "experimnts" (did you mean "experiments"?)\n'
        "  Configs in clix: none\n"
        "  Modules in clix: broken, experiments, jobs, missing_dependency\n",
    )


def test_an_object_that_is_not_a_config_is_refused(clix: Path):
    assert run("clix.experiments.not_a_config") == (
        1,
        "",
        'pconfigs.run: "clix.experiments.not_a_config" is not a config: got 42 (int)\n'
        "  pconfigs takes the dotted path of a config object (an instance of a "
        "@pconfig class), e.g. project.experiments.second.config\n",
    )


def test_a_config_class_is_refused_with_how_to_make_a_config(clix: Path):
    assert run("clix.jobs.Plain") == (
        1,
        "",
        'pconfigs.run: "clix.jobs.Plain" is the config class Plain, not a config\n'
        "  pconfigs takes the dotted path of a config object, "
        "e.g. `config = Plain(...)` in an experiment module\n",
    )


def test_a_config_that_constructs_nothing_cannot_run(clix: Path):
    assert run("clix.experiments.plain") == (
        1,
        "",
        'pconfigs.run: "clix.experiments.plain" (Plain) constructs nothing, '
        "so it cannot run\n"
        "  Fix: declare @pconfig(constructs=X) on Plain, where X is a "
        "@pconfiged(runnable=True) class with a main() method\n",
    )


def test_a_config_whose_class_is_not_runnable_cannot_run(clix: Path):
    assert run("clix.experiments.model") == (
        1,
        "",
        'pconfigs.run: "clix.experiments.model" (ModelConfig) constructs Model, '
        "which is not runnable\n"
        "  Fix: decorate Model with @pconfiged(runnable=True) and give it "
        "`def main(self, args, extra_args) -> int | None`\n",
    )


def test_required_values_left_are_all_named(clix: Path):
    assert run("clix.experiments.unfinished") == (
        1,
        "",
        'pconfigs.run: "clix.experiments.unfinished" cannot run: 2 fields are '
        'still Required: "greeting", "inner.x"\n'
        "  Required is a placeholder for a value that must be given before running\n"
        "  Fix: derive a config that sets them, e.g. EchoConfig(config, greeting=...)\n",
    )


def test_required_inside_a_container_is_named_by_its_path(clix: Path):
    (clix / "containers.py").write_text(
        "from pconfigs import Required, pconfig, pconfiged\n\n"
        "@pconfiged(runnable=True)\n"
        "class Lister:\n"
        "    config: 'ListerConfig'\n\n"
        "    def main(self, args, extra_args):\n"
        "        return 0\n\n"
        "@pconfig(constructs=Lister)\n"
        "class ListerConfig:\n"
        "    items: list[int]\n\n"
        "in_a_list = ListerConfig(items=[1, Required])\n"
    )
    assert run("clix.containers.in_a_list") == (
        1,
        "",
        'pconfigs.run: "clix.containers.in_a_list" cannot run: 1 field is '
        'still Required: "items[1]"\n'
        "  Required is a placeholder for a value that must be given before running\n"
        "  Fix: derive a config that sets it, e.g. ListerConfig(config, items=...)\n",
    )


def test_an_exception_while_building_the_config_shows_no_traceback(clix: Path):
    assert run("clix.broken.config") == (
        1,
        "",
        'pconfigs.run: Building "clix.broken.config" failed: importing clix.broken '
        "raised ValueError: Bad lr_schedule.\n"
        "  Run again with --traceback to see where\n",
    )


def test_traceback_shows_where_building_failed(clix: Path):
    status, out, err = run("--traceback", "clix.broken.config")
    jobs = clix / "jobs.py"
    line = (
        jobs.read_text()
        .splitlines()
        .index('            raise ValueError("Bad lr_schedule.")')
    )
    assert (status, out) == (1, "")
    assert err.startswith(
        "Traceback (most recent call last):\n"
        f'  File "{clix / "broken.py"}", line 4, in <module>\n'
    )
    assert err.endswith(
        f'  File "{jobs}", line {line + 1}, in steps\n'
        '    raise ValueError("Bad lr_schedule.")\n'
        "ValueError: Bad lr_schedule.\n"
        # The note naming the field being computed.
        + ("while computing Schedule.steps from total=0\n" if NOTES_PRINTED else "")
        + 'pconfigs.run: Building "clix.broken.config" failed: importing clix.broken '
        "raised ValueError: Bad lr_schedule.\n"
    )
    assert "importlib" not in err


def test_a_dependency_missing_inside_the_module_is_a_build_failure(clix: Path):
    assert run("clix.missing_dependency.config") == (
        1,
        "",
        'pconfigs.run: Building "clix.missing_dependency.config" failed: importing '
        "clix.missing_dependency raised ModuleNotFoundError: "
        "No module named 'clix_not_installed_dependency'\n"
        "  Run again with --traceback to see where\n",
    )


def test_an_exception_while_constructing_is_one_paragraph(clix: Path):
    assert run("clix.experiments.fragile") == (
        1,
        "",
        'pconfigs.run: Constructing Fragile from "clix.experiments.fragile" failed: '
        "OSError: no GPU here\n"
        "  Run again with --traceback to see where\n",
    )


def test_an_exception_in_main_shows_its_traceback_and_exits_1(clix: Path):
    jobs = clix / "jobs.py"
    line = (
        jobs.read_text()
        .splitlines()
        .index('        raise RuntimeError("boom in main")')
    )
    assert run("clix.experiments.crash") == (
        1,
        "",
        "Traceback (most recent call last):\n"
        f'  File "{jobs}", line {line + 1}, in main\n'
        '    raise RuntimeError("boom in main")\n'
        "RuntimeError: boom in main\n",
    )


def test_a_path_that_is_not_dotted_is_refused(clix: Path):
    assert run("not a path") == (
        1,
        "",
        'pconfigs.run: "not a path" is not a dotted path\n'
        "  Fix: name the object like an import: package.module.attribute\n",
    )


def test_no_arguments_is_a_usage_error():
    assert run() == (
        2,
        "",
        "usage: pconfigs.run [-h] [--traceback] [-s PATH=VALUE] [--sweep PATH=V1,V2] "
        "[--only KEY] [--help-config] [--record DIR] [--skip-done DIR] "
        "[--launcher {slurm,local} [-L NAME=VALUE ...]] "
        "(CONFIG | --replay RECORD) [ARGS ...]\n"
        "pconfigs.run: error: the following arguments are required: CONFIG\n",
    )


def test_help_describes_the_command_and_exits_0():
    status, out, err = run("--help")
    assert (status, err) == (0, "")
    assert out.startswith(
        "usage: pconfigs.run [-h] [--traceback] [-s PATH=VALUE] [--sweep PATH=V1,V2] "
        "[--only KEY] [--help-config] [--record DIR] [--skip-done DIR] "
        "[--launcher {slurm,local} [-L NAME=VALUE ...]] "
        "(CONFIG | --replay RECORD) [ARGS ...]\n"
    )
    assert "call main(parsed_args, extra_args) on it" in out
    assert out.endswith(
        "example: python -m pconfigs.run project.experiments.second.config\n"
    )


def test_help_after_the_config_goes_to_main(clix: Path):
    assert run("clix.experiments.hello", "--help") == (
        0,
        "config=clix.experiments.hello extra=['--help'] greeting=hi\n",
        "",
    )
