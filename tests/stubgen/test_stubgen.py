"""``python -m pconfigs.stubgen``: what it writes, ``--check``, and errors.

The generator imports the modules it documents, so each test runs it in a
subprocess (the real command) rather than importing test packages here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import black
import pytest

from pconfigs import Pinned, Required

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ZOO = REPO / "tests" / "pyright" / "zoo"


def stubgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pconfigs.stubgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def zoo_stubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zoo") / "stubs"
    result = stubgen("zoo", "-o", str(out), cwd=ZOO)
    assert result.returncode == 0, result.stderr
    return out


def test_the_committed_example_stubs_are_fresh():
    result = stubgen("examples/project", "-o", "stubs", "--check", cwd=REPO)
    assert (result.returncode, result.stderr) == (0, "")


def test_check_names_each_stale_missing_or_orphaned_stub(tmp_path):
    project = tmp_path / "examples"
    shutil.copytree(EXAMPLES / "project", project / "project")
    shutil.copytree(REPO / "stubs", project / "stubs")
    trainer = project / "stubs" / "project" / "modules" / "trainer.pyi"
    trainer.write_text(trainer.read_text().replace("steps: int", "steps: str"))
    orphan = project / "stubs" / "project" / "gone.pyi"
    orphan.write_text(trainer.read_text())
    handwritten = project / "stubs" / "numpy" / "__init__.pyi"
    handwritten.parent.mkdir()
    handwritten.write_text("def f() -> int: ...\n")
    other_command = project / "stubs" / "other" / "models.pyi"
    other_command.parent.mkdir()
    other_command.write_text(trainer.read_text())

    result = stubgen("project", "-o", "stubs", "--check", cwd=project)

    assert result.returncode == 1
    assert result.stderr == (
        "stale stub: stubs/project/gone.pyi\n"
        "stale stub: stubs/project/modules/trainer.pyi\n"
        "pconfigs.stubgen: 2 stub(s) in stubs are stale\n"
        "  Fix: regenerate them with the same command without --check\n"
    )
    # Without --check the same command repairs both and leaves other stubs alone.
    assert stubgen("project", "-o", "stubs", cwd=project).returncode == 0
    assert not orphan.exists()
    assert handwritten.exists()
    assert other_command.exists()  # generated for another package: not ours to judge
    assert stubgen("project", "-o", "stubs", "--check", cwd=project).returncode == 0


def test_check_reports_a_stub_that_was_never_generated(tmp_path):
    shutil.copytree(EXAMPLES / "project", tmp_path / "project")
    result = stubgen("project", "-o", "stubs", "--check", cwd=tmp_path)
    assert result.returncode == 1
    assert "stale stub: stubs/project/modules/trainer.pyi" in result.stderr
    assert not (tmp_path / "stubs").exists()


def test_output_is_deterministic_and_black_formatted(zoo_stubs, tmp_path):
    again = tmp_path / "again"
    assert stubgen("zoo", "-o", str(again), cwd=ZOO).returncode == 0
    for stub in [*zoo_stubs.rglob("*.pyi"), *(REPO / "stubs").rglob("*.pyi")]:
        text = stub.read_text()
        assert black.format_str(text, mode=black.Mode(is_pyi=True)) == text, stub
    for stub in zoo_stubs.rglob("*.pyi"):
        assert (again / stub.relative_to(zoo_stubs)).read_text() == stub.read_text()


def test_only_modules_that_define_configs_get_stubs(zoo_stubs):
    assert sorted(
        p.relative_to(zoo_stubs).as_posix() for p in zoo_stubs.rglob("*")
    ) == [
        "zoo",
        "zoo/child.pyi",
        "zoo/environment.pyi",
        "zoo/inherit.pyi",
        "zoo/inherit_more.pyi",
        "zoo/models.pyi",
        "zoo/wrapped.pyi",
    ]


def test_a_class_without_defaults_gets_two_constructor_overloads(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    assert section(text, "class EncoderConfig:") == textwrap.dedent(
        '''\
        class EncoderConfig:
            """No registered default: every input field is required without a base."""

            kind: ClassVar[str]
            constructable_type: ClassVar[type[Encoder]]
            width: int
            """Hidden units per layer (a field docstring: the stub keeps it)."""
            depth: int
            activation: Literal["relu", "gelu"]
            params: Pinned[int] = ...
            @overload
            def __init__(
                self,
                *,
                width: int,
                depth: int,
                activation: Literal["relu", "gelu"],
                params: Pinned[Any] | type[Pinned[Any]] | Pin[Any] = ...,
            ) -> None: ...
            @overload
            def __init__(
                self,
                base: EncoderConfig,
                /,
                *bases: EncoderConfig,
                width: int = ...,
                depth: int = ...,
                activation: Literal["relu", "gelu"] = ...,
                params: Pinned[Any] | type[Pinned[Any]] | Pin[Any] = ...,
            ) -> None: ...
            def describe(self) -> str: ...
            @property
            def inputs(self) -> ConfigInputs: ...
            def construct(self) -> Encoder: ...

            class __pconfigs_section__:
                width: int
                depth: int
                activation: Literal["relu", "gelu"]

            class __pconfigs_setter__(__pconfigs_section__):
                def build(self) -> EncoderConfig: ...
        '''
    )


def test_a_class_whose_default_fills_every_field_gets_one_constructor(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    body = section(text, "class OptimizerConfig:")
    assert body.count("def __init__(") == 1
    assert "        *bases: OptimizerConfig,\n        lr: float = ...,\n" in body
    assert "constructable_type: ClassVar[None]" in body
    assert "def construct" not in body  # it constructs nothing: pyright says so


def test_a_field_still_required_in_the_default_stays_required(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    body = section(text, "class ModelConfig:")
    assert (
        "        *,\n        encoder: EncoderConfig,\n        optimizer: OptimizerConfig = ...,"
        in body
    )


def test_a_subclass_accepts_ancestor_bases_and_imports_what_their_fields_need(
    zoo_stubs,
):
    text = (zoo_stubs / "zoo" / "child.pyi").read_text()
    assert "import datetime as dt\nfrom collections.abc import Sequence\n" in text
    assert (
        "        base: OptimizerConfig,\n        /,\n        *bases: OptimizerConfig,"
        in text
    )
    # Inherited from the ancestor's default, except the field the subclass pins.
    assert "        lr: Pinned[Any] | type[Pinned[Any]] | Pin[Any] = ...,\n" in text
    assert "        started: dt.date = ...,\n" in text
    assert "        warmup: int,\n" in text


def test_fields_a_default_gives_are_marked_for_subclasses_in_checked_source(
    zoo_stubs,
):
    """``= ...`` on a field tells pyright a subclass (checked from its source)
    may leave it out: a Pinned field, or one a registered default gives."""
    models = (zoo_stubs / "zoo" / "models.pyi").read_text()
    assert "    lr: float = ...\n    betas: tuple[float, float] = ...\n" in models
    assert "    version: Pinned[int] = ...\n" in models
    encoder = section(models, "class EncoderConfig:")
    assert "    depth: int\n    activation" in encoder  # no default anywhere
    model = section(models, "class ModelConfig:")
    assert "    encoder: EncoderConfig\n" in model  # still Required in the default
    # A subclass whose default gives inherited fields the ancestor's stub
    # declares without one declares them again, in the ancestor's order.
    inherit = (zoo_stubs / "zoo" / "inherit.pyi").read_text()
    sized = section(inherit, "class SizedEncoderConfig(EncoderConfig):")
    assert sized.startswith(
        "class SizedEncoderConfig(EncoderConfig):\n"
        '    """Its default gives the inherited fields EncoderConfig leaves required."""\n'
        "\n"
        "    constructable_type: ClassVar[type[Encoder]]\n"
        "    width: int = ...\n"
        '    """Hidden units per layer (a field docstring: the stub keeps it)."""\n'
        "    depth: int = ...\n"
        '    activation: Literal["relu", "gelu"] = ...\n'
        "    heads: int = ...\n"
        "    def __init__(\n"
    )
    decay = section(inherit, "class DecayOptimizerConfig(OptimizerConfig):")
    assert "    decay: float = ...\n    def __init__(" in decay  # lr & co. inherited


def test_generic_configs_keep_their_type_parameters(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    assert 'T = TypeVar("T")' in text
    assert "class Box(Generic[T]):" in text
    assert "        base: Box[T],\n" in text


def test_a_module_that_fails_to_import_is_an_error_naming_it(tmp_path):
    package = tmp_path / "broken"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bad.py").write_text("raise RuntimeError('boom')\n")
    result = stubgen("broken", "-o", "stubs", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "pconfigs.stubgen: cannot import broken.bad: RuntimeError: boom\n"
    )


def test_stubgen_accepts_an_importable_package_name(tmp_path):
    result = stubgen("zoo", "-o", str(tmp_path / "stubs"), cwd=ZOO)
    by_folder = stubgen(
        str(ZOO / "zoo"), "-o", str(tmp_path / "by-folder"), cwd=tmp_path
    )
    assert result.returncode == by_folder.returncode == 0
    for stub in (tmp_path / "stubs").rglob("*.pyi"):
        twin = tmp_path / "by-folder" / stub.relative_to(tmp_path / "stubs")
        assert twin.read_text() == stub.read_text()


def section(text: str, start: str) -> str:
    """The stub of one class: from ``start`` to the next blank line that
    ends its body (one inside it, after a docstring, is followed by
    indented text)."""
    begin = text.index(start)
    match = re.compile(r"\n\n(?! )").search(text, begin)
    return text[begin:] if match is None else text[begin : match.start() + 1]


def test_the_pconfigs_console_script_has_a_stubgen_subcommand():
    console = Path(sys.executable).parent / "pconfigs"
    result = subprocess.run(
        [str(console), "stubgen", "examples/project", "-o", "stubs", "--check"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_usage_mistakes_exit_2_on_the_given_stream():
    import io

    from pconfigs.stubgen import main

    err = io.StringIO()
    assert main(["--bogus"], io.StringIO(), err) == 2
    assert err.getvalue().endswith(
        "pconfigs stubgen: error: unrecognized arguments: --bogus\n"
    )


def test_inherited_generic_fields_take_the_subclass_s_type_arguments(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    body = section(text, "class IntBox(Box[int]):")
    assert "        item: int,\n" in body
    assert "        base: Box[int],\n        /,\n        *bases: Box[int],\n" in body


def test_type_arguments_follow_a_chain_of_generic_bases():
    from typing import Generic, TypeVar

    from pconfigs.stubgen import _type_arguments

    T = TypeVar("T")
    U = TypeVar("U")

    class Box(Generic[T]): ...

    class ListBox(Box[list[U]], Generic[U]): ...

    class StrListBox(ListBox[str]): ...

    assert _type_arguments(StrListBox, Box) == {T: list[str]}
    assert _type_arguments(StrListBox, ListBox) == {U: str}
    assert _type_arguments(ListBox, Box) == {T: list[U]}
    assert _type_arguments(Box, Box) == {}


def test_config_classes_nested_in_a_namespace_class_are_rewritten(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    body = section(text, "class Presets:")
    assert "    @pconfig\n    class Small:\n" in body
    assert "            *bases: Presets.Small,\n            size: int = ...,\n" in body
    assert "        def doubled(self) -> int: ...\n" in body


def test_long_signatures_and_single_quotes_from_mypy_are_reformatted(zoo_stubs):
    text = (zoo_stubs / "zoo" / "models.pyi").read_text()
    assert (
        "def build_schedule(\n"
        '    start: float, stop: float, steps: int, warmup: int = 0, shape: str = "cosine"\n'
        ") -> list[float]:\n"
        '    """A long signature and a single-quoted default: mypy\'s stub generator\n'
    ) in text
    assert '    shape: str = "cosine",\n    repeat: int = 1,\n) -> list[float]:' in text


