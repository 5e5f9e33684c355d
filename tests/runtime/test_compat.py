"""Required anywhere, ignored Pins, ValueError compatibility, import paths."""

import threading
from typing import Any

import pytest

from pconfigs import (
    Pin,
    Pinned,
    Required,
    pconfig,
    pconfiged,
    pdefaults,
    pinputs,
    pproperty,
)
from pconfigs.config import find_required
from pconfigs.errors import (
    ConfigDefinitionError,
    DefaultsError,
    PinnedFieldError,
    RequiredValuesError,
)


@pconfiged
class Runner:
    config: "Holder"


@pconfig(constructs=Runner)
class Holder:
    items: list[Any] = []  # noqa: RUF012
    pairs: tuple[Any, ...] = ()
    table: dict[Any, Any] = {}  # noqa: RUF012
    tags: set[Any] = set()  # noqa: RUF012


def test_required_inside_containers_is_found_with_its_path() -> None:
    holder = Holder(
        items=[Required, [1, Required]],
        pairs=(Required,),
        table={"k": Required, Required: 1},
        tags={Required},
    )
    assert find_required(holder) == [
        "items[0]",
        "items[1][1]",
        "pairs[0]",
        "table['k']",
        "table[Required] (a key)",
        "tags (a set item)",
    ]


def test_construct_refuses_required_inside_a_container_naming_the_path() -> None:
    with pytest.raises(RequiredValuesError) as raised:
        Holder(items=[Required]).construct()
    assert str(raised.value) == (
        'Holder.construct(): 1 field is still Required: "items[0]"\n'
        "  Required is a placeholder in a registered default for a value that must "
        "be given later\n"
        "  Fix: give it a value, e.g. Holder(config, items=...)"
    )


# -- a Pin that would be ignored -------------------------------------------------


@pconfig
class Model:
    width: int
    params: Pinned[int]
    version: Pinned[int]

    @pproperty
    def params(self) -> int:
        return self.width * 2

    @pproperty
    def version(self) -> int:
        pinned = pinputs(self).version
        return 1 if pinned is Pinned else int(pinned.value)


def test_a_pin_for_a_pproperty_that_ignores_its_input_is_an_error() -> None:
    with pytest.raises(PinnedFieldError) as raised:
        Model(width=2, params=Pin(10))
    assert str(raised.value) == (
        "Pin(10) for Model.params would be ignored: @pproperty Model.params never "
        "reads pinputs(self).params\n"
        "  The @pproperty computes params from other fields, so the pinned value "
        "would silently be dropped\n"
        "  Fix: drop the argument (or pass params=Pinned), or read "
        "pinputs(self).params in the @pproperty to use a pinned value"
    )
    assert isinstance(raised.value, ValueError)


def test_a_pin_for_a_pproperty_that_reads_its_input_is_used() -> None:
    assert Model(width=2, version=Pin(7)).version == 7
    assert Model(width=2).version == 1


# -- ValueError compatibility ----------------------------------------------------


def test_errors_the_original_raised_as_value_error_are_value_errors() -> None:
    @pconfig
    class Cycle:
        size: int

    with pytest.raises(ValueError):
        Model(width=2, params=3)
    with pytest.raises(ValueError):

        @pconfig
        class SelfRead:
            a: Pinned[int]

            @pproperty
            def a(self) -> int:
                return self.a  # type: ignore[no-any-return]

    with pytest.raises(ValueError):

        @pconfig
        class Loop:
            a: Pinned[int]
            b: Pinned[int]

            @pproperty
            def a(self) -> int:
                return self.b

            @pproperty
            def b(self) -> int:
                return self.a

    with pytest.raises(ValueError):

        @pconfig
        class Sub(Holder):
            pass

    @pconfig(inherit_constructable_type=True)
    class SubHolder(Holder):
        pass

    with pytest.raises(ValueError):
        Holder(SubHolder())
    with pytest.raises(ValueError):
        model: Any = Model(width=1)
        model.params = 3


def test_the_pinned_error_does_not_claim_a_registered_pin() -> None:
    @pconfig
    class Fixed:
        version: Pinned[int]

    with pytest.raises(PinnedFieldError) as raised:
        Fixed(version=3)
    assert str(raised.value) == (
        f"Cannot set pinned field {Fixed.__qualname__}.version; no @pproperty "
        "computes it and only Pin(...) may set it (got 3 (int))\n"
        "  The value came from a keyword argument\n"
        "  Fix: drop the argument, or pin a value in a registered default: "
        f"pdefaults += {Fixed.__qualname__}(..., version=Pin(3))"
    )

    registry = pdefaults
    registry += Fixed(version=Pin(2))
    with pytest.raises(PinnedFieldError) as raised:
        Fixed(version=3)
    assert str(raised.value).startswith(
        f"Cannot set pinned field {Fixed.__qualname__}.version; it is fixed by "
        "Pin(...) in a "
        "registered default (got 3 (int))\n"
    )


def test_the_original_import_paths_work() -> None:
    from pconfigs import pinnable

    namespace: dict[str, Any] = {}
    exec(
        "from pconfigs.pinnable import pconfig, pconfiged, pdefaults, pproperty, "
        "pinputs, Pinned, Pin, Required",
        namespace,
    )
    import pconfigs

    for name in ("pconfig", "pconfiged", "pdefaults", "pproperty", "pinputs"):
        assert namespace[name] is getattr(pconfigs, name)
        assert name in pinnable.__all__
    assert namespace["Pinned"] is Pinned and namespace["Required"] is Required
    assert issubclass(ConfigDefinitionError, TypeError)


# -- registering defaults is atomic ----------------------------------------------


def test_racing_registrations_one_succeeds_the_others_get_the_second_registration_error() -> (
    None
):
    @pconfig
    class Raced:
        seed: int

    configs = [Raced(seed=n) for n in range(16)]
    start = threading.Barrier(16)
    outcomes: list[object] = []
    lock = threading.Lock()

    def register(config: Any) -> None:
        start.wait()
        registry = pdefaults
        try:
            registry += config
            result: object = "ok"
        except DefaultsError as error:
            result = error
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=register, args=(c,)) for c in configs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    errors = [o for o in outcomes if o != "ok"]
    assert len(errors) == 15
    assert all(
        str(e).startswith(f"pdefaults already has a default for {Raced.__qualname__}; ")
        for e in errors
    )
    winner = pdefaults(Raced)
    assert winner is not None and Raced() == winner
