"""The generated ``__init__`` of every config class.

Like :mod:`dataclasses`, pconfigs writes one ``__init__`` per class as source
text and compiles it: each field becomes a keyword parameter and a local, so
merging keywords with bases and defaults, checking Pinned values and running
``@pproperty`` methods in dependency order costs a few local-variable tests
per field instead of dictionary work. The benchmark in
``benchmarks/runtime_speed.py`` holds this to <= 1.25x a frozen dataclass.
Unlike dataclasses, the body is compiled when the class is first built, not
when it is decorated (see ``make_init``).
"""

from __future__ import annotations

import sys
from types import CodeType
from typing import TYPE_CHECKING, Any

from pconfigs._names import INPUTS_ATTR
from pconfigs.frozen import (
    MUTABLE_KINDS,
    STORED_KINDS,
    FrozenList,
    freeze,
    freeze_as,
    freeze_pin,
    store_as,
)
from pconfigs.sentinels import Pin, Pinned, Required

if TYPE_CHECKING:
    from collections.abc import Callable

    from pconfigs.config import ConfigSpec

__all__ = [
    "MISSING",
    "early_values",
    "forget_early_values",
    "make_init",
    "register_sources",
]

# Values of @pproperty fields computed on demand (a read dependency inference
# did not foresee), keyed by (id(config), field), so the generated __init__
# stores them instead of running the body a second time.
early_values: dict[tuple[int, str], Any] = {}


def forget_early_values(obj: object) -> None:
    """Drop what a failed construction of ``obj`` left in ``early_values``."""
    if early_values:
        key = id(obj)
        for stale in [k for k in early_values if k[0] == key]:
            del early_values[stale]


# Generated sources not yet in linecache: importing linecache costs more than
# the rest of pconfigs' import, so sources wait here until it is loaded (by a
# traceback, a debugger, inspect) or until an error leaves a generated
# __init__.
_pending_sources: dict[str, str] = {}


def register_sources() -> None:
    """Put every generated ``__init__``'s source into :mod:`linecache`, so
    tracebacks, debuggers and ``inspect.getsource`` show it."""
    import linecache

    while _pending_sources:
        filename, source = _pending_sources.popitem()
        # mtime None: linecache.checkcache keeps entries that have no file.
        linecache.cache[filename] = (
            len(source),
            None,
            source.splitlines(True),
            filename,
        )


def _remember_source(filename: str, source: str) -> None:
    _pending_sources[filename] = source
    if "linecache" in sys.modules:
        register_sources()


# The default of a keyword parameter nobody passed.
MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "<missing>"})()


def make_init(spec: ConfigSpec, errors: Any) -> Callable[..., None]:
    """The ``__init__`` for ``spec.cls``: its signature now, its body when the
    class is first constructed.

    Compiling the body is most of what decorating a class would cost (about
    1.4 ms for 20 fields), and a module of configs (the wrappers of a
    library's optimizers, a tree of sections) is imported far more often than
    each of its classes is built. So the class gets an ``__init__`` compiled
    from the first two lines of the generated source: the real signature
    (``inspect.signature``, keyword errors and ``inspect.getsource`` see the
    whole ``__init__``) and a line that compiles the body, puts it in the
    class's place and calls it. The body's own copy of that line finds
    ``__pc_first`` empty and falls through.

    ``errors`` provides ``unknown``, ``pinned``, ``undecorated`` and
    ``ignored_pin`` callables that build the detailed errors, ``missing``
    that returns the missing values filled in (from the environment) or
    raises, and ``computing`` and ``validating`` that annotate an exception
    raised by a ``@pproperty`` or ``__post_init__``.
    """
    lines = _init_lines(spec)
    source = "\n".join(lines) + "\n"
    filename = f"<pconfigs __init__ of {spec.cls.__module__}.{spec.cls.__qualname__}>"
    _remember_source(filename, source)
    first = _FirstUse(spec, errors, source, filename)
    namespace: dict[str, Any] = {
        "__pc_M": MISSING,
        "__pc_P": Pinned,
        "__pc_first": first,
        "__pc_given": first.given,
    }
    exec(_compiled("\n".join(lines[:2]) + "\n", filename), namespace)
    first.signature_only = namespace["__init__"]
    return _named(first.signature_only, spec)


