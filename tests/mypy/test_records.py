"""The plugin's per-class records: JSON both ways, another layout refused.

mypy keeps ``TypeInfo.metadata`` in its incremental cache as JSON, so what a
record writes must read back equal, and a record some other layout wrote must
be refused with one message that says how to get out of it.
"""

from __future__ import annotations

import json

import pytest

from pconfigs.mypy_records import (
    RECORD_VERSION,
    ConfigRecord,
    ConfiguredRecord,
    FieldRecord,
    StaleRecordError,
    WrappedRecord,
)


def sample_config() -> ConfigRecord:
    return ConfigRecord(
        [
            FieldRecord("steps", required=True),
            FieldRecord("lr", defaulted=True),
            FieldRecord("total", pinned=True, computed=True),
            FieldRecord("width", required=True, defaulted=True),
        ],
        "pkg.models.Model",
    )


def through_json(data: dict[str, object]) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(json.dumps(data))
    return loaded


def test_a_config_record_reads_back_equal_through_json() -> None:
    record = sample_config()
    again = ConfigRecord.deserialize(through_json(record.serialize()), "pkg.C")
    assert again == record
    assert again.names == ("steps", "lr", "total", "width")
    assert again.pinned == {"total"}
    assert again.computed == {"total"}
    # A registered default takes a required field off what a call must give.
    assert again.must_give == {"steps"}
    assert again.constructs == "pkg.models.Model"


def test_the_other_records_read_back_through_json() -> None:
    configured = ConfiguredRecord("ModelConfig", mock=True)
    again = ConfiguredRecord.deserialize(
        through_json(configured.serialize()), "pkg.Model"
    )
    assert (again.config, again.mock) == ("ModelConfig", True)
    wrapped = WrappedRecord("mocks", ["a", "b"], ["b"])
    back = WrappedRecord.deserialize(through_json(wrapped.serialize()), "pkg.C")
    assert (back.kind, back.passed, back.defaulted) == ("mocks", ("a", "b"), ("b",))


@pytest.mark.parametrize(
    "data",
    [
        # What the plugin stored before records had a version.
        {"kind": "config", "fields": ["x"], "pinned": [], "constructs": None},
        {**sample_config().serialize(), "version": RECORD_VERSION + 1},
    ],
)
def test_a_record_in_another_layout_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(StaleRecordError) as raised:
        ConfigRecord.deserialize(data, "pkg.C")
    version = data.get("version")
    assert str(raised.value) == (
        'The mypy cache holds pconfigs facts about "pkg.C" in another layout '
        f"(record version {version!r}, this plugin reads {RECORD_VERSION}); "
        "delete the mypy cache folder (.mypy_cache) and run mypy again"
    )


class FakeInfo:
    """What the record functions use of mypy's ``TypeInfo``."""

    fullname = "pkg.C"

    def __init__(self) -> None:
        self.metadata: dict[str, dict[str, object]] = {}


def test_a_stored_record_is_read_back_without_parsing_again() -> None:
    from pconfigs import mypy_records

    info = FakeInfo()
    record = sample_config()
    mypy_records.store(info, record)
    assert mypy_records.record_of(info) is record
    # What the cache holds is JSON that reads back equal.
    data = through_json(info.metadata[mypy_records.RECORD_KEY])
    info.metadata[mypy_records.RECORD_KEY] = data
    assert mypy_records.record_of(info) == record
