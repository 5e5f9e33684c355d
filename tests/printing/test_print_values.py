"""Every value kind prints as a valid Python literal, verbatim."""

import math
import pathlib

import black
import print_zoo as zoo
import print_zoo_other as other

from pconfigs import Required
from pconfigs.printing import format_config, format_module

EXPECTED = """\
from print_zoo import Pair, Leaf, helper, Color, Level, Mode
from print_zoo_other import Leaf as Leaf_v2, helper as helper_v2
from pathlib import Path
from pconfigs import Required

# NOTE: This code is not intended to run. It is for reading and looking up type definitions.
# If you want to run or inspect these objects, import the config from where it is defined.

Pair(
    first=Leaf(
        value=Leaf_v2(
            value=[helper, helper_v2, int],
        ),
    ),
    second={
        "text": 'it\\'s "quoted"\\n',
        "unicode": "héllo wörld ✓",
        "path": Path("/data/run 1"),
        "enums": (Color.red, Level.low, Mode.eval),
        "none": None,
        "floats": [float("inf"), -float("inf"), float("nan"), 1e16, 2.5e-08],
        "empty": [[], (), {}, set(), frozenset()],
        "one": (1,),
        "required": Required,
    },
)
"""


def test_every_value_kind_prints_as_a_literal_and_colliding_names_get_v2():
    config = zoo.Pair(
        first=zoo.Leaf(value=other.Leaf(value=[zoo.helper, other.helper, int])),
        second={
            "text": 'it\'s "quoted"\n',
            "unicode": "héllo wörld ✓",
            "path": pathlib.Path("/data/run 1"),
            "enums": (zoo.Color.red, zoo.Level.low, zoo.Mode.eval),
            "none": None,
            "floats": [math.inf, -math.inf, math.nan, 1e16, 2.5e-08],
            "empty": [[], (), {}, set(), frozenset()],
            "one": (1,),
            "required": Required,
        },
    )
    assert format_module(config) == EXPECTED
    assert black.format_str(EXPECTED, mode=black.Mode()) == EXPECTED


def test_a_list_that_does_not_fit_explodes_one_element_per_line():
    config = zoo.Leaf(value=list(range(100, 130)))
    assert format_config(config) == "\n".join(
        ["Leaf(", "    value=["]
        + [f"        {n}," for n in range(100, 130)]
        + ["    ],", ")"]
    )


def test_a_single_long_element_moves_to_its_own_line_without_a_comma():
    long = "x" * 80
    assert format_config(zoo.Leaf(value=[long])) == (
        f'Leaf(\n    value=[\n        "{long}"\n    ],\n)'
    )


def test_a_list_of_configs_prints_one_config_per_line_even_when_short():
    config = zoo.Leaf(value=[zoo.Leaf(value=1), zoo.Leaf(value=2)])
    assert format_config(config) == (
        "Leaf(\n"
        "    value=[\n"
        "        Leaf(\n"
        "            value=1,\n"
        "        ),\n"
        "        Leaf(\n"
        "            value=2,\n"
        "        ),\n"
        "    ],\n"
        ")"
    )


def test_a_pinned_nested_config_has_its_comment_after_the_opening_paren():
    text = format_config(zoo.JobConfig(payload="p"))
    assert text == (
        "JobConfig(\n"
        "    constructable_type=Job,  # ClassVar (omit from config)\n"
        '    payload="p",\n'
        "    size=3,  # Pinned (omit from config)\n"
        "    child=Leaf(  # Pinned (omit from config)\n"
        '        value="p",\n'
        "    ),\n"
        ")"
    )


def test_a_pinned_list_of_configs_has_its_comment_after_the_closing_bracket():
    assert format_config(zoo.Batch(count=2)) == (
        "Batch(\n"
        "    count=2,\n"
        "    leaves=[\n"
        "        Leaf(\n"
        "            value=0,\n"
        "        ),\n"
        "        Leaf(\n"
        "            value=1,\n"
        "        ),\n"
        "    ],  # Pinned (omit from config)\n"
        ")"
    )


def test_a_numpy_scalar_prints_as_the_python_number():
    import numpy as np

    assert format_config(zoo.Leaf(value=[np.float64(0.5)])) == (
        "Leaf(\n    value=[0.5],\n)"
    )


def test_a_dataclass_instance_prints_as_a_call_with_its_init_fields():
    assert format_config(zoo.Leaf(value=zoo.Point(x=1, label="a"))) == (
        'Leaf(\n    value=Point(x=1, label="a"),\n)'
    )
