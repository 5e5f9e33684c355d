"""``--set``, ``--sweep``, sweep targets, ``--only`` and ``--help-config`` on
``pconfigs run`` and ``pconfigs print``: in-process for exact messages, real
subprocesses for the entry points."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import black
import pytest

from pconfigs.cli import main as console
from pconfigs.print import main as print_main
from pconfigs.run import main as run_main

JOBS = """
from typing import Literal

from pconfigs import Pinned, pconfig, pconfiged, pdefaults, pproperty


@pconfig
class Optimizer:
    lr: float


@pconfig
class AdamW(Optimizer):
    beta: float


@pconfig
class SGD(Optimizer):
    momentum: float


pdefaults += SGD(lr=1.0, momentum=0.0)


@pconfig
class Training:
    steps: int
    compile: bool
    total: Pinned[int]

    @pproperty
    def total(self) -> int:
        return self.steps * 2


@pconfiged(runnable=True)
class Train:
    config: "JobConfig"

    def main(self, args, extra_args):
        c = self.config
        print(f"{args.config} overrides={args.overrides} extra={extra_args} "
              f"steps={c.training.steps} total={c.training.total} "
              f"compile={c.training.compile} lr={c.optimizer.lr} "
              f"opt={type(c.optimizer).__name__} mode={c.mode}")
        return 3 if c.training.steps == 13 else 0


@pconfig(constructs=Train)
class JobConfig:
    training: Training
    optimizer: Optimizer
    mode: Literal["train", "eval"]
"""

EXPS = """
from sweepy.jobs import AdamW, JobConfig, Training

