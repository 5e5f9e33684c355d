"""A config's canonical form: its content hash, JSON both ways, dotted keys.

One encoder walks a config and turns every value the printer supports into
a JSON value. Types JSON lacks become one-key objects tagged ``__tuple__``,
``__set__``, ``__enum__``, ... and a config becomes an object whose
``__config__`` key names its class by import path, followed by every field
value in field order (Pinned values included, for readers). Where a field's
raw input differs from its value (a ``@pproperty`` that adjusts a user
value, a ``Pin``) the input is kept under ``__inputs__``: that is what
:func:`from_json` passes back to the constructor.

:func:`config_hash` digests the same form with dict entries sorted and the
inputs left out, so configs that compare equal hash equal, in any process,
on any machine and supported Python (floats by ``repr``, text escaped to
ASCII, sets sorted). A ``@penv`` snapshot enters the hash by its class only:
it says where the run ran (which rank, which host), and every rank of one
run must hash alike.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import importlib
import json
import math
import pathlib
import sys
from collections.abc import Callable
from typing import Any

from pconfigs._names import SPEC_ATTR
from pconfigs.config import ConfigSpec
from pconfigs.environment import ENV_ATTR
from pconfigs.errors import PconfigsError, describe, message
from pconfigs.frozen import FrozenDict, FrozenList, FrozenSet
from pconfigs.optional import OptionalConfig
from pconfigs.sentinels import Pin, Pinned, Required

__all__ = [
    "JSONValueError",
    "RecomputedValueError",
    "class_path",
    "config_hash",
    "from_json",
    "to_flat_dict",
    "to_json",
]

# Bumped when the canonical form changes, so old and new hashes never meet.
HASH_VERSION = "pconfigs-hash-1"
CONFIG_KEY = "__config__"
INPUTS_KEY = "__inputs__"

_KINDS = (
    "None, bool, int, float, complex, str, bytes, enums, paths, lists, tuples, "
    "dicts, sets, frozensets, named tuples, dataclasses, configs, and classes "
    "and functions importable by name"
)


class JSONValueError(PconfigsError, TypeError):
    """A config holds a value that has no canonical (JSON) form, or JSON
    text does not describe a config."""


class RecomputedValueError(PconfigsError, ValueError):
    """A Pinned or computed value rebuilt from JSON differs from the recorded one."""


# --------------------------------------------------------------------------
# Public functions


def config_hash(config: Any) -> str:
    """The SHA-256 hex digest of ``config``'s canonical form.

    Equal configs give equal hashes in every process and on every machine::

        >>> config_hash(TrainerConfig(first, steps=5))[:8]  # doctest: +SKIP
        '3f1c9a0e'
    """
    tree = _Encoder("config_hash", for_hash=True).root(config)
    text = json.dumps(tree, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(f"{HASH_VERSION}\n{text}".encode()).hexdigest()


def to_json(config: Any, *, indent: int | None = None) -> str:
    """``config`` as JSON text that :func:`from_json` turns back into an equal config.

    One line by default (json's C encoder); ``indent=2`` lays it out for
    reading, as run records and ``pconfigs print --format json`` do.
    """
    tree = _Encoder("to_json", for_hash=False).root(config)
    return json.dumps(tree, indent=indent, ensure_ascii=False, allow_nan=False)


def from_json(text: str | bytes) -> Any:
    """The config that :func:`to_json` wrote.

    Classes are imported by their recorded paths; Pinned and computed values
    are recomputed and must agree with the recorded ones
    (:class:`RecomputedValueError` says which does not).
    """
    try:
        tree = json.loads(text)
    except json.JSONDecodeError as error:
        raise JSONValueError(
            message(
                f"from_json: the text is not JSON: {error}",
                "Fix: pass the text that pconfigs.to_json wrote (a config.json file)",
            )
        ) from error
    if not (isinstance(tree, dict) and CONFIG_KEY in tree):
        raise JSONValueError(
            message(
                f"from_json: the JSON does not describe a config: its top level has "
                f"no {CONFIG_KEY!r} key (got {describe(tree)})",
                "Fix: pass the text that pconfigs.to_json wrote (a config.json file)",
            )
        )
    return _Decoder().value(tree, "")


def to_flat_dict(config: Any) -> dict[str, Any]:
    """Every field value under a dotted key, for experiment trackers.

    Nested configs and dicts with string keys flatten into ``outer.inner``
    keys, lists and tuples of configs into ``layers.0.width``; other values
    become JSON values (enums by name, paths and classes as text)::

        >>> to_flat_dict(TrainerConfig(first, steps=5))["steps"]  # doctest: +SKIP
        5
    """
    encoder = _Encoder("to_flat_dict", for_hash=False)
    encoder.root(config)  # the same checks as to_json, and errors naming the path
    flat: dict[str, Any] = {}
    _flatten(config, "", type(config).__qualname__, flat, encoder)
    return flat


def class_path(cls: type) -> str:
    """``module:qualname``, the import path recorded for a class or function."""
    return f"{cls.__module__}:{cls.__qualname__}"


# --------------------------------------------------------------------------
# Encoding


class _Unencodable(Exception):
    """Raised deep in the encoder; each level on the way out adds its step of
    the path, so the hot path never formats one."""

    def __init__(
        self, value: Any, module: str | None = None, qualname: str = ""
    ) -> None:
        super().__init__()
        self.value = value
        self.module = module  # set: a class or function that does not import back
        self.qualname = qualname
        self.steps: list[str] = []


class _Encoder:
    def __init__(self, operation: str, *, for_hash: bool) -> None:
        self.operation = operation
        self.for_hash = for_hash
        self._checked: dict[int, str] = {}

    def root(self, config: Any, path: str = "") -> Any:
        cls = type(config)
        if SPEC_ATTR not in cls.__dict__:
            raise JSONValueError(
                message(
                    f"{self.operation} takes a config, got {describe(config)}",
                    "Fix: pass an instance of a @pconfig class",
                )
            )
        return self.encode(config, path or cls.__qualname__)

    def encode(self, value: Any, path: str) -> Any:
        """``value`` as JSON; a value without a canonical form is an error
        naming ``path`` and the steps below it."""
        try:
            return self.value(value)
        except _Unencodable as problem:
            where = path + "".join(reversed(problem.steps))
            raise self.error(problem, where) from None

    def value(self, value: Any) -> Any:
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None:
            return value
        if kind is float:
            return value if math.isfinite(value) else {"__float__": repr(value)}
        if SPEC_ATTR in kind.__dict__:
            return self.config(value)
        handler = _HANDLERS.get(kind)
        if handler is not None:
            return handler(self, value)
        return self.other(value)

    def config(self, config: Any) -> dict[str, Any]:
        spec: ConfigSpec = type(config).__dict__[SPEC_ATTR]
        tree: dict[str, Any] = {CONFIG_KEY: self.name_of(type(config))}
        if self.for_hash and ENV_ATTR in type(config).__dict__:
            # A @penv snapshot says where a run ran, not what it is: every
            # rank under torchrun (and every rerun) must hash alike, or
            # --skip-done would skip on some ranks and not on others.
            return tree
        value = self.value
        field = ""
        try:
            for field, item in zip(spec.fields, spec.values_of(config), strict=True):
                kind = type(item)
                # The scalars most fields hold, without a call: the hot path.
                if (
                    kind is str
                    or kind is int
                    or kind is bool
                    or item is None
                    or (kind is float and _isfinite(item))
                ):
                    tree[field] = item
                else:
                    tree[field] = value(item)
        except _Unencodable as problem:
            problem.steps.append(f".{field}")
            raise
        if not self.for_hash and len(spec.plain_fields) != len(spec.fields):
            inputs = self.differing_inputs(spec, config)
            if inputs:
                tree[INPUTS_KEY] = inputs
        return tree

    def differing_inputs(self, spec: ConfigSpec, config: Any) -> dict[str, Any]:
        """Raw inputs the constructor must get back where they are not the value."""
        inputs: dict[str, Any] = {}
        for field in spec.fields:
            if field not in spec.pinned and field not in spec.properties:
                continue
            raw = spec.input_of(config, field)
            try:
                if isinstance(raw, Pin):
                    inputs[field] = {"__pin__": self.value(raw.value)}
                elif (
                    raw is not Pinned
                    and field not in spec.pinned
                    and not _same(raw, getattr(config, field))
                ):
                    inputs[field] = self.value(raw)
            except _Unencodable as problem:
                problem.steps.append(f".{field}")
                raise
        return inputs

    def sequence(self, value: Any) -> list[Any]:
        kinds = set(map(type, value))
        if kinds <= _NUMBERS:
            if float not in kinds or all(map(_isfinite, value)):
                return list(value)  # a schedule or a grid: the common case
        elif kinds <= _JSON_SCALARS and float not in kinds:
            return list(value)
        encode = self.value
        items = []
        for index, item in enumerate(value):
            try:
                items.append(encode(item))
            except _Unencodable as problem:
                problem.steps.append(f"[{index}]")
                raise
        return items

    def tagged_tuple(self, value: Any) -> dict[str, Any]:
        return {"__tuple__": self.sequence(value)}

    def tagged_set(self, value: Any, tag: str = "__set__") -> dict[str, Any]:
        items = []
        for item in value:
            try:
                items.append(self.value(item))
            except _Unencodable as problem:
                problem.steps.append(f"{{{item!r}}}")
                raise
        items.sort(key=_sort_key)  # sets have no order; give them one
        return {tag: items}

    def tagged_frozenset(self, value: Any) -> dict[str, Any]:
        return self.tagged_set(value, "__frozenset__")

    def mapping(self, value: Any) -> Any:
        encode = self.value
        plain = all(type(key) is str and not _is_dunder(key) for key in value)
        items: list[Any] = []
        for key, item in value.items():
            try:
                items.append(
                    (key, encode(item)) if plain else [encode(key), encode(item)]
                )
            except _Unencodable as problem:
                problem.steps.append(f"[{key!r}]")
                raise
        if plain:
            if self.for_hash:
                items.sort()
            return dict(items)
        if self.for_hash:
            items.sort(key=_sort_key)
        return {"__dict__": items}

    def other(self, value: Any) -> Any:
        """Everything without an exact-type handler: subclasses, enums, objects."""
        if isinstance(value, enum.Enum):
            return {"__enum__": [self.name_of(type(value)), value.name]}
        if isinstance(value, pathlib.PurePath):
            return self.path(value)
        if isinstance(value, tuple) and isinstance(
            getattr(type(value), "_fields", None), tuple
        ):
            fields: tuple[str, ...] = getattr(type(value), "_fields")  # noqa: B009
            return self.call(value, dict(zip(fields, value, strict=True)))
        if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
            import dataclasses

            items = {
                f.name: getattr(value, f.name)
                for f in dataclasses.fields(value)
                if f.init
            }
            return self.call(value, items)
        if value is Required or value is Pinned:
            return {"__sentinel__": repr(value)}
        if type(value) is OptionalConfig:
            return {"__object__": "pconfigs:NoneConfig"}
        if isinstance(value, type) or (
            callable(value) and hasattr(value, "__qualname__")
        ):
            return {"__object__": self.name_of(value)}
        if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
            return self.value(value.item())  # a numpy scalar: the Python number
        # Subclasses of builtins (deep-frozen containers among them) as the builtin.
        bases: tuple[Any, ...] = (
            bool,
            int,
            float,
            str,
            bytes,
            list,
            tuple,
            dict,
            set,
            frozenset,
        )
        for base in bases:
            if isinstance(value, base):
                converted: Any = base(value)
                return self.value(converted)
        raise _Unencodable(value)

    def call(self, value: Any, arguments: dict[str, Any]) -> dict[str, Any]:
        """A named tuple or dataclass: its class and constructor arguments."""
        items: dict[str, Any] = {}
        for name, item in arguments.items():
            try:
                items[name] = self.value(item)
            except _Unencodable as problem:
                problem.steps.append(f".{name}")
                raise
        return {"__call__": [self.name_of(type(value)), items]}

    def path(self, value: pathlib.PurePath) -> dict[str, Any]:
        kind: type = type(value)
        if isinstance(value, pathlib.Path):
            kind = pathlib.Path  # PosixPath and WindowsPath are Path's
        return {"__path__": [self.name_of(kind), str(value)]}

    def name_of(self, obj: Any) -> str:
        """``module:qualname`` of a class or function, checked to import back."""
        known = self._checked.get(id(obj))
        if known is not None:
            return known
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if not (isinstance(module, str) and isinstance(qualname, str)):
            raise _Unencodable(obj)
        if _resolve(module, qualname) is not obj:
            raise _Unencodable(obj, module, qualname)
        module = _public_module(module, qualname, obj)
        name = self._checked[id(obj)] = f"{module}:{qualname}"
        return name

    def error(self, problem: _Unencodable, path: str) -> JSONValueError:
        held = f"{self.operation}: {path} holds {describe(problem.value)}"
        if problem.module is None:
            return JSONValueError(
                message(
                    f"{held}, which has no canonical form",
                    f"Values a config can hold here: {_KINDS}",
                    "Fix: store one of these (e.g. a config that describes the object "
                    "and builds it)",
                )
            )
        return JSONValueError(
            message(
                f"{held}, which cannot be imported back as "
                f"{problem.module}:{problem.qualname}",
                "Classes and functions are recorded by import path, so they must be "
                "defined at the top level of a module (not in a function, not a lambda)",
                "Fix: move its definition to the top level of a module",
            )
        )


_JSON_SCALARS = {int, float, str, bool, type(None)}
_NUMBERS = {int, float, bool}
_isfinite = math.isfinite


def _same(raw: Any, value: Any) -> bool:
    try:
        return raw is value or bool(raw == value)
    except Exception:
        return False


def _is_dunder(key: str) -> bool:
    return key.startswith("__") and key.endswith("__")


def _sort_key(item: Any) -> str:
    return json.dumps(item, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def _public_module(module: str, qualname: str, obj: Any) -> str:
    """The module users import ``obj`` from, where a private one defines it.

    Python 3.13 moved ``pathlib.Path`` to ``pathlib._local``; recording the
    public name keeps hashes and JSON the same on every Python.
    """
    while "._" in module:
        parent = module.rpartition(".")[0]
        if _resolve(parent, qualname) is not obj:
            break
        module = parent
    return module


def _resolve(module: str, qualname: str) -> Any:
    owner: Any = sys.modules.get(module)
    if owner is None:
        try:
            owner = importlib.import_module(module)
        except Exception:
            return None
    for part in qualname.split("."):
        owner = getattr(owner, part, None)
    return owner


def _encode_bytes(encoder: _Encoder, value: bytes) -> dict[str, Any]:
    return {"__bytes__": base64.b64encode(value).decode("ascii")}


def _encode_complex(encoder: _Encoder, value: complex) -> dict[str, Any]:
    return {"__complex__": [encoder.value(value.real), encoder.value(value.imag)]}


_HANDLERS: dict[type, Callable[[_Encoder, Any], Any]] = {
    list: _Encoder.sequence,
    tuple: _Encoder.tagged_tuple,
    dict: _Encoder.mapping,
    set: _Encoder.tagged_set,
    frozenset: _Encoder.tagged_frozenset,
    bytes: _encode_bytes,
    complex: _encode_complex,
    # What configs store lists, dicts and sets as: encoded like the builtins.
    FrozenList: _Encoder.sequence,
    FrozenDict: _Encoder.mapping,
    FrozenSet: _Encoder.tagged_set,
}


# --------------------------------------------------------------------------
# Decoding


class _Decoder:
    def value(self, tree: Any, path: str) -> Any:
        if isinstance(tree, list):
            return [self.value(item, f"{path}[{i}]") for i, item in enumerate(tree)]
        if not isinstance(tree, dict):
            return tree
        if CONFIG_KEY in tree:
            return self.config(tree, path)
        if len(tree) == 1:
            ((tag, body),) = tree.items()
            decode = _TAGS.get(tag)
            if decode is not None:
                return decode(self, body, path)
            if _is_dunder(tag):
                raise _bad_json(path, f"the tag {tag!r} is unknown")
        return {key: self.value(item, f"{path}[{key!r}]") for key, item in tree.items()}

    def config(self, tree: dict[str, Any], path: str) -> Any:
        cls = self.imported(tree[CONFIG_KEY], path)
        spec: ConfigSpec | None = getattr(cls, "__dict__", {}).get(SPEC_ATTR)
        if spec is None:
            raise _bad_json(path, f"{tree[CONFIG_KEY]} is not a @pconfig class")
        path = path or spec.name
        raw_inputs = tree.get(INPUTS_KEY, {})
        missing = [f for f in spec.fields if f not in tree]
        if missing:
            raise _bad_json(
                path,
                f"the record has no value for {', '.join(missing)} "
                f"(fields of {spec.name} changed since it was written)",
            )
        kwargs: dict[str, Any] = {}
        for field in spec.fields:
            if field in raw_inputs:
                kwargs[field] = self.value(raw_inputs[field], f"{path}.{field}")
            elif field not in spec.pinned:
                kwargs[field] = self.value(tree[field], f"{path}.{field}")
        config = cls(**kwargs)
        self.check_recomputed(spec, config, tree, path)
        return config

    @staticmethod
    def check_recomputed(
        spec: ConfigSpec, config: Any, tree: dict[str, Any], path: str
    ) -> None:
        encoder = _Encoder("from_json", for_hash=False)
        for field in spec.fields:
            if field not in spec.pinned and field not in spec.properties:
                continue
            again = encoder.encode(getattr(config, field), f"{path}.{field}")
            if again != tree[field]:
                raise RecomputedValueError(
                    message(
                        f"from_json: {path}.{field} recomputes to "
                        f"{_short(again)} but the JSON records {_short(tree[field])}",
                        f"The code that computes {spec.name}.{field} (a @pproperty or "
                        "a registered default) changed since the JSON was written",
                        "Fix: check out the code the record was written with "
                        "(a run record's run.json names its git commit)",
                    )
                )

    def imported(self, name: Any, path: str) -> Any:
        if not isinstance(name, str) or ":" not in name:
            raise _bad_json(path, f"{name!r} is not an import path (module:qualname)")
        module, _, qualname = name.partition(":")
        try:
            owner: Any = importlib.import_module(module)
        except ImportError as error:
            raise _bad_json(path, f"cannot import {module} ({error})") from error
        for part in qualname.split("."):
            if not hasattr(owner, part):
                raise _bad_json(path, f"{module} has no attribute {qualname}")
            owner = getattr(owner, part)
        return owner

    def decode_float(self, body: Any, path: str) -> float:
        return float(body)

    def decode_tuple(self, body: Any, path: str) -> tuple[Any, ...]:
        return tuple(self.value(body, path))

    def decode_set(self, body: Any, path: str) -> set[Any]:
        return set(self.value(body, path))

    def decode_frozenset(self, body: Any, path: str) -> frozenset[Any]:
        return frozenset(self.value(body, path))

    def decode_dict(self, body: Any, path: str) -> dict[Any, Any]:
        return {self.value(k, path): self.value(v, f"{path}[{k!r}]") for k, v in body}

    def decode_enum(self, body: Any, path: str) -> Any:
        cls = self.imported(body[0], path)
        return cls[body[1]]

    def decode_path(self, body: Any, path: str) -> Any:
        return self.imported(body[0], path)(body[1])

    def decode_call(self, body: Any, path: str) -> Any:
        cls = self.imported(body[0], path)
        return cls(**{k: self.value(v, f"{path}.{k}") for k, v in body[1].items()})

    def decode_object(self, body: Any, path: str) -> Any:
        return self.imported(body, path)

    def decode_bytes(self, body: Any, path: str) -> bytes:
        return base64.b64decode(body)

    def decode_complex(self, body: Any, path: str) -> complex:
        real, imag = (self.value(part, path) for part in body)
        return complex(real, imag)

    def decode_pin(self, body: Any, path: str) -> Pin[Any]:
        return Pin(self.value(body, path))

    def decode_sentinel(self, body: Any, path: str) -> Any:
        return {"Required": Required, "Pinned": Pinned}[body]


_TAGS: dict[str, Callable[[_Decoder, Any, str], Any]] = {
    "__float__": _Decoder.decode_float,
    "__tuple__": _Decoder.decode_tuple,
    "__set__": _Decoder.decode_set,
    "__frozenset__": _Decoder.decode_frozenset,
    "__dict__": _Decoder.decode_dict,
    "__enum__": _Decoder.decode_enum,
    "__path__": _Decoder.decode_path,
    "__call__": _Decoder.decode_call,
    "__object__": _Decoder.decode_object,
    "__bytes__": _Decoder.decode_bytes,
    "__complex__": _Decoder.decode_complex,
    "__pin__": _Decoder.decode_pin,
    "__sentinel__": _Decoder.decode_sentinel,
}


def _bad_json(path: str, problem: str) -> JSONValueError:
    where = f" at {path}" if path else ""
    return JSONValueError(
        message(
            f"from_json: cannot rebuild the config{where}: {problem}",
            "Fix: run from the environment the JSON was written in (the same "
            "packages importable), or write it again with pconfigs.to_json",
        )
    )


def _short(tree: Any) -> str:
    text = json.dumps(tree, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------
# Flattening for trackers


def _flatten(
    config: Any, key: str, path: str, flat: dict[str, Any], encoder: _Encoder
) -> None:
    spec: ConfigSpec = type(config).__dict__[SPEC_ATTR]
    for field, item in zip(spec.fields, spec.values_of(config), strict=True):
        _flatten_field(item, f"{key}{field}", f"{path}.{field}", flat, encoder)


def _flatten_field(
    value: Any, key: str, path: str, flat: dict[str, Any], encoder: _Encoder
) -> None:
    if SPEC_ATTR in type(value).__dict__:
        _flatten(value, f"{key}.", path, flat, encoder)
    elif isinstance(value, dict) and value and all(type(k) is str for k in value):
        for name, item in value.items():
            _flatten_field(item, f"{key}.{name}", f"{path}[{name!r}]", flat, encoder)
    elif (
        isinstance(value, (list, tuple))
        and value
        and any(SPEC_ATTR in type(item).__dict__ for item in value)
    ):
        for index, item in enumerate(value):
            _flatten_field(item, f"{key}.{index}", f"{path}[{index}]", flat, encoder)
    else:
        flat[key] = _plain(value, path, encoder)


def _plain(value: Any, path: str, encoder: _Encoder) -> Any:
    """A JSON value a tracker shows as it is: no tags."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, pathlib.PurePath):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item, f"{path}[{i}]", encoder) for i, item in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        items = [_plain(item, f"{path}{{{item!r}}}", encoder) for item in value]
        return sorted(items, key=_sort_key)
    if isinstance(value, dict):
        return {str(k): _plain(v, f"{path}[{k!r}]", encoder) for k, v in value.items()}
    if isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__")):
        return encoder.encode(value, path)["__object__"].replace(":", ".")
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return encoder.encode(value, path)
