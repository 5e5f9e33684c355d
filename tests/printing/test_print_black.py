"""Black is the oracle: printed configs are valid Python that black leaves as is.

Hypothesis builds random config trees (nesting, short and long values, every
value kind the printer knows) and checks, for the reading and the runnable
form, that ``ast.parse`` accepts the text and ``black.format_str`` returns it
unchanged; the runnable form must also rebuild an equal config.
"""

import ast
import math
import pathlib
import unicodedata

import black
import print_zoo as zoo
import print_zoo_other as other
from black.strings import char_width
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pconfigs import Required
from pconfigs.printing import format_config, format_module


def same_width_as_black(char: str) -> bool:
    # Python 3.11's Unicode tables are older than black's width table; a few
    # symbols (e.g. U+2630..) changed width in between. Those are excluded.
    wide = unicodedata.east_asian_width(char) in "WF"
    return (2 if wide else 1) == char_width(char)


texts = st.text(
    alphabet=st.characters(codec="utf-8").filter(same_width_as_black),
    max_size=40,
) | st.sampled_from(
    ["", "x" * 90, "both ' and \"", "tab\tnew\nline\\", "日本語の文字列" * 8]
)
floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [1e16, -1e-7, 0.1, 123456789.123456789, -0.0]
)
atoms = st.one_of(
    st.none(),
    st.booleans(),
    st.integers() | st.integers(min_value=10**30, max_value=10**40),
    floats,
    texts,
    st.binary(max_size=20),
    texts.map(pathlib.Path),
    st.sampled_from(
        [zoo.Color.red, zoo.Level.high, zoo.Mode.train, zoo.helper, other.helper]
    ),
    st.sampled_from([zoo.Leaf, other.Leaf, int, pathlib.Path, Required, len]),
    st.complex_numbers(allow_nan=False, max_magnitude=1e6),
)
keys = st.one_of(
    st.integers(),
    texts,
    st.booleans(),
    st.none(),
    st.sampled_from([zoo.Color.green, zoo.Level.low]),
    st.tuples(st.integers(), texts),
    st.tuples(texts),
    st.frozensets(st.integers(), max_size=3),
)
hashables = st.one_of(st.integers(), texts)


def configs(values):
    return st.one_of(
        st.builds(zoo.Leaf, value=values),
        st.builds(other.Leaf, value=values),
        st.builds(zoo.Pair, first=values, second=values),
        st.builds(
            zoo.Wide,
            **{
                "a_rather_long_field_name_that_pushes_values_towards_the_right_margin": values
            },
        ),
        st.builds(zoo.JobConfig, payload=values),
        st.builds(zoo.Batch, count=st.integers(0, 3)),
    )


def extend(values):
    return st.one_of(
        configs(values),
        st.lists(values, max_size=6),
        st.builds(zoo.Point, x=st.integers(), label=values),
        st.lists(values, max_size=3).map(tuple),
        st.dictionaries(keys, values, max_size=4),
        st.sets(hashables, max_size=4),
        st.frozensets(hashables, max_size=3),
        st.lists(configs(values), min_size=1, max_size=3),
        st.lists(configs(values), min_size=1, max_size=2).map(tuple),
        st.dictionaries(texts, configs(values), min_size=1, max_size=2),
    )


values = st.recursive(atoms, extend, max_leaves=25)
trees = configs(values)

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_black_stable(text: str) -> None:
    ast.parse(text)
    assert black.format_str(text, mode=black.Mode()) == text


@SETTINGS
@given(trees)
def test_printed_configs_parse_and_black_leaves_them_unchanged(config):
    assert_black_stable(format_module(config))
    assert_black_stable(format_config(config) + "\n")


@SETTINGS
@given(trees)
def test_runnable_output_is_black_stable_and_rebuilds_the_config(config):
    text = format_module(config, runnable=True)
    assert_black_stable(text)
    namespace: dict[str, object] = {}
    exec(compile(text, "<printed>", "exec"), namespace)
    rebuilt = namespace["config"]
    assert format_module(rebuilt) == format_module(config)
    if "nan" not in text:
        assert rebuilt == config


def test_a_nan_prints_in_a_form_that_parses():
    text = format_config(zoo.Leaf(value=[math.nan, -math.inf, math.inf]))
    assert text == ('Leaf(\n    value=[float("nan"), -float("inf"), float("inf")],\n)')
