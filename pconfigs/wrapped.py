"""Configs of other libraries' callables: ``@pconfig(calls=f)``,
``@pconfig(mocks=C)`` and ``@pconfiged(mock=True)``.

The config's fields come from the target's signature: every parameter that
has a default, is not positional-only and has a type a config can hold. This
module reads the signature, decides which parameters become fields (and with
which annotation), and builds what the config adds on top of an ordinary
config: the call (``cfg(*args, **kw)``), ``construct(**runtime)``, and the
registered default that holds the signature's defaults.

Everything except the call and ``construct`` runs once per class, when the
decorator is applied.
"""

from __future__ import annotations

import collections.abc
import enum
import inspect
import operator
import pathlib
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pconfigs._names import SPEC_ATTR
from pconfigs.errors import (
    ConfigDefinitionError,
    RequiredValuesError,
    WrappedCallError,
    describe,
    did_you_mean,
    join_names,
    message,
)
from pconfigs.frozen import freeze
from pconfigs.sentinels import Required

if TYPE_CHECKING:
    from pconfigs.config import ConfigSpec

__all__ = [
    "Omitted",
    "OmittedAnnotation",
    "Wrapped",
    "install_wrapped",
    "mock_base_init",
    "remaining_parameters",
    "wrap_class",
]


# --------------------------------------------------------------------------
# Omitted[T]


class OmittedAnnotation:
    """What ``Omitted[T]`` evaluates to at run time: a marker holding ``T``."""

    __slots__ = ("type",)

    def __init__(self, tp: object) -> None:
        self.type = tp

    def __repr__(self) -> str:
        return f"Omitted[{spell(self.type)}]"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OmittedAnnotation):
            return bool(self.type == other.type)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((OmittedAnnotation, self.type))


class _OmittedForm:
    """``Omitted[T]`` on a parameter of a ``calls=``/``mocks=`` config leaves it
    out of the config and out of the call, so the target's own default applies::

        @pconfig(calls=torch.optim.AdamW)
        class AdamWConfig:
            foreach: Omitted[bool | None]
    """

    __slots__ = ()

    def __getitem__(self, tp: object) -> OmittedAnnotation:
        return OmittedAnnotation(tp)

    def __repr__(self) -> str:
        return "Omitted"


if TYPE_CHECKING:
    from typing import Generic, TypeVar

    _T = TypeVar("_T")

    class Omitted(Generic[_T]):
        """A parameter left out of the config and its call."""

else:
    Omitted = _OmittedForm()


# --------------------------------------------------------------------------
# What a wrapped config knows about its target


class Wrapped:
    """The target of a wrapped config and how its fields map to parameters."""

    __slots__ = ("defaults", "kind", "parameters", "target", "target_name")

    def __init__(
        self,
        kind: str,
        target: Any,
        target_name: str,
        parameters: tuple[str, ...],
        defaults: dict[str, Any],
    ) -> None:
        self.kind = kind  # "calls", "mocks" or "mock"
        self.target = target
        self.target_name = target_name
        # The fields passed to the target, in signature order.
        self.parameters = parameters
        # The signature's defaults of those fields.
        self.defaults = defaults


class _Parameter:
    __slots__ = ("annotation", "default", "name")

    def __init__(self, name: str, annotation: Any, default: Any) -> None:
        self.name = name
        self.annotation = annotation
        self.default = default


_EMPTY = inspect.Parameter.empty


def wrap_class(cls: type, kind: str, target: Any) -> Wrapped:
    """Give ``cls`` the fields of ``target``'s signature (before ``ConfigSpec``
    reads its annotations) and say which fields the target receives."""
    target_name, parameters = _signature_parameters(cls, kind, target)
    module_globals = getattr(sys.modules.get(cls.__module__), "__dict__", {})
    own = dict(cls.__dict__.get("__annotations__", {}))
    omitted = {name for name, ann in own.items() if _is_omitted(ann, module_globals)}
    _reject_unknown_omitted(cls, target_name, omitted, parameters)
    annotations: dict[str, Any] = {}
    passed: list[str] = []
    for parameter in parameters.values():
        name = parameter.name
        if name in omitted:
            continue
        if name in own:
            annotations[name] = own[name]
        elif parameter.default is _EMPTY:
            continue  # the caller passes it (cfg(params) / construct(params=...))
        else:
            annotations[name] = _field_type(cls, target_name, parameter)
        passed.append(name)
    for name, annotation in own.items():
        if name not in annotations and name not in omitted:
            annotations[name] = annotation
    # The fields are the class's annotations: dataclasses.fields(), printing,
    # validation and stubgen then see them like any declared field.
    type.__setattr__(cls, "__annotations__", annotations)
    defaults = {
        name: parameters[name].default
        for name in passed
        if parameters[name].default is not _EMPTY
    }
    return Wrapped(kind, target, target_name, tuple(passed), defaults)


