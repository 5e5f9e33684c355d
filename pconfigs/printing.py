"""Printing configs as Python code, laid out exactly as black would.

Two steps. :class:`_Builder` turns a config into a small tree of layout nodes
(an :class:`_Atom` never splits; a :class:`_Group` is a bracket pair with
items) and collects the imports its names need. :func:`_emit` then lays the
tree out with the rules black (default mode, 88 columns) applies to such
code: a line that fits stays whole, otherwise it splits at its last bracket
pair, and a body that still does not fit (or is a collection literal with
several items, or ends with a magic trailing comma) gets one item per line.
Configs and collections of configs always get a trailing comma, so black
keeps them exploded. Black is the test oracle (``tests/printing``), never a
run-time dependency.

Each node's width is computed once, bottom-up, and a node's one-line text is
built only when it fits in a line, so printing is linear in the config size.
"""

from __future__ import annotations

import enum
import math
import pathlib
import types
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pconfigs.config import is_config, is_config_class, spec_of
from pconfigs.environment import ENV_ATTR
from pconfigs.errors import (
    NotRebuildableError,
    PrintCycleError,
    describe,
    message,
)
from pconfigs.frozen import FrozenDict, FrozenList, FrozenSet
from pconfigs.optional import OptionalConfig
from pconfigs.sentinels import Pin, Pinned, Required

__all__ = ["LINE_LENGTH", "NOTE", "format_config", "format_module"]

LINE_LENGTH = 88
NOTE = (
    "# NOTE: This code is not intended to run. It is for reading and looking up "
    "type definitions.\n"
    "# If you want to run or inspect these objects, import the config from where "
    "it is defined."
)
PINNED_COMMENT = "  # Pinned (omit from config)"
CLASSVAR_COMMENT = "  # ClassVar (omit from config)"
REPR_COMMENT = "  # repr() text: not code that rebuilds the value"
_INDENT = "    "


def format_config(config: Any) -> str:
    """The config as a constructor call: what ``str(cfg)`` and ``repr(cfg)`` show.

    >>> print(format_config(config))  # doctest: +SKIP
    TrainerConfig(
        constructable_type=Trainer,  # ClassVar (omit from config)
        steps=5,
        ...
    )
    """
    builder = _Builder(runnable=False)
    return "\n".join(_layout(builder.node(config), prefix=""))


def format_module(
    config: Any,
    *,
    runnable: bool = False,
    name: str = "config",
    comments: Mapping[tuple[int, str], str] | None = None,
) -> str:
    """The config as a Python module: imports, then the constructor call.

    The default is for reading: the two NOTE lines, and ``constructable_type``
    and ``Pinned`` fields marked ``# ... (omit from config)``. With
    ``runnable=True`` the module omits them and assigns the call to ``name``,
    so executing it rebuilds a config equal to ``config``. ``comments`` ends
    the line of a field with a comment: ``(id(owner config), field)`` to the
    comment (``"  # --set"`` marks overridden values).
    """
    builder = _Builder(runnable=runnable, comments=comments)
    root = builder.node(config)
    body = _layout(root, prefix=f"{name} = " if runnable else "")
    parts = [*builder.imports.lines(), ""]
    if not runnable:
        parts += [NOTE, ""]
    return "\n".join([*parts, *body, ""])


# --------------------------------------------------------------------------
# Layout nodes


