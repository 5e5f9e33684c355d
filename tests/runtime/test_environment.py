"""``@penv``: environment variables read into frozen snapshots, cast by annotation."""

from __future__ import annotations

import copy
import enum
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest

from pconfigs import (
    EnvironmentVariableError,
    EnvVar,
    PconfigsError,
    Pinned,
    derive,
    pconfig,
    pdefaults,
    penv,
    pproperty,
    validate,
)
from pconfigs.errors import ConfigDefinitionError, MissingFieldsError


class Device(enum.Enum):
    cpu = "cpu"
    cuda = "cuda"


class Level(enum.Enum):
    low = 1
    high = 2


@penv
class Dist:
    world_size: int = 1
    rank: int
    master_addr: str = EnvVar("MASTER_ADDR", "localhost")
    device: str | None


@pconfig
class Job:
    environment: Dist
    steps: int = 10


VARIABLES = ("WORLD_SIZE", "RANK", "MASTER_ADDR", "DEVICE")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


# --------------------------------------------------------------------------
# Reading and casting


def test_each_field_reads_its_upper_case_variable_or_its_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RANK", "3")
    monkeypatch.setenv("WORLD_SIZE", "8")
    snapshot = Dist()
    assert (snapshot.world_size, snapshot.rank) == (8, 3)
    assert snapshot.master_addr == "localhost"
    assert snapshot.device is None  # Optional and unset: None


def test_envvar_names_the_variable_explicitly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("MASTER_ADDR", "node-7")
    assert Dist().master_addr == "node-7"


def test_read_takes_a_snapshot_of_a_given_mapping() -> None:
    assert Dist.read({"RANK": "3", "DEVICE": "cuda:1"}) == Dist(
        world_size=1, rank=3, master_addr="localhost", device="cuda:1"
    )


def test_explicit_values_read_nothing() -> None:
    # RANK is unset: reading it would fail, so nothing was read.
    snapshot = Dist(world_size=8, rank=0, master_addr="h", device=None)
    assert snapshot.rank == 0


def test_keywords_win_and_the_rest_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORLD_SIZE", "4")
    assert Dist(rank=2).world_size == 4


@penv
class Kinds:
    count: int = 0
    ratio: float = 0.5
    name: str = "n"
    flag: bool = False
    root: Path = Path("/data")
    device: Device = Device.cpu
    level: Level = Level.low
    mode: Literal["train", "eval"] = "train"
    either: int | str = 0
    maybe_count: int | None = None
    maybe_level: Level | None


@pytest.mark.parametrize(
    ("variable", "text", "field", "value"),
    [
        ("COUNT", "42", "count", 42),
        ("COUNT", "-1_000", "count", -1000),
        ("RATIO", "3e-4", "ratio", 3e-4),
        ("NAME", "  spaced  ", "name", "  spaced  "),
        ("FLAG", "true", "flag", True),
        ("FLAG", "YES", "flag", True),
        ("FLAG", "1", "flag", True),
        ("FLAG", "No", "flag", False),
        ("FLAG", "FALSE", "flag", False),
        ("FLAG", "0", "flag", False),
        ("ROOT", "/tmp/x", "root", Path("/tmp/x")),
        ("DEVICE", "cuda", "device", Device.cuda),  # by value
        ("LEVEL", "2", "level", Level.high),  # by value (an int value)
        ("LEVEL", "high", "level", Level.high),  # by name
        ("MODE", "eval", "mode", "eval"),
        ("EITHER", "7", "either", 7),
        ("EITHER", "seven", "either", "seven"),
        ("MAYBE_COUNT", "5", "maybe_count", 5),
        ("MAYBE_COUNT", "none", "maybe_count", None),
        ("MAYBE_LEVEL", "1", "maybe_level", Level.low),
    ],
)
def test_text_is_cast_by_the_annotation(
    variable: str, text: str, field: str, value: object
) -> None:
    got = getattr(Kinds.read({variable: text}), field)
    assert got == value
    assert type(got) is type(value)


