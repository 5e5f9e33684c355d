"""The pconfigs mypy plugin.

Enable it in ``pyproject.toml``::

    [tool.mypy]
    plugins = ["pconfigs.mypy_plugin"]

``@pconfig`` carries ``dataclass_transform``, so mypy's own dataclass support
synthesises fields, ``__init__`` and frozenness; this plugin runs that
synthesis itself and then adds what pconfigs means on top:

* the constructor ``C(*bases, **fields)``: keyword-only fields, optional
  positional bases of ``C`` or a config ancestor, every field optional when a
  base is given or the defining module registers ``pdefaults += C(...)``;
* ``Pinned[T]`` fields: the annotation plus a same-name ``@pproperty`` is not a
  redefinition, values other than ``Pinned`` / ``Pin(...)`` are rejected
  (``pconfigs-pinned-value``), assignment says the field is computed;
* ``Pin(...)`` only in ``pdefaults += ...``, config class bodies and
  ``@pproperty`` bodies (``pconfigs-pin-outside-defaults``);
* ``@pproperty`` return types against their field's type;
* ``construct()`` / ``constructable_type`` / ``inputs`` on config classes and
  ``@pconfiged`` classes that cannot be created directly.

The plugin imports only mypy, the standard library and ``pconfigs._names``;
importing the runtime would cost every warm mypy run. It stays one file on
purpose although it is long: mypy keys its cache on a hash of this file (and
``report_config_data`` adds a hash of ``pconfigs/_names.py``), so a change
anywhere in the plugin invalidates cached results without a version bump.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import suppress
from functools import cached_property, partial
from pathlib import Path
from typing import Any, Final, TypeVar, cast

from mypy.erasetype import erase_typevars
from mypy.errorcodes import CALL_ARG, ErrorCode
from mypy.expandtype import expand_type_by_instance
from mypy.lookup import lookup_fully_qualified
from mypy.maptype import map_instance_to_supertype
from mypy.messages import format_type
from mypy.nodes import (
    ARG_NAMED,
    ARG_NAMED_OPT,
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    MDEF,
    Argument,
    AssignmentStmt,
    Block,
    CallExpr,
    ClassDef,
    Context,
    Decorator,
    DictExpr,
    EllipsisExpr,
    Expression,
    FuncDef,
    FuncItem,
    ListExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    OperatorAssignmentStmt,
    RefExpr,
    SetExpr,
    SymbolTable,
    SymbolTableNode,
    TempNode,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.options import Options
from mypy.plugin import (
    AttributeContext,
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
    SemanticAnalyzerPluginInterface,
)
from mypy.plugins.common import add_attribute_to_class, add_method_to_class
from mypy.plugins.dataclasses import (
    dataclass_class_maker_callback,
    replace_function_sig_callback,
)
from mypy.subtypes import is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    FunctionLike,
    Instance,
    NoneType,
    ProperType,
    Type,
    TypeOfAny,
    TypeType,
    TypeVarType,
    UninhabitedType,
    UnionType,
    get_proper_type,
)
from mypy.typevars import fill_typevars, fill_typevars_with_any
from mypy.version import __version__ as _mypy_version

from pconfigs import _names, mypy_records, mypy_wrapped
from pconfigs.mypy_records import (
    ConfigRecord,
    ConfiguredRecord,
    FieldRecord,
    StaleRecordError,
    config_ancestors,
    config_record,
    is_config,
)

# `@pproperty def x` in class `C` is renamed to this prefix + "C__x" before the
# class body is analysed, so `x: Pinned[int]` plus the method is not a
# redefinition. The class name keeps mypy's override checks out of the way: a
# subclass may redeclare a field with another type and recompute it.
PPROPERTY_PREFIX: Final = "__pconfigs_pproperty_"

# Assignments reach the attribute hook only from mypy 1.14 on (is_lvalue).
_LVALUE_AWARE: Final = "is_lvalue" in AttributeContext._fields

# Decorators that make a config class (a @penv class is one).
_CONFIG_DECORATORS: Final = _names.PCONFIG | _names.PENV

# A property's setter may take another type than its getter gives from mypy
# 1.16 on.
_ASYMMETRIC_PROPERTIES: Final = hasattr(Var("probe"), "setter_type")

# mypy 2 does not check __replace__ against a parent's (it breaks Liskov by
# design); mypy 1.x does.
_REPLACE_IS_EXEMPT_FROM_OVERRIDE_CHECKS: Final = int(_mypy_version.split(".")[0]) >= 2

PINNED_VALUE: Final = ErrorCode(
    "pconfigs-pinned-value", "A value for a Pinned field", "pconfigs"
)
PINNED_ASSIGN: Final = ErrorCode(
    "pconfigs-pinned-assign", "Assignment to a Pinned field", "pconfigs"
)
PIN_OUTSIDE_DEFAULTS: Final = ErrorCode(
    "pconfigs-pin-outside-defaults",
    "Pin(...) outside pdefaults, config class bodies and @pproperty bodies",
    "pconfigs",
)
PPROPERTY_TYPE: Final = ErrorCode(
    "pconfigs-pproperty-type", "@pproperty return type vs its field", "pconfigs"
)
PPROPERTY_NO_FIELD: Final = ErrorCode(
    "pconfigs-pproperty-no-field", "@pproperty without a field", "pconfigs"
)
BASE_TYPE: Final = ErrorCode(
    "pconfigs-base-type", "Positional base of a subclass config", "pconfigs"
)
CONFIGED_DIRECT: Final = ErrorCode(
    "pconfigs-configed-direct", "@pconfiged class created directly", "pconfigs"
)
INHERIT_CONSTRUCTABLE: Final = ErrorCode(
    "pconfigs-inherit-constructable",
    "Subclass of a constructing config without inherit_constructable_type",
    "pconfigs",
)
PINNED_DEFAULT: Final = ErrorCode(
    "pconfigs-pinned-default", "A class-level value on a Pinned field", "pconfigs"
)
DATACLASS_FIELD: Final = ErrorCode(
    "pconfigs-dataclass-field", "dataclasses.field(...) on a config field", "pconfigs"
)
RESERVED_NAME: Final = ErrorCode(
    "pconfigs-reserved-name", "A field named like the config API", "pconfigs"
)
# The config API on every config class: a field cannot take these names.
RESERVED_NAMES: Final = {
    "inputs": '"cfg.inputs", the view of the raw inputs',
    "construct": '"cfg.construct()", which builds the constructs= class',
    "constructable_type": '"constructable_type", the class constructs= names',
}

DEFAULTS_TARGET: Final = ErrorCode(
    "pconfigs-defaults-target", "pdefaults given something not a config", "pconfigs"
)
NO_CONSTRUCTS: Final = ErrorCode(
    "pconfigs-no-constructs",
    "construct() on a config that constructs nothing",
    "pconfigs",
)
OWN_INIT: Final = ErrorCode(
    "pconfigs-own-init", "A config class that defines __init__", "pconfigs"
)
INTERNAL: Final = ErrorCode(
    "pconfigs-internal", "Unexpected state in the pconfigs plugin", "pconfigs"
)


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: ``plugins = ["pconfigs.mypy_plugin"]``."""
    return PconfigsPlugin


# --------------------------------------------------------------------------
# The plugin: hook lookup only; every hook body is a function below.


