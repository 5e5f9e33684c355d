"""The mypy plugin's part for ``@pconfig(calls=f)``, ``@pconfig(mocks=C)`` and
``@pconfig(constructs=Sub)`` of a ``@pconfiged(mock=True)`` class.

The runtime (``pconfigs/wrapped.py``) takes the config's fields from the
target's signature; this module does the same from the signature as mypy sees
it, before mypy's dataclass synthesis reads the class body: it adds one
``name: T`` declaration per configurable parameter the class does not declare,
drops the ``Omitted[T]`` ones, and reports a parameter a config cannot hold.
After the synthesis it types the call (``cfg(*args, **kw)``: the target minus
the configured parameters) and ``construct(**kw)``.

Imports only mypy, the standard library and ``pconfigs._names`` (like the
plugin). ``pconfigs.mypy_plugin`` puts a hash of this file into mypy's cache
key, so editing it invalidates cached results.
"""

from __future__ import annotations

from typing import Final

from mypy.errorcodes import ErrorCode
from mypy.messages import format_type_bare
from mypy.nodes import (
    ARG_NAMED,
    ARG_NAMED_OPT,
    ARG_OPT,
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    MDEF,
    Argument,
    AssignmentStmt,
    BytesExpr,
    CallExpr,
    ClassDef,
    Decorator,
    DictExpr,
    Expression,
    FloatExpr,
    FuncDef,
    IntExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    OverloadedFuncDef,
    RefExpr,
    SetExpr,
    StrExpr,
    SymbolTableNode,
    TempNode,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext
from mypy.plugins.common import add_method_to_class
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    PlaceholderType,
    ProperType,
    TupleType,
    Type,
    TypeOfAny,
    UnboundType,
    UnionType,
    get_proper_type,
)

from pconfigs import _names, mypy_records
from pconfigs.mypy_records import WrappedKind, WrappedRecord

NOT_CONFIGURABLE: Final = ErrorCode(
    "pconfigs-not-configurable",
    "A parameter of a calls=/mocks= target that a config cannot hold",
    "pconfigs",
)
WRAPPED_TARGET: Final = ErrorCode(
    "pconfigs-wrapped-target",
    "A calls=/mocks= target whose signature mypy cannot read",
    "pconfigs",
)

_SCALARS: Final = frozenset(
    {
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.bytes",
    }
)
# typeshed spells numeric parameters with these (math.isclose's rel_tol).
_NUMERIC_PROTOCOLS: Final = frozenset(
    {"typing.SupportsFloat", "typing.SupportsInt", "typing.SupportsIndex"}
)
_CONTAINERS: Final = frozenset(
    {
        "builtins.list",
        "builtins.tuple",
        "builtins.dict",
        "builtins.set",
        "builtins.frozenset",
        "typing.Sequence",
        "typing.MutableSequence",
        "typing.Mapping",
        "typing.MutableMapping",
        "typing.AbstractSet",
        "typing.MutableSet",
        "typing.Collection",
        "typing.Iterable",
    }
)


class Target:
    """What the plugin read from a wrapped config's target."""

    def __init__(
        self, kind: WrappedKind, name: str, signature: CallableType, returns: Type
    ) -> None:
        self.kind = kind
        self.name = name
        # Without self/cls; positional-only parameters have no name.
        self.signature = signature
        self.returns = returns


# --------------------------------------------------------------------------
# Before mypy's dataclass synthesis: the fields


def add_signature_fields(ctx: ClassDefContext) -> bool:
    """Give a wrapped config its signature's fields; ``False`` asks mypy to
    call again (a type in the signature is not analysed yet)."""
    info = ctx.cls.info
    if mypy_records.WRAPPED_KEY in info.metadata:
        return True  # added on an earlier call
    target = read_target(ctx)
    if target is None:
        return True
    if _has_unanalysed(target.signature) and not ctx.api.final_iteration:
        ctx.api.defer()
        return False
    own = _own_declarations(ctx.cls)
    omitted = _drop_omitted(ctx.cls, own)
    passed: list[str] = []
    defaulted: list[str] = []
    synthesized: list[AssignmentStmt] = []
    for index, name in enumerate(target.signature.arg_names):
        kind = target.signature.arg_kinds[index]
        if name is None or kind in (ARG_STAR, ARG_STAR2) or name in omitted:
            continue
        has_default = kind in (ARG_OPT, ARG_NAMED_OPT)
        if name in own:
            passed.append(name)
            if has_default:
                defaulted.append(name)
            continue
        if not has_default:
            continue
        field_type = _field_type(ctx, target, index)
        if field_type is None:
            continue
        synthesized.append(_declaration(ctx, name, field_type))
        passed.append(name)
        defaulted.append(name)
    ctx.cls.defs.body[:0] = synthesized
    mypy_records.store_wrapped(info, WrappedRecord(target.kind, passed, defaulted))
    return True