def _signature_parameters(
    cls: type, kind: str, target: Any
) -> tuple[str, dict[str, _Parameter]]:
    function, target_name, skip_first = _signature_source(cls, kind, target)
    signature = _signature(cls, kind, target_name, function)
    parameters: dict[str, _Parameter] = {}
    for index, parameter in enumerate(signature.parameters.values()):
        if index == 0 and skip_first:
            continue  # self
        if parameter.kind in (
            parameter.POSITIONAL_ONLY,
            parameter.VAR_POSITIONAL,
            parameter.VAR_KEYWORD,
        ):
            continue
        parameters[parameter.name] = _Parameter(
            parameter.name, parameter.annotation, parameter.default
        )
    return target_name, parameters


def _signature_source(cls: type, kind: str, target: Any) -> tuple[Any, str, bool]:
    """The callable whose signature gives the fields, its name for messages,
    and whether its first parameter is ``self``."""
    if kind == "calls":
        if not callable(target):
            raise ConfigDefinitionError(
                message(
                    f"@pconfig(calls={describe(target)}) on {cls.__qualname__}: "
                    "expected a function or other callable",
                    "Fix: pass the function the config calls, e.g. "
                    "@pconfig(calls=torch.optim.AdamW)",
                )
            )
        return target, _qualified(target), False
    if not isinstance(target, type):
        raise ConfigDefinitionError(
            message(
                f"@pconfig(mocks={describe(target)}) on {cls.__qualname__}: "
                "expected a class",
                "mocks= takes its fields from a class's __init__ and "
                "construct() builds that class",
                "Fix: pass the class, or use @pconfig(calls=...) for a function",
            )
        )
    init_owner = mock_base_init(target) if kind == "mock" else _init_owner(target)
    init = init_owner.__dict__.get("__init__", object.__init__)
    shown = f"{_qualified(init_owner)}.__init__"
    if init is object.__init__:
        return (lambda: None), shown, False  # no parameters
    return init, shown, True


def remaining_parameters(cls: type, wrapped: Wrapped) -> list[inspect.Parameter]:
    """The parameters of the target that calling a ``calls=`` config, or the
    ``construct()`` of a ``mocks=``/mock config, still takes, as the runtime
    passes them (for stubs that type the call).

    The configured parameters are gone. They reach the target as keywords,
    so a positional parameter after one of them can only be given by
    keyword, and ``*args`` not at all; ``construct()`` takes keywords only.
    """
    function, target_name, skip_first = _signature_source(
        cls, wrapped.kind, wrapped.target
    )
    signature = _signature(cls, wrapped.kind, target_name, function)
    passed = set(wrapped.parameters)
    keywords_only = wrapped.kind != "calls"
    remaining: list[inspect.Parameter] = []
    for index, parameter in enumerate(signature.parameters.values()):
        if index == 0 and skip_first:
            continue  # self
        if parameter.name in passed:
            keywords_only = True
            continue
        kind = parameter.kind
        if keywords_only and kind in (
            parameter.POSITIONAL_ONLY,
            parameter.VAR_POSITIONAL,
        ):
            continue
        if keywords_only and kind is parameter.POSITIONAL_OR_KEYWORD:
            kind = parameter.KEYWORD_ONLY
        remaining.append(parameter.replace(kind=kind))
    return remaining


def _init_owner(cls: type) -> type:
    """The class in ``cls``'s MRO whose ``__init__`` building ``cls`` runs."""
    return next((c for c in cls.__mro__ if "__init__" in c.__dict__), object)


def mock_base_init(configed: type) -> type:
    """The external class whose ``__init__`` a ``@pconfiged(mock=True)`` class
    stands in for: the nearest base that defines ``__init__``."""
    for base in configed.__mro__[1:]:
        if "__init__" in base.__dict__:
            return base
    return object


