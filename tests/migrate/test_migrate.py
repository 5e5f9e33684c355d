"""``pconfigs migrate``: a small project in the original's style, migrated."""

from __future__ import annotations

import io
import shutil
import textwrap
from pathlib import Path

import pytest

from pconfigs.check import main as check_main
from pconfigs.cli import main
from pconfigs.migrate import migrate_source

# A small project written in the original's style (also the docs' example).
ORIGINAL = Path(__file__).resolve().parent / "original_style"
FIRST = (ORIGINAL / "source" / "experiments" / "first.py").read_text()
TRAINER = (ORIGINAL / "source" / "modules" / "trainer.py").read_text()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ORIGINAL, tmp_path, dirs_exist_ok=True)
    return tmp_path


def migrate(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["migrate", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def test_migrating_a_project_rewrites_markers_and_mutations_and_lists_the_rest(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(project)
    status, out, err = migrate(".")
    assert (status, err) == (0, "")
    assert out == textwrap.dedent(
        """\
        scripts/test.sh:3: `ptest`: the original's ptest is `pconfigs check` now
        scripts/test.sh:4: `pytest --pyargs pconfigs.test -q`: the original's ptest is `pconfigs check` now
        rewrote source/experiments/__pconfigs__.py (2 changes)
        rewrote source/experiments/first.py (2 changes)
        source/experiments/second.py:3: `config.steps = 7` assigns to a field of a frozen config; derive a new config instead (for a nested field, derive the section too: cfg = Cls(cfg, section=Section(cfg.section, field=value)))
        2 files rewritten, 3 places to change by hand
        """
    )
    assert (project / "source/experiments/__pconfigs__.py").read_text() == (
        'recursive = True\n\nmodules = ["first", "second"]\n'
    )
    assert (project / "source/experiments/first.py").read_text() == (
        "from source.modules.trainer import TrainerConfig\n"
        "\n"
        "config = TrainerConfig(steps=3)\n"
        "config = TrainerConfig(config, steps=5, base_lr=1e-3)\n"
        "\n"
        "other = TrainerConfig(config)\n"
        "other = TrainerConfig(other, steps=9)\n"
    )
    assert (project / "source/modules/trainer.py").read_text() == TRAINER


def test_the_migrated_experiment_builds_under_pconfigs_check(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(project)
    migrate(".")
    # The one place listed for a hand: second.py mutates first's config.
    (project / "source/experiments/second.py").write_text(
        "from source.experiments.first import config as first_expr\n"
        "from source.modules.trainer import TrainerConfig\n"
        "\n"
        "config = TrainerConfig(first_expr, steps=7)\n"
    )
    out, err = io.StringIO(), io.StringIO()
    status = check_main(["source"], out, err)
    assert (out.getvalue(), err.getvalue()) == (
        "source.experiments.first ... ok\n"
        "source.experiments.second ... ok\n"
        "2 passed, 0 failed\n",
        "",
    )
    assert status == 0


def test_dry_run_prints_the_diff_and_writes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(project)
    status, out, _ = migrate("--dry-run", "source/experiments/first.py")
    assert status == 0
    assert out == (
        "--- source/experiments/first.py\n"
        "+++ source/experiments/first.py\n"
        "@@ -1,8 +1,7 @@\n"
        " from source.modules.trainer import TrainerConfig\n"
        " \n"
        " config = TrainerConfig(steps=3)\n"
        "-config.steps = 5  # five is enough\n"
        "-config.base_lr = 1e-3\n"
        "+config = TrainerConfig(config, steps=5, base_lr=1e-3)\n"
        " \n"
        " other = TrainerConfig(config)\n"
        "-other.steps = 9\n"
        "+other = TrainerConfig(other, steps=9)\n"
        "1 file would be rewritten, 0 places to change by hand\n"
    )
    assert (project / "source/experiments/first.py").read_text() == FIRST


def test_imports_from_the_originals_modules_move_to_pconfigs_when_the_name_exists():
    source = (
        "from pconfigs.constructable import NoneConfig as NC\n"
        "from pconfigs.constructable import KwargMockFunc\n"
    )
    migration = migrate_source(source, "m.py", exported=frozenset({"NoneConfig"}))
    assert migration.text == (
        "from pconfigs import NoneConfig as NC\n"
        "from pconfigs.constructable import KwargMockFunc\n"
    )
    assert migration.manual == [
        (
            2,
            "KwargMockFunc (from pconfigs.constructable) has no counterpart under "
            "that name in pconfigs; see docs/migrating.md",
        )
    ]


def test_nested_fields_setattr_and_config_of_a_constructed_class_are_listed():
    source = textwrap.dedent(
        """\
        from m import Cfg

        cfg = Cfg()
        cfg.model.depth = 4
        cfg.steps += 1
        setattr(cfg, "steps", 3)


        class Trainer:
            def main(self):
                self.config.steps = 2
        """
    )
    migration = migrate_source(source, "m.py")
    assert migration.text == source
    assert [line for line, _ in migration.manual] == [4, 5, 6, 11]
    assert (
        migration.manual[2][1]
        == "setattr() on a config fails: configs are frozen; derive"
    )


def test_a_file_that_is_not_python_is_listed_and_left_alone():
    migration = migrate_source("def (:\n", "broken.py")
    assert migration.text == "def (:\n"
    assert migration.manual == [(1, "not valid Python (invalid syntax); left as it is")]


def test_a_missing_path_is_a_usage_error(tmp_path: Path):
    status, out, err = migrate(str(tmp_path / "nope"))
    assert (status, out) == (2, "")
    assert (
        err
        == f"pconfigs migrate: error: no such file or directory: {tmp_path / 'nope'}\n"
    )
