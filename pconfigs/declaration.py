"""What a ``@pconfig`` class body declares: its fields and its ``@pproperty``
methods, with their dependencies and evaluation order.

Everything here runs once per class, when the decorator is applied.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, get_origin

from pconfigs._names import SPEC_ATTR
from pconfigs.errors import (
    ConfigDefinitionError,
    PropertyCycleError,
    SelfReadError,
    did_you_mean,
    message,
)
from pconfigs.properties import PProperty
from pconfigs.sentinels import Pinned, PinnedAnnotation

if TYPE_CHECKING:
    from pconfigs.config import ConfigSpec

__all__ = [
    "collect_fields",
    "collect_properties",
    "evaluation_order",
    "infer_deps",
    "own_annotations",
    "reads_own_input",
    "self_reads",
]

_NO_VALUE: Any = object()


# --------------------------------------------------------------------------
# Fields


def collect_fields(
    cls: type, ancestors: tuple[type, ...]
) -> tuple[tuple[str, ...], frozenset[str], dict[str, Any], dict[str, Any]]:
    """Fields in order, the Pinned ones, every field's annotation, and the
    class-level values (this class's own defaults) written in ``cls``'s body."""
    order: dict[str, None] = {}
    class_values: dict[str, Any] = {}
    pinned: set[str] = set()
    annotations: dict[str, Any] = {}
    for ancestor in reversed(ancestors):
        ancestor_spec: ConfigSpec = ancestor.__dict__[SPEC_ATTR]
        for name in ancestor_spec.fields:
            order[name] = None
            annotations[name] = ancestor_spec.annotations[name]
            if name in ancestor_spec.pinned:
                pinned.add(name)
            else:
                pinned.discard(name)
    module_globals = getattr(sys.modules.get(cls.__module__), "__dict__", {})
    for name, annotation in own_annotations(cls).items():
        kind = _annotation_kind(annotation, module_globals)
        if kind == "classvar":
            continue
        reject_reserved_name(cls, name)
        value = _class_value(cls, name, pinned=kind == "pinned")
        if value is not _NO_VALUE:
            class_values[name] = value
        order[name] = None
        annotations[name] = annotation
        if kind == "pinned":
            pinned.add(name)
        else:
            pinned.discard(name)
    return tuple(order), frozenset(pinned), annotations, class_values


def own_annotations(cls: type) -> dict[str, Any]:
    if sys.version_info >= (3, 14):
        import annotationlib

        return dict(
            annotationlib.get_annotations(cls, format=annotationlib.Format.STRING)
        )
    return dict(cls.__dict__.get("__annotations__", {}))


def _annotation_kind(annotation: Any, module_globals: Mapping[str, Any]) -> str:
    """``"pinned"``, ``"classvar"`` or ``"field"``, without evaluating strings.

    String annotations (``from __future__ import annotations``) are read the
    way :mod:`dataclasses` reads them: the leading dotted name is looked up in
    the module; a name that cannot be resolved counts by its spelling.
    """
    if isinstance(annotation, str):
        head = annotation.strip().split("[", 1)[0].strip()
        resolved = _resolve_dotted(head, module_globals)
        if resolved is _NO_VALUE:
            last = head.rsplit(".", 1)[-1]
            return {"Pinned": "pinned", "ClassVar": "classvar"}.get(last, "field")
        annotation = resolved
    if annotation is Pinned or isinstance(annotation, PinnedAnnotation):
        return "pinned"
    if annotation is ClassVar or get_origin(annotation) is ClassVar:
        return "classvar"
    return "field"


def _resolve_dotted(path: str, namespace: Mapping[str, Any]) -> Any:
    first, *rest = path.split(".")
    value = namespace.get(first, _NO_VALUE)
    for part in rest:
        if value is _NO_VALUE:
            break
        value = getattr(value, part, _NO_VALUE)
    return value


def _class_value(cls: type, name: str, *, pinned: bool) -> Any:
    """The default ``cls``'s body gives field ``name``, or ``_NO_VALUE``.

    ``x: Pinned[int] = Pinned`` only spells out what every Pinned field
    means, so it gives no value. A ``@pproperty`` of the same name is the
    field's computation, not a value.
    """
    value = cls.__dict__.get(name, _NO_VALUE)
    if value is _NO_VALUE or isinstance(value, PProperty):
        return _NO_VALUE
    where = f"{cls.__qualname__}.{name}"
    if _is_dataclass_field(value):
        raise ConfigDefinitionError(
            message(
                f"{where} = dataclasses.field(...): config fields take their "
                "default as a plain value",
                "Configs are immutable, so a list, dict or config default is "
                "safe to share: no default_factory is needed",
                f"Fix: write the value itself (`{name}: list[int] = [1, 2]`), or "
                f"compute it with a @pproperty named {name}",
            )
        )
    if type(value).__module__ == "pconfigs.environment":  # EnvVar, not imported here
        raise ConfigDefinitionError(
            message(
                f"{where} = {value!r}: only a @penv class reads environment variables",
                f"{cls.__qualname__} is a @pconfig class, so the EnvVar would be "
                "a plain default value",
                f"Fix: decorate {cls.__qualname__} with @penv instead of @pconfig, or "
                "declare the variable in a @penv class and type a field with it",
            )
        )
    if isinstance(value, property):
        raise ConfigDefinitionError(
            message(
                f"{where} is a @property, but {name} is a config field",
                "A field's computed value comes from a @pproperty, which runs "
                "once when the config is built",
                f"Fix: decorate the method with @pproperty and annotate "
                f"`{name}: Pinned[T]`",
            )
        )
    if pinned:
        if value is Pinned:
            return _NO_VALUE
        raise ConfigDefinitionError(
            message(
                f"{where} is Pinned but has the class-level value {value!r}",
                "Users cannot set a Pinned field, and a class-level value would "
                "be a plain default for it",
                f"Fix: write `{name}: Pinned[T] = Pinned` and compute it with "
                f"@pproperty, or pin a fixed value in a registered default: "
                f"pdefaults += {cls.__qualname__}(..., {name}=Pin({value!r}))",
            )
        )
    if value is Pinned:
        raise ConfigDefinitionError(
            message(
                f"{where} = Pinned, but {name} is not a Pinned field",
                "`= Pinned` only goes with a Pinned annotation",
                f"Fix: annotate `{name}: Pinned[T] = Pinned`, or give a real default",
            )
        )
    return value


def _is_dataclass_field(value: object) -> bool:
    dataclasses = sys.modules.get("dataclasses")
    return dataclasses is not None and isinstance(value, dataclasses.Field)


# The config API on every config class; a field of the same name would hide it.
API_NAMES = ("inputs", "construct", "constructable_type")
# The generated __init__ names its parameters and helpers with this prefix.
RESERVED_PREFIX = "__pc_"


def reject_reserved_name(cls: type, name: str) -> None:
    if name in API_NAMES:
        what = {
            "inputs": "cfg.inputs, the view of the config's raw inputs",
            "construct": "cfg.construct(), which builds the constructs= class",
            "constructable_type": "the ClassVar naming the constructs= class",
        }[name]
        collision = f"it is {what}"
    elif name.startswith(RESERVED_PREFIX):
        collision = (
            f"names starting with {RESERVED_PREFIX!r} are reserved for the "
            "generated __init__"
        )
    else:
        return
    raise ConfigDefinitionError(
        message(
            f"{cls.__qualname__}.{name}: a config field cannot be named {name!r}; "
            + collision,
            f"Fix: rename the field, e.g. `{name.strip('_')}_: ...` or "
            f"`{cls.__qualname__.rsplit('.', 1)[-1].lower()}_{name.strip('_')}: ...`",
        )
    )


# --------------------------------------------------------------------------
# @pproperty methods


def collect_properties(cls: type, fields: frozenset[str]) -> dict[str, PProperty[Any]]:
    properties: dict[str, PProperty[Any]] = {}
    for owner in reversed(cls.__mro__):
        for name, value in owner.__dict__.items():
            if isinstance(value, PProperty):
                properties[name] = value
            elif name in properties and name not in fields:
                # A method or attribute overrides the @pproperty. A class-level
                # value on the field is a default input for it (``= Pinned``
                # included), so the computation stays.
                del properties[name]
    for name in properties:
        if name not in fields:
            raise ConfigDefinitionError(
                message(
                    f"{cls.__qualname__}.{name} is a @pproperty, but "
                    f"{cls.__qualname__} has no field {name!r}",
                    "A @pproperty computes the value of the field with its name",
                    f"Fix: declare the field in the class body: `{name}: Pinned[T]`",
                )
            )
    return properties


def infer_deps(
    cls: type, name: str, prop: PProperty[Any], fields: tuple[str, ...]
) -> tuple[str, ...]:
    """The fields ``prop`` reads, in field declaration order.

    Declaration order, not reading order: the order in which bytecode reads
    them differs between Python versions (3.12 inlines comprehensions), and
    dependencies must be the same on every version.
    """
    reads = set(self_reads(prop.func))
    if name in reads:
        raise SelfReadError(
            message(
                f"@pproperty {cls.__qualname__}.{name} reads self.{name}, "
                "its own value, which is what it computes",
                f"Fix: read the raw input with pinputs(self).{name}",
            )
        )
    unknown = [dep for dep in prop.extra_deps if dep not in fields]
    if unknown:
        raise ConfigDefinitionError(
            message(
                f"@pproperty {cls.__qualname__}.{name} declares deps={list(prop.extra_deps)!r}, "
                f"but {cls.__qualname__} has no field {unknown[0]!r}"
                + did_you_mean(unknown[0], fields),
                "Fix: list field names in deps=[...]",
            )
        )
    wanted = reads.union(prop.extra_deps) - {name}
    return tuple(field for field in fields if field in wanted)


_SELF_LOADS = frozenset(
    {"LOAD_FAST", "LOAD_DEREF", "LOAD_FAST_CHECK", "LOAD_FAST_BORROW", "LOAD_CLOSURE"}
)
# 3.13+ fuse two instructions into one whose argval is a pair of names; the
# second name is the one left on the stack for the next instruction.
_PAIR_LOADS = frozenset(
    {
        "LOAD_FAST_LOAD_FAST",
        "STORE_FAST_LOAD_FAST",
        "LOAD_FAST_BORROW_LOAD_FAST_BORROW",
    }
)
_ATTR_LOADS = frozenset({"LOAD_ATTR", "LOAD_METHOD"})


def self_reads(func: Callable[..., Any]) -> list[str]:
    """Names read as ``self.<name>`` or ``getattr(self, "<name>")`` in ``func``.

    Reads the bytecode rather than the source, so it works for functions whose
    source is unavailable, and follows nested functions and comprehensions
    that close over ``self``.
    """
    code = getattr(func, "__code__", None)
    if code is None or code.co_argcount < 1:
        return []
    import dis  # lazily: only class definitions with @pproperty pay for it

    self_name = code.co_varnames[0]
    reads: list[str] = []
    pending = [code]
    while pending:
        current = pending.pop()
        instructions = list(dis.get_instructions(current))
        for i, ins in enumerate(instructions[:-1]):
            loads_self = (ins.opname in _SELF_LOADS and ins.argval == self_name) or (
                ins.opname in _PAIR_LOADS
                and isinstance(ins.argval, tuple)
                and ins.argval[-1] == self_name
            )
            if not loads_self:
                continue
            nxt = instructions[i + 1]
            if (nxt.opname in _ATTR_LOADS and isinstance(nxt.argval, str)) or (
                nxt.opname == "LOAD_CONST"
                and isinstance(nxt.argval, str)
                and i > 0
                and instructions[i - 1].argval == "getattr"
            ):
                reads.append(nxt.argval)
        pending.extend(
            const
            for const in current.co_consts
            if hasattr(const, "co_code") and self_name in const.co_freevars
        )
    return reads


def reads_own_input(func: Callable[..., Any], name: str) -> bool:
    """Whether ``func`` may read its field's raw input: ``pinputs(self).name``,
    ``self.inputs.name`` or a ``getattr`` of it.

    Errs towards yes: the name must appear as an attribute or string in the
    body (or a nested function) together with ``pinputs`` or ``inputs``.
    """
    code = getattr(func, "__code__", None)
    if code is None:
        return True
    names: set[str] = set()
    pending = [code]
    while pending:
        current = pending.pop()
        names.update(current.co_names)
        names.update(c for c in current.co_consts if isinstance(c, str))
        pending.extend(c for c in current.co_consts if hasattr(c, "co_code"))
    return name in names and bool(names & {"pinputs", "inputs"})


def evaluation_order(
    class_name: str,
    fields: tuple[str, ...],
    properties: Mapping[str, PProperty[Any]],
    deps: Mapping[str, tuple[str, ...]],
) -> tuple[str, ...]:
    order: list[str] = []
    state: dict[str, str] = {}  # "visiting" or "done"

    def visit(name: str, path: list[str]) -> None:
        mark = state.get(name)
        if mark == "done":
            return
        if mark == "visiting":
            cycle = [*path[path.index(name) :], name]
            raise PropertyCycleError(
                message(
                    f"{class_name} @pproperty methods depend on each other in a cycle: "
                    + " -> ".join(cycle),
                    "Each @pproperty is computed after the fields it reads",
                    "Fix: compute one of them from inputs only, reading "
                    "pinputs(self).<name> instead of self.<name>",
                )
            )
        state[name] = "visiting"
        for dep in deps[name]:
            if dep in properties:
                visit(dep, [*path, name])
        state[name] = "done"
        order.append(name)

    for name in fields:
        if name in properties:
            visit(name, [])
    return tuple(order)
