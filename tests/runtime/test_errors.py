"""Error classes keep the builtin bases callers already catch."""

import pytest

from pconfigs import PconfigsError, pconfig
from pconfigs import errors as e


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (e.ConfigDefinitionError, TypeError),
        (e.PropertyCycleError, TypeError),
        (e.UnknownFieldError, TypeError),
        (e.MissingFieldsError, TypeError),
        (e.BaseConfigError, TypeError),
        (e.PinnedFieldError, TypeError),
        (e.NotConfiguredError, TypeError),
        (e.NotAConfigError, TypeError),
        (e.SentinelUsageError, TypeError),
        (e.FrozenConfigError, AttributeError),
        (e.SentinelAttributeError, AttributeError),
        (e.DefaultsError, ValueError),
        (e.RequiredValuesError, ValueError),
    ],
    ids=lambda value: value.__name__,
)
def test_error_classes_subclass_pconfigs_error_and_a_builtin(
    error: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(error, PconfigsError)
    assert issubclass(error, builtin)


def test_describe_shows_repr_and_type_on_one_line() -> None:
    @pconfig
    class Model:
        width: int

    assert e.describe(3) == "3 (int)"
    assert e.describe("a\nb") == "'a\\nb' (str)"
    assert e.describe(list(range(40))) == (
        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16... (list)"
    )
    assert e.describe(Model(width=1)) == (
        "test_describe_shows_repr_and_type_on_one_line.<locals>.Model(...) (Model)"
    )


def test_did_you_mean_and_join_names() -> None:
    assert e.did_you_mean("widht", ["width", "depth"]) == ' (did you mean "width"?)'
    assert e.did_you_mean("colour", ["width", "depth"]) == ""
    assert e.join_names(["a", "b"]) == '"a", "b"'
    assert e.message("Headline", "first", "", "second") == (
        "Headline\n  first\n  second"
    )
