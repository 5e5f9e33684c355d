"""``@pconfig``: frozen, typed config classes built from bases and defaults.

A config class keeps one :class:`ConfigSpec` (``__pconfigs_spec__``) with
everything the decorator learned about it: its fields in order, which are
``Pinned``, its ``@pproperty`` methods in dependency order and its registered
default. Instances store each field's resolved value in their ``__dict__`` so
reads cost a plain attribute read; raw inputs are kept only where they differ
from the value (a non-Pinned ``@pproperty`` field, or a ``Pin`` given to a
computed field).
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable
from typing import Any, TypeGuard, TypeVar, overload

from pconfigs import declaration
from pconfigs._names import CONFIGED_ATTR, CONSTRUCTABLE_TYPE, INPUTS_ATTR, SPEC_ATTR
from pconfigs.errors import (
    BaseConfigError,
    ConfigDefinitionError,
    ConstructableTypeError,
    FrozenConfigError,
    MissingFieldsError,
    NotAConfigError,
    PinnedAssignmentError,
    PinnedFieldError,
    PropertyCycleError,
    RequiredValuesError,
    UnknownFieldError,
    add_note,
    describe,
    did_you_mean,
    join_names,
    message,
)
from pconfigs.frozen import freeze
from pconfigs.initializer import (
    MISSING,
    early_values,
    forget_early_values,
    make_init,
    register_sources,
)
from pconfigs.inputs import ConfigInputs
from pconfigs.sentinels import Pin, Pinned, Required

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:
    from typing_extensions import dataclass_transform

C = TypeVar("C", bound=type)

__all__ = [
    "ConfigInputs",
    "ConfigSpec",
    "field_of_path",
    "find_required",
    "is_config",
    "is_config_class",
    "pconfig",
    "spec_of",
]


# --------------------------------------------------------------------------
# The decorator


@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(cls: C, /) -> C: ...
@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(
    *,
    constructs: type | None = None,
    inherit_constructable_type: bool | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
) -> Callable[[C], C]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(
    cls: Any = None,
    /,
    *,
    constructs: type | None = None,
    inherit_constructable_type: bool | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
) -> Any:
    """Make ``cls`` a frozen config class; returns the same class object.

    ::

        @pconfig(constructs=Trainer)
        class TrainerConfig:
            steps: int
            base_lr: float

        cfg = TrainerConfig(steps=3, base_lr=1e-3)
        longer = TrainerConfig(cfg, steps=10)   # a base config plus overrides

    ``calls=f`` / ``mocks=C`` take the fields from ``f``'s (``C.__init__``'s)
    signature: ``cfg(*args, **kw)`` calls ``f``, ``cfg.construct(**kw)``
    builds ``C`` (docs/other-libraries.md).
    """

    def decorate(cls: Any) -> Any:
        if not isinstance(cls, type):
            raise ConfigDefinitionError(
                message(
                    f"@pconfig decorates a class, got {describe(cls)}",
                    "Fix: put @pconfig directly above `class MyConfig:`",
                )
            )
        wrapped = _wrap(cls, constructs, calls, mocks)
        spec = ConfigSpec(cls, constructs, inherit_constructable_type)
        if wrapped is not None:
            spec.wrapped = wrapped
        _install(cls, spec)
        if wrapped is not None:
            from pconfigs.wrapped import install_wrapped

            install_wrapped(cls, spec, wrapped)
        return cls

    if cls is None:
        return decorate
    return decorate(cls)


def _wrap(cls: type, constructs: type | None, calls: Any, mocks: type | None) -> Any:
    """The target of a calls=/mocks=/mock config, its signature's fields
    added to ``cls``; ``None`` for an ordinary config."""
    given = [
        f"{name}=" for name, value in (("calls", calls), ("mocks", mocks)) if value
    ]
    mock = constructs is not None and bool(
        getattr(constructs, "__dict__", {}).get(CONFIGED_ATTR, {}).get("mock")
    )
    if len(given) + (constructs is not None) > 1:
        raise ConfigDefinitionError(
            message(
                f"@pconfig on {cls.__qualname__} takes one of constructs=, calls= "
                f"and mocks=, got {' and '.join([*given, *(['constructs='] if constructs else [])])}",
                "A config builds one thing: a @pconfiged class (constructs=), the "
                "result of a call (calls=) or an instance of a class (mocks=)",
                "Fix: keep one of them",
            )
        )
    if not (given or mock):
        return None
    from pconfigs.wrapped import wrap_class

    if mock:
        return wrap_class(cls, "mock", constructs)
    return wrap_class(cls, "calls" if calls else "mocks", calls or mocks)


def is_config_class(obj: object) -> TypeGuard[type]:
    """True for a class decorated with ``@pconfig``."""
    return isinstance(obj, type) and SPEC_ATTR in obj.__dict__


def is_config(obj: object) -> bool:
    """True for an instance of a ``@pconfig`` class."""
    return is_config_class(type(obj))


def spec_of(obj: object) -> ConfigSpec:
    """The :class:`ConfigSpec` of a config class or instance."""
    cls = obj if isinstance(obj, type) else type(obj)
    spec: ConfigSpec | None = cls.__dict__.get(SPEC_ATTR)
    if spec is None:
        raise NotAConfigError(f"{describe(obj)} is not a @pconfig class or config")
    return spec


# --------------------------------------------------------------------------
# What the decorator learns about a class


class ConfigSpec:
    """Everything pconfigs knows about one config class."""

    def __init__(
        self,
        cls: type,
        constructs: type | None,
        inherit_constructable_type: bool | None,
    ) -> None:
        self.cls = cls
        self.name = cls.__qualname__
        self.ancestors: tuple[type, ...] = tuple(
            base for base in cls.__mro__[1:] if SPEC_ATTR in base.__dict__
        )
        self.fields, self.pinned, self.annotations, class_values = (
            declaration.collect_fields(cls, self.ancestors)
        )
        # This class's own defaults, written in its body (``steps: int = 100``).
        self.class_defaults: dict[str, Any] = {
            name: freeze(value, self.name, name) for name, value in class_values.items()
        }
        self.field_set = frozenset(self.fields)
        self.properties = declaration.collect_properties(cls, self.field_set)
        self.deps = {
            name: declaration.infer_deps(cls, name, prop, self.fields)
            for name, prop in self.properties.items()
        }
        # Pinned computed fields whose @pproperty reads its own input, so a
        # Pin(value) given for them is used rather than ignored.
        self.pin_readers = frozenset(
            name
            for name, prop in self.properties.items()
            if name in self.pinned and declaration.reads_own_input(prop.func, name)
        )
        self.order = declaration.evaluation_order(
            self.name, self.fields, self.properties, self.deps
        )
        self.constructable_type = _constructable_type(
            cls, self.ancestors, constructs, inherit_constructable_type
        )
        # Fields whose value is the input unchanged: copied as they are.
        self.plain_fields = tuple(
            f for f in self.fields if f not in self.pinned and f not in self.properties
        )
        self._special_fields = tuple(
            f for f in self.fields if f not in self.plain_fields
        )
        self._plain_getter = _getter(self.plain_fields)
        self._value_getter = _getter(self.fields)
        # The config registered by ``pdefaults += ...``.
        self.default: Any = None
        # A calls=/mocks= target's defaults (and the class's own values), by
        # field: what every construction starts from until pdefaults
        # registers a config, which replaces them outright.
        self.signature_defaults: dict[str, Any] = {}
        self.signature_config: Any = None  # built from them by pdefaults(cls)
        # The calls=/mocks=/mock target (pconfigs.wrapped.Wrapped), inherited.
        self.wrapped: Any = next(
            (a.__dict__[SPEC_ATTR].wrapped for a in self.ancestors), None
        )
        # Inputs that every construction starts from: registered defaults,
        # merged; reset by pdefaults when a registration changes them.
        self.defaults_layer: dict[str, Any] | None = None

    # -- merging inputs (called by the generated __init__) ---------------------

    def layer(self, bases: tuple[Any, ...]) -> dict[str, Any]:
        """Inputs from ``bases`` over the registered defaults: the first base
        written wins over later ones and over defaults. (The generated
        ``__init__`` handles no base, and one base of the class itself.)"""
        layer = self.base_layer().copy()
        for position in range(len(bases), 0, -1):
            layer.update(self._inputs_from(bases[position - 1], position))
        return layer

    def base_layer(self) -> dict[str, Any]:
        """The defaults of this class and its ancestors, merged.

        Class by class from the farthest ancestor to this class, so nearer
        classes win; within one class its registered default wins over the
        class-level values written in its body.
        """
        layer = self.defaults_layer
        if layer is None:
            layer = {}
            for owner in reversed((self.cls, *self.ancestors)):
                owner_spec: ConfigSpec = owner.__dict__[SPEC_ATTR]
                for name, value in owner_spec.class_defaults.items():
                    if name not in self.pinned:
                        layer[name] = value
                if owner_spec.default is not None:
                    layer.update(self._copyable_inputs(owner_spec.default))
                elif owner_spec.signature_defaults:
                    layer.update(
                        self._copyable(owner_spec, dict(owner_spec.signature_defaults))
                    )
            self.defaults_layer = layer
        return layer

    def _inputs_from(self, base: Any, position: int) -> dict[str, Any]:
        base_cls = base.__class__
        if base_cls is not self.cls and base_cls not in self.ancestors:
            raise _wrong_base_error(self, base, position)
        return self._copyable_inputs(base)

    def _copyable_inputs(self, source: Any) -> dict[str, Any]:
        """``source``'s inputs as this class takes them from a base or default.

        A field this class pins takes no plain value from elsewhere: only the
        ``Pinned`` sentinel or a ``Pin`` (which lets a subclass pin
        an inherited field). A field this class does not pin unwraps a ``Pin``.
        """
        source_spec: ConfigSpec = type(source).__dict__[SPEC_ATTR]
        return self._copyable(source_spec, source_spec.inputs_of(source))

    def _copyable(
        self, source_spec: ConfigSpec, inputs: dict[str, Any]
    ) -> dict[str, Any]:
        if source_spec is self:
            return inputs
        for name, value in list(inputs.items()):
            pinned_value = value is Pinned or isinstance(value, Pin)
            if name in self.pinned:
                if not pinned_value:
                    del inputs[name]
            elif value is Pinned:
                del inputs[name]
            elif isinstance(value, Pin):
                inputs[name] = value.value
        return inputs

    def _compute(self, obj: Any, name: str) -> Any:
        if name not in self.pinned and self.input_of(obj, name) is Required:
            return Required  # as the generated __init__ does
        for dep in self.deps[name]:
            value = getattr(obj, dep)
            if value is Required or value is Pinned:
                return Pinned
        return self.properties[name].func(obj)

    def compute_on_demand(self, obj: Any, name: str) -> Any:
        """A ``@pproperty`` read before its turn (an undeclared dependency)."""
        key = (id(obj), name)
        if key in _computing:
            raise PropertyCycleError(
                message(
                    f"{self.name}.{name} was read while it was being computed",
                    "A @pproperty reads this field through a path that dependency "
                    "inference cannot see, and the reads form a cycle",
                    f"Fix: break the cycle, or read the raw input with pinputs(self).{name}",
                )
            )
        _computing.add(key)
        try:
            value = freeze(self._compute(obj, name), self.name, name)
        except BaseException as error:
            note_computing(self, obj, name, error)
            raise
        finally:
            _computing.discard(key)
        object.__setattr__(obj, name, value)
        # The generated __init__ takes this value instead of computing again;
        # holding obj keeps its id from being reused while the entry exists.
        early_values[key] = (obj, value)
        return value

    # -- reading inputs ---------------------------------------------------------

    def input_of(self, obj: Any, name: str) -> Any:
        """The raw input of field ``name`` (``Pinned``/``Pin`` for a Pinned field)."""
        stored = getattr(obj, INPUTS_ATTR, None)
        if stored is not None and name in stored:
            return stored[name]
        if name in self.pinned:
            if name in self.properties:
                return Pinned
            value = getattr(obj, name, Pinned)
            return value if value is Pinned else Pin(value)
        return getattr(obj, name)

    def inputs_of(self, obj: Any) -> dict[str, Any]:
        """All raw inputs of ``obj``, in field order."""
        # attrgetter, not obj.__dict__: touching __dict__ turns the instance's
        # inline values into a real dict and slows every later attribute read.
        inputs = dict(zip(self.plain_fields, self._plain_getter(obj), strict=True))
        for name in self._special_fields:
            inputs[name] = self.input_of(obj, name)
        return inputs

    def inputs_view(self, obj: Any) -> ConfigInputs:
        return ConfigInputs(obj, self)

    def values_of(self, obj: Any) -> tuple[Any, ...]:
        """Resolved values of every field, in field order."""
        return self._value_getter(obj)


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        get_one = operator.attrgetter(names[0])
        return lambda obj: (get_one(obj),)
    getter: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*names)
    return getter


# Names of @pproperty fields being computed on demand, to report a cycle that
# dependency inference could not see instead of recursing forever.
_computing: set[tuple[int, str]] = set()


# --------------------------------------------------------------------------
# constructs= and construct()


def _constructable_type(
    cls: type,
    ancestors: tuple[type, ...],
    constructs: type | None,
    inherit: bool | None,
) -> type | None:
    if constructs is not None:
        if not (isinstance(constructs, type) and CONFIGED_ATTR in constructs.__dict__):
            named = isinstance(constructs, type)
            shown = constructs.__qualname__ if named else repr(constructs)
            raise ConfigDefinitionError(
                message(
                    f"@pconfig(constructs={shown}) on {cls.__qualname__}: expected a "
                    f"@pconfiged class, got "
                    + (f"the plain class {shown}" if named else describe(constructs)),
                    "construct() builds the class named by constructs=, which must "
                    "take its config from the config",
                    f"Fix: decorate {shown} with @pconfiged and annotate "
                    f"`config: {cls.__qualname__}` in its body"
                    if named
                    else "Fix: pass constructs=<a @pconfiged class>",
                )
            )
        return constructs
    inherited = next(
        (
            a.__dict__[SPEC_ATTR].constructable_type
            for a in ancestors
            if a.__dict__[SPEC_ATTR].constructable_type is not None
        ),
        None,
    )
    if inherited is None:
        return None
    if inherit is None:
        parent = next(
            a
            for a in ancestors
            if a.__dict__[SPEC_ATTR].constructable_type is inherited
        )
        raise ConstructableTypeError(
            message(
                f"{cls.__qualname__} subclasses {parent.__qualname__}, which constructs "
                f"{inherited.__qualname__}; say what {cls.__qualname__} constructs",
                f"Fix: @pconfig(inherit_constructable_type=True) to construct "
                f"{inherited.__qualname__} too,",
                "  or @pconfig(inherit_constructable_type=False) to construct nothing,",
                "  or @pconfig(constructs=OtherClass)",
            )
        )
    return inherited if inherit else None


def find_required(config: Any, prefix: str = "") -> list[str]:
    """Dotted names of every field (nested configs included) still ``Required``."""
    spec: ConfigSpec = type(config).__dict__[SPEC_ATTR]
    found: list[str] = []
    for name, value in zip(spec.fields, spec.values_of(config), strict=True):
        found.extend(_required_in_value(value, f"{prefix}{name}"))
    return found


def _required_in_value(value: Any, path: str) -> list[str]:
    """``Required`` anywhere inside ``value``: nested configs, list and tuple
    items (``items[0]``), dict keys (``table[Required] (a key)``) and values
    (``table['k']``), set items (``tags (a set item)``)."""
    if value is Required:
        return [path]
    if is_config(value):
        return find_required(value, f"{path}.")
    if isinstance(value, (list, tuple)):
        return [
            r
            for i, item in enumerate(value)
            for r in _required_in_value(item, f"{path}[{i}]")
        ]
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            if key is Required:
                found.append(f"{path}[Required] (a key)")
            found.extend(_required_in_value(item, f"{path}[{key!r}]"))
        return found
    if isinstance(value, (set, frozenset)) and Required in value:
        return [f"{path} (a set item)"]
    return []


def field_of_path(path: str) -> str:
    """The top-level field of a path such as ``items[0].name``."""
    for stop in ".[ ":
        path = path.split(stop, 1)[0]
    return path


def _construct(self: Any, /, **runtime: Any) -> Any:
    spec: ConfigSpec = type(self).__dict__[SPEC_ATTR]
    target = spec.constructable_type
    if target is None:
        raise ConfigDefinitionError(
            message(
                f"{spec.name}.construct(): {spec.name} constructs nothing",
                f"Fix: declare the class it builds with @pconfig(constructs=...) on {spec.name}",
            )
        )
    required = find_required(self)
    if required:
        raise RequiredValuesError(
            message(
                f"{spec.name}.construct(): {len(required)} field"
                f"{'s are' if len(required) > 1 else ' is'} still Required: "
                + join_names(required),
                "Required is a placeholder in a registered default for a value "
                "that must be given later",
                f"Fix: give {'them' if len(required) > 1 else 'it'} a value, e.g. "
                f"{spec.name}(config, {field_of_path(required[0])}=...)",
            )
        )
    from pconfigs.constructed import build_configured

    if spec.wrapped is not None and spec.wrapped.kind == "mock":
        from pconfigs.wrapped import configured_values

        return build_configured(
            target, self, configured_values(self, spec.wrapped, runtime, ".construct()")
        )
    if runtime:
        raise TypeError(
            f"{spec.name}.construct() takes no keyword arguments, got "
            + join_names(runtime)
        )
    return build_configured(target, self)


# --------------------------------------------------------------------------
# The methods every config class gets


class _InitErrors:
    """The errors the generated ``__init__`` raises, built off its fast path.

    Each also puts the generated sources into linecache, so the traceback of
    the error shows the generated line it left from.
    """

    @staticmethod
    def unknown(spec: ConfigSpec, names: list[str]) -> UnknownFieldError:
        register_sources()
        return _unknown_fields_error(spec, names)

    @staticmethod
    def pinned(spec: ConfigSpec, name: str, value: Any) -> PinnedFieldError:
        register_sources()
        return PinnedFieldError(
            _pinned_message(spec, name, value, "a keyword argument")
        )

    @staticmethod
    def ignored_pin(spec: ConfigSpec, name: str, value: Any) -> PinnedFieldError:
        register_sources()
        return PinnedFieldError(_ignored_pin_message(spec, name, value))

    @staticmethod
    def missing(
        spec: ConfigSpec, values: tuple[Any, ...], bases: tuple[Any, ...]
    ) -> tuple[Any, ...]:
        """The values of the fields nobody gave, read from the environment
        (``@penv``); raises the missing-fields error for any left."""
        from pconfigs.environment import fill_environment_fields

        required = [f for f in spec.fields if f not in spec.pinned]
        by_name = dict(zip(required, values, strict=True))
        missing = [f for f in required if by_name[f] is MISSING]
        fill_environment_fields(spec, by_name, missing)
        missing = [f for f in required if by_name[f] is MISSING]
        if missing:
            register_sources()
            raise _missing_fields_error(spec, missing, bases)
        return tuple(by_name[f] for f in required)

    @staticmethod
    def undecorated(config_cls: type, obj: Any) -> None:
        register_sources()
        _reject_undecorated_subclass(config_cls, type(obj))

    @staticmethod
    def computing(spec: ConfigSpec, obj: Any, name: str, error: BaseException) -> None:
        register_sources()
        forget_early_values(obj)
        note_computing(spec, obj, name, error)

    @staticmethod
    def validating(spec: ConfigSpec, error: BaseException) -> None:
        register_sources()
        add_note(error, f"while validating a new {spec.name} in __post_init__")


def note_computing(spec: ConfigSpec, obj: Any, name: str, error: BaseException) -> None:
    """Say which field of which config was being computed, from what.

    A @pproperty that read another one early fails through both; each adds
    its own note once.
    """
    text = f"while computing {spec.name}.{name}{_read_inputs(spec, obj, name)}"
    if text not in getattr(error, "__notes__", ()):
        add_note(error, text)


def _read_inputs(spec: ConfigSpec, obj: Any, name: str) -> str:
    deps = spec.deps[name]
    if not deps:
        return " (it reads no other field)"
    # The config failed to build, so reading its __dict__ (which would slow
    # later attribute reads) costs nothing, and computes nothing again.
    values = vars(obj)
    shown = [
        f"{dep}={_short_repr(values[dep])}"
        if dep in values
        else f"{dep}=<not computed>"
        for dep in deps
    ]
    return " from " + ", ".join(shown)


def _short_repr(value: Any) -> str:
    if is_config(value):
        return f"{type(value).__qualname__}(...)"
    text = " ".join(repr(value).split("\n"))
    return text if len(text) <= 40 else text[:37] + "..."


def _install(cls: Any, spec: ConfigSpec) -> None:
    namespace: dict[str, Any] = {
        SPEC_ATTR: spec,
        # Instances that keep raw inputs shadow this; reading it never raises.
        INPUTS_ATTR: None,
        "__init__": make_init(spec, _InitErrors),
        "__setattr__": _frozen_setattr,
        "__delattr__": _frozen_delattr,
        "__eq__": _eq,
        "__hash__": _hash,
        "__repr__": _repr,
        "__str__": _repr,
        "__reduce__": _reduce,
        "__replace__": _replace,
        "__dataclass_fields__": _LazyDataclassFields(),
        "__match_args__": (),
    }
    if CONSTRUCTABLE_TYPE not in spec.field_set:
        namespace[CONSTRUCTABLE_TYPE] = spec.constructable_type
    if "construct" not in spec.field_set and "construct" not in cls.__dict__:
        namespace["construct"] = _construct
    if "inputs" not in spec.field_set and "inputs" not in cls.__dict__:
        namespace["inputs"] = property(spec.inputs_view, doc="The config's raw inputs.")
    for name, value in spec.class_defaults.items():
        # The class attribute shows the (frozen) default; a @pproperty of the
        # same name stays the attribute, as reads during construction need it.
        namespace[name] = spec.properties.get(name, value)
    for name, value in namespace.items():
        if (
            name in ("__eq__", "__hash__", "__repr__", "__str__")
            and name in cls.__dict__
        ):
            continue  # the user's own definition wins
        setattr(cls, name, value)


def _reject_undecorated_subclass(config_cls: type, actual: type) -> None:
    raise ConfigDefinitionError(
        message(
            f"{actual.__qualname__} subclasses the config class "
            f"{config_cls.__qualname__} but is not decorated with @pconfig",
            f"Fix: put @pconfig above `class {actual.__qualname__}`",
        )
    )


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    spec: ConfigSpec = type(self).__dict__[SPEC_ATTR]
    if name in spec.pinned:
        raise PinnedAssignmentError(_pinned_message(spec, name, value, "an assignment"))
    raise FrozenConfigError(
        message(
            f"Cannot assign {spec.name}.{name} = {describe(value)}: configs are frozen",
            f"Fix: derive a new config instead: {spec.name}(config, {name}={value!r})"
            if name in spec.field_set
            else f"{spec.name} has no field {name!r}; configs take no other attributes",
        )
    )


def _frozen_delattr(self: Any, name: str) -> None:
    spec: ConfigSpec = type(self).__dict__[SPEC_ATTR]
    raise FrozenConfigError(
        message(
            f"Cannot delete {spec.name}.{name}: configs are frozen",
            f"Fix: derive a new config instead: {spec.name}(config, {name}=...)",
        )
    )


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    spec: ConfigSpec = type(self).__dict__[SPEC_ATTR]
    return spec.values_of(self) == spec.values_of(other)


def _hash(self: Any) -> int:
    spec: ConfigSpec = type(self).__dict__[SPEC_ATTR]
    return hash((type(self), spec.values_of(self)))


def _repr(self: Any) -> str:
    from pconfigs.printing import format_config

    text: str = format_config(self)
    return text


def _reduce(self: Any) -> tuple[Any, ...]:
    return (_restore, (type(self), dict(self.__dict__)))


def _restore(cls: type, state: dict[str, Any]) -> Any:
    """Unpickle a config: its values come back as they were, not recomputed."""
    obj: Any = object.__new__(cls)
    setattr_ = object.__setattr__
    for name, value in state.items():
        setattr_(obj, name, value)
    return obj


def _replace(self: Any, /, **changes: Any) -> Any:
    return type(self)(self, **changes)


class _LazyDataclassFields:
    """``__dataclass_fields__``, built on first use so importing pconfigs
    does not import :mod:`dataclasses`."""

    def __get__(self, instance: object, owner: type) -> dict[str, Any]:
        import dataclasses

        spec: ConfigSpec = owner.__dict__[SPEC_ATTR]
        built: dict[str, Any] = {}
        for name in spec.fields:
            pinned = name in spec.pinned
            field: Any = dataclasses.field(init=not pinned, repr=True, compare=True)
            field.name = name
            field.type = spec.annotations[name]
            field._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
            field.kw_only = True
            built[name] = field
        type.__setattr__(owner, "__dataclass_fields__", built)
        if "__dataclass_params__" not in owner.__dict__:
            type.__setattr__(
                owner, "__dataclass_params__", _dataclass_params(dataclasses)
            )
        return built


def _dataclass_params(dataclasses: Any) -> Any:
    params = dict(
        init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=True
    )
    try:
        return dataclasses._DataclassParams(**params)
    except TypeError:  # newer Pythons take more parameters
        return dataclasses._DataclassParams(
            **params, match_args=False, kw_only=True, slots=False, weakref_slot=False
        )


# --------------------------------------------------------------------------
# Error messages


def _pinned_message(spec: ConfigSpec, name: str, value: Any, via: str) -> str:
    registered_pin = isinstance(spec.base_layer().get(name), Pin)
    if name in spec.properties:
        source = f"it is computed by @pproperty {spec.name}.{name}"
    elif registered_pin:
        source = "it is fixed by Pin(...) in a registered default"
    else:
        source = "no @pproperty computes it and only Pin(...) may set it"
    if via == "an assignment":
        fix = (
            f"Fix: configs are frozen; derive a new config and let {name} follow "
            f"its inputs: {spec.name}(config, <input>=...)"
        )
    elif name in spec.properties or registered_pin:
        fix = f"Fix: drop the argument, or pass {name}=Pinned to use the " + (
            "computed value" if name in spec.properties else "pinned value"
        )
    else:
        fix = (
            f"Fix: drop the argument, or pin a value in a registered default: "
            f"pdefaults += {spec.name}(..., {name}=Pin({value!r}))"
        )
    return message(
        f"Cannot set pinned field {spec.name}.{name}; {source} (got {describe(value)})",
        f"The value came from {via}",
        fix,
    )


def _ignored_pin_message(spec: ConfigSpec, name: str, value: Any) -> str:
    return message(
        f"{value!r} for {spec.name}.{name} would be ignored: @pproperty "
        f"{spec.name}.{name} never reads pinputs(self).{name}",
        f"The @pproperty computes {name} from other fields, so the pinned value "
        "would silently be dropped",
        f"Fix: drop the argument (or pass {name}=Pinned), or read "
        f"pinputs(self).{name} in the @pproperty to use a pinned value",
    )


def _unknown_fields_error(spec: ConfigSpec, unknown: list[str]) -> UnknownFieldError:
    hints: list[str] = []
    if len(unknown) == 1:
        headline = f"{spec.name} has no field {unknown[0]!r}" + did_you_mean(
            unknown[0], spec.fields
        )
    else:
        headline = f"{spec.name} has no fields {', '.join(repr(n) for n in unknown)}"
        for name in unknown:
            hint = did_you_mean(name, spec.fields)
            if hint:
                hints.append(f"{name!r}{hint}")
    return UnknownFieldError(
        message(
            headline,
            *hints,
            f"Fields of {spec.name}: {', '.join(spec.fields)}",
            "Fix: correct the keyword argument, or declare the field in the class body",
        )
    )


def _missing_fields_error(
    spec: ConfigSpec, missing: list[str], bases: tuple[Any, ...]
) -> MissingFieldsError:
    count = f"{len(missing)} field{'s' if len(missing) > 1 else ''}"
    sources = "no keyword argument, base config or registered default"
    example = ", ".join(f"{name}=..." for name in missing)
    return MissingFieldsError(
        message(
            f"{spec.name} is missing {count}: {join_names(missing)}",
            f"After merging, {sources} gave {'them' if len(missing) > 1 else 'it'} a value",
            f"Fix: pass {spec.name}({'base, ' if bases else ''}{example}), or register "
            f"defaults with pdefaults += {spec.name}(...)",
        )
    )


def _wrong_base_error(spec: ConfigSpec, base: Any, position: int) -> BaseConfigError:
    accepted = " or ".join(c.__qualname__ for c in (spec.cls, *spec.ancestors))
    base_cls = type(base)
    if not is_config(base):
        why = f"{base_cls.__qualname__} is not a @pconfig class"
    elif issubclass(base_cls, spec.cls):
        why = (
            f"{base_cls.__qualname__} is a subclass of {spec.name}; a base must be "
            f"{spec.name} itself or one of its config ancestors"
        )
    else:
        why = (
            f"{base_cls.__qualname__} is not {spec.name} or one of its config ancestors"
        )
    return BaseConfigError(
        message(
            f"{spec.name}() positional argument {position} must be a config of class "
            f"{accepted}, got {describe(base)}",
            why,
            f"Accepted forms: {spec.name}(**fields) and {spec.name}(base, ..., **fields) "
            f"where each base is an instance of {accepted}",
            "Fix: pass values as keyword arguments, or pass a config of an accepted class",
        )
    )