def read_target(ctx: ClassDefContext) -> Target | None:
    """The ``calls=``/``mocks=`` target of the decorator, or the external
    class of a ``constructs=`` class marked ``@pconfiged(mock=True)``."""
    reason = ctx.reason
    if not isinstance(reason, CallExpr):
        return None
    for name, arg in zip(reason.arg_names, reason.args, strict=True):
        if name == "calls":
            return _callable_target(ctx, arg)
        if name == "mocks":
            return _class_target(ctx, arg, "mocks")
        if name == "constructs" and _is_mock(arg):
            return _class_target(ctx, arg, "mock")
    return None


def _is_mock(arg: Expression) -> bool:
    if not (isinstance(arg, RefExpr) and isinstance(arg.node, TypeInfo)):
        return False
    record = mypy_records.configured_record(arg.node)
    return record is not None and record.mock


def _referenced(arg: Expression) -> object:
    """What ``arg`` names: a function, class, variable or class member."""
    if not isinstance(arg, RefExpr):
        return None
    if arg.node is not None:
        return arg.node
    # `Library.static`: semantic analysis leaves class members unbound.
    if isinstance(arg, MemberExpr) and isinstance(arg.expr, RefExpr):
        owner = arg.expr.node
        if isinstance(owner, TypeInfo):
            sym = owner.get(arg.name)
            return sym.node if sym is not None else None
    return None


def _callable_target(ctx: ClassDefContext, arg: Expression) -> Target | None:
    node = _referenced(arg)
    if isinstance(node, TypeInfo):
        return _class_target(ctx, arg, "calls")
    skip_first = False
    if isinstance(node, Decorator):
        skip_first = node.func.is_class
        node = node.func
    if isinstance(node, OverloadedFuncDef) and node.items:
        first = node.items[0]
        node = first.func if isinstance(first, Decorator) else first
    typ: ProperType | None = None
    if isinstance(node, FuncDef):
        typ = _function_type(ctx, node)
        skip_first = skip_first or node.is_class
    elif isinstance(node, Var):
        typ = get_proper_type(node.type)
    if not isinstance(typ, CallableType):
        _error_unreadable(ctx, arg)
        return None
    signature = _without_first(typ) if skip_first else typ
    return Target("calls", _fullname(arg), signature, typ.ret_type)


def _class_target(
    ctx: ClassDefContext, arg: Expression, kind: WrappedKind
) -> Target | None:
    info = arg.node if isinstance(arg, RefExpr) else None
    if not isinstance(info, TypeInfo):
        _error_unreadable(ctx, arg)
        return None
    start = 1 if kind == "mock" else 0
    for owner in info.mro[start:]:
        init = owner.names.get("__init__")
        if init is None:
            continue
        node = init.node
        if isinstance(node, Decorator):
            node = node.func
        typ = _function_type(ctx, node) if isinstance(node, FuncDef) else None
        if typ is None:
            _error_unreadable(ctx, arg)
            return None
        instance = Instance(
            info, [AnyType(TypeOfAny.special_form)] * len(info.defn.type_vars)
        )
        name = f"{owner.fullname}.__init__"
        return Target(kind, name, _without_first(typ), instance)
    return None


def _function_type(ctx: ClassDefContext, func: FuncDef) -> CallableType:
    typ = get_proper_type(func.type)
    if isinstance(typ, CallableType):
        return typ
    # An unannotated function: every parameter Any, as mypy sees it.
    anything = AnyType(TypeOfAny.unannotated)
    return CallableType(
        [anything] * len(func.arguments),
        [a.kind for a in func.arguments],
        [None if a.pos_only else a.variable.name for a in func.arguments],
        anything,
        ctx.api.named_type("builtins.function"),
        implicit=True,
        definition=func,
    )