def test_stub_packages_are_partial_stub_packages_of_the_same_stubs(tmp_path):
    """``--stub-packages``: PACKAGE-stubs/ with a py.typed saying ``partial``
    (the layout pyrefly and zuban read), the same stub text, and --check."""
    plain = tmp_path / "plain"
    packaged = tmp_path / "packaged"
    assert stubgen("zoo", "-o", str(plain), cwd=ZOO).returncode == 0
    result = stubgen("zoo", "-o", str(packaged), "--stub-packages", cwd=ZOO)
    assert result.returncode == 0, result.stderr
    assert sorted(
        p.relative_to(packaged).as_posix() for p in packaged.rglob("*") if p.is_file()
    ) == [
        "zoo-stubs/child.pyi",
        "zoo-stubs/environment.pyi",
        "zoo-stubs/inherit.pyi",
        "zoo-stubs/inherit_more.pyi",
        "zoo-stubs/models.pyi",
        "zoo-stubs/py.typed",
        "zoo-stubs/wrapped.pyi",
    ]
    assert (packaged / "zoo-stubs" / "py.typed").read_text() == "partial\n"
    for stub in plain.rglob("*.pyi"):
        relative = stub.relative_to(plain / "zoo")
        assert (packaged / "zoo-stubs" / relative).read_text() == stub.read_text()
    check = ["zoo", "-o", str(packaged), "--stub-packages", "--check"]
    assert stubgen(*check, cwd=ZOO).returncode == 0
    (packaged / "zoo-stubs" / "py.typed").unlink()
    result = stubgen(*check, cwd=ZOO)
    assert result.returncode == 1
    assert f"stale stub: {packaged}/zoo-stubs/py.typed\n" in result.stderr