class PconfigsPlugin(Plugin):
    def __init__(self, options: Options) -> None:
        super().__init__(options)
        # The calls inside `pdefaults += ...` right-hand sides. mypy checks
        # the `__iadd__` call (our signature hook) before its argument, so
        # the constructor and Pin(...) hooks see the mark in time.
        self._defaults_calls = DefaultsCalls()
        self._signed_calls = SignedCalls()
        self._signatures = ConstructorSignatures()
        # Asked for every class mypy analyses, typeshed's included: built once.
        self._rename_hook = _guarded(rename_pproperties, None)

    def report_config_data(self, ctx: ReportConfigContext) -> dict[str, str]:
        return _CONFIG_DATA

    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        # Asked for every class: answer only for config classes, so the MRO
        # hooks of plugins listed after this one still run for theirs.
        sym = self.lookup_fully_qualified(fullname)
        info = sym.node if sym is not None else None
        if not isinstance(info, TypeInfo) or not info.defn.decorators:
            return None
        modules = self._modules or {}
        module = modules.get(info.module_name)
        names = module.names if module is not None else None
        if any(
            _decorator_fullname(d, names, modules) in _CONFIG_DECORATORS
            for d in info.defn.decorators
        ):
            return self._rename_hook
        return None

    def get_class_decorator_hook_2(
        self, fullname: str
    ) -> Callable[[ClassDefContext], bool] | None:
        if fullname in _names.PCONFIG:
            return _guarded(transform_config, True)
        if fullname in _names.PENV:
            return _guarded(transform_environment, True)
        if fullname in _names.PENUM:
            return _guarded(add_enum_make, True)
        if fullname in _names.PCONFIGED:
            return _guarded(transform_configed, True)
        return None

    def get_function_signature_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext], Any] | None:
        if fullname == "dataclasses.replace":
            return _guarded_sig(replace_signature)
        found = self._config_of(fullname)
        if found is None:
            return None
        return _guarded_sig(
            partial(
                constructor_signature,
                self._signed_calls,
                self._defaults_calls,
                self._signatures,
                *found,
            )
        )

    def get_function_hook(
        self, fullname: str
    ) -> Callable[[FunctionContext], Type] | None:
        if fullname in _names.PIN:
            return _guarded_call(partial(check_pin_scope, self._defaults_calls))
        if fullname in _names.ENVVAR:
            return _guarded_call(environment_default_type)
        info, record = self._record_of(fullname)
        if info is None:
            return None
        if isinstance(record, ConfigRecord):
            return _guarded_call(
                partial(
                    check_constructor_call,
                    self._signed_calls,
                    self._defaults_calls,
                    info,
                    record,
                )
            )
        if isinstance(record, ConfiguredRecord):
            return _guarded_call(partial(reject_direct_configed, info, record))
        return None

    def get_method_signature_hook(
        self, fullname: str
    ) -> Callable[[MethodSigContext], Any] | None:
        if fullname in _names.DEFAULTS_IADD:
            return _guarded_sig(partial(mark_defaults_calls, self._defaults_calls))
        return None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        if fullname in _names.DEFAULTS_IADD or fullname in _names.DEFAULTS_CALL:
            return _guarded_call(check_defaults_target)
        class_name, _, method = fullname.rpartition(".")
        if method != "construct":
            return None
        found = self._config_of(class_name)
        if found is None or found[1].constructs is not None:
            return None
        info = found[0]
        if mypy_wrapped.constructs_target(info):
            return None  # mocks=C: construct() builds C
        return _guarded_call(reject_construct)

    def get_attribute_hook(
        self, fullname: str
    ) -> Callable[[AttributeContext], Type] | None:
        if not _LVALUE_AWARE:
            return None
        # Only for the Pinned fields of config classes: any other answer
        # would hide the hooks of mypy's own plugin (an enum's `.value`) and
        # of plugins listed after this one.
        class_name, _, field = fullname.rpartition(".")
        found = self._config_of(class_name)
        if found is None or field not in found[1].pinned:
            return None
        return partial(_check_assignment, *found, field)

    def _record_of(
        self, fullname: str
    ) -> tuple[TypeInfo, ConfigRecord | ConfiguredRecord] | tuple[None, None]:
        """The class ``fullname`` and its record, if the plugin recorded it.

        A record in another layout is reported by the class hooks that read
        it; here (hook lookup, where an exception would crash mypy) the class
        is left to mypy.
        """
        if "." not in fullname:
            return None, None
        sym = self.lookup_fully_qualified(fullname)
        node = sym.node if sym is not None else None
        if not isinstance(node, TypeInfo):
            return None, None
        try:
            record = mypy_records.record_of(node)
        except StaleRecordError:
            return None, None
        return (node, record) if record is not None else (None, None)

    def _config_of(self, fullname: str) -> tuple[TypeInfo, ConfigRecord] | None:
        info, record = self._record_of(fullname)
        if info is None or not isinstance(record, ConfigRecord):
            return None
        return info, record


def _check_assignment(
    info: TypeInfo, record: ConfigRecord, field: str, ctx: AttributeContext
) -> Type:
    if not getattr(ctx, "is_lvalue", False):
        return ctx.default_attr_type
    return reject_pinned_assign(info, record, field, ctx)


def _config_data() -> dict[str, str]:
    """What mypy's cache key must follow besides this file's own hash.

    mypy hashes the plugin module itself; the names it hooks live in
    ``pconfigs/_names.py``, the calls=/mocks= part in
    ``pconfigs/mypy_wrapped.py`` and the per-class records in
    ``pconfigs/mypy_records.py``, so their sources are hashed too.
    """
    return {
        f"pconfigs_{module.__name__.rpartition('.')[2].lstrip('_')}": (
            hashlib.sha256(Path(str(module.__file__)).read_bytes()).hexdigest()
        )
        for module in (_names, mypy_records, mypy_wrapped)
    }


_CONFIG_DATA: Final = _config_data()


# --------------------------------------------------------------------------
# Never crash mypy: every hook reports unexpected exceptions as one error.


_Context = TypeVar("_Context")
_Result = TypeVar("_Result")


def _never_crash(
    hook: Callable[[_Context], _Result],
    where: Callable[[Any], Context],
    fallback: Callable[[Any], _Result],
) -> Callable[[_Context], _Result]:
    """``hook``, reporting an exception at ``where(ctx)`` as one error and
    answering ``fallback(ctx)``, what mypy would have had without the plugin."""

    def run(ctx: _Context) -> _Result:
        try:
            return hook(ctx)
        except Exception as exc:
            report_internal_error(cast(Any, ctx).api, exc, where(ctx))
            return fallback(ctx)

    return run


def _guarded(
    hook: Callable[[ClassDefContext], Any], fallback: Any
) -> Callable[[ClassDefContext], Any]:
    return _never_crash(hook, lambda ctx: ctx.cls, lambda ctx: fallback)


def _guarded_sig(hook: Callable[[Any], CallableType]) -> Callable[[Any], Any]:
    return _never_crash(
        hook, lambda ctx: ctx.context, lambda ctx: ctx.default_signature
    )


def _guarded_call(
    hook: Callable[[_Context], Type],
) -> Callable[[_Context], Type]:
    """For function and method hooks (``FunctionContext``, ``MethodContext``)."""
    return _never_crash(
        hook, lambda ctx: ctx.context, lambda ctx: ctx.default_return_type
    )


# --------------------------------------------------------------------------
# Before the class body is analysed: rename @pproperty methods.