def _without_first(typ: CallableType) -> CallableType:
    if not typ.arg_types or typ.arg_kinds[0] not in (ARG_POS, ARG_OPT):
        return typ
    return typ.copy_modified(
        arg_types=typ.arg_types[1:],
        arg_kinds=typ.arg_kinds[1:],
        arg_names=typ.arg_names[1:],
    )


def _fullname(arg: Expression) -> str:
    if isinstance(arg, RefExpr) and arg.fullname:
        return arg.fullname
    if isinstance(arg, MemberExpr) and isinstance(arg.expr, RefExpr):
        return f"{_fullname(arg.expr)}.{arg.name}"
    return "the target"


def _has_unanalysed(signature: CallableType) -> bool:
    return any(
        isinstance(t, (UnboundType, PlaceholderType))
        for t in map(get_proper_type, [*signature.arg_types, signature.ret_type])
    )


def _own_declarations(cls: ClassDef) -> set[str]:
    return {
        stmt.lvalues[0].name
        for stmt in cls.defs.body
        if isinstance(stmt, AssignmentStmt)
        and stmt.new_syntax
        and isinstance(stmt.lvalues[0], NameExpr)
    }


def _drop_omitted(cls: ClassDef, own: set[str]) -> set[str]:
    """Remove ``name: Omitted[T]`` declarations: they are not fields."""
    omitted: set[str] = set()
    kept = []
    for stmt in cls.defs.body:
        name = _omitted_name(cls.info, stmt)
        if name is None:
            kept.append(stmt)
            continue
        omitted.add(name)
        own.discard(name)
        del cls.info.names[name]
    cls.defs.body[:] = kept
    return omitted


def _omitted_name(info: TypeInfo, stmt: object) -> str | None:
    if not (
        isinstance(stmt, AssignmentStmt)
        and stmt.new_syntax
        and isinstance(stmt.lvalues[0], NameExpr)
    ):
        return None
    sym = info.names.get(stmt.lvalues[0].name)
    node = sym.node if sym is not None else None
    typ = get_proper_type(node.type) if isinstance(node, Var) else None
    if isinstance(typ, Instance) and typ.type.fullname in _names.OMITTED:
        return stmt.lvalues[0].name
    return None


def _field_type(ctx: ClassDefContext, target: Target, index: int) -> Type | None:
    """The configurable part of parameter ``index``'s type, or ``None`` after
    reporting that a config cannot hold it."""
    declared = get_proper_type(target.signature.arg_types[index])
    if isinstance(declared, AnyType) and declared.type_of_any == TypeOfAny.unannotated:
        inferred = _type_of_default(ctx, target, index)
        if inferred is None:
            _error_not_configurable(ctx, target, index, None, _is_none(target, index))
            return None
        declared = get_proper_type(inferred)
    narrowed = configurable(declared)
    if narrowed is None:
        _error_not_configurable(ctx, target, index, declared)
    return narrowed


def _default_of(target: Target, index: int) -> Expression | None:
    func = target.signature.definition
    if not isinstance(func, FuncDef):
        return None
    name = target.signature.arg_names[index]
    argument = next((a for a in func.arguments if a.variable.name == name), None)
    return argument.initializer if argument is not None else None


def _is_none(target: Target, index: int) -> bool:
    default = _default_of(target, index)
    return isinstance(default, NameExpr) and default.fullname == "builtins.None"


def _type_of_default(ctx: ClassDefContext, target: Target, index: int) -> Type | None:
    """``type(default)`` of an unannotated parameter, from its default's syntax."""
    default = _default_of(target, index)
    simple = {
        IntExpr: "builtins.int",
        StrExpr: "builtins.str",
        FloatExpr: "builtins.float",
        BytesExpr: "builtins.bytes",
        TupleExpr: "builtins.tuple",
        ListExpr: "builtins.list",
        DictExpr: "builtins.dict",
        SetExpr: "builtins.set",
    }
    for syntax, fullname in simple.items():
        if isinstance(default, syntax):
            # Bare containers, as at run time: items are not annotated.
            return ctx.api.named_type(
                fullname, [AnyType(TypeOfAny.from_omitted_generics)] * _arity(fullname)
            )
    if isinstance(default, NameExpr) and default.fullname in (
        "builtins.True",
        "builtins.False",
    ):
        return ctx.api.named_type("builtins.bool")
    return None