def test_unset_optional_without_default_is_none() -> None:
    assert Kinds.read({}).maybe_level is None


def test_defaults_given_as_text_are_cast_too() -> None:
    @penv
    class Texts:
        count: int = "12"  # type: ignore[assignment]
        level: Level = EnvVar("THE_LEVEL", "high")
        root: Path = "/data"  # type: ignore[assignment]

    snapshot = Texts.read({})
    assert (snapshot.count, snapshot.level, snapshot.root) == (
        12,
        Level.high,
        Path("/data"),
    )


def test_casting_never_evaluates_the_text() -> None:
    @penv
    class Unsafe:
        count: int = 0
        name: str = ""

    with pytest.raises(EnvironmentVariableError):
        Unsafe.read({"COUNT": "__import__('os').getpid()"})
    assert Unsafe.read({"NAME": "__import__('os')"}).name == "__import__('os')"


# --------------------------------------------------------------------------
# Errors


def test_an_unset_variable_without_default_is_one_clear_error() -> None:
    with pytest.raises(EnvironmentVariableError) as raised:
        Dist()
    assert str(raised.value) == (
        "Cannot read Dist from os.environ: RANK (Dist.rank): unset and no default, "
        "expected int\n"
        "  Fix: set each variable to a value of the field's type, or give the field "
        'a default in the class body (`rank: int = 0` or `= EnvVar("RANK", 0)`)'
    )
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, PconfigsError)


def test_every_wrong_variable_is_listed_in_one_error() -> None:
    with pytest.raises(EnvironmentVariableError) as raised:
        Kinds.read({"COUNT": "6e5", "FLAG": "maybe", "LEVEL": "3", "MODE": "test"})
    assert str(raised.value) == (
        "Cannot read Kinds from the given mapping: 4 environment variables are wrong\n"
        "  COUNT (Kinds.count): expected int, got '6e5'; write 600000 for the whole "
        "number 6e5\n"
        "  FLAG (Kinds.flag): expected bool, got 'maybe'; write true/false, 1/0 or "
        "yes/no (any case)\n"
        "  LEVEL (Kinds.level): expected Level, got '3'; write a value (1, 2) or a "
        "name (low, high)\n"
        "  MODE (Kinds.mode): expected Literal['train', 'eval'], got 'test'\n"
        "  Fix: set each variable to a value of the field's type, or give the field "
        'a default in the class body (`rank: int = 0` or `= EnvVar("RANK", 0)`)'
    )


@penv
class BadDefault:
    count: int = "many"  # type: ignore[assignment]


def test_a_default_text_that_does_not_parse_is_named_as_the_default() -> None:
    with pytest.raises(EnvironmentVariableError) as raised:
        BadDefault.read({})
    assert str(raised.value).splitlines()[0] == (
        "Cannot read BadDefault from the given mapping: COUNT (BadDefault.count): "
        "unset, and its default does not parse: expected int, got 'many'; write an "
        "integer literal such as 100"
    )


def test_a_config_that_takes_a_snapshot_says_which_field_it_was_for() -> None:
    with pytest.raises(EnvironmentVariableError) as raised:
        Job()
    assert raised.value.__notes__ == [
        "while taking the snapshot of Job.environment (no keyword, base or "
        "default gave it a value)"
    ]


def test_unknown_convention_is_a_definition_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:
        penv(convention="lowercase")
    assert str(raised.value) == (
        "@penv(convention='lowercase'): unknown convention\n"
        "  A field reads the variable named like the field in upper case "
        '("uppercase", the only convention)\n'
        '  Fix: drop convention=, or name a variable with EnvVar("NAME", default)'
    )


def test_the_original_spelling_of_the_convention_is_accepted() -> None:
    @penv(convention="uppercase")
    class Spelled:
        local_rank: int = 0

    assert Spelled.read({"LOCAL_RANK": "2"}).local_rank == 2