def _signature(
    cls: type, kind: str, target_name: str, function: Any
) -> inspect.Signature:
    try:
        return inspect.signature(function, eval_str=True)
    except (NameError, SyntaxError, TypeError, AttributeError):
        pass  # annotations that do not evaluate stay strings (not configurable)
    try:
        return inspect.signature(function)
    except (TypeError, ValueError) as error:
        raise ConfigDefinitionError(
            message(
                f"@pconfig({kind}=...) on {cls.__qualname__}: {target_name} has no "
                f"signature that Python can read ({error})",
                "The config's fields come from the target's signature",
                "Fix: wrap it in a function with a typed signature and pass that",
            )
        ) from None


def _qualified(obj: Any) -> str:
    module = getattr(obj, "__module__", None)
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if not isinstance(name, str):
        return repr(obj)
    return f"{module}.{name}" if isinstance(module, str) else name


def _is_omitted(annotation: Any, module_globals: Mapping[str, Any]) -> bool:
    if isinstance(annotation, str):
        head = annotation.strip().split("[", 1)[0].strip()
        first, *rest = head.split(".")
        resolved = module_globals.get(first)
        for part in rest:
            resolved = getattr(resolved, part, None)
        if resolved is None:
            return head.rsplit(".", 1)[-1] == "Omitted"
        return resolved is Omitted
    return annotation is Omitted or isinstance(annotation, OmittedAnnotation)


def _reject_unknown_omitted(
    cls: type, target_name: str, omitted: set[str], parameters: Mapping[str, Any]
) -> None:
    for name in sorted(omitted - set(parameters)):
        raise ConfigDefinitionError(
            message(
                f"{cls.__qualname__}.{name} is Omitted, but {target_name} has no "
                f"keyword parameter {name!r}" + did_you_mean(name, parameters),
                "Omitted[T] leaves one of the target's parameters out of the config",
                f"Fix: correct the name, or remove `{name}: Omitted[...]`",
            )
        )


# --------------------------------------------------------------------------
# Configurable types


_SCALARS: tuple[type, ...] = (str, int, float, bool, bytes)
_CONTAINERS: frozenset[Any] = frozenset(
    {
        list,
        tuple,
        dict,
        set,
        frozenset,
        collections.abc.Sequence,
        collections.abc.MutableSequence,
        collections.abc.Mapping,
        collections.abc.MutableMapping,
        collections.abc.Set,
        collections.abc.MutableSet,
        collections.abc.Collection,
        collections.abc.Iterable,
    }
)
_UNION_TYPES: tuple[Any, ...] = (Union, types.UnionType)
# typeshed spells numeric parameters with these (math.isclose's rel_tol).
_NUMERIC_PROTOCOLS: frozenset[Any] = frozenset(
    {typing.SupportsFloat, typing.SupportsInt, typing.SupportsIndex}
)


def _field_type(cls: type, target_name: str, parameter: _Parameter) -> Any:
    """The field's annotation for a parameter the class does not annotate, or
    a definition error that shows the two lines that fix it."""
    annotation = parameter.annotation
    if annotation is _EMPTY:
        if parameter.default is None:
            raise _not_configurable(cls, target_name, parameter, None)
        annotation = type(parameter.default)
    narrowed = configurable(annotation)
    if narrowed is None:
        raise _not_configurable(cls, target_name, parameter, annotation)
    return narrowed


def configurable(annotation: Any) -> Any:
    """``annotation`` with its non-configurable union members dropped, or
    ``None`` when a config cannot hold it.

    At top level a union needs one configurable member (``float | Tensor``
    becomes ``float``); inside containers every member must be configurable.
    """
    annotation = _unwrap(annotation)
    if get_origin(annotation) in _UNION_TYPES:
        members = [m for m in get_args(annotation) if _holds(m)]
        if not members or members == [type(None)]:
            return None
        return _union(members)
    return annotation if _holds(annotation) else None


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _holds(annotation: Any) -> bool:
    """True when every value of ``annotation`` is a plain value a config holds."""
    annotation = _unwrap(annotation)
    if annotation is type(None) or annotation is None:
        return True
    # On 3.10 `list[int]` passes isinstance(..., type): look at its origin first.
    if isinstance(annotation, type) and get_origin(annotation) is None:
        if annotation in _CONTAINERS or annotation in _NUMERIC_PROTOCOLS:
            return True  # a bare container (items not annotated), or a number
        return issubclass(annotation, (*_SCALARS, pathlib.PurePath, enum.Enum))
    origin = get_origin(annotation)
    if origin is Literal:
        return True
    if origin in _UNION_TYPES:
        return all(_holds(m) for m in get_args(annotation))
    if origin in _CONTAINERS:
        return all(a is Ellipsis or _holds(a) for a in get_args(annotation))
    return False