def _arity(fullname: str) -> int:
    return {"builtins.dict": 2, "builtins.tuple": 1}.get(
        fullname, 1 if fullname in _CONTAINERS else 0
    )


def configurable(typ: ProperType) -> Type | None:
    """``typ`` without its non-configurable union members (top level only);
    ``None`` when a config cannot hold it."""
    if isinstance(typ, UnionType):
        members = [m for m in typ.items if holds(get_proper_type(m))]
        if not members or all(
            isinstance(get_proper_type(m), NoneType) for m in members
        ):
            return None
        return UnionType.make_union(members)
    return typ if holds(typ) else None


def holds(typ: ProperType) -> bool:
    """Every value of ``typ`` is a plain value a config holds."""
    if isinstance(typ, (NoneType, LiteralType)):
        return True
    if isinstance(typ, AnyType):
        # Only the items of a bare container (`tuple`, `list`).
        return typ.type_of_any == TypeOfAny.from_omitted_generics
    if isinstance(typ, UnionType):
        return all(holds(get_proper_type(m)) for m in typ.items)
    if isinstance(typ, TupleType):
        return all(holds(get_proper_type(m)) for m in typ.items)
    if not isinstance(typ, Instance):
        return False
    if typ.last_known_value is not None:
        return True
    info = typ.type
    if info.fullname in _CONTAINERS:
        return all(holds(get_proper_type(a)) for a in typ.args)
    if info.is_enum or info.fullname in _NUMERIC_PROTOCOLS:
        return True
    return any(
        base.fullname in _SCALARS or base.fullname == "pathlib.PurePath"
        for base in info.mro
    )


def suggestion(typ: ProperType) -> Type | None:
    """``typ`` with non-configurable union members dropped at every level."""
    if isinstance(typ, UnionType):
        kept = [s for m in typ.items if (s := suggestion(get_proper_type(m)))]
        if not kept or all(isinstance(get_proper_type(k), NoneType) for k in kept):
            return None
        return UnionType.make_union(kept)
    if isinstance(typ, TupleType):
        items = [suggestion(get_proper_type(m)) for m in typ.items]
        if any(item is None for item in items):
            return None
        return typ.copy_modified(items=[i for i in items if i is not None])
    if isinstance(typ, Instance) and typ.type.fullname in _CONTAINERS and typ.args:
        args = [suggestion(get_proper_type(a)) for a in typ.args]
        if any(arg is None for arg in args):
            return None
        return typ.copy_modified(args=[a for a in args if a is not None])
    return typ if holds(typ) else None


def _declaration(ctx: ClassDefContext, name: str, typ: Type) -> AssignmentStmt:
    """``name: typ`` in the class body, as if the user had written it."""
    info = ctx.cls.info
    var = Var(name, typ)
    var.info = info
    var._fullname = f"{info.fullname}.{name}"
    var.set_line(ctx.cls)
    info.names[name] = SymbolTableNode(MDEF, var, plugin_generated=True)
    lvalue = NameExpr(name)
    lvalue.node = var
    lvalue.kind = MDEF
    lvalue.fullname = var._fullname
    lvalue.is_inferred_def = False
    rvalue = TempNode(AnyType(TypeOfAny.special_form), no_rhs=True)
    stmt = AssignmentStmt([lvalue], rvalue, type=typ, new_syntax=True)
    for node in (lvalue, rvalue, stmt):
        node.set_line(ctx.cls)
    return stmt


# --------------------------------------------------------------------------
# After the synthesis: the call and construct()


def defaulted(info: TypeInfo) -> list[str]:
    """Fields the signature's defaults (registered at run time) give a value."""
    record = mypy_records.wrapped_record(info)
    return list(record.defaulted) if record is not None else []


