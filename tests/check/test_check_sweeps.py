"""``pconfigs check`` on sweeps (every point built and checked, named
``sweep[0]`` / ``sweep["key"]``) and on experiments whose config differs
between two imports in one process (not reproducible under torchrun)."""

from __future__ import annotations

import io

from check_trees import MODELS, Write

from pconfigs.check import main


def check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def tree(**experiments: str) -> dict[str, str]:
    return {
        "pkg/__init__.py": "",
        "pkg/models.py": MODELS,
        "pyproject.toml": "",
        "pkg/exps/__pconfigs__.py": "",
        **{f"pkg/exps/{name}.py": source for name, source in experiments.items()},
    }


HEADER = "from pconfigs import Required\nfrom pkg.models import ModelConfig\n\n"


def test_every_point_of_a_sweep_is_checked_and_named(write_tree: Write) -> None:
    write_tree(
        tree(
            listed=HEADER
            + "sweep = [ModelConfig(depth=d, width=Required) for d in (1, 2)]\n",
            keyed=HEADER + 'sweep = {"w1": ModelConfig(depth=1, width=1), '
            '"wR": ModelConfig(depth=Required, width=1)}\n',
            good=HEADER + "sweep = (ModelConfig(depth=1, width=1),)\n",
            numbers=HEADER + "config = ModelConfig(depth=1, width=1)\nsizes = [1, 2]\n",
        )
    )
    assert check() == (
        1,
        "pkg.exps.good ... ok\n"
        'pkg.exps.keyed ... FAILED: RequiredValuesError: pkg.exps.keyed still holds Required values: "sweep["wR"].depth"\n'
        '      Fix: give them values; a template meant only to be derived from belongs under a name starting with "_"\n'
        "    at pkg/exps/keyed.py\n"
        'pkg.exps.listed ... FAILED: RequiredValuesError: pkg.exps.listed still holds Required values: "sweep[0].width", "sweep[1].width"\n'
        '      Fix: give them values; a template meant only to be derived from belongs under a name starting with "_"\n'
        "    at pkg/exps/listed.py\n"
        "pkg.exps.numbers ... ok\n"
        "2 passed, 2 failed\n",
        "",
    )


def test_a_sweep_point_that_fails_to_build_fails_its_module(write_tree: Write) -> None:
    write_tree(
        tree(bad=HEADER + "sweep = [ModelConfig(depth=d, width=1) for d in (1, -1)]\n")
    )
    code, out, _ = check()
    assert out.splitlines()[0] == (
        "pkg.exps.bad ... FAILED: ValueError: depth must be >= 0, got -1"
    )
    assert code == 1


def test_a_config_computed_from_the_clock_is_not_reproducible(
    write_tree: Write,
) -> None:
    write_tree(
        tree(
            clock="import time\n"
            + HEADER
            + "config = ModelConfig(depth=1, width=time.time_ns())\n"
            "sweep = [ModelConfig(depth=1, width=1), ModelConfig(depth=id(object()), width=2)]\n",
            steady=HEADER + "config = ModelConfig(depth=1, width=2)\n",
        )
    )
    code, out, _ = check()
    lines = out.splitlines()
    assert lines[0] == (
        "pkg.exps.clock ... FAILED: NotReproducibleError: pkg.exps.clock is not "
        "reproducible: importing it twice in one process built different configs "
        "(4 values differ)"
    )
    assert [line.split(":")[0] for line in lines[1:5]] == [
        "      config.width",
        "      config.params",
        "      sweep[1].depth",
        "      sweep[1].params",
    ]
    assert " != " in lines[1]
    assert lines[5:] == [
        "      A value computed from the clock, the host, the process id or an "
        "unseeded random generator differs between processes, so each torchrun "
        "rank would run a different config",
        "      Fix: compute it in main() (on rank 0, then share it), or pass it with --set",
        "    at pkg/exps/clock.py",
        "pkg.exps.steady ... ok",
        "1 passed, 1 failed",
    ]
    assert code == 1


def test_an_experiment_that_cannot_be_imported_twice_is_imported_afresh(
    write_tree: Write,
) -> None:
    files = tree(
        registers="from pkg.registry import register\n"
        + HEADER
        + 'register("registers")\n'
        "config = ModelConfig(depth=3, width=1)\n",
    )
    files["pkg/registry.py"] = (
        "NAMES = set()\n\n\n"
        "def register(name):\n"
        "    if name in NAMES:\n"
        "        raise KeyError(f'{name} is registered already')\n"
        "    NAMES.add(name)\n"
    )
    write_tree(files)
    assert check() == (0, "pkg.exps.registers ... ok\n1 passed, 0 failed\n", "")


def test_set_applies_to_every_own_config_before_it_is_checked(
    write_tree: Write,
) -> None:
    write_tree(
        tree(
            partial=HEADER + "config = ModelConfig(depth=Required, width=1)\n",
            points=HEADER
            + "sweep = [ModelConfig(depth=Required, width=w) for w in (1, 2)]\n",
        )
    )
    assert check("-s", "depth=2") == (
        0,
        "pkg.exps.partial ... ok\npkg.exps.points ... ok\n2 passed, 0 failed\n",
        "",
    )
    code, out, _ = check("--set", "depth=-1", "pkg/exps/points.py")
    assert out.splitlines()[0] == (
        "pkg.exps.points ... FAILED: ValueError: depth must be >= 0, got -1"
    )
    assert code == 1


def test_a_set_that_does_not_apply_fails_the_module(write_tree: Write) -> None:
    write_tree(tree(one=HEADER + "config = ModelConfig(depth=1, width=1)\n"))
    assert check("-s", "dpth=2", "-s", "width=wide") == (
        1,
        "pkg.exps.one ... FAILED: OverrideError: Cannot apply 2 overrides to "
        "ModelConfig: 2 problems\n"
        "      --set dpth=2: ModelConfig has no field 'dpth' (did you mean "
        '"depth"?); its fields: depth, width, params\n'
        "      --set width=wide: ModelConfig.width: expected int, got 'wide'; "
        "write an integer literal such as 100\n"
        "      Nothing was built; fix every line above and run again\n"
        "    at pkg/exps/one.py\n"
        "0 passed, 1 failed\n",
        "",
    )