def _union(members: list[Any]) -> Any:
    if len(members) == 1:
        return members[0]
    return Union[tuple(members)]  # noqa: UP007 (members are runtime objects)


def narrowed_suggestion(annotation: Any) -> Any:
    """``annotation`` with non-configurable union members dropped at every
    level (``tuple[float | Tensor, float]`` -> ``tuple[float, float]``), or
    ``None`` when some part has no configurable member."""
    annotation = _unwrap(annotation)
    origin = get_origin(annotation)
    if origin in _UNION_TYPES:
        members = [narrowed_suggestion(m) for m in get_args(annotation)]
        kept = [m for m in members if m is not None]
        return _union(kept) if kept and kept != [type(None)] else None
    if origin in _CONTAINERS:
        args = []
        for arg in get_args(annotation):
            narrowed = arg if arg is Ellipsis else narrowed_suggestion(arg)
            if narrowed is None:
                return None
            args.append(narrowed)
        return origin[tuple(args)]
    return annotation if _holds(annotation) else None


def spell(annotation: Any) -> str:
    """An annotation as a user writes it: ``tuple[float | Tensor, float]``."""
    annotation = _unwrap(annotation)
    if annotation is type(None) or annotation is None:
        return "None"
    if annotation is Ellipsis:
        return "..."
    if isinstance(annotation, str):
        return annotation
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in _UNION_TYPES:
        return " | ".join(spell(a) for a in args)
    if origin is Literal:
        return f"Literal[{', '.join(repr(a) for a in args)}]"
    if origin is not None:
        head = getattr(origin, "__name__", None) or repr(origin)
        return f"{head}[{', '.join(spell(a) for a in args)}]" if args else head
    if isinstance(annotation, type):
        return annotation.__name__
    return repr(annotation).replace("typing.", "")


def _not_configurable(
    cls: type, target_name: str, parameter: _Parameter, annotation: Any
) -> ConfigDefinitionError:
    name = parameter.name
    owner = cls.__qualname__
    if annotation is None:
        got = "has no annotation and defaults to None"
        shown = "object"
    else:
        got = f"has the type {spell(annotation)}"
        suggestion = narrowed_suggestion(annotation)
        shown = spell(annotation if suggestion is None else suggestion)
    return ConfigDefinitionError(
        message(
            f"{owner}: parameter {name!r} of {target_name} {got}, which a config "
            "cannot hold",
            "A config holds str, int, float, bool, bytes, Path, Enum and Literal "
            "values, and lists, tuples, dicts and sets of them",
            f"Fix: declare it in the body of {owner} with a type a config holds:",
            f"    {name}: {shown}",
            "  or leave it out of the config (the target's default applies):",
            f"    {name}: Omitted[{spell(annotation) if annotation is not None else 'object'}]",
        )
    )


# --------------------------------------------------------------------------
# What a wrapped config adds: the call, construct(), the signature's defaults


def install_wrapped(cls: Any, spec: ConfigSpec, wrapped: Wrapped) -> None:
    """Give a decorated wrapped config its call/construct and register the
    signature's defaults as its default."""
    if wrapped.kind == "calls":
        if "__call__" not in cls.__dict__:
            cls.__call__ = _make_call(spec, wrapped)
    elif wrapped.kind == "mocks":
        cls.construct = _make_construct(spec, wrapped)
    if wrapped.kind in ("calls", "mocks") and wrapped.kind not in spec.field_set:
        # Printing shows it like constructable_type: `calls=adamw,  # ClassVar`.
        type.__setattr__(cls, wrapped.kind, wrapped.target)
    _register_signature_defaults(cls, spec, wrapped)