class _FirstUse:
    """Compiles a class's ``__init__`` body when the class is first built."""

    def __init__(self, spec: ConfigSpec, errors: Any, source: str, filename: str):
        self.spec = spec
        self.errors = errors
        self.source = source
        self.filename = filename
        self.signature_only: Callable[..., None] | None = None
        self.init: Callable[..., None] | None = None

    def __call__(self) -> Callable[..., None]:
        init = self.init
        if init is None:
            namespace = _namespace(self.spec, self.errors)
            exec(_compiled(self.source, self.filename), namespace)
            init = self.init = _named(namespace["__init__"], self.spec)
            cls = self.spec.cls
            if cls.__dict__.get("__init__") is self.signature_only:
                type.__setattr__(cls, "__init__", init)
        return init

    def given(self, values: tuple[Any, ...]) -> dict[str, Any]:
        """The keyword arguments the signature-only ``__init__`` received."""
        return dict(zip(self.spec.fields, values, strict=True))


def _named(init: Callable[..., None], spec: ConfigSpec) -> Callable[..., None]:
    init.__qualname__ = f"{spec.cls.__qualname__}.__init__"
    init.__module__ = spec.cls.__module__
    return init


def _namespace(spec: ConfigSpec, errors: Any) -> dict[str, Any]:
    """The globals of the generated ``__init__`` body."""
    namespace: dict[str, Any] = {
        "__pc_first": None,
        "__pc_cls": spec.cls,
        "__pc_spec": spec,
        "__pc_errors": errors,
        "__pc_setattr": object.__setattr__,
        "__pc_early": early_values,
        "__pc_id": id,
        "__pc_len": len,
        "__pc_list": list,
        "__pc_M": MISSING,
        "__pc_P": Pinned,
        "__pc_R": Required,
        "__pc_Pin": Pin,
        "__pc_mutable": MUTABLE_KINDS,
        "__pc_stored_kinds": STORED_KINDS,
        "__pc_attention": STORED_KINDS | {Pinned.__class__, Required.__class__},
        "__pc_freeze": freeze,
        "__pc_freeze_as": freeze_as,
        "__pc_freeze_pin": freeze_pin,
        "__pc_store": store_as,
        "__pc_name": spec.name,
        "__pc_list_type": list,
        "__pc_no_mutable": MUTABLE_KINDS.isdisjoint,
        "__pc_map": map,
        "__pc_type": type,
        "__pc_list_new": list.__new__,
        "__pc_list_extend": list.extend,
        "__pc_FrozenList": FrozenList,
    }
    for name in spec.fields:
        # Who a frozen container belongs to, built once per field.
        namespace[f"__pc_owner_{name}"] = (spec.name, name, "")
    for name, prop in spec.properties.items():
        namespace[f"__pc_f_{name}"] = prop.func
    return namespace


# Compiled sources, by text. The source names only fields and namespace
# entries, never the class, so classes of one shape (the same fields, pins
# and properties: calls= configs of one function, classes made in a loop)
# share one compilation, which is most of what decorating a class costs.
_code_by_source: dict[str, CodeType] = {}


def _compiled(source: str, filename: str) -> CodeType:
    code = _code_by_source.get(source)
    if code is None:
        code = _code_by_source[source] = compile(source, filename, "exec")
    elif code.co_filename != filename:
        # Tracebacks and inspect name the class whose __init__ this is.
        code = _renamed(code, filename)
    return code