def str_width(text: str) -> int:
    """Columns ``text`` takes in an editor: East Asian wide characters count 2."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Atom:
    """Text that never splits: a name, a number, a string literal, ``[]``.

    Like a :class:`_Group`, an atom carries what its line adds around it: a
    ``prefix`` (``name=``, ``"key": ``, merged into ``text`` here) and the
    ``comment`` that ends the line.
    """

    __slots__ = ("comment", "text", "width")

    magic = False
    on_open = False
    items: tuple[()] = ()

    def __init__(self, text: str) -> None:
        self.text = text
        self.width: int = len(text) if text.isascii() else str_width(text)
        self.comment = ""

    def flat(self) -> str:
        return self.text

    def labelled(self, prefix: str) -> _Atom:
        self.text = prefix + self.text
        self.width += len(prefix) if prefix.isascii() else str_width(prefix)
        return self


class _Group:
    """A bracket pair: ``open`` (``Name(``, ``[``, ``{``), items, ``close``.

    ``trailing_comma`` marks a magic trailing comma (always one item per
    line); ``literal`` marks a list/tuple/dict/set display, which black
    explodes one item per line as soon as it splits a body of several items;
    ``one_tuple`` is ``(x,)``, whose comma is not magic. ``on_open`` puts the
    line's comment after the opening bracket when the group splits.
    """

    __slots__ = (
        "close",
        "comment",
        "items",
        "literal",
        "magic",
        "on_open",
        "one_tuple",
        "open",
        "prefix",
        "trailing_comma",
        "width",
    )

    def __init__(
        self,
        open: str,
        items: list[_Node],
        close: str,
        *,
        literal: bool,
        trailing_comma: bool = False,
        one_tuple: bool = False,
    ) -> None:
        self.prefix = ""
        self.open = open
        self.items = items
        self.close = close
        self.literal = literal
        self.trailing_comma = trailing_comma and bool(items)
        self.one_tuple = one_tuple
        self.comment = ""
        self.on_open = False
        # Black explodes a whole line when any bracket in it has a magic
        # trailing comma, however deep.
        self.magic: bool = self.trailing_comma or any(i.magic for i in items)
        self.width: int = (
            len(open)
            + (len(close) if close.isascii() else str_width(close))
            + sum(item.width for item in items)
            + 2 * max(0, len(items) - 1)
            + (1 if one_tuple or self.trailing_comma else 0)
        )

    def flat(self) -> str:
        inner = ", ".join([item.flat() for item in self.items])
        if self.one_tuple or self.trailing_comma:
            inner += ","
        return f"{self.prefix}{self.open}{inner}{self.close}"

    def labelled(self, prefix: str) -> _Group:
        self.prefix = prefix
        self.width += len(prefix) if prefix.isascii() else str_width(prefix)
        return self


class _ConfigGroup(_Group):
    """A config's constructor call."""

    __slots__ = ()


class _KeyedGroup(_Group):
    """``key: value`` in a dict where both have brackets: black may split either.

    Black splits the value's brackets unless that leaves a head line
    (``key: value(``) too long while everything from the key's closing
    bracket on fits in a line; then it splits the key's instead
    (``right_hand_split_with_omits``). A head line that stays too long is
    itself split at the key.
    """

    __slots__ = ("key", "value")

    def __init__(self, key: _Group, value: _Group) -> None:
        super().__init__(
            value.open,
            value.items,
            value.close,
            literal=value.literal,
            trailing_comma=value.trailing_comma,
            one_tuple=value.one_tuple,
        )
        self.key = key
        self.value = value
        self.labelled(key.flat() + ": ")

    def head_fits(self, depth: int) -> bool:
        return 4 * depth + self.key.width + 2 + len(self.open) <= LINE_LENGTH

    def split_at_key(self, depth: int, suffix: str) -> bool:
        if self.magic or self.head_fits(depth):
            return False
        rest = 4 * depth + len(self.key.close) + 2 + self.value.width + len(suffix)
        return rest <= LINE_LENGTH


_Node = _Atom | _Group


def _layout(root: _Node, prefix: str) -> list[str]:
    out: list[str] = []
    _emit(out, 0, root.labelled(prefix), "")
    return out


def _emit(out: list[str], depth: int, node: _Node, suffix: str) -> None:
    """Append the lines of ``node`` at ``depth``, followed by ``suffix``."""
    indent = _INDENT * depth
    comment = node.comment
    if (
        not node.magic
        and 4 * depth + node.width + len(suffix) + len(comment) <= LINE_LENGTH
    ) or not node.items:
        # It fits, or there is nothing to split on (black will not split an
        # empty pair either).
        out.append(f"{indent}{node.flat()}{suffix}{comment}")
        return
    assert isinstance(node, _Group)
    if isinstance(node, _KeyedGroup) and not node.head_fits(depth):
        key = node.key
        out.append(f"{indent}{key.open}")
        _emit_body(out, depth + 1, key)
        if node.split_at_key(depth, suffix):
            out.append(f"{indent}{key.close}: {node.value.flat()}{suffix}")
            return
        out.append(f"{indent}{key.close}: {node.open}")
        _emit_body(out, depth + 1, node)
        out.append(f"{indent}{node.close}{suffix}")
        return
    on_open = node.on_open
    out.append(f"{indent}{node.prefix}{node.open}{comment if on_open else ''}")
    _emit_body(out, depth + 1, node)
    out.append(f"{indent}{node.close}{suffix}{'' if on_open else comment}")


def _emit_body(out: list[str], depth: int, group: _Group) -> None:
    items = group.items
    if len(items) == 1 and not group.trailing_comma:
        # No comma to split at: the item gets the line and splits on its own.
        _emit(out, depth, items[0], "," if group.one_tuple else "")
        return
    if not group.literal and not group.magic:
        # A call's arguments stay on one line when they fit there.
        width = 4 * depth + sum(i.width for i in items) + 2 * (len(items) - 1)
        if width <= LINE_LENGTH and not any(i.comment for i in items):
            out.append(_INDENT * depth + ", ".join([i.flat() for i in items]))
            return
    for item in items:
        _emit(out, depth, item, ",")


# --------------------------------------------------------------------------
# Imports


class _Imports:
    """Names the printed code uses, imported once each; collisions get ``_v2``."""

    def __init__(self) -> None:
        self._alias: dict[tuple[str, str], str] = {}
        # Builtins the printed code calls by name: nothing imported may shadow them.
        self._taken: set[str] = {"complex", "float", "frozenset", "set"}
        self._by_module: dict[str, list[str]] = {}
        self._dotted: dict[int, str] = {}

    def name(self, module: str, name: str) -> str:
        """The local name for ``module.name``, importing it on first use."""
        key = (module, name)
        alias = self._alias.get(key)
        if alias is not None:
            return alias
        if module == "builtins":
            self._alias[key] = name
            self._taken.add(name)
            return name
        alias, version = name, 1
        while alias in self._taken:
            version += 1
            alias = f"{name}_v{version}"
        self._alias[key] = alias
        self._taken.add(alias)
        entry = name if alias == name else f"{name} as {alias}"
        self._by_module.setdefault(module, []).append(entry)
        return alias

    def of(self, obj: Any) -> str:
        """The dotted name of a class or function, its first part imported."""
        dotted = self._dotted.get(id(obj))
        if dotted is None:
            dotted = self._dotted[id(obj)] = self._import(obj)
        return dotted

    def _import(self, obj: Any) -> str:
        qualname: str = getattr(obj, "__qualname__", None) or obj.__name__
        # A class defined in a function cannot be imported; show its own name.
        qualname = qualname.rpartition("<locals>.")[2]
        first, dot, rest = qualname.partition(".")
        module = _public_module(
            getattr(obj, "__module__", None) or "builtins", first, obj
        )
        return self.name(module, first) + dot + rest

    def lines(self) -> Iterator[str]:
        for module, names in self._by_module.items():
            line = f"from {module} import {', '.join(names)}"
            if str_width(line) <= LINE_LENGTH:
                yield line
            else:
                yield f"from {module} import ("
                yield from (f"{_INDENT}{name}," for name in names)
                yield ")"


def _public_module(module: str, name: str, obj: Any) -> str:
    """The public package that re-exports ``obj`` from a private submodule.

    Python 3.13 defines ``Path`` in ``pathlib._local``; printed code imports it
    from ``pathlib``, the same on every Python.
    """
    import sys

    while "._" in module:
        parent = module.rpartition(".")[0]
        if getattr(sys.modules.get(parent), name, None) is not obj:
            break
        module = parent
    return module


# --------------------------------------------------------------------------
# From values to nodes


class _Builder:
    def __init__(
        self,
        *,
        runnable: bool,
        comments: Mapping[tuple[int, str], str] | None = None,
    ) -> None:
        self.runnable = runnable
        self.imports = _Imports()
        self.comments = comments
        # ids of the configs and containers being printed: one seen again
        # inside itself is a cycle, which would never finish printing.
        self.open: set[int] = set()
        self.reprs = 0  # values printed as repr() text, which rebuilds nothing
        self.root = ""

    def node(self, value: Any) -> _Node:
        kind = type(value)
        literal = _LITERALS.get(kind)
        if literal is not None:  # the common scalars, checked first for speed
            text = literal(value)
            return _Atom(text) if text is not None else self.float(value)
        if is_config_class(kind):
            return self.inside(value, self.config)
        if value is Required or value is Pinned or kind is OptionalConfig:
            return _Atom(self.imports.name("pconfigs", repr(value)))
        if isinstance(value, enum.Enum):
            return self.enum_member(value)
        if kind in _COLLECTIONS:
            return self.inside(value, self.collection)
        if isinstance(value, pathlib.PurePath):
            return self.call(value, [_Atom(string_literal(str(value)))])
        if value is type(None):
            return _Atom("type(None)")
        if isinstance(value, (types.GenericAlias, types.UnionType)) or (
            kind.__module__ == "typing"
        ):
            return self.type_expression(value)
        if isinstance(value, types.MethodType):
            return self.method(value)
        if isinstance(value, type) or (
            callable(value) and hasattr(value, "__qualname__")
        ):
            if "<lambda>" in value.__qualname__:
                return self.as_repr(value)
            return _Atom(self.imports.of(value))
        return self.inside(value, self.other)

    def inside(self, value: Any, build: Callable[[Any], _Node]) -> _Node:
        """``build(value)``, failing clearly if ``value`` contains itself."""
        key = id(value)
        if key in self.open:
            raise PrintCycleError(
                message(
                    f"Cannot print {self.root or type(value).__qualname__}: "
                    f"{_a(value)} inside it contains itself",
                    "Printing it (or the code that rebuilds it) would never end",
                    "Fix: break the cycle; hold a name or an index instead of "
                    "the object itself",
                )
            )
        self.open.add(key)
        try:
            return build(value)
        finally:
            self.open.discard(key)

    def as_repr(self, value: Any) -> _Node:
        """``repr(value)``: readable, but no code that rebuilds the value."""
        if self.runnable:
            raise NotRebuildableError(
                message(
                    f"Cannot print {self.root} as runnable code: it holds "
                    f"{describe(value)}, which no printed code rebuilds",
                    "Fix: hold a value that can be rebuilt (a module-level "
                    "function or class, a plain value, a config), or print "
                    "without --runnable to read it",
                )
            )
        self.reprs += 1
        return _Atom(repr(value))

    def type_expression(self, value: Any) -> _Node:
        """``list[int]``, ``int | None``, ``typing.Optional[int]`` as code."""
        import typing

        origin, args = typing.get_origin(value), typing.get_args(value)
        if isinstance(value, types.UnionType):
            parts = [self.type_argument(a) for a in args]
            return _Atom(" | ".join(p.flat() for p in parts))
        if isinstance(value, types.GenericAlias) and origin is not None:
            inner = ", ".join(self.type_argument(a).flat() for a in args)
            return _Atom(f"{self.imports.of(origin)}[{inner}]")
        name = getattr(value, "_name", None) or getattr(value, "__name__", None)
        if origin is typing.Union and name == "Optional" and len(args) == 2:
            optional = self.imports.name("typing", "Optional")
            return _Atom(f"{optional}[{self.type_argument(args[0]).flat()}]")
        if origin is typing.Union:
            union = self.imports.name("typing", "Union")
            inner = ", ".join(self.type_argument(a).flat() for a in args)
            return _Atom(f"{union}[{inner}]")
        if origin is not None and name and hasattr(typing, name):
            alias = self.imports.name("typing", name)
            inner = ", ".join(self.type_argument(a).flat() for a in args)
            return _Atom(f"{alias}[{inner}]" if args else alias)
        if name and getattr(typing, name, None) is value:
            return _Atom(self.imports.name("typing", name))
        return self.as_repr(value)

    def type_argument(self, value: Any) -> _Node:
        return _Atom("None") if value is type(None) else self.node(value)

    def method(self, value: types.MethodType) -> _Node:
        owner = value.__self__
        if isinstance(owner, type) and getattr(owner, value.__name__, None) == value:
            return _Atom(f"{self.imports.of(owner)}.{value.__name__}")  # classmethod
        return self.as_repr(value)

    def config(self, config: Any) -> _Node:
        spec = spec_of(config)
        name = self.imports.of(type(config))
        self.root = self.root or type(config).__qualname__
        items: list[_Node] = []
        constructs = spec.constructable_type
        if (
            not self.runnable
            and constructs is not None
            and "constructable_type" not in spec.field_set
        ):
            marker = _Atom(self.imports.of(constructs))
            marker.labelled("constructable_type=").comment = CLASSVAR_COMMENT
            items.append(marker)
        wrapped = spec.wrapped
        if (
            not self.runnable
            and wrapped is not None
            and wrapped.kind != "mock"
            and wrapped.kind not in spec.field_set
        ):
            # calls=/mocks= configs name their target like constructable_type.
            target = _Atom(self.imports.of(wrapped.target))
            target.labelled(f"{wrapped.kind}=").comment = CLASSVAR_COMMENT
            items.append(target)
        env = type(config).__dict__.get(
            ENV_ATTR
        )  # a @penv snapshot names its variables
        # values_of, not config.__dict__: touching __dict__ would make every
        # later attribute read of a printed config slower.
        for field, value in zip(spec.fields, spec.values_of(config), strict=True):
            pinned = field in spec.pinned
            if pinned and self.runnable:
                pin = _own_pin(spec, config, field)
                if pin is not None:  # a Pin no registered default would give
                    items.append(self.pin(pin).labelled(f"{field}="))
                continue
            reprs = self.reprs
            node = self.node(value).labelled(f"{field}=")
            comment = PINNED_COMMENT if pinned else self.comment(config, field)
            if not comment and env is not None and field in env.fields:
                comment = f"  # env: {env.fields[field].variable}"
            if self.reprs != reprs and not is_config(value):
                comment = REPR_COMMENT
            if comment:
                node.comment = comment
                if isinstance(node, _Group) and is_config(value):
                    node.on_open = True  # after a nested config's "("
            items.append(node)
        return _ConfigGroup(f"{name}(", items, ")", literal=False, trailing_comma=True)

    def pin(self, pin: Pin[Any]) -> _Node:
        return _Group(
            f"{self.imports.name('pconfigs', 'Pin')}(",
            [self.node(pin.value)],
            ")",
            literal=False,
        )

    def comment(self, config: Any, field: str) -> str:
        return self.comments.get((id(config), field), "") if self.comments else ""

    def collection(self, value: Any) -> _Node:
        kind = type(value)
        kind = _PLAIN_KINDS.get(kind, kind)  # a config's frozen list prints as a list
        if kind is dict:
            items = [self.entry(key, item) for key, item in value.items()]
        elif kind is list and set(map(type, value)) <= _NUMBERS:
            items = _number_atoms(value)  # a schedule or a grid: the hot path
        else:
            node = self.node
            items = [node(item) for item in value]
        if kind in (set, frozenset):
            items.sort(key=_flat)  # sets have no order; print a stable one
        open, close = _BRACKETS[kind]
        if not items:
            return _Atom(
                f"{kind.__name__}()" if kind in (set, frozenset) else open + close
            )
        one_tuple = kind is tuple and len(items) == 1
        has_configs = any(map(_is_config_node, items))
        group = _Group(
            open,
            items,
            close,
            literal=True,
            trailing_comma=has_configs and not one_tuple,
            one_tuple=one_tuple,
        )
        if kind is frozenset:
            return _Group("frozenset(", [group], ")", literal=False)
        return group

    def entry(self, key: Any, value: Any) -> _Node:
        """``key: value`` in a dict display."""
        key_node, value_node = self.node(key), self.node(value)
        if not (isinstance(key_node, _Group) and key_node.items):
            return value_node.labelled(key_node.flat() + ": ")
        if isinstance(value_node, _Group) and value_node.items:
            return _KeyedGroup(key_node, value_node)
        # The key holds the line's only bracket pair, so black splits the
        # key and the value follows its closing bracket: `): value,`.
        return _Group(
            key_node.open,
            key_node.items,
            f"{key_node.close}: {value_node.flat()}",
            literal=key_node.literal,
            trailing_comma=key_node.trailing_comma,
            one_tuple=key_node.one_tuple,
        )

    @staticmethod
    def float(value: float) -> _Node:
        text = _finite_float(value)
        if text is not None:
            return _Atom(text)
        word = "nan" if math.isnan(value) else "inf"
        sign = "-" if value < 0 else ""
        return _Group(f"{sign}float(", [_Atom(f'"{word}"')], ")", literal=False)

    def enum_member(self, member: enum.Enum) -> _Node:
        cls = type(member)
        owner = self.imports.of(cls)
        name = member.name
        if (
            name is not None
            and name.isidentifier()
            and cls.__members__.get(name) is member
        ):
            return _Atom(f"{owner}.{name}")
        return self.call(member, [self.node(member.value)])

    def dataclass(self, value: Any) -> _Node:
        import dataclasses  # only for configs that hold dataclass instances

        fields = [f.name for f in dataclasses.fields(value) if f.init]
        items = [self.node(getattr(value, f)).labelled(f"{f}=") for f in fields]
        return self.call(value, items)

    def call(self, value: Any, items: list[_Node]) -> _Node:
        kind = type(value)
        if isinstance(value, pathlib.Path):
            kind = pathlib.Path  # PosixPath/WindowsPath print as Path
        return _Group(f"{self.imports.of(kind)}(", items, ")", literal=False)

    def other(self, value: Any) -> _Node:
        if isinstance(value, complex):
            parts = [
                self.float(float(value.real)),  # numpy's complex has numpy parts
                self.float(float(value.imag)),
            ]
            return _Group("complex(", parts, ")", literal=False)
        fields = getattr(type(value), "_fields", None)
        if isinstance(value, tuple) and isinstance(fields, tuple):
            items = [
                self.node(v).labelled(f"{f}=")
                for f, v in zip(fields, value, strict=True)
            ]
            return self.call(value, items)
        if isinstance(value, bytes):
            return _Atom(bytes_literal(value))
        if hasattr(type(value), "__dataclass_fields__"):
            return self.dataclass(value)
        if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
            return self.numpy_scalar(value)
        bases: tuple[Any, ...] = (int, float, str, list, tuple, dict)
        for base in bases:
            if isinstance(value, base):
                # A subclass of a builtin: print its value as the builtin.
                converted: Any = base(value)
                return self.node(converted)
        return self.as_repr(value)

    def numpy_scalar(self, value: Any) -> _Node:
        """A numpy scalar (``np.float64(0.1)``) prints as the equal Python value."""
        item = value.item()
        # longdouble and clongdouble give back numpy values, datetime64 a
        # datetime, void bytes that lose the dtype: those print as repr.
        if type(item) not in _PLAIN_SCALARS or not _equal(item, value):
            return self.as_repr(value)
        return self.node(item)


_PLAIN_SCALARS = frozenset({bool, int, float, complex, str, bytes})


def _own_pin(spec: Any, config: Any, field: str) -> Pin[Any] | None:
    """The ``Pin`` input of ``field`` unless the registered default gives it."""
    given = spec.input_of(config, field)
    if not isinstance(given, Pin):
        return None
    default = spec.default
    if default is not None:
        default_spec = spec_of(default)
        if field in default_spec.field_set and _equal(
            default_spec.input_of(default, field), given
        ):
            return None
    return given


def _equal(item: Any, value: Any) -> bool:
    try:
        return bool(item == value) or (item != item and value != value)  # NaN
    except Exception:
        return False


def _a(value: Any) -> str:
    if is_config(value):
        return f"config {type(value).__qualname__}"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


# The containers configs store (frozen) and the builtins they print as.
_PLAIN_KINDS: dict[type, type] = {FrozenList: list, FrozenDict: dict, FrozenSet: set}
_COLLECTIONS = frozenset({list, tuple, dict, set, frozenset, *_PLAIN_KINDS})


def _finite_float(value: float) -> str | None:
    text = repr(value)
    if text[-1] in "fn":  # inf, nan: not literals
        return None
    return text.replace("e+", "e") if "e+" in text else text  # black: 1e16


_LITERALS: dict[type, Callable[[Any], str | None]] = {
    float: _finite_float,
    int: repr,
    bool: repr,
    type(None): repr,
    str: lambda text: string_literal(text),
}

_BRACKETS: dict[type, tuple[str, str]] = {
    list: ("[", "]"),
    tuple: ("(", ")"),
    dict: ("{", "}"),
    set: ("{", "}"),
    frozenset: ("{", "}"),
}


def _is_config_node(node: _Node) -> bool:
    if isinstance(node, _KeyedGroup):
        node = node.value
    return isinstance(node, _ConfigGroup)


_NUMBERS = {int, float}


def _number_atoms(numbers: list[float]) -> list[_Node]:
    atoms: list[_Node] = []
    for number in numbers:
        text = repr(number)
        if "e+" in text:
            text = text.replace("e+", "e")
        elif text[-1] in "fn":  # inf, nan
            atoms.append(_Builder.float(number))
            continue
        atoms.append(_Atom(text))
    return atoms


def _flat(node: _Node) -> str:
    return node.flat()


# --------------------------------------------------------------------------
# Literals as black writes them


def string_literal(text: str) -> str:
    """``text`` as a string literal with black's choice of quotes.

    Black prefers double quotes unless they need more escapes than single
    quotes would.
    """
    quote = "'" if text.count('"') > text.count("'") else '"'
    if text.isprintable() and "\\" not in text and quote not in text:
        return f"{quote}{text}{quote}"
    return quote + "".join(_escape(c, quote) for c in text) + quote


def _escape(char: str, quote: str) -> str:
    if char == "\\" or char == quote:
        return "\\" + char
    if char.isprintable():
        return char
    return repr(char)[1:-1]


def bytes_literal(data: bytes) -> str:
    """``data`` as a bytes literal with black's choice of quotes."""
    quote = "'" if data.count(b'"') > data.count(b"'") else '"'
    return "b" + quote + "".join(_escape_byte(b, quote) for b in data) + quote


def _escape_byte(byte: int, quote: str) -> str:
    char = chr(byte)
    if char == "\\" or char == quote:
        return "\\" + char
    if 32 <= byte < 127:
        return char
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(byte, f"\\x{byte:02x}")