def test_fields_from_a_calls_target_are_written_out_with_their_imports(zoo_stubs):
    text = (zoo_stubs / "zoo" / "wrapped.pyi").read_text()
    assert "from pathlib import Path\n" in text
    assert (
        "@pconfig\n"
        "class ScaleConfig:\n"
        "    constructable_type: ClassVar[None]\n"
        "    offset: float = ...\n"
        '    mode: Literal["linear", "log"] = ...\n'
        "    clip: bool | None = ...\n"
        "    lr: float = ...\n"
        "    betas: tuple[float, float] = ...\n"
        "    out: Path = ...\n"
    ) in text
    # The call takes what the config does not set, typed as the target's.
    assert (
        "    def __call__(self, data: list[float], factor: float) -> tuple[float, ...]: ...\n"
        in text
    )


def test_an_omitted_parameter_is_no_field_but_the_call_takes_it(zoo_stubs):
    text = (zoo_stubs / "zoo" / "wrapped.pyi").read_text()
    plain = text.split("class PlainScaleConfig:")[1].split("@pconfig")[0]
    fields, call = plain.split("    def __call__(")
    assert "betas" not in fields
    assert "Omitted" not in plain
    # After the configured offset (passed as a keyword) it is keyword-only.
    assert call.startswith(
        "\n"
        "        self,\n"
        "        data: list[float],\n"
        "        factor: float,\n"
        "        *,\n"
        "        betas: tuple[float | Tensor, float | Tensor] = ...,\n"
        "    ) -> tuple[float, ...]: ...\n"
    )