config = JobConfig(
    training=Training(steps=10, compile=True),
    optimizer=AdamW(lr=0.1, beta=0.9),
    mode="train",
)
steps = [JobConfig(config, training=Training(steps=s, compile=True)) for s in (1, 13, 3)]
lrs = {
    "lr-3e-4": JobConfig(config, optimizer=AdamW(lr=3e-4, beta=0.9)),
    "lr-1e-3": JobConfig(config, optimizer=AdamW(lr=1e-3, beta=0.9)),
}
empty = []
mixed = (config, 5)
"""


@pytest.fixture
def sweepy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    package = tmp_path / "sweepy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "jobs.py").write_text(textwrap.dedent(JOBS))
    (package / "exps.py").write_text(textwrap.dedent(EXPS))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [m for m in sys.modules if m.split(".")[0] == "sweepy"]:
        del sys.modules[name]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def show(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = print_main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------
# --set


def test_set_values_reach_main_typed_and_recomputed(sweepy: Path):
    assert run(
        "-s",
        "training.steps=100",
        "--set",
        "training.compile=False",
        "-s",
        "optimizer.lr=3e-4",
        "sweepy.exps.config",
        "--lr",
        "1",
    ) == (
        0,
        "sweepy.exps.config overrides={'training.steps': '100', "
        "'training.compile': 'False', 'optimizer.lr': '3e-4'} extra=['--lr', '1'] "
        "steps=100 total=200 compile=False lr=0.0003 opt=AdamW mode=train\n",
        "",
    )


def test_set_swaps_a_section_for_a_config_class_by_dotted_path(sweepy: Path):
    status, out, err = run(
        "-s",
        "optimizer=sweepy.jobs.SGD",
        "-s",
        "optimizer.momentum=0.9",
        "sweepy.exps.config",
    )
    assert (status, err) == (0, "")
    assert "lr=0.1 opt=SGD" in out


def test_every_problem_is_reported_and_nothing_runs(sweepy: Path):
    assert run(
        "-s",
        "training.stesp=1",
        "-s",
        "training.total=3",
        "-s",
        "mode=test",
        "-s",
        "training.steps=6e5",
        "sweepy.exps.config",
    ) == (
        1,
        "",
        "pconfigs.run: Cannot apply the overrides to JobConfig: 4 problems\n"
        "  --set training.stesp=1: Training (at training) has no field 'stesp' "
        '(did you mean "steps"?); its fields: steps, compile, total\n'
        "  --set training.total=3: Cannot set pinned field Training.total; it is "
        "computed by @pproperty Training.total (set the inputs it is computed "
        "from instead)\n"
        "  --set mode=test: JobConfig.mode: expected Literal['train', 'eval'], "
        "got 'test'\n"
        "  --set training.steps=6e5: Training.steps: expected int, got '6e5'; "
        "write 600000 for the whole number 6e5\n"
        "  Nothing was built; fix every line above and run again\n",
    )


def test_print_marks_each_overridden_value_and_stays_black_formatted(sweepy: Path):
    status, out, err = show(
        "-s",
        "training.steps=5",
        "-s",
        "optimizer=sweepy.jobs.SGD",
        "sweepy.exps.config",
    )
    assert (status, err) == (0, "")
    assert out.endswith(
        "JobConfig(\n"
        "    constructable_type=Train,  # ClassVar (omit from config)\n"
        "    training=Training(\n"
        "        steps=5,  # --set\n"
        "        compile=True,\n"
        "        total=10,  # Pinned (omit from config)\n"
        "    ),\n"
        "    optimizer=SGD(  # --set\n"
        "        lr=0.1,\n"
        "        momentum=0.0,\n"
        "    ),\n"
        '    mode="train",\n'
        ")\n"
    )
    assert black.format_str(out, mode=black.Mode()) == out


def test_print_runnable_with_set_rebuilds_the_derived_config(sweepy: Path):
    _, out, _ = show("--runnable", "-s", "training.steps=5", "sweepy.exps.config")
    namespace: dict[str, object] = {}
    exec(out, namespace)
    from sweepy.exps import config
    from sweepy.jobs import JobConfig, Training

    assert namespace["config"] == JobConfig(
        config, training=Training(config.training, steps=5)
    )


# --------------------------------------------------------------------------
# Sweep targets


def test_run_runs_every_point_in_order_and_reports_each(sweepy: Path):
    status, out, err = run("sweepy.exps.steps")
    assert status == 1
    assert [line.split(" overrides")[0] for line in out.splitlines()] == [
        "sweepy.exps.steps[0]",
        "sweepy.exps.steps[1]",
        "sweepy.exps.steps[2]",
    ]
    assert err == (
        "pconfigs.run: sweepy.exps.steps[0] ... ok\n"
        "pconfigs.run: sweepy.exps.steps[1] ... FAILED (exit 3)\n"
        "pconfigs.run: sweepy.exps.steps[2] ... ok\n"
        "pconfigs.run: 2 passed, 1 failed\n"
    )


def test_only_runs_the_point_with_that_key(sweepy: Path):
    status, out, err = run("--only", "lr-1e-3", "sweepy.exps.lrs")
    assert status == 0
    assert out.startswith('sweepy.exps.lrs["lr-1e-3"] overrides={}')
    assert err == (
        'pconfigs.run: sweepy.exps.lrs["lr-1e-3"] ... ok\n'
        "pconfigs.run: 1 passed, 0 failed\n"
    )


def test_a_point_is_addressed_by_index_or_key_in_the_dotted_path(sweepy: Path):
    assert run("sweepy.exps.steps[2]")[1].startswith(
        "sweepy.exps.steps[2] overrides={} extra=[] steps=3"
    )
    assert run('sweepy.exps.lrs["lr-3e-4"]')[1].startswith(
        'sweepy.exps.lrs["lr-3e-4"] overrides={} extra=[] steps=10 total=20 '
        "compile=True lr=0.0003"
    )


def test_sweep_runs_the_product_of_its_axes_with_set(sweepy: Path):
    status, out, err = run(
        "--sweep",
        "training.steps=1,2",
        "--sweep",
        "optimizer.lr=0.5,0.25",
        "-s",
        "mode=eval",
        "sweepy.exps.config",
    )
    assert status == 0
    assert [line.split(" extra")[0] for line in out.splitlines()] == [
        "sweepy.exps.config overrides={'mode': 'eval', 'training.steps': '1', "
        "'optimizer.lr': '0.5'}",
        "sweepy.exps.config overrides={'mode': 'eval', 'training.steps': '1', "
        "'optimizer.lr': '0.25'}",
        "sweepy.exps.config overrides={'mode': 'eval', 'training.steps': '2', "
        "'optimizer.lr': '0.5'}",
        "sweepy.exps.config overrides={'mode': 'eval', 'training.steps': '2', "
        "'optimizer.lr': '0.25'}",
    ]
    assert err.splitlines()[0] == (
        "pconfigs.run: sweepy.exps.config [training.steps=1 optimizer.lr=0.5] ... ok"
    )


def test_print_shows_every_point_under_a_comment_naming_it(sweepy: Path):
    status, out, err = show("--runnable", "sweepy.exps.lrs")
    assert (status, err) == (0, "")
    assert out == (
        '# sweepy.exps.lrs["lr-3e-4"]\n'
        "from sweepy.jobs import JobConfig, Training, AdamW\n"
        "\n"
        "config = JobConfig(\n"
        "    training=Training(\n"
        "        steps=10,\n"
        "        compile=True,\n"
        "    ),\n"
        "    optimizer=AdamW(\n"
        "        lr=0.0003,\n"
        "        beta=0.9,\n"
        "    ),\n"
        '    mode="train",\n'
        ")\n"
        "\n"
        '# sweepy.exps.lrs["lr-1e-3"]\n'
        "from sweepy.jobs import JobConfig, Training, AdamW\n"
        "\n"
        "config = JobConfig(\n"
        "    training=Training(\n"
        "        steps=10,\n"
        "        compile=True,\n"
        "    ),\n"
        "    optimizer=AdamW(\n"
        "        lr=0.001,\n"
        "        beta=0.9,\n"
        "    ),\n"
        '    mode="train",\n'
        ")\n"
    )


def test_print_marks_sweep_values(sweepy: Path):
    status, out, _ = show("--sweep", "training.steps=7,8", "sweepy.exps.steps[0]")
    assert status == 0
    assert out.count("        steps=7,  # --sweep\n") == 1
    assert out.count("# sweepy.exps.steps[0] [training.steps=8]\n") == 1


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "sweepy.exps.steps[5]",
            'pconfigs.run: "sweepy.exps.steps[5]" names no point of sweepy.exps.steps\n'
            "  sweepy.exps.steps has 3 points: indices 0 to 2\n",
        ),
        (
            'sweepy.exps.lrs["lr-1"]',
            'pconfigs.run: "sweepy.exps.lrs["lr-1"]" names no point of '
            "sweepy.exps.lrs\n"
            '  Keys of sweepy.exps.lrs: "lr-3e-4", "lr-1e-3"\n',
        ),
        (
            "sweepy.exps.steps[x]",
            'pconfigs.run: "sweepy.exps.steps[x]": [x] is not an index or a quoted '
            "key\n"
            '  Fix: write sweep[2] for a list or sweep["lr-3e-4"] for a dict (quote '
            "the target in the shell: 'proj.exps.sweep[\"lr-3e-4\"]')\n",
        ),
        (
            "sweepy.exps.empty",
            'pconfigs.run: "sweepy.exps.empty" is an empty list, not a sweep of '
            "configs\n"
            "  Fix: put at least one config in it\n",
        ),
        (
            "sweepy.exps.mixed",
            'pconfigs.run: "sweepy.exps.mixed[1]" is not a config: got 5 (int)\n'
            "  A sweep is a list, tuple or dict whose items are all configs; 1 of 2 "
            "items of sweepy.exps.mixed are not\n",
        ),
    ],
)
def test_a_target_that_is_not_a_sweep_of_configs_is_one_paragraph(
    sweepy: Path, target: str, expected: str
):
    assert run(target) == (1, "", expected)


def test_only_with_no_such_key_lists_the_points(sweepy: Path):
    assert run("--only", "9", "sweepy.exps.steps") == (
        1,
        "",
        'pconfigs.run: --only 9: no point of "sweepy.exps.steps" has that key\n'
        "  Points: 0, 1, 2\n"
        "  Fix: pass a list index, a dict key, or a point's label as printed\n",
    )


def test_sweep_and_set_of_one_path_is_refused(sweepy: Path):
    assert run(
        "-s",
        "training.steps=1",
        "--sweep",
        "training.steps=2,3",
        "--sweep",
        "mode",
        "sweepy.exps.config",
    ) == (
        1,
        "",
        "pconfigs.run: Cannot apply the overrides to JobConfig: 2 problems\n"
        "  --sweep training.steps=2,3: training.steps is also given by --set; "
        "keep one\n"
        "  --sweep mode: expected PATH=V1,V2,..., e.g. lr=1e-4,3e-4\n"
        "  Nothing was built; fix every line above and run again\n",
    )


def test_sweep_values_split_at_top_level_commas_only(sweepy: Path):
    from pconfigs.sweeps import resolve_target

    points = resolve_target("sweepy.exps.config", sweeps=["mode=train,eval"])
    assert [p.config.mode for p in points] == ["train", "eval"]
    from pconfigs.sweeps import _split_values

    assert _split_values("[1, 2],(3,),{'a': 1},4") == [
        "[1, 2]",
        "(3,)",
        "{'a': 1}",
        "4",
    ]


# --------------------------------------------------------------------------
# --help-config


def test_help_config_lists_every_settable_path(sweepy: Path):
    assert run(
        "--help-config", "-s", "optimizer=sweepy.jobs.SGD", "sweepy.exps.config"
    ) == (
        0,
        "Settable paths of sweepy.exps.config (JobConfig); set one with -s PATH=VALUE\n"
        "  training: Training = Training(...)\n"
        "  training.steps: int = 10\n"
        "  training.compile: bool = True\n"
        "  training.total: int = 20  (Pinned: computed, not settable)\n"
        "  optimizer: Optimizer = SGD(...)\n"
        "  optimizer.lr: float = 0.1\n"
        "  optimizer.momentum: float = 0.0\n"
        "  mode: Literal['train', 'eval'] = 'train'\n",
        "",
    )


def test_help_config_of_a_sweep_shows_its_first_point(sweepy: Path):
    status, out, _ = show("--help-config", "sweepy.exps.steps")
    assert (status, out.splitlines()[0]) == (
        0,
        "Settable paths of sweepy.exps.steps[0] (JobConfig) (the first of 3 points); "
        "set one with -s PATH=VALUE",
    )


# --------------------------------------------------------------------------
# Real subprocesses


def entry(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_python_m_run_with_set_and_a_sweep(sweepy: Path):
    done = entry(
        "-m",
        "pconfigs.run",
        "-s",
        "training.steps=4",
        "sweepy.exps.lrs",
        "--x",
        cwd=sweepy,
    )
    assert done.returncode == 0, done.stderr
    assert [line.split(" compile")[0] for line in done.stdout.splitlines()] == [
        "sweepy.exps.lrs[\"lr-3e-4\"] overrides={'training.steps': '4'} "
        "extra=['--x'] steps=4 total=8",
        "sweepy.exps.lrs[\"lr-1e-3\"] overrides={'training.steps': '4'} "
        "extra=['--x'] steps=4 total=8",
    ]


def test_console_print_with_sweep_and_console_run_errors(sweepy: Path):
    done = entry(
        "-c",
        "from pconfigs.cli import console_main; console_main()",
        "print",
        "--sweep",
        "training.steps=1,2",
        "sweepy.exps.config",
        cwd=sweepy,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("# --sweep") == 2
    assert done.stdout.startswith("# sweepy.exps.config [training.steps=1]\n")
    status = console(
        ["run", "-s", "nope=1", "sweepy.exps.config"], io.StringIO(), io.StringIO()
    )
    assert status == 1