def constructs_target(info: TypeInfo) -> bool:
    """A ``mocks=`` config (or a subclass): its ``construct()`` builds the target."""
    return any(
        (record := mypy_records.wrapped_record(ancestor)) is not None
        and record.kind == "mocks"
        for ancestor, _ in mypy_records.config_ancestors(info, include_self=True)
    )


def add_call_and_construct(ctx: ClassDefContext) -> None:
    """``cfg(*args, **kw)`` for ``calls=``; ``construct(**kw)`` for the others:
    the target's signature minus the parameters the config passes."""
    record = mypy_records.wrapped_record(ctx.cls.info)
    target = read_target(ctx) if record is not None else None
    if target is None or record is None:
        return
    passed = set(record.passed)
    signature = _explicit(target.signature)
    # construct() passes keywords only: target(**configured, **runtime).
    arguments = _remaining_arguments(
        signature, passed, keywords_only=target.kind != "calls"
    )
    variables = list(target.signature.variables)
    if target.kind == "calls":
        if "__call__" not in ctx.cls.info.names:
            add_method_to_class(
                ctx.api,
                ctx.cls,
                "__call__",
                arguments,
                _explicit_any(target.returns),
                tvar_def=variables or None,  # type: ignore[arg-type]
            )
        return
    add_method_to_class(ctx.api, ctx.cls, "construct", arguments, target.returns)


def _explicit(signature: CallableType) -> CallableType:
    """An unannotated target's Any made explicit: the generated method must
    not read as unannotated code to --strict (disallow_untyped_defs)."""
    return signature.copy_modified(
        arg_types=[_explicit_any(t) for t in signature.arg_types]
    )


def _explicit_any(typ: Type) -> Type:
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType) and proper.type_of_any == TypeOfAny.unannotated:
        return AnyType(TypeOfAny.explicit)
    return typ


def _remaining_arguments(
    signature: CallableType, passed: set[str], keywords_only: bool
) -> list[Argument]:
    """The target's arguments the call still takes, as the runtime passes
    them: the configured values reach the target as keywords, so an argument
    after one of them can only be given by keyword (and ``*args`` not at all)."""
    arguments: list[Argument] = []
    for index, (name, kind, typ) in enumerate(
        zip(signature.arg_names, signature.arg_kinds, signature.arg_types, strict=True)
    ):
        if name is not None and name in passed:
            keywords_only = True
            continue
        if keywords_only and (name is None or kind == ARG_STAR):
            continue  # positional-only, or *args: nothing can reach it
        if keywords_only and kind in (ARG_POS, ARG_OPT):
            kind = ARG_NAMED if kind == ARG_POS else ARG_NAMED_OPT
        shown = name if name is not None else f"__arg{index}"
        argument = Argument(Var(shown, typ), typ, None, kind, pos_only=name is None)
        arguments.append(argument)
    return arguments


# --------------------------------------------------------------------------
# Errors


def _error_not_configurable(
    ctx: ClassDefContext,
    target: Target,
    index: int,
    typ: ProperType | None,
    defaults_to_none: bool = False,
) -> None:
    name = target.signature.arg_names[index]
    options = ctx.api.options
    if typ is None:
        got = "has no annotation and " + (
            "defaults to None"
            if defaults_to_none
            else "a default whose type mypy cannot infer"
        )
        keep = spelled_omitted = "object"
    else:
        got = f'has type "{format_type_bare(typ, options)}"'
        better = suggestion(typ)
        keep = format_type_bare(better if better is not None else typ, options)
        spelled_omitted = format_type_bare(typ, options)
    ctx.api.fail(
        f'Parameter "{name}" of "{target.name}" {got}, which a config cannot '
        f'hold; declare "{name}: {keep}" or "{name}: Omitted[{spelled_omitted}]" '
        f'in the body of "{ctx.cls.name}"',
        ctx.reason,
        code=NOT_CONFIGURABLE,
    )


def _error_unreadable(ctx: ClassDefContext, arg: Expression) -> None:
    ctx.api.fail(
        f'mypy cannot read the signature of "{_fullname(arg)}"; pass a function '
        "or class by name to calls=/mocks=",
        arg,
        code=WRAPPED_TARGET,
    )


__all__ = [
    "add_call_and_construct",
    "add_signature_fields",
    "configurable",
    "defaulted",
]
