"""The README's 30-second tour shows the seed example's real code and output."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
from pathlib import Path

from project.experiments.second import config

from pconfigs.check import main as check_main
from pconfigs.printing import format_module
from pconfigs.run import main as run_main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
README = (ROOT / "README.md").read_text()
TOUR = README[README.index("## The 30-second tour") : README.index("## Two commands")]


def blocks(info: str) -> list[str]:
    return re.findall(rf"^```{info}\n(.*?)^```$", TOUR, re.S | re.M)


def test_the_declared_class_is_the_seeds_code():
    declared = blocks("python")[0]
    trainer = (EXAMPLES / "project" / "modules" / "trainer.py").read_text()
    for line in declared.splitlines():
        assert line.split("  #")[0] in trainer


def test_the_derived_experiment_is_the_seeds_second_experiment():
    derived = blocks("python")[1]
    second = (EXAMPLES / "project" / "experiments" / "second.py").read_text()
    assert ast.dump(ast.parse(derived)) == ast.dump(ast.parse(second))


def test_print_run_and_check_outputs_are_real(monkeypatch):
    printed, ran, checked, _ = blocks("text")
    assert printed == format_module(config)
    out = io.StringIO()
    run_main(["project.experiments.second.config"], out, io.StringIO())
    assert ran == out.getvalue()
    monkeypatch.chdir(EXAMPLES)
    out = io.StringIO()
    check_main([], out, io.StringIO())
    assert checked == out.getvalue()


def test_the_type_checked_mistake_gives_the_shown_mypy_output(tmp_path: Path):
    mistake = blocks("python")[2]
    project = tmp_path / "project"
    subprocess.run(["cp", "-r", str(EXAMPLES / "project"), str(project)], check=True)
    (tmp_path / "mypy.ini").write_text((EXAMPLES / "mypy.ini").read_text())
    (project / "experiments" / "typo.py").write_text(
        "from project.experiments.first import config as first_expr\n"
        "from project.modules.trainer import TrainerConfig\n\n" + mistake
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--no-incremental",
            "project/experiments/typo.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.stdout == blocks("text")[3]
