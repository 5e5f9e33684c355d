"""The mypy plugin's typed per-class records.

The plugin learns what it needs about a class once, in its class hook, and
stores it in ``TypeInfo.metadata`` so that it survives mypy's incremental
cache. The metadata must be JSON; these classes are its only readers and
writers: ``serialize()`` gives the JSON dict, ``deserialize(data)`` reads it
back, and a version number refuses a record some other layout wrote.

* ``ConfigRecord``: a ``@pconfig`` class, one ``FieldRecord`` per field;
* ``ConfiguredRecord``: a ``@pconfiged`` class;
* ``WrappedRecord``: what a ``calls=``/``mocks=`` config took from its
  target's signature (written before mypy's dataclass synthesis, so it has
  its own key).

Imports only the standard library (mypy's types only while type checking):
the plugin imports this module on every mypy run, and its hash is in the
plugin's cache key (``pconfigs.mypy_plugin.report_config_data``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from mypy.nodes import TypeInfo

RECORD_KEY: Final = "pconfigs"
WRAPPED_KEY: Final = "pconfigs_wrapped"
# Bump when a record's layout changes.
RECORD_VERSION: Final = 1

JsonDict = dict[str, Any]
WrappedKind = Literal["calls", "mocks", "mock"]


class StaleRecordError(Exception):
    """A record written by another layout (an old cache read by a new plugin)."""

    def __init__(self, class_name: str, version: object) -> None:
        super().__init__(
            f'The mypy cache holds pconfigs facts about "{class_name}" in another '
            f"layout (record version {version!r}, this plugin reads "
            f"{RECORD_VERSION}); delete the mypy cache folder (.mypy_cache) "
            "and run mypy again"
        )


def _check_version(class_name: str, data: Mapping[str, Any]) -> None:
    version = data.get("version")
    if version != RECORD_VERSION:
        raise StaleRecordError(class_name, version)


# --------------------------------------------------------------------------
# @pconfig classes


class FieldRecord:
    """One field of a config class, inherited ones included."""

    __slots__ = ("computed", "defaulted", "name", "pinned", "required")

    def __init__(
        self,
        name: str,
        *,
        pinned: bool = False,
        required: bool = False,
        defaulted: bool = False,
        computed: bool = False,
    ) -> None:
        self.name = name
        # `x: Pinned[T]`: computed by the config, never given a value.
        self.pinned = pinned
        # No class-level default and not Pinned: a call without a base gives it.
        self.required = required
        # `pdefaults += C(...)` in a defining module, or a wrapped target's
        # signature default, gives it a value: no call needs to.
        self.defaulted = defaulted
        # A `@pproperty` (of the class or an ancestor) computes it.
        self.computed = computed

    def serialize(self) -> JsonDict:
        return {
            "name": self.name,
            "pinned": self.pinned,
            "required": self.required,
            "defaulted": self.defaulted,
            "computed": self.computed,
        }

    @classmethod
    def deserialize(cls, data: Mapping[str, Any]) -> FieldRecord:
        return cls(
            str(data["name"]),
            pinned=bool(data["pinned"]),
            required=bool(data["required"]),
            defaulted=bool(data["defaulted"]),
            computed=bool(data["computed"]),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldRecord) and self.serialize() == other.serialize()

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"FieldRecord({self.serialize()!r})"


class ConfigRecord:
    """What the plugin knows about one ``@pconfig`` class."""

    kind: Final = "config"

    def __init__(
        self,
        fields: list[FieldRecord],
        constructs: str | None,
        *,
        environment: bool = False,
    ) -> None:
        self.fields = tuple(fields)
        # The fullname of the `constructs=` class (own or inherited), if any.
        self.constructs = constructs
        # A `@penv` class: every field is read from the environment when no
        # value is given, and a config field of this type needs no value.
        self.environment = environment
        # The questions hooks ask per call or attribute, answered once.
        self.names = tuple(f.name for f in self.fields)
        self.pinned = frozenset(f.name for f in self.fields if f.pinned)
        self.computed = frozenset(f.name for f in self.fields if f.computed)
        self.defaulted = frozenset(f.name for f in self.fields if f.defaulted)
        # What a call without a base (and outside `pdefaults += ...`) must give.
        self.must_give = frozenset(
            f.name for f in self.fields if f.required and not f.defaulted
        )

    def serialize(self) -> JsonDict:
        return {
            "version": RECORD_VERSION,
            "kind": self.kind,
            "fields": [f.serialize() for f in self.fields],
            "constructs": self.constructs,
            "environment": self.environment,
        }

    @classmethod
    def deserialize(cls, data: Mapping[str, Any], class_name: str) -> ConfigRecord:
        _check_version(class_name, data)
        constructs = data["constructs"]
        return cls(
            [FieldRecord.deserialize(f) for f in data["fields"]],
            str(constructs) if constructs is not None else None,
            environment=bool(data["environment"]),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ConfigRecord) and self.serialize() == other.serialize()

    __hash__ = None  # type: ignore[assignment]


class ConfiguredRecord:
    """What the plugin knows about one ``@pconfiged`` class."""

    kind: Final = "configed"

    def __init__(self, config: str | None, mock: bool) -> None:
        # The name of the class of its `config` attribute, for messages.
        self.config = config
        # `@pconfiged(mock=True)`: its config's constructs= reads the
        # external class's signature.
        self.mock = mock

    def serialize(self) -> JsonDict:
        return {
            "version": RECORD_VERSION,
            "kind": self.kind,
            "config": self.config,
            "mock": self.mock,
        }

    @classmethod
    def deserialize(cls, data: Mapping[str, Any], class_name: str) -> ConfiguredRecord:
        _check_version(class_name, data)
        config = data["config"]
        return cls(str(config) if config is not None else None, bool(data["mock"]))


Record = ConfigRecord | ConfiguredRecord


class WrappedRecord:
    """The fields a ``calls=``/``mocks=`` config took from its target."""

    def __init__(
        self, kind: WrappedKind, passed: list[str], defaulted: list[str]
    ) -> None:
        self.kind: WrappedKind = kind
        # Parameters the config passes to the target (its fields).
        self.passed = tuple(passed)
        # Those with a default in the target's signature.
        self.defaulted = tuple(defaulted)

    def serialize(self) -> JsonDict:
        return {
            "version": RECORD_VERSION,
            "kind": self.kind,
            "passed": list(self.passed),
            "defaulted": list(self.defaulted),
        }

    @classmethod
    def deserialize(cls, data: Mapping[str, Any], class_name: str) -> WrappedRecord:
        _check_version(class_name, data)
        kind = data["kind"]
        if kind not in ("calls", "mocks", "mock"):
            raise StaleRecordError(class_name, data.get("version"))
        return cls(kind, list(data["passed"]), list(data["defaulted"]))


# --------------------------------------------------------------------------
# Reading and writing TypeInfo.metadata


class _Parsed:
    """Records already read, by the identity of their metadata dict.

    Hooks ask per call and per attribute read; parsing the JSON each time
    would cost a warm run. The dict is kept with its record, so an id reused
    by a later dict (the daemon rebuilds classes) is never taken for it.
    """

    LIMIT: Final = 50_000

    def __init__(self) -> None:
        self._found: dict[int, tuple[object, object]] = {}

    def get(self, data: object) -> object | None:
        found = self._found.get(id(data))
        return found[1] if found is not None and found[0] is data else None

    def add(self, data: object, record: object) -> None:
        if len(self._found) >= self.LIMIT:  # a long-lived daemon
            self._found.clear()
        self._found[id(data)] = (data, record)


_PARSED: Final = _Parsed()


def record_of(info: TypeInfo) -> Record | None:
    """The record of a ``@pconfig`` or ``@pconfiged`` class; ``None`` for others."""
    data = info.metadata.get(RECORD_KEY)
    if data is None:
        return None
    found = _PARSED.get(data)
    if isinstance(found, (ConfigRecord, ConfiguredRecord)):
        return found
    record: Record
    if data.get("kind") == ConfiguredRecord.kind:
        record = ConfiguredRecord.deserialize(data, info.fullname)
    else:
        record = ConfigRecord.deserialize(data, info.fullname)
    _PARSED.add(data, record)
    return record


def config_record(info: TypeInfo) -> ConfigRecord | None:
    record = record_of(info)
    return record if isinstance(record, ConfigRecord) else None


def configured_record(info: TypeInfo) -> ConfiguredRecord | None:
    record = record_of(info)
    return record if isinstance(record, ConfiguredRecord) else None


def wrapped_record(info: TypeInfo) -> WrappedRecord | None:
    data = info.metadata.get(WRAPPED_KEY)
    if data is None:
        return None
    found = _PARSED.get(data)
    if isinstance(found, WrappedRecord):
        return found
    record = WrappedRecord.deserialize(data, info.fullname)
    _PARSED.add(data, record)
    return record


def store(info: TypeInfo, record: Record) -> None:
    """Write ``record`` for ``info``; the hooks that read it next (the same
    run) get the record itself instead of parsing its JSON again."""
    data = record.serialize()
    info.metadata[RECORD_KEY] = data
    _PARSED.add(data, record)


def store_wrapped(info: TypeInfo, record: WrappedRecord) -> None:
    data = record.serialize()
    info.metadata[WRAPPED_KEY] = data
    _PARSED.add(data, record)


def config_ancestors(
    info: TypeInfo, *, include_self: bool = False
) -> Iterator[tuple[TypeInfo, ConfigRecord]]:
    """The config classes of ``info``'s MRO, nearest first, with their records."""
    for ancestor in info.mro if include_self else info.mro[1:]:
        record = config_record(ancestor)
        if record is not None:
            yield ancestor, record


def is_config(info: TypeInfo) -> bool:
    return config_record(info) is not None