def test_a_field_named_read_is_a_definition_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @penv
        class Reads:
            read: str = ""

    assert str(raised.value) == (
        "test_a_field_named_read_is_a_definition_error.<locals>.Reads.read: a @penv "
        "field cannot be named 'read'; it is "
        "test_a_field_named_read_is_a_definition_error.<locals>.Reads.read(mapping), "
        "which builds a snapshot from a mapping\n"
        '  Fix: rename the field and keep the variable: `read_: str = EnvVar("READ")`'
    )


@pytest.mark.parametrize("variable", ["", "A=B", "LINE\nBREAK"])
def test_an_envvar_name_that_cannot_be_a_variable_is_a_definition_error(
    variable: str,
) -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @penv
        class Nameless:
            port: int = EnvVar(variable, 80)

    where = (
        "test_an_envvar_name_that_cannot_be_a_variable_is_a_definition_error."
        "<locals>.Nameless"
    )
    assert str(raised.value) == (
        f"{where}.port = EnvVar({variable!r}, 80): the variable name must be a "
        "non-empty, printable string without '='\n"
        '  Fix: EnvVar("PORT") or EnvVar("PORT", default)'
    )


# --------------------------------------------------------------------------
# Snapshots are values


def test_a_snapshot_is_frozen_hashable_compared_by_value_and_pickles() -> None:
    one = Dist.read({"RANK": "1"})
    same = Dist.read({"RANK": "1"})
    assert one == same and hash(one) == hash(same)
    assert one != Dist.read({"RANK": "2"})
    with pytest.raises(AttributeError):
        one.rank = 5  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(one)) == one
    assert copy.deepcopy(one) == one


def test_a_snapshot_does_not_follow_later_changes_of_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RANK", "1")
    snapshot = Dist()
    monkeypatch.setenv("RANK", "2")
    assert snapshot.rank == 1  # the original re-read the variable on each access


def test_defining_a_penv_class_reads_no_environment() -> None:
    # RANK is unset, and no default: defining the class must not fail.
    @penv
    class Later:
        rank: int

    with pytest.raises(EnvironmentVariableError):
        Later()