def rename_pproperties(ctx: ClassDefContext) -> None:
    """Give every ``@pproperty`` of a config class a private name.

    mypy reports ``x: Pinned[int]`` followed by ``@pproperty def x`` as a
    redefinition while it analyses the class body, before any decorator
    hook runs; this hook runs just before the body. It may run more than
    once for a class, so it skips names it already renamed.

    A bare ``@pproperty`` is dropped as well: the method's return type is
    checked against its field by the decorator hook, and mypy need not
    resolve the ``pproperty`` overloads for every computed field.
    """
    defn = ctx.cls
    # Asked for every class, typeshed's included: those never are configs.
    if not defn.decorators or getattr(ctx.api, "is_typeshed_stub_file", False):
        return
    if not any(_refers_to(d, _CONFIG_DECORATORS, ctx.api) for d in defn.decorators):
        return
    body = defn.defs.body
    for index, stmt in enumerate(body):
        if (
            isinstance(stmt, Decorator)
            and not stmt.func.name.startswith(PPROPERTY_PREFIX)
            and any(_refers_to(d, _names.PPROPERTY, ctx.api) for d in stmt.decorators)
        ):
            private = _private_name(defn.name, stmt.func.name)
            stmt.func._name = private
            stmt.var._name = private
            if len(stmt.decorators) == 1 and isinstance(stmt.decorators[0], RefExpr):
                stmt.func.is_decorated = False
                body[index] = stmt.func


def _private_name(class_name: str, field: str) -> str:
    return f"{PPROPERTY_PREFIX}{class_name}__{field}"


def _refers_to(
    expr: Expression, fullnames: frozenset[str], api: SemanticAnalyzerPluginInterface
) -> bool:
    names: SymbolTable | None = getattr(api, "globals", None)
    return _decorator_fullname(expr, names, api.modules) in fullnames


def _decorator_fullname(
    expr: Expression, names: SymbolTable | None, modules: dict[str, MypyFile]
) -> str | None:
    """The fullname a decorator (``@d`` or ``@d(...)``) refers to.

    The decorators of a class are analysed after its MRO hook runs, so an
    unanalysed name is resolved through the module's names: ``pconfig``,
    ``pconfigs.pconfig``, ``pconfigs.pinnable.pproperty``, aliases included.
    This runs for every decorated class mypy sees: plain dict lookups only.
    """
    if isinstance(expr, CallExpr):
        expr = expr.callee
    if not isinstance(expr, RefExpr):
        return None
    if expr.fullname:
        return expr.fullname
    node = _unanalysed_node(expr, names, modules)
    fullname = getattr(node, "fullname", None)
    return fullname if isinstance(fullname, str) else None


def _unanalysed_node(
    expr: Expression, names: SymbolTable | None, modules: dict[str, MypyFile]
) -> object:
    if names is None:
        return None
    if isinstance(expr, NameExpr):
        return _node_of(names.get(expr.name))
    if isinstance(expr, MemberExpr):
        holder = _unanalysed_node(expr.expr, names, modules)
        if isinstance(holder, MypyFile):
            # A submodule (`pconfigs.pinnable`) may not be in its package's
            # names yet.
            found = _node_of(holder.names.get(expr.name))
            return found or modules.get(f"{holder.fullname}.{expr.name}")
    return None


def _node_of(sym: SymbolTableNode | None) -> object:
    return sym.node if sym is not None else None


# --------------------------------------------------------------------------
# @pconfig classes, after mypy's semantic analysis


def transform_config(ctx: ClassDefContext) -> bool:
    """Run mypy's dataclass synthesis, then record what pconfigs adds."""
    if not mypy_wrapped.add_signature_fields(ctx):
        return False  # a calls=/mocks= target's types are not ready yet
    if not dataclass_class_maker_callback(ctx):
        return False  # mypy calls again once the field types are ready
    ConfigTransformer(ctx).transform()
    mypy_wrapped.add_call_and_construct(ctx)
    return True


def transform_environment(ctx: ClassDefContext) -> bool:
    """A ``@penv`` class: a config whose fields a call may all leave out
    (they are read from the environment), with ``Cls.read(mapping)``."""
    if not dataclass_class_maker_callback(ctx):
        return False
    ConfigTransformer(ctx, environment=True).transform()
    mapping = ctx.api.named_type(
        "typing.Mapping", [ctx.api.named_type("builtins.str")] * 2
    )
    _add_factory(ctx, "read", "environ", mapping)
    return True


def add_enum_make(ctx: ClassDefContext) -> bool:
    """``@penum``: ``Color.make(value)`` returns a ``Color``."""
    _add_factory(ctx, "make", "value", ctx.api.named_type("builtins.object"))
    return True


def _add_factory(
    ctx: ClassDefContext, name: str, arg_name: str, arg_type: Type
) -> None:
    """A classmethod ``name(arg_name)`` returning an instance of the class,
    unless the class body defines ``name`` itself."""
    if name not in ctx.cls.info.names:
        add_method_to_class(
            ctx.api,
            ctx.cls,
            name,
            [Argument(Var(arg_name, arg_type), arg_type, None, ARG_POS)],
            fill_typevars(ctx.cls.info),
            is_classmethod=True,
        )


