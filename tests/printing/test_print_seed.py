"""The seed experiment prints exactly as the seed page shows.

Floats are this platform's ``repr`` of the computed schedule, so the
expected text fills them in; everything else is byte for byte.
"""

import ast

import black
from project.experiments.second import config

from pconfigs.printing import format_config, format_module

SEED_BODY = """\
TrainerConfig(
    constructable_type=Trainer,  # ClassVar (omit from config)
    steps=5,
    base_lr=0.001,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
    effective_batch_size=8,  # Pinned (omit from config)
    lr_schedule=[
        {0},
        {1},
        {2},
        {3},
        {4},
        {5},
    ],  # Pinned (omit from config)
)"""

SEED_HEADER = """\
from project.modules.trainer import TrainerConfig, Trainer

# NOTE: This code is not intended to run. It is for reading and looking up type definitions.
# If you want to run or inspect these objects, import the config from where it is defined.

"""


def expected_body() -> str:
    return SEED_BODY.format(*(repr(lr) for lr in config.lr_schedule))


def test_str_of_the_seed_config_is_the_body_alone():
    assert str(config) == expected_body()
    assert repr(config) == expected_body()
    assert format_config(config) == expected_body()


def test_the_seed_module_text_has_the_header_then_the_body():
    assert format_module(config) == SEED_HEADER + expected_body() + "\n"


def test_the_seed_output_is_valid_python_that_black_leaves_unchanged():
    text = format_module(config)
    ast.parse(text)
    assert black.format_str(text, mode=black.Mode()) == text


def test_the_runnable_seed_rebuilds_an_equal_config():
    text = format_module(config, runnable=True)
    assert text == (
        "from project.modules.trainer import TrainerConfig\n"
        "\n"
        "config = TrainerConfig(\n"
        "    steps=5,\n"
        "    base_lr=0.001,\n"
        "    total_steps=6,\n"
        "    min_lr_ratio=0.1,\n"
        "    grad_accum_steps=4,\n"
        "    num_devices=2,\n"
        ")\n"
    )
    assert black.format_str(text, mode=black.Mode()) == text
    namespace: dict[str, object] = {}
    exec(compile(text, "<printed>", "exec"), namespace)
    assert namespace["config"] == config