def _make_call(spec: ConfigSpec, wrapped: Wrapped) -> Callable[..., Any]:
    """``cfg(*args, **kw)``: ``target(*args, **configured, **kw)``."""
    names = wrapped.parameters
    name_set = frozenset(names)
    target = wrapped.target
    read = _getter(names)

    def __call__(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        if kwargs and not name_set.isdisjoint(kwargs):
            raise _taken_error(self, kwargs)
        values = read(self)
        for value in values:
            if value is Required:
                raise _required_error(self, "(...)")
        return target(*args, **dict(zip(names, values, strict=True)), **kwargs)

    __call__.__qualname__ = f"{spec.name}.__call__"
    __call__.__doc__ = f"Call {wrapped.target_name} with the configured values."
    return __call__


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        only = operator.attrgetter(names[0])
        return lambda obj: (only(obj),)
    if not names:
        return lambda obj: ()
    getter: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*names)
    return getter


def _make_construct(spec: ConfigSpec, wrapped: Wrapped) -> Callable[..., Any]:
    target = wrapped.target

    def construct(self: Any, /, **runtime: Any) -> Any:
        return target(**configured_values(self, wrapped, runtime, ".construct()"))

    construct.__qualname__ = f"{spec.name}.construct"
    construct.__doc__ = (
        f"Build {wrapped.target_name.rsplit('.', 1)[0]} from the config."
    )
    return construct


def configured_values(
    config: Any, wrapped: Wrapped, runtime: Mapping[str, Any], how: str
) -> dict[str, Any]:
    """The configured values the target receives, plus the ``runtime`` keywords."""
    if runtime and not frozenset(wrapped.parameters).isdisjoint(runtime):
        raise _taken_error(config, runtime, how)
    values = {name: getattr(config, name) for name in wrapped.parameters}
    if any(value is Required for value in values.values()):
        raise _required_error(config, how)
    values.update(runtime)
    return values


def _taken_error(config: Any, given: Mapping[str, Any], how: str = "(...)") -> Any:
    spec: ConfigSpec = type(config).__dict__[SPEC_ATTR]
    wrapped: Wrapped = spec.wrapped
    taken = [name for name in given if name in wrapped.parameters]
    first = taken[0]
    return WrappedCallError(
        message(
            f"{spec.name}{how}: {join_names(taken)} "
            f"{'are' if len(taken) > 1 else 'is'} already set by the config "
            f"({first}={getattr(config, first)!r})",
            f"{spec.name} passes its fields to {wrapped.target_name}; "
            "the call adds only parameters the config does not set",
            f"Fix: derive a config with the new value: "
            f"{spec.name}(config, {first}={given[first]!r})",
        )
    )


def _required_error(config: Any, how: str) -> RequiredValuesError:
    spec: ConfigSpec = type(config).__dict__[SPEC_ATTR]
    wrapped: Wrapped = spec.wrapped
    required = [n for n in wrapped.parameters if getattr(config, n) is Required]
    plural = len(required) > 1
    return RequiredValuesError(
        message(
            f"{spec.name}{how}: {len(required)} field"
            f"{'s are' if plural else ' is'} still Required: {join_names(required)}",
            "Required is a placeholder in a registered default for a value "
            "that must be given later",
            f"Fix: give {'them' if plural else 'it'} a value, e.g. "
            f"{spec.name}(config, {required[0]}=...)",
        )
    )


def _register_signature_defaults(cls: Any, spec: ConfigSpec, wrapped: Wrapped) -> None:
    """The signature's defaults become the values every construction starts
    from, which one later ``pdefaults += ...`` may replace outright.

    They stay a layer of values (like the class's own), not a config built
    now: building one needs the class's compiled ``__init__``, which
    decorating does not compile (pconfigs.initializer.make_init).
    """
    if not wrapped.defaults:
        return
    inputs: dict[str, Any] = {}
    for name in spec.fields:
        if name in spec.pinned:
            continue
        # A class-level value is the class's own choice: it wins over the
        # target's default (a registered default would otherwise hide it).
        own = cls.__dict__.get(name, _EMPTY)
        if own is not _EMPTY and not callable(getattr(own, "__get__", None)):
            inputs[name] = own
        elif name in wrapped.defaults:
            inputs[name] = freeze(wrapped.defaults[name], spec.name, name)
        else:
            inputs[name] = Required
    spec.signature_defaults = inputs
    spec.defaults_layer = None