class ConfigTransformer:
    def __init__(self, ctx: ClassDefContext, *, environment: bool = False) -> None:
        self.ctx = ctx
        self.api = ctx.api
        self.cls = ctx.cls
        self.info = ctx.cls.info
        self.environment = environment

    def transform(self) -> None:
        fields = self.collect_fields()
        pinned = self.pinned_fields(fields)
        self.check_class_level_values(pinned)
        self.check_reserved_names(fields)
        properties = self.check_properties(fields)
        constructs = self.add_constructs()
        self.add_inputs(fields)
        self.simplify_pinned_inputs(pinned)
        self.add_constructor(fields, pinned)
        self.restore_pinned(pinned)
        self.allow_redeclared(fields)
        mypy_records.store(
            self.info, self.record(fields, pinned, properties, constructs)
        )
        self.add_setters(fields, pinned)

    def add_setters(self, fields: list[str], pinned: list[str]) -> None:
        """The classes ``psetter(cfg)`` and its sections are typed as.

        ``C.__pconfigs_section__`` has one attribute per field a derivation
        may set (Pinned ones are computed), typed as the field, or as the
        sub-config's section for a config field, so ``ps.training.steps = 5``
        is checked like an assignment; ``C.__pconfigs_setter__`` adds
        ``build() -> C``. The public stub's ``psetter`` finds them through a
        protocol, as pyright finds the ones stubgen writes.
        """
        if self.info.is_named_tuple or self.info.typeddict_type is not None:
            return  # mypy's traversal of those classes cannot hold a class
        section = self.nested_class(_names.SECTION_CLASS, None)
        setter = self.nested_class(_names.SETTER_CLASS, section)
        section.names.clear()
        for name in fields:
            if name in pinned:
                continue  # computed: a derivation cannot set it
            declared = self.field_type(name)
            sub = self.section_of(declared)
            if sub is None:
                typ = erase_typevars(declared) if declared else _any()
                _add_var(section, name, typ)
            else:
                self.add_section_property(section, name, sub, declared)
        if "build" not in setter.names:
            returned = fill_typevars_with_any(self.info)
            add_method_to_class(self.api, setter.defn, "build", [], returned)

    def nested_class(self, name: str, base: TypeInfo | None) -> TypeInfo:
        """The plugin's class ``name`` inside the config class (made once)."""
        sym = self.info.names.get(name)
        if sym is not None and isinstance(sym.node, TypeInfo):
            return sym.node
        # mypy's messages name a class by its definition: "psetter(Training)"
        # has no attribute "stepz".
        defn = ClassDef(f"psetter({self.info.name})", Block([]))
        defn.fullname = f"{self.info.fullname}.{name}"
        defn.line = self.cls.line
        info = TypeInfo(SymbolTable(), defn, self.info.module_name)
        defn.info = info
        parent = (
            Instance(base, [])
            if base is not None
            else self.api.named_type("builtins.object")
        )
        info.bases = [parent]
        info.mro = [info, *parent.type.mro]
        self.info.names[name] = SymbolTableNode(MDEF, info, plugin_generated=True)
        return info

    @staticmethod
    def section_of(declared: Type | None) -> Instance | None:
        """The section class of a config field's class, if it is a config."""
        proper = get_proper_type(declared)
        if isinstance(proper, Instance) and is_config(proper.type):
            sym = proper.type.names.get(_names.SECTION_CLASS)
            if sym is not None and isinstance(sym.node, TypeInfo):
                return Instance(sym.node, [])
        return None

    def add_section_property(
        self, section: TypeInfo, name: str, sub: Instance, declared: Type | None
    ) -> None:
        """``ps.training`` reads as the sub-config's section; it is set to a
        config (a property with its own setter type, from mypy 1.16 on;
        earlier mypy sees only the section)."""
        if not _ASYMMETRIC_PROPERTIES or declared is None:
            _add_var(section, name, sub)
            return
        function = self.api.named_type("builtins.function")
        owner = Instance(section, [])
        getter = CallableType([owner], [ARG_POS], ["self"], sub, function)
        setter = CallableType(
            [owner, erase_typevars(declared)],
            [ARG_POS, ARG_POS],
            ["self", "value"],
            NoneType(),
            function,
        )
        var = _add_var(section, name, getter)
        var.is_property = True
        var.is_settable_property = True
        var.setter_type = setter
        # Bound like a method: a class-level name that is no annotated
        # instance variable (mypy's own properties are decorated functions).
        var.is_initialized_in_class = True
        var.is_inferred = True

    def record(
        self,
        fields: list[str],
        pinned: list[str],
        properties: set[str],
        constructs: str | None,
    ) -> ConfigRecord:
        computed = properties | {
            field.name
            for _, ancestor in config_ancestors(self.info)
            for field in ancestor.fields
            if field.computed
        }
        defaulted = self.defaulted_fields(fields) | set(
            mypy_wrapped.defaulted(self.info)
        )
        required = set(self.required_fields(fields, pinned))
        return ConfigRecord(
            [
                FieldRecord(
                    name,
                    pinned=name in pinned,
                    required=name in required,
                    defaulted=name in defaulted,
                    computed=name in computed,
                )
                for name in fields
            ],
            constructs,
            environment=self.environment,
        )

    def collect_fields(self) -> list[str]:
        attributes = self.info.metadata.get("dataclass", {}).get("attributes", [])
        return [str(attribute["name"]) for attribute in attributes]

    def field_type(self, name: str) -> Type | None:
        """The declared type of field ``name`` in terms of this class's type vars.

        For an inherited field this is the nearest ancestor's: mypy's
        frozen-dataclass synthesis copies inherited fields into the subclass
        with their ``__init__`` type, which for a Pinned field is what
        ``Pinned.__set__`` accepts, not what the field reads as.
        """
        if name in self.own_annotations:
            sym = self.info.names.get(name)
            node = sym.node if sym is not None else None
            return node.type if isinstance(node, Var) else None
        for ancestor in self.info.mro[1:]:
            sym = ancestor.names.get(name)
            if sym is None:
                continue
            node = sym.node
            if not isinstance(node, Var) or node.type is None:
                return None
            self_type = fill_typevars(self.info)
            if not ancestor.defn.type_vars or not isinstance(self_type, Instance):
                return node.type
            return expand_type_by_instance(
                node.type, map_instance_to_supertype(self_type, ancestor)
            )
        return None

    @cached_property
    def own_annotations(self) -> dict[str, Type]:
        """Each annotated name of the class body, with its annotation.

        Read from the statements, not from the fields' ``Var``: the class hook
        may run again for the same class (import cycles, the daemon), after
        ``restore_pinned`` retyped a ``Pinned[int]`` field's ``Var`` as ``int``.
        """
        return {
            stmt.lvalues[0].name: stmt.type
            for stmt in self.cls.defs.body
            if isinstance(stmt, AssignmentStmt)
            and isinstance(stmt.lvalues[0], NameExpr)
            and stmt.type is not None
        }

    def pinned_fields(self, fields: list[str]) -> list[str]:
        """Own ``Pinned[T]`` annotations, plus inherited ones not redeclared."""
        inherited: dict[str, bool] = {}
        for _, ancestor in config_ancestors(self.info):
            for field in ancestor.fields:
                inherited.setdefault(field.name, field.pinned)
        own = self.own_annotations
        pinned = []
        for name in fields:
            if name in own:
                if _pinned_argument(own[name]) is not None:
                    pinned.append(name)
            elif inherited.get(name, False):
                pinned.append(name)
        return pinned

    def check_class_level_values(self, pinned: list[str]) -> None:
        """A class-level value is the field's default, with three exceptions.

        ``x: Pinned[int] = Pinned`` spells out what a Pinned field means: its
        value is dropped from the tree (the field reads as ``int``, and the
        sentinel is no ``int``). Any other value on a Pinned field, and
        ``dataclasses.field(...)``, are errors.
        """
        for stmt, name in self.own_field_assignments():
            if isinstance(stmt.rvalue, CallExpr) and _ref_is_exactly(
                stmt.rvalue.callee, "dataclasses.field"
            ):
                error_dataclass_field(self.api, self.info.name, name, stmt)
            elif name not in pinned:
                continue
            elif isinstance(stmt.rvalue, RefExpr) and stmt.rvalue.fullname in (
                _names.PINNED
            ):
                stmt.rvalue = TempNode(AnyType(TypeOfAny.special_form), context=stmt)
            elif not isinstance(stmt.rvalue, TempNode) and not (
                # A stub's `= ...` marks a field that needs no argument.
                self.api.is_stub_file and isinstance(stmt.rvalue, EllipsisExpr)
            ):
                error_pinned_default(self.api, self.info.name, name, stmt)

    def own_field_assignments(self) -> list[tuple[AssignmentStmt, str]]:
        """``name: T = value`` statements of the class body, with the name."""
        found = []
        for stmt in self.cls.defs.body:
            if not (
                isinstance(stmt, AssignmentStmt)
                and stmt.type is not None
                and not (isinstance(stmt.rvalue, TempNode) and stmt.rvalue.no_rhs)
                and isinstance(stmt.lvalues[0], NameExpr)
            ):
                continue
            var = stmt.lvalues[0].node
            if isinstance(var, Var) and not (var.is_classvar or var.is_final):
                found.append((stmt, stmt.lvalues[0].name))
        return found

    def check_reserved_names(self, fields: list[str]) -> None:
        """Fields named like the config API would hide it."""
        for stmt in self.cls.defs.body:
            if (
                isinstance(stmt, AssignmentStmt)
                and stmt.type is not None
                and isinstance(stmt.lvalues[0], NameExpr)
                and stmt.lvalues[0].name in RESERVED_NAMES
                and stmt.lvalues[0].name in fields
            ):
                error_reserved_name(
                    self.api, self.info.name, stmt.lvalues[0].name, stmt
                )

    def check_properties(self, fields: list[str]) -> set[str]:
        """Check each own ``@pproperty``: it has a field, its return type fits."""
        own: set[str] = set()
        prefix = _private_name(self.info.name, "")
        for stmt in self.cls.defs.body:
            func = stmt.func if isinstance(stmt, Decorator) else stmt
            if not (isinstance(func, FuncDef) and func.name.startswith(prefix)):
                continue
            name = func.name[len(prefix) :]
            if name not in fields:
                error_pproperty_no_field(self.api, self.info.name, name, func)
                continue
            own.add(name)
            self.check_property_type(name, func)
        return own

    def check_property_type(self, name: str, func: FuncDef) -> None:
        signature = func.type
        declared = self.field_type(name)
        if not isinstance(signature, CallableType) or declared is None:
            return  # an unannotated method: nothing to compare
        expected = _pinned_argument(declared) or declared
        returned = signature.ret_type
        if not is_subtype(returned, expected):
            error_pproperty_type(
                self.api, self.info.name, name, returned, expected, func
            )

    def add_constructs(self) -> str | None:
        target, inherit = self.decorator_arguments()
        if target is not None:
            instance = Instance(
                target, [AnyType(TypeOfAny.special_form)] * len(target.defn.type_vars)
            )
            if "construct" not in self.info.names:
                add_method_to_class(self.api, self.cls, "construct", [], instance)
            add_attribute_to_class(
                self.api,
                self.cls,
                _names.CONSTRUCTABLE_TYPE,
                TypeType(instance),
                is_classvar=True,
                overwrite_existing=True,
            )
            return target.fullname
        inherited = self.inherited_constructs()
        if inherited is not None and inherit is None:
            error_inherit_constructable(self.api, self.info.name, inherited, self.cls)
        if inherit:
            return inherited
        if inherited is not None:
            self.drop_inherited_construct()
        elif not self.declared_here_or_by_config_ancestor(_names.CONSTRUCTABLE_TYPE):
            add_attribute_to_class(
                self.api,
                self.cls,
                _names.CONSTRUCTABLE_TYPE,
                NoneType(),
                is_classvar=True,
            )
        return None

    def drop_inherited_construct(self) -> None:
        """``inherit_constructable_type=False``: the class constructs nothing.

        The ancestor's ``construct()`` is still there at run time (it raises),
        so the class gets its own, which ``reject_construct`` reports.
        """
        if "construct" not in self.info.names:
            add_method_to_class(self.api, self.cls, "construct", [], UninhabitedType())
        add_attribute_to_class(
            self.api,
            self.cls,
            _names.CONSTRUCTABLE_TYPE,
            NoneType(),
            is_classvar=True,
            overwrite_existing=True,
        )

    def decorator_arguments(self) -> tuple[TypeInfo | None, bool | None]:
        target: TypeInfo | None = None
        inherit: bool | None = None
        reason = self.ctx.reason
        if not isinstance(reason, CallExpr):
            return None, None
        for name, arg in zip(reason.arg_names, reason.args, strict=True):
            if (
                name == "constructs"
                and isinstance(arg, RefExpr)
                and isinstance(arg.node, TypeInfo)
            ):
                target = arg.node
            elif name == "inherit_constructable_type" and isinstance(arg, NameExpr):
                inherit = {"builtins.True": True, "builtins.False": False}.get(
                    arg.fullname
                )
        return target, inherit

    def inherited_constructs(self) -> str | None:
        """What the nearest config ancestor constructs."""
        for _, ancestor in config_ancestors(self.info):
            return ancestor.constructs
        return None

    def declared_here_or_by_config_ancestor(self, name: str) -> bool:
        """``name`` is in the class or inherited from a config ancestor.

        Then the class need not add it again: one attribute per class
        hierarchy instead of one per class spares mypy an override check and
        a cache entry per subclass.
        """
        for holder in self.info.mro:
            if name in holder.names:
                return holder is self.info or is_config(holder)
        return False

    def add_inputs(self, fields: list[str]) -> None:
        if "inputs" in fields or self.declared_here_or_by_config_ancestor("inputs"):
            return
        inputs_type = next(
            (
                found
                for name in _names.CONFIG_INPUTS
                if (found := self.api.named_type_or_none(name)) is not None
            ),
            None,
        )
        if inputs_type is None:
            return
        var = add_attribute_to_class(self.api, self.cls, "inputs", inputs_type)
        var.is_property = True

    def simplify_pinned_inputs(self, pinned: list[str]) -> None:
        """Make ``object`` what ``__init__`` takes for a Pinned field.

        mypy's dataclass synthesis types each Pinned field as what
        ``Pinned.__set__`` accepts, ``Pinned[Any] | Pin[T]``, in
        ``__init__`` and in the dataclass metadata that every subclass
        copies, serializes and expands again: about 1 % of a cold run on a
        config tree (benchmarks/mypy_tree.py). The constructor hooks accept
        ``object`` and check the values a call gives against
        ``Pinned.__set__`` (``_pinned_input_type``), as ``replace_signature``
        does for ``dataclasses.replace``.
        """
        if not pinned:
            return
        anything = self.api.named_type("builtins.object")
        names = set(pinned)
        for attribute in self.info.metadata.get("dataclass", {}).get("attributes", []):
            if attribute.get("name") in names:
                attribute["type"] = anything.serialize()

    def add_constructor(self, fields: list[str], pinned: list[str]) -> None:
        """``__init__(self, *bases, **fields)`` with every field optional.

        A call spelled through the class name gets its exact signature from
        ``constructor_signature``; every other call (``cls(...)`` in a
        classmethod, ``t: type[C]``, ``type(cfg)(cfg, x=1)``,
        ``Box[int](...)``) is checked against this one, and
        ``check_constructor_call`` reports the required fields such a call
        leaves out without a base.
        """
        sym = self.info.names.get("__init__")
        init = sym.node if sym is not None else None
        if sym is not None and init is not None and not sym.plugin_generated:
            # The runtime replaces it: the class keeps the generated one. A
            # stub's `__init__` (stubgen writes one for pyright) declares it.
            if not self.api.is_stub_file:
                error_own_init(self.api, self.info.name, init)
            declared = self.declared_field_types(fields)
        elif isinstance(init, FuncDef) and isinstance(init.type, CallableType):
            declared = dict(zip(init.type.arg_names, init.type.arg_types, strict=True))
        else:
            return
        anything = self.api.named_type("builtins.object")
        self_type = fill_typevars(self.info)
        bases_type = (
            _base_type(self_type) if isinstance(self_type, Instance) else self_type
        )
        arguments = [Argument(Var(_bases_name(fields)), bases_type, None, ARG_STAR)] + [
            Argument(
                Var(name),
                anything if name in pinned else declared.get(name, anything),
                None,
                ARG_NAMED_OPT,
            )
            for name in fields
        ]
        add_method_to_class(self.api, self.cls, "__init__", arguments, NoneType())
        # `copy.replace(cfg, x=1)` calls it: the runtime defines it on every
        # Python, mypy's dataclass support only from a 3.13 target on. mypy 1.x
        # checks it against the parent's like any method, so a subclass that
        # redeclares a field with another type would get a false [override]:
        # there it takes any value (tests/typecheck/test_inheritance.yml).
        replace_arguments = arguments[1:]
        if not _REPLACE_IS_EXEMPT_FROM_OVERRIDE_CHECKS:
            replace_arguments = [
                Argument(a.variable, anything, None, ARG_NAMED_OPT)
                for a in replace_arguments
            ]
        add_method_to_class(
            self.api, self.cls, "__replace__", replace_arguments, self_type
        )

    def declared_field_types(self, fields: list[str]) -> dict[str | None, Type]:
        """Each field's declared type, for a class whose ``__init__`` is the user's."""
        found: dict[str | None, Type] = {}
        for name in fields:
            typ = self.field_type(name)
            if typ is not None:
                found[name] = typ
        return found

    def required_fields(self, fields: list[str], pinned: list[str]) -> list[str]:
        """Fields a call without a base must give: no class-level default, not
        Pinned, not a ``@penv`` class (a snapshot of the environment is taken),
        none in a ``@penv`` class (a same-module ``pdefaults`` is added per
        call)."""
        if self.environment:
            return []
        attributes = self.info.metadata.get("dataclass", {}).get("attributes", [])
        has_default = {a["name"]: bool(a.get("has_default")) for a in attributes}
        return [
            name
            for name in fields
            if name not in pinned
            and not has_default.get(name, False)
            and not self.is_environment_field(name)
        ]

    def is_environment_field(self, name: str) -> bool:
        """The field's type is a ``@penv`` class (or ``Optional`` of one).

        Read from the class's decorators, not its record: the ``@penv``
        class may be defined further down the module.
        """
        return any(
            isinstance(item, Instance) and _is_environment_class(item.type)
            for item in _union_items(self.field_type(name) or NoneType())
        )

    def restore_pinned(self, pinned: list[str]) -> None:
        """Type Pinned fields as the ``T`` they read as, and unfreeze them.

        ``Pinned[T]`` is a descriptor for checkers without a plugin; here a
        plain ``T`` reads the same and spares mypy a ``__get__`` overload
        resolution per read. Assignments get their own error from the
        attribute hook instead of "read-only".
        """
        for name in pinned:
            sym = self.info.names.get(name)
            if sym is None or not isinstance(sym.node, Var):
                continue
            declared = self.field_type(name)
            sym.node.type = _pinned_argument(declared) or declared
            sym.node.is_property = False

    def allow_redeclared(self, fields: list[str]) -> None:
        """A subclass may redeclare a field with another type, or pin it."""
        inherited = set(fields) & self.own_annotations.keys()
        for name in inherited:
            if not any(name in ancestor.names for ancestor in self.info.mro[1:]):
                continue
            sym = self.info.names.get(name)
            if sym is not None and isinstance(sym.node, Var):
                sym.node.allow_incompatible_override = True

    def defaulted_fields(self, fields: list[str]) -> set[str]:
        """Fields that ``pdefaults += C(...)`` in the defining module (or an
        ancestor's) gives a value, so a call without a base may omit them."""
        found = {
            field.name
            for _, ancestor in config_ancestors(self.info)
            for field in ancestor.fields
            if field.defaulted
        }
        module = self.api.modules.get(self.api.cur_mod_id)
        if module is None:
            return found
        for stmt in module.defs:
            call = _registered_default(stmt, self.info)
            if call is None:
                continue
            if any(kind in (ARG_POS, ARG_STAR, ARG_STAR2) for kind in call.arg_kinds):
                return set(fields)
            found.update(name for name in call.arg_names if name is not None)
        return found & set(fields)


