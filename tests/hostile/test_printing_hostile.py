"""Printing never crashes and never lies: each value prints as code that
rebuilds it, or as ``repr`` marked so ``--runnable`` refuses it."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hostile_trees import Tree, pconfigs

from pconfigs import Pin, Pinned, pconfig, pdefaults
from pconfigs.errors import NotRebuildableError, PrintCycleError
from pconfigs.printing import REPR_COMMENT, format_module


@pconfig
class Holder:
    value: object


class Owner:
    @classmethod
    def make(cls) -> Owner:
        return cls()

    def method(self) -> None:
        pass


def rebuilt(config: Any) -> Any:
    namespace: dict[str, Any] = {}
    exec(format_module(config, runnable=True), namespace)
    return namespace["config"]


REBUILDABLE = [
    list[int],
    dict[str, list[int]],
    type[int],
    typing.Optional[int],  # noqa: UP045
    typing.Union[int, str],  # noqa: UP007
    int | None,
    type(None),
    typing.List[int],  # noqa: UP006
    typing.Callable[[int], str],
    typing.Any,
    Owner.make,
    str.upper,
    *(np.dtype(code).type(1) for code in "?bBhHiIlLqQefdFD"),
    np.float32(0.1),
    np.float64("nan"),
    np.str_("x"),
    np.bytes_(b"x"),
]


@pytest.mark.parametrize("value", REBUILDABLE, ids=repr)
def test_runnable_code_rebuilds_an_equal_value(value: object) -> None:
    config = Holder(value=value)
    again = rebuilt(config)
    assert again.value == value or (value != value and again.value != again.value)
    assert REPR_COMMENT not in format_module(config)


NOT_REBUILDABLE = [
    lambda: 1,
    Owner().method,
    np.longdouble("0.1"),
    np.clongdouble(1),
    np.datetime64("2020-01-01"),
    object(),
]


@pytest.mark.parametrize("value", NOT_REBUILDABLE, ids=lambda v: type(v).__name__)
def test_values_without_code_print_as_marked_repr_and_runnable_refuses(
    value: object,
) -> None:
    config = Holder(value=value)
    assert f"    value={value!r},{REPR_COMMENT}\n" in format_module(config)
    with pytest.raises(NotRebuildableError) as raised:
        format_module(config, runnable=True)
    text = " ".join(repr(value).split("\n"))
    shown = text if len(text) <= 60 else text[:57] + "..."
    assert str(raised.value) == (
        f"Cannot print Holder as runnable code: it holds {shown} "
        f"({type(value).__name__}), which no printed code rebuilds\n"
        "  Fix: hold a value that can be rebuilt (a module-level function or "
        "class, a plain value, a config), or print without --runnable to read it"
    )


CYCLE = (
    "Cannot print Holder: {what} inside it contains itself\n"
    "  Printing it (or the code that rebuilds it) would never end\n"
    "  Fix: break the cycle; hold a name or an index instead of the object itself"
)


def test_a_self_referencing_container_is_one_error_in_repr() -> None:
    items: list[object] = [1]
    items.append(items)
    with pytest.raises(PrintCycleError) as raised:
        repr(Holder(value=items))
    assert str(raised.value) == CYCLE.format(what="a list")
    mapping: dict[str, object] = {}
    mapping["self"] = mapping
    with pytest.raises(PrintCycleError) as raised:
        str(Holder(value=[mapping]))
    assert str(raised.value) == CYCLE.format(what="a dict")


def test_a_config_cannot_come_to_contain_itself_through_a_list() -> None:
    # A config stores a frozen copy of a list, so appending the config to the
    # caller's list afterwards cannot make the config hold itself.
    box: list[object] = []
    config = Holder(value=box)
    box.append(config)
    assert config.value == []
    assert "value=[]" in repr(config)


@pconfig
class Versioned:
    path: str
    version: Pinned[int]


pdefaults += Versioned(path="ckpt/", version=Pin(3))


def test_runnable_code_keeps_a_pin_that_no_default_gives() -> None:
    pinned = Versioned(path="runs/", version=Pin(4))
    assert rebuilt(pinned) == pinned
    assert rebuilt(pinned).version == 4
    assert "Pin(" not in format_module(Versioned(path="runs/"), runnable=True)


# print, run and check validate a config before anything else.
CHECKED_CYCLE = (
    "cyclic (C): a value inside it contains itself (or is nested too deeply "
    "to check)\n"
    "  Checking or printing it would never end\n"
    "  Fix: break the cycle; hold a name or an index instead of the object itself"
)


def test_print_cli_cycles_and_non_rebuildable_values_are_one_paragraph(
    tree: Tree,
) -> None:
    tree(
        {
            "pkg/__init__.py": "",
            "pkg/exp.py": "from pconfigs import pconfig\n\n\n@pconfig\n"
            "class C:\n    v: object\n\n\n"
            "items = [1]\nitems.append(items)\n"
            "cyclic = C(v=items)\nfunction = C(v=lambda: 1)\n"
            "print('hello from the experiment')\n",
        }
    )
    hello = "hello from the experiment\n"
    # print keeps stdout for the printed code; run leaves the experiment's own.
    for command, out, err in (("print", "", hello), ("run", hello, "")):
        done = pconfigs(command, "pkg.exp.cyclic")
        assert (done.returncode, done.stdout, done.stderr) == (
            1,
            out,
            f'{err}pconfigs {command}: "pkg.exp.cyclic" is not valid: '
            + CHECKED_CYCLE
            + "\n",
        )
    (Path("pkg") / "__pconfigs__.py").write_text("")
    done = pconfigs("check")
    assert (done.returncode, done.stdout) == (
        1,
        "pkg.exp ... FAILED: ValidationError: "
        + CHECKED_CYCLE.replace("\n  ", "\n      ")
        + "\n    at pkg/exp.py\n0 passed, 1 failed\n",
    )
    done = pconfigs("print", "--runnable", "pkg.exp.function")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(
        "hello from the experiment\n"
        "pconfigs print: Cannot print C as runnable code: it holds <function "
    )
    done = pconfigs("print", "pkg.exp.function")
    assert done.returncode == 0
    assert done.stderr == "hello from the experiment\n"
    assert done.stdout.startswith("from pkg.exp import C\n")