def test_importing_pconfigs_and_defining_classes_reads_no_environment() -> None:
    script = (
        "import os\n"
        "class Spy(dict):\n"
        "    def __getitem__(self, key):\n"
        "        raise AssertionError(f'read {key}')\n"
        "    get = __getitem__\n"
        "os.environ = Spy()\n"
        "from pconfigs import pconfig, penv\n"
        "@penv\n"
        "class Dist:\n"
        "    rank: int = 0\n"
        "@pconfig\n"
        "class Job:\n"
        "    environment: Dist\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_validate_accepts_a_snapshot_and_reports_a_wrong_value() -> None:
    assert validate(Dist.read({"RANK": "0"})).rank == 0
    with pytest.raises(TypeError) as raised:
        validate(Dist(world_size="8", rank=0, master_addr="h", device=None))  # type: ignore[arg-type]
    assert str(raised.value) == (
        "config (Dist): 1 value does not match its annotation\n"
        "  config.world_size: expected int, got str '8'\n"
        "  Fix: give each value the annotated type, or correct the annotation"
    )


# --------------------------------------------------------------------------
# A config field typed with a @penv class


def test_a_config_takes_a_snapshot_when_it_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RANK", "5")
    job = Job()
    assert job.environment == Dist.read({"RANK": "5"})
    monkeypatch.setenv("RANK", "6")
    assert job.environment.rank == 5
    assert Job().environment.rank == 6  # a new config, a new snapshot


def test_a_given_snapshot_wins_and_nothing_is_read() -> None:
    given = Dist(world_size=2, rank=1, master_addr="h", device=None)
    assert Job(environment=given).environment is given


def test_a_derived_config_keeps_its_base_snapshot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RANK", "1")
    base = Job()
    monkeypatch.setenv("RANK", "2")
    assert Job(base, steps=3).environment is base.environment
    assert derive(base, {"steps": 4}).environment is base.environment


def test_a_registered_default_snapshot_wins_over_a_fresh_one() -> None:
    global pdefaults

    @pconfig
    class Registered:
        environment: Dist
        steps: int

    fixed = Dist(world_size=1, rank=0, master_addr="h", device=None)
    pdefaults += Registered(environment=fixed, steps=1)
    assert Registered().environment == fixed  # a fresh one would fail: RANK is unset


def test_a_class_level_snapshot_default_wins_over_a_fresh_one() -> None:
    fixed = Dist(world_size=1, rank=0, master_addr="h", device=None)

    @pconfig
    class Defaulted:
        environment: Dist = fixed

    assert Defaulted().environment is fixed


def test_other_missing_fields_are_still_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RANK", "0")

    @pconfig
    class Needs:
        environment: Dist
        steps: int

    with pytest.raises(MissingFieldsError) as raised:
        Needs()
    assert str(raised.value).splitlines()[0] == (
        "test_other_missing_fields_are_still_reported.<locals>.Needs is missing "
        '1 field: "steps"'
    )


def test_string_annotations_find_the_penv_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # This module uses `from __future__ import annotations`: Job's annotation
    # is the text "Dist", resolved when the snapshot is needed.
    monkeypatch.setenv("RANK", "9")
    assert Job.__annotations__["environment"] == "Dist"
    assert Job().environment.rank == 9


@penv
class Ranked:
    rank: int = 0
    world_size: int = 1
    is_main: Pinned[bool]

    @pproperty
    def is_main(self) -> bool:
        return self.rank == 0


@penv
class MoreRanked(Ranked):
    local_rank: int = EnvVar("LOCAL_RANK", 0)


def test_penv_classes_compute_pproperties_and_inherit_variables() -> None:
    assert Ranked.read({"RANK": "0"}).is_main is True
    more = MoreRanked.read({"RANK": "2", "LOCAL_RANK": "1"})
    assert (more.rank, more.local_rank, more.is_main) == (2, 1, False)


def test_each_rank_of_a_torchrun_style_launch_gets_its_own_snapshot(
    tmp_path: Path,
) -> None:
    (tmp_path / "ranked_job.py").write_text(
        "from pconfigs import pconfig, penv\n"
        "@penv\n"
        "class Dist:\n"
        "    rank: int\n"
        "    world_size: int\n"
        "@pconfig\n"
        "class Job:\n"
        "    environment: Dist\n"
        "config = Job()\n"
    )
    outputs = []
    for rank in range(2):
        environ = {**os.environ, "RANK": str(rank), "WORLD_SIZE": "2"}
        environ["PYTHONPATH"] = os.pathsep.join([str(tmp_path), *sys.path])
        done = subprocess.run(
            [sys.executable, "-c", "import ranked_job; print(ranked_job.config)"],
            env=environ,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.splitlines())
    different = [(a, b) for a, b in zip(*outputs, strict=True) if a != b]
    assert different == [
        ("        rank=0,  # env: RANK", "        rank=1,  # env: RANK")
    ]


def test_envvar_in_a_plain_config_is_a_definition_error() -> None:
    with pytest.raises(ConfigDefinitionError) as raised:

        @pconfig
        class Plain:
            port: int = EnvVar("PORT", 80)

    where = "test_envvar_in_a_plain_config_is_a_definition_error.<locals>.Plain"
    assert str(raised.value) == (
        f"{where}.port = EnvVar('PORT', 80): only a @penv class reads environment "
        "variables\n"
        f"  {where} is a @pconfig class, so the EnvVar would be a plain default value\n"
        f"  Fix: decorate {where} with @penv instead of @pconfig, or declare the "
        "variable in a @penv class and type a field with it"
    )


def test_the_original_import_path_gives_the_same_names() -> None:
    import pconfigs
    from pconfigs.pinnable import penum as original_penum
    from pconfigs.pinnable import penv as original_penv
    from pconfigs.pinnable import psetter as original_psetter

    assert original_penv is pconfigs.penv
    assert original_penum is pconfigs.penum
    assert original_psetter is pconfigs.psetter