def _add_var(info: TypeInfo, name: str, typ: Type) -> Var:
    var = Var(name, typ)
    var.info = info
    var._fullname = f"{info.fullname}.{name}"
    info.names[name] = SymbolTableNode(MDEF, var, plugin_generated=True)
    return var


def _any() -> AnyType:
    return AnyType(TypeOfAny.special_form)


def environment_default_type(ctx: FunctionContext) -> Type:
    """``x: int = EnvVar("X", 1)``: the call is its default to the checker,
    so a default of the wrong type is an incompatible assignment; without a
    default there is nothing to check. (The public stub says the same with
    ``__new__``, which mypy before 2.0 does not follow.)"""
    if len(ctx.arg_types) > 1 and len(ctx.arg_types[1]) == 1:
        return ctx.arg_types[1][0]
    return _any()


def _is_environment_class(info: TypeInfo) -> bool:
    record = config_record(info)
    if record is not None:
        return record.environment
    # Not transformed yet (defined further down): its decorators say it.
    return any(
        _decorator_fullname(d, None, {}) in _names.PENV for d in info.defn.decorators
    )


def _registered_default(stmt: object, info: TypeInfo) -> CallExpr | None:
    """The ``C(...)`` of a top-level ``pdefaults += C(...)`` for class ``info``."""
    if not (
        isinstance(stmt, OperatorAssignmentStmt)
        and stmt.op == "+"
        and isinstance(stmt.lvalue, RefExpr)
        and isinstance(stmt.rvalue, CallExpr)
        and isinstance(stmt.rvalue.callee, RefExpr)
    ):
        return None
    if _ref_is(stmt.lvalue, _names.PDEFAULTS) and _ref_is(
        stmt.rvalue.callee, frozenset((info.fullname,))
    ):
        return stmt.rvalue
    return None