def test_a_target_without_annotations_is_called_with_any(zoo_stubs):
    text = (zoo_stubs / "zoo" / "wrapped.pyi").read_text()
    assert "    def __call__(self, a: Any, b: Any) -> Any: ...\n" in text


def test_mocks_and_mock_configs_construct_their_class(zoo_stubs):
    text = (zoo_stubs / "zoo" / "wrapped.pyi").read_text()
    # construct() passes keywords only: the rest of __init__, keyword-only.
    assert "    def construct(self, *, params: list[float]) -> Optimizer: ...\n" in text
    assert (
        "    def construct(self, *, params: list[float]) -> TrackedOptimizer: ...\n"
        in text
    )
    tracked = text.split("class TrackedConfig:")[1]
    assert "    lr: float = ...\n    nesterov: bool = ...\n    label: str\n" in tracked


class _ClassLevelValues:
    """Read from this file's source, as stubgen reads a config class's body."""

    steps: int = 100
    """How many steps."""
    name: str
    later: int = Required  # a placeholder, not a default
    computed: Pinned[int] = Pinned


def test_class_level_values_are_defaults_and_field_docstrings_are_kept():
    """A field with a class-level value (other than ``Required``) is one a
    call may leave out: its stub line ends in ``= ...``."""
    from pconfigs.stubgen import _class_source

    source = _class_source(_ClassLevelValues)
    assert list(source.annotations) == ["steps", "name", "later", "computed"]
    assert source.valued == {"steps", "computed"}
    assert source.docstrings == {"steps": '"""How many steps."""'}