def _renamed(code: CodeType, filename: str) -> CodeType:
    consts = tuple(
        _renamed(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts
    )
    return code.replace(co_filename=filename, co_consts=consts)


def _init_lines(spec: ConfigSpec) -> list[str]:
    fields = spec.fields
    params = ", ".join(
        f"{f}=__pc_P" if f in spec.pinned else f"{f}=__pc_M" for f in fields
    )
    given = "".join(f"{f}, " for f in fields)
    lines = [
        f"def __init__(__pc_self, /, *__pc_bases, {params}{', ' if params else ''}**__pc_unknown):",
        # Only in the signature-only __init__ (see make_init) is this set.
        "    if __pc_first: return __pc_first()(__pc_self, *__pc_bases, "
        f"**__pc_given(({given})), **__pc_unknown)",
        "    if __pc_self.__class__ is not __pc_cls:",
        "        __pc_errors.undecorated(__pc_cls, __pc_self)",
        "    if __pc_unknown:",
        "        raise __pc_errors.unknown(__pc_spec, __pc_list(__pc_unknown))",
    ]
    lines += _keyword_lines(spec)
    lines += [
        "    if not __pc_bases:",
        "        __pc_layer = __pc_spec.defaults_layer",
        "        if __pc_layer is None:",
        "            __pc_layer = __pc_spec.base_layer()",
    ]
    lines += _same_class_base_lines(spec)
    lines += [
        "    else:",
        "        __pc_layer = __pc_spec.layer(__pc_bases)",
        "    if __pc_layer:",
    ]
    for f in fields:
        absent = "__pc_P" if f in spec.pinned else "__pc_M"
        lines.append(
            f"        if {f} is {absent}: {f} = __pc_layer.get({f!r}, {absent})"
        )
    if not fields:
        lines.append("        pass")
    required = [f for f in fields if f not in spec.pinned]
    if required:
        lines += [
            "    if " + " or ".join(f"{f} is __pc_M" for f in required) + ":",
            # Off the fast path: fields read from the environment (@penv) are
            # filled in here, and anything still missing is an error.
            f"        ({', '.join(required)},) = __pc_errors.missing("
            f"__pc_spec, ({', '.join(required)},), __pc_bases)",
        ]
    lines += _store_lines(spec)
    lines += _compute_lines(spec)
    if getattr(spec.cls, "__post_init__", None) is not None:
        lines += [
            "    try:",
            "        __pc_self.__post_init__()",
            "    except BaseException as __pc_error:",
            "        __pc_errors.validating(__pc_spec, __pc_error)",
            "        raise",
        ]
    return lines


def _keyword_lines(spec: ConfigSpec) -> list[str]:
    """Check the keyword arguments of Pinned fields; freeze the inputs of
    computed fields (values from bases and defaults are frozen already)."""
    lines: list[str] = []
    for f in spec.fields:
        if f not in spec.pinned:
            if f in spec.properties:
                # Its input is kept as given (plain fields freeze on store).
                lines += [
                    f"    if {f}.__class__ in __pc_mutable:",
                    f"        {f} = __pc_freeze_as({f}, __pc_owner_{f})",
                ]
            continue
        lines += [
            f"    if {f} is not __pc_P:",
            f"        if {f}.__class__ is not __pc_Pin:",
            f"            raise __pc_errors.pinned(__pc_spec, {f!r}, {f})",
        ]
        if f in spec.properties and f not in spec.pin_readers:
            lines.append(
                f"        raise __pc_errors.ignored_pin(__pc_spec, {f!r}, {f})"
            )
        else:
            lines.append(f"        {f} = __pc_freeze_pin({f}, __pc_name, {f!r})")
    return lines


def _same_class_base_lines(spec: ConfigSpec) -> list[str]:
    """``C(base, ...)`` with ``base`` a ``C``: the commonest derivation.

    Its inputs are read straight off the base (no dictionary), and a base of
    the class itself holds every field, so defaults cannot show through.
    """
    lines = [
        "    elif __pc_len(__pc_bases) == 1 and __pc_bases[0].__class__ is __pc_cls:",
        "        __pc_base = __pc_bases[0]",
        "        __pc_layer = None",
    ]
    if any(f in spec.properties for f in spec.fields):
        lines.append(f"        __pc_inputs = __pc_base.{INPUTS_ATTR} or {{}}")
    for f in spec.fields:
        if f in spec.properties:
            absent = "__pc_P" if f in spec.pinned else "__pc_M"
            lines.append(
                f"        if {f} is {absent}: {f} = __pc_inputs.get({f!r}, __pc_P)"
            )
        else:
            absent = "__pc_P" if f in spec.pinned else "__pc_M"
            lines.append(f"        if {f} is {absent}: {f} = __pc_base.{f}")
    return lines


def _store_lines(spec: ConfigSpec) -> list[str]:
    """Set plain values, and keep the raw inputs that differ from values."""
    lines: list[str] = []
    read = _read_by_properties(spec)
    if read:
        lines.append("    __pc_unknown = False")
    for f in spec.fields:
        if f in spec.properties:
            continue
        # Containers are stored frozen; Pin(v) is accepted for any field at
        # run time: store v. One test covers both, so plain values pay once.
        if f in read:
            # The same test notices a sentinel that @pproperty methods
            # reading this field cannot compute from.
            lines += [
                f"    if {f}.__class__ in __pc_attention:",
                f"        if {f}.__class__ in __pc_stored_kinds: "
                f"{f} = __pc_store({f}, __pc_owner_{f})",
                f"        if {f} is __pc_R or {f} is __pc_P: __pc_unknown = True",
            ]
        else:
            lines.append(
                f"    if {f}.__class__ in __pc_stored_kinds: "
                f"{f} = __pc_store({f}, __pc_owner_{f})"
            )
        lines.append(f"    __pc_setattr(__pc_self, {f!r}, {f})")
    always = [f for f in spec.fields if f in spec.properties and f not in spec.pinned]
    sometimes = [f for f in spec.fields if f in spec.properties and f in spec.pinned]
    if not always and not sometimes:
        return lines
    if not always:
        # Only Pinned computed fields: inputs are kept only when one was
        # pinned, which is rare, so the common case builds no dictionary.
        given = " or ".join(f"{f} is not __pc_P" for f in sometimes)
        lines.append(f"    if {given}:")
        lines.append("        __pc_stored = {}")
        for f in sometimes:
            lines.append(f"        if {f} is not __pc_P: __pc_stored[{f!r}] = {f}")
        lines.append(f"        __pc_setattr(__pc_self, {INPUTS_ATTR!r}, __pc_stored)")
        return lines
    lines.append("    __pc_stored = {" + ", ".join(f"{f!r}: {f}" for f in always) + "}")
    for f in sometimes:
        lines.append(f"    if {f} is not __pc_P: __pc_stored[{f!r}] = {f}")
    lines.append(f"    __pc_setattr(__pc_self, {INPUTS_ATTR!r}, __pc_stored)")
    return lines


def _read_by_properties(spec: ConfigSpec) -> frozenset[str]:
    """The fields some ``@pproperty`` method reads."""
    return frozenset(d for deps in spec.deps.values() for d in deps)


def _compute_lines(spec: ConfigSpec) -> list[str]:
    lines: list[str] = []
    read = _read_by_properties(spec)
    for f in spec.order:
        deps = spec.deps[f]
        # Computed fields other @pproperty methods read tell them when they
        # are unknown (a sentinel), as plain fields do in _store_lines.
        noticed = ["        __pc_unknown = True"] if f in read else []
        lines.append(
            f"    if __pc_early and (__pc_id(__pc_self), {f!r}) in __pc_early:"
        )
        lines.append(f"        {f} = __pc_early.pop((__pc_id(__pc_self), {f!r}))[1]")
        if f in read:
            lines.append(
                f"        if {f} is __pc_R or {f} is __pc_P: __pc_unknown = True"
            )
        if f not in spec.pinned:
            # A user value still Required stays Required, for construct() to name.
            lines += [f"    elif {f} is __pc_R:", *(noticed or ["        pass"])]
        if deps:
            # Known inputs (the common case) cost one test of the flag.
            unknown = " or ".join(f"{d} is __pc_R or {d} is __pc_P" for d in deps)
            lines += [
                f"    elif __pc_unknown and ({unknown}):",
                f"        {f} = __pc_P",
                *noticed,
            ]
        lines += [
            "    else:",
            "        try:",
            f"            {f} = __pc_f_{f}(__pc_self)",
            "        except BaseException as __pc_error:",
            f"            __pc_errors.computing(__pc_spec, __pc_self, {f!r}, __pc_error)",
            "            raise",
        ]
        if f in read:
            lines.append(
                f"        if {f} is __pc_R or {f} is __pc_P: __pc_unknown = True"
            )
        lines += [
            # A computed list of scalars (a schedule, a grid) is the common
            # container: copied into a FrozenList inline, without a call.
            f"        if {f}.__class__ is __pc_list_type and __pc_no_mutable("
            f"__pc_map(__pc_type, {f})):",
            "            __pc_frozen = __pc_list_new(__pc_FrozenList)",
            f"            __pc_list_extend(__pc_frozen, {f})",
            f"            __pc_frozen._pc_owner = __pc_owner_{f}",
            f"            {f} = __pc_frozen",
            f"        elif {f}.__class__ in __pc_mutable:",
            f"            {f} = __pc_freeze_as({f}, __pc_owner_{f})",
            f"    __pc_setattr(__pc_self, {f!r}, {f})",
        ]
    return lines