def _ref_is(expr: RefExpr, fullnames: frozenset[str]) -> bool:
    """``expr`` names one of ``fullnames``; by its last part if not yet analysed."""
    if expr.fullname:
        return expr.fullname in fullnames
    name = expr.name if isinstance(expr, (NameExpr, MemberExpr)) else None
    return any(name == fullname.rpartition(".")[2] for fullname in fullnames)


def _ref_is_exactly(expr: Expression, fullname: str) -> bool:
    return isinstance(expr, RefExpr) and expr.fullname == fullname


def _pinned_argument(typ: Type | None) -> Type | None:
    """``T`` for ``Pinned[T]``; ``None`` for any other type."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and proper.type.fullname in _names.PINNED:
        return proper.args[0] if proper.args else AnyType(TypeOfAny.special_form)
    return None


# --------------------------------------------------------------------------
# @pconfiged classes


def transform_configed(ctx: ClassDefContext) -> bool:
    sym = ctx.cls.info.get("config")
    config = (
        get_proper_type(sym.node.type) if sym and isinstance(sym.node, Var) else None
    )
    config_name = config.type.name if isinstance(config, Instance) else None
    record = ConfiguredRecord(config_name, _decorator_flag(ctx, "mock"))
    mypy_records.store(ctx.cls.info, record)
    return True


def _decorator_flag(ctx: ClassDefContext, name: str) -> bool:
    """``@decorator(name=True)``, spelled literally."""
    reason = ctx.reason
    if not isinstance(reason, CallExpr):
        return False
    return any(
        arg_name == name
        and isinstance(arg, NameExpr)
        and arg.fullname == "builtins.True"
        for arg_name, arg in zip(reason.arg_names, reason.args, strict=True)
    )


def reject_direct_configed(
    info: TypeInfo, record: ConfiguredRecord, ctx: FunctionContext
) -> Type:
    error_configed_direct(ctx.api, info, record, ctx.context)
    return ctx.default_return_type


# --------------------------------------------------------------------------
# Calls: the constructor, pdefaults += ..., Pin(...)


def constructor_signature(
    signed: SignedCalls,
    defaults_calls: DefaultsCalls,
    signatures: ConstructorSignatures,
    info: TypeInfo,
    record: ConfigRecord,
    ctx: FunctionSigContext,
) -> CallableType:
    """``C(*bases, **fields)`` for this call: which fields it must give."""
    signature = ctx.default_signature
    call = ctx.context
    everything_optional = call in defaults_calls or (
        isinstance(call, CallExpr)
        and any(kind in (ARG_POS, ARG_STAR) for kind in call.arg_kinds)
    )
    if isinstance(call, CallExpr):
        signed.add(call)
    built = signatures.get(signature, everything_optional)
    if built is None:
        built = _constructor_signature(record, signature, everything_optional)
        if getattr(info, "type_object_type", None) is signature:
            signatures.add(signature, everything_optional, built)
    return built


def _constructor_signature(
    record: ConfigRecord, signature: CallableType, everything_optional: bool
) -> CallableType:
    returned = get_proper_type(signature.ret_type)
    if not isinstance(returned, Instance):
        return signature
    required = frozenset() if everything_optional else record.must_give
    kinds = [
        ARG_NAMED if name in required else kind
        for name, kind in zip(signature.arg_names, signature.arg_kinds, strict=True)
    ]
    return signature.copy_modified(arg_kinds=kinds)


class ConstructorSignatures:
    """The signatures ``constructor_signature`` built, per default signature.

    mypy 2.x caches each class's constructor type (``info.type_object_type``),
    so every call of a class brings the same default signature object; only
    those are kept (mypy 1.x builds a new one per call). Keyed by identity,
    the default signature kept with its id, as in ``DefaultsCalls``: a class
    mypy analyses again (the daemon) brings a new object.
    """

    def __init__(self) -> None:
        self._built: dict[tuple[int, bool], tuple[CallableType, CallableType]] = {}

    def get(
        self, default: CallableType, everything_optional: bool
    ) -> CallableType | None:
        found = self._built.get((id(default), everything_optional))
        return found[1] if found is not None and found[0] is default else None

    def add(
        self, default: CallableType, everything_optional: bool, built: CallableType
    ) -> None:
        self._built[(id(default), everything_optional)] = (default, built)


def _bases_name(fields: list[str]) -> str:
    """The name of ``*bases`` in signatures; a field may be called ``bases``."""
    return "bases" if "bases" not in fields else "bases_"


def _base_type(config: Instance) -> Type:
    """The class itself or any of its config ancestors."""
    items: list[Type] = [config]
    for ancestor, _ in config_ancestors(config.type):
        items.append(map_instance_to_supertype(config, ancestor))
    return UnionType.make_union(items) if len(items) > 1 else config


def check_constructor_call(
    signed: SignedCalls,
    defaults_calls: DefaultsCalls,
    info: TypeInfo,
    record: ConfigRecord,
    ctx: FunctionContext,
) -> Type:
    returned = get_proper_type(ctx.default_return_type)
    if isinstance(returned, TypeVarType):  # `cls(...)` with `cls: type[Self]`
        returned = get_proper_type(returned.upper_bound)
    if not isinstance(returned, Instance):
        return ctx.default_return_type
    pinned = record.pinned
    for index, (name, types, args, kinds) in enumerate(
        zip(ctx.callee_arg_names, ctx.arg_types, ctx.args, ctx.arg_kinds, strict=True)
    ):
        if index == 0:  # *bases
            _check_bases(info, types, args, ctx)
        elif name is not None and name in pinned and types:
            expected = _pinned_input_type(returned, name, ctx.api)
            for typ, arg, kind in zip(types, args, kinds, strict=True):
                # `**kwargs` may hold any key: only a named value is a mistake.
                if (
                    kind == ARG_NAMED
                    and expected is not None
                    and not _fits_pinned(typ, expected)
                ):
                    error_pinned_value(ctx.api, info.name, name, arg)
    if ctx.context not in signed and ctx.context not in defaults_calls:
        _check_required(info, record, ctx)
    return ctx.default_return_type


def _check_required(info: TypeInfo, record: ConfigRecord, ctx: FunctionContext) -> None:
    """What ``constructor_signature`` makes mypy report, for a call that
    reached ``__init__`` without it: required fields missing without a base."""
    if ctx.args and ctx.args[0]:
        return  # a base gives every field
    for name, args in zip(ctx.callee_arg_names, ctx.args, strict=True):
        if name in record.must_give and not args:
            ctx.api.fail(
                f'Missing named argument "{name}" for "{info.name}"',
                ctx.context,
                code=CALL_ARG,
            )


def _check_bases(
    info: TypeInfo, types: list[Type], args: list[Expression], ctx: FunctionContext
) -> None:
    for typ, arg in zip(types, args, strict=True):
        proper = get_proper_type(typ)
        if (
            isinstance(proper, Instance)
            and proper.type is not info
            and info in proper.type.mro
        ):
            error_base_subclass(ctx.api, info.name, proper.type.name, arg)


def _fits_pinned(typ: Type, expected: Type) -> bool:
    """``typ`` is ``Pinned`` or a ``Pin`` of a value the field accepts.

    A ``Pin`` is immutable, so ``Pin[list[Never]]`` (from ``Pin([])``) fits a
    ``Pinned[list[str]]`` field although ``Pin`` is invariant.
    """
    if is_subtype(typ, expected):
        return True
    proper = get_proper_type(typ)
    if not (isinstance(proper, Instance) and proper.type.fullname in _names.PIN):
        return False
    for item in _union_items(expected):
        if isinstance(item, Instance) and item.type.fullname in _names.PIN:
            return bool(proper.args and item.args) and is_subtype(
                proper.args[0], item.args[0]
            )
    return False


def _union_items(typ: Type) -> list[ProperType]:
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return [get_proper_type(item) for item in proper.items]
    return [proper]


def _pinned_input_type(config: Instance, name: str, api: Any) -> Type | None:
    """What ``Pinned.__set__`` accepts for Pinned field ``name`` of ``config``.

    mypy's dataclass synthesis infers the same, but only for the values a
    call gives is it worth it (see ``simplify_pinned_inputs``). A program may
    hold both ``Pinned`` classes (the public stub's and the runtime's): a
    value of either fits.
    """
    sym = config.type.get(name)
    field = sym.node if sym is not None else None
    if not isinstance(field, Var) or field.type is None:
        return None
    accepted: list[Type] = []
    for fullname in sorted(_names.PINNED):
        sentinel = lookup_fully_qualified(fullname, api.modules)
        if sentinel is None or not isinstance(sentinel.node, TypeInfo):
            continue
        pinned = Instance(sentinel.node, [expand_type_by_instance(field.type, config)])
        setter = pinned.type.get_method("__set__")
        signature = get_proper_type(setter.type) if setter is not None else None
        if isinstance(signature, CallableType) and len(signature.arg_types) == 3:
            accepted.append(expand_type_by_instance(signature.arg_types[2], pinned))
    return UnionType.make_union(accepted) if accepted else None


def replace_signature(ctx: FunctionSigContext) -> CallableType:
    """``dataclasses.replace(cfg, ...)``: mypy's signature, with what
    ``Pinned.__set__`` accepts for the Pinned fields of a config."""
    signature = replace_function_sig_callback(ctx)
    if not ctx.args or len(ctx.args[0]) != 1:
        return signature
    config = get_proper_type(ctx.api.get_expression_type(ctx.args[0][0]))
    record = config_record(config.type) if isinstance(config, Instance) else None
    if record is None or not isinstance(config, Instance):
        return signature
    pinned = record.pinned
    types = [
        (_pinned_input_type(config, name, ctx.api) or typ)
        if name is not None and name in pinned
        else typ
        for name, typ in zip(signature.arg_names, signature.arg_types, strict=True)
    ]
    return signature.copy_modified(arg_types=types)


def mark_defaults_calls(
    defaults_calls: DefaultsCalls, ctx: MethodSigContext
) -> CallableType:
    """Remember the calls inside ``pdefaults += ...`` before mypy checks them."""
    for args in ctx.args:
        for arg in args:
            _collect_calls(arg, defaults_calls)
    return ctx.default_signature


class CallSet:
    """Call nodes, by identity.

    The node is kept with its id, so an id reused by a later node (the
    daemon rebuilds trees) is never taken for a marked one.
    """

    def __init__(self) -> None:
        self._nodes: dict[int, Expression] = {}

    def add(self, node: Expression) -> None:
        self._nodes[id(node)] = node

    def __contains__(self, node: object) -> bool:
        return self._nodes.get(id(node)) is node


class DefaultsCalls(CallSet):
    """The call nodes inside ``pdefaults += ...`` right-hand sides."""


class SignedCalls(CallSet):
    """The constructor calls ``constructor_signature`` gave a signature."""


def _collect_calls(expr: Expression, found: DefaultsCalls) -> None:
    """The calls in ``expr``, through call arguments and container literals."""
    pending = [expr]
    while pending:
        current = pending.pop()
        if isinstance(current, CallExpr):
            found.add(current)
            pending.extend(current.args)
        elif isinstance(current, (ListExpr, TupleExpr, SetExpr)):
            pending.extend(current.items)
        elif isinstance(current, DictExpr):
            pending.extend(value for _, value in current.items)


def check_pin_scope(defaults_calls: DefaultsCalls, ctx: FunctionContext) -> Type:
    """``Pin(...)`` belongs to defaults, config class bodies and @pproperty bodies."""
    if ctx.context in defaults_calls:
        return ctx.default_return_type
    scope = getattr(ctx.api, "scope", None)
    if scope is None:
        return ctx.default_return_type
    active = scope.active_class()
    if active is not None and is_config(active):
        return ctx.default_return_type
    # The outermost function: a lambda or nested def inside a @pproperty counts.
    function = next((f for f in scope.stack if isinstance(f, FuncItem)), None)
    if (
        function is not None
        and function.name.startswith(PPROPERTY_PREFIX)
        and function.info is not None
        and is_config(function.info)
    ):
        return ctx.default_return_type
    error_pin_outside_defaults(ctx.api, ctx.context)
    return ctx.default_return_type


def check_defaults_target(ctx: MethodContext) -> Type:
    """``pdefaults(C)``, ``pdefaults(cfg)`` and ``pdefaults += cfg`` take configs."""
    for types, args in zip(ctx.arg_types, ctx.args, strict=True):
        for typ, arg in zip(types, args, strict=True):
            if not _is_config_or_class(typ):
                error_defaults_target(ctx.api, typ, arg)
    return ctx.default_return_type


def _is_config_or_class(typ: Type) -> bool:
    proper = get_proper_type(typ)
    if isinstance(proper, (AnyType, UninhabitedType)):
        return True
    if isinstance(proper, UnionType):
        return all(_is_config_or_class(item) for item in proper.items)
    if isinstance(proper, TypeType):
        proper = proper.item
    elif isinstance(proper, FunctionLike) and proper.is_type_obj():
        return is_config(proper.type_object())
    if isinstance(proper, TypeVarType):
        proper = get_proper_type(proper.upper_bound)
    return isinstance(proper, Instance) and is_config(proper.type)


def reject_construct(ctx: MethodContext) -> Type:
    receiver = get_proper_type(ctx.type)
    if isinstance(receiver, TypeType):
        receiver = receiver.item
    name = receiver.type.name if isinstance(receiver, Instance) else "this config"
    error_no_constructs(ctx.api, name, ctx.context)
    return AnyType(TypeOfAny.from_error)


def reject_pinned_assign(
    info: TypeInfo, record: ConfigRecord, name: str, ctx: AttributeContext
) -> Type:
    error_pinned_assign(ctx.api, info, record, name, ctx.context)
    return AnyType(TypeOfAny.from_error)


# --------------------------------------------------------------------------
# Messages: one emitter per message, mypy house style.


def error_pinned_value(api: Any, class_name: str, name: str, context: Context) -> None:
    api.fail(
        f'Cannot set pinned field "{name}" of "{class_name}"; '
        f'drop the argument or pass "{name}=Pinned"',
        context,
        code=PINNED_VALUE,
    )


def error_pinned_assign(
    api: Any, info: TypeInfo, record: ConfigRecord, name: str, context: Context
) -> None:
    how = (
        f'it is computed by "@pproperty {name}"'
        if name in record.computed
        else "it is computed from its pinned value"
    )
    api.fail(
        f'Cannot assign to pinned field "{name}" of "{info.name}"; {how}',
        context,
        code=PINNED_ASSIGN,
    )


def error_pin_outside_defaults(api: Any, context: Context) -> None:
    api.fail(
        '"Pin(...)" is only allowed in "pdefaults += ...", config class bodies '
        "and @pproperty bodies",
        context,
        code=PIN_OUTSIDE_DEFAULTS,
    )


def error_pproperty_type(
    api: Any,
    class_name: str,
    name: str,
    returned: Type,
    expected: Type,
    context: Context,
) -> None:
    api.fail(
        f'Return type {format_type(returned, api.options)} of "@pproperty {name}" '
        f'is incompatible with field "{class_name}.{name}" of type '
        f"{format_type(expected, api.options)}",
        context,
        code=PPROPERTY_TYPE,
    )


def error_pproperty_no_field(
    api: Any, class_name: str, name: str, context: Context
) -> None:
    api.fail(
        f'"@pproperty {name}" has no field "{name}" in "{class_name}"; '
        f'declare "{name}: Pinned[...]" in the class body',
        context,
        code=PPROPERTY_NO_FIELD,
    )


def error_pinned_default(
    api: Any, class_name: str, name: str, context: Context
) -> None:
    api.fail(
        f'Pinned field "{name}" of "{class_name}" cannot have a class-level value; '
        f'write "{name}: Pinned[...] = Pinned" and compute it with "@pproperty {name}", '
        f'or pin a value with "pdefaults += {class_name}({name}=Pin(...))"',
        context,
        code=PINNED_DEFAULT,
    )


def error_dataclass_field(
    api: Any, class_name: str, name: str, context: Context
) -> None:
    api.fail(
        f'Field "{name}" of config "{class_name}" cannot use "dataclasses.field(...)"; '
        f'write the default itself ("{name}: T = value", configs are immutable '
        f'so it is safe to share) or compute it with "@pproperty {name}"',
        context,
        code=DATACLASS_FIELD,
    )


def error_reserved_name(api: Any, class_name: str, name: str, context: Context) -> None:
    api.fail(
        f'Config "{class_name}" cannot have a field named "{name}"; it would hide '
        f"{RESERVED_NAMES[name]}; rename the field",
        context,
        code=RESERVED_NAME,
    )


def error_base_subclass(
    api: Any, class_name: str, base_name: str, context: Context
) -> None:
    api.fail(
        f'Base config of type "{base_name}" is a subclass of "{class_name}"; '
        f'pass a "{class_name}" or one of its config ancestors',
        context,
        code=BASE_TYPE,
    )


def error_own_init(api: Any, class_name: str, context: Context) -> None:
    api.fail(
        f'Config "{class_name}" cannot define "__init__"; @pconfig generates '
        f'"{class_name}(*bases, **fields)" and replaces it. Validate in '
        '"__post_init__" or compute values with "@pproperty"',
        context,
        code=OWN_INIT,
    )


def error_defaults_target(api: Any, typ: Type, context: Context) -> None:
    api.fail(
        f'"pdefaults" takes a config class or a config, not {format_type(typ, api.options)}; '
        'register defaults with "pdefaults += MyConfig(...)"',
        context,
        code=DEFAULTS_TARGET,
    )


def error_no_constructs(api: Any, class_name: str, context: Context) -> None:
    api.fail(
        f'"{class_name}" constructs nothing ("inherit_constructable_type=False" '
        "dropped what its config ancestor builds); give it "
        '"@pconfig(constructs=...)" to build a class',
        context,
        code=NO_CONSTRUCTS,
    )


def error_configed_direct(
    api: Any, info: TypeInfo, record: ConfiguredRecord, context: Context
) -> None:
    config = record.config
    how = f'"{config}(...).construct()"' if config else 'its config\'s "construct()"'
    api.fail(
        f'Cannot create "{info.name}" directly; build it with {how}',
        context,
        code=CONFIGED_DIRECT,
    )


def error_inherit_constructable(
    api: Any, class_name: str, inherited: str, context: Context
) -> None:
    parent = inherited.rpartition(".")[2]
    api.fail(
        f'"{class_name}" inherits a config that constructs "{parent}"; pass '
        '"inherit_constructable_type=True" or "inherit_constructable_type=False" '
        "to @pconfig",
        context,
        code=INHERIT_CONSTRUCTABLE,
    )


def report_internal_error(api: Any, exc: BaseException, context: Context) -> None:
    """The one path for states the plugin does not expect: report, never crash."""
    with suppress(Exception):  # never crash mypy, even here
        if isinstance(exc, StaleRecordError):
            api.fail(str(exc), context, code=INTERNAL)
            return
        api.fail(
            f"The pconfigs mypy plugin met an unexpected state "
            f"({type(exc).__name__}: {exc}); please report it to the pconfigs maintainers",
            context,
            code=INTERNAL,
        )
