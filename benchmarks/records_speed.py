"""config_hash, to_json and writing a run record, on a torchtitan-sized config.

The tree has ~200 fields in nested configs (model, optimizer, schedule, data,
checkpointing, parallelism, ...) with the value kinds a training config holds:
ints, floats, strings, bools, None, enums, paths, lists, dicts and a computed
(Pinned) schedule. Baselines, measured in the same run:

* ``config_hash``: ``hashlib.sha256(pickle.dumps(cfg))`` (C code end to end,
  not canonical across processes: the floor of hashing this tree at all);
* ``to_json``: ``json.dumps(dataclasses.asdict(tree))`` of the same tree as
  frozen dataclasses (both one line; ``indent=2`` costs about 1 ms more on
  either side);
* the record: writing the same three files' text with no work to produce it.

Targets: config_hash and to_json <= 1 ms each; a record (without git) <= 50 ms.
Prints best and median CPU time per call over interleaved repeats (the record's
file writes are CPU time too; waiting on the disk is not).

    .venv/bin/python benchmarks/records_speed.py
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import pathlib
import pickle
import statistics
import tempfile
from collections.abc import Callable
from typing import Any

from timing import per_call

from pconfigs import Pinned, config_hash, pconfig, pproperty, to_json
from pconfigs.canonical import from_json
from pconfigs.records import create_record


class Dtype(enum.Enum):
    float32 = "float32"
    bfloat16 = "bfloat16"


@pconfig
class Section:
    name: str
    enabled: bool
    dtype: Dtype
    folder: pathlib.Path
    ints: tuple[int, ...]
    a: int
    b: int
    c: int
    d: float
    e: float
    f: float
    g: str
    h: str
    i: int | None
    j: list[int]
    k: dict[str, int]
    steps: int
    base_lr: float
    schedule: Pinned[list[float]]

    @pproperty
    def schedule(self) -> list[float]:
        return [self.base_lr * (1 - s / self.steps) for s in range(self.steps)]


@pconfig
class Job:
    name: str
    seed: int
    sections: list[Section]
    tags: dict[str, str]


def section(index: int) -> Section:
    return Section(
        name=f"section{index}",
        enabled=index % 2 == 0,
        dtype=Dtype.bfloat16,
        folder=pathlib.Path(f"/data/run/{index}"),
        ints=(1, 2, 3),
        a=index,
        b=index * 2,
        c=4096,
        d=0.1 * index,
        e=3e-4,
        f=1e-8,
        g="cosine",
        h="adamw",
        i=None,
        j=[8, 16, 32],
        k={"dp": 8, "tp": 2},
        steps=10,
        base_lr=3e-4,
    )


def build() -> Job:
    # 10 sections x 19 fields + the job's 4: ~200 fields.
    return Job(
        name="llama3_8b",
        seed=0,
        sections=[section(i) for i in range(10)],
        tags={"owner": "team", "stage": "pretrain"},
    )


@dataclasses.dataclass(frozen=True)
class DataclassSection:
    name: str
    enabled: bool
    dtype: str
    folder: str
    ints: tuple[int, ...]
    a: int
    b: int
    c: int
    d: float
    e: float
    f: float
    g: str
    h: str
    i: int | None
    j: list[int]
    k: dict[str, int]
    steps: int
    base_lr: float
    schedule: list[float]


@dataclasses.dataclass(frozen=True)
class DataclassJob:
    name: str
    seed: int
    sections: list[DataclassSection]
    tags: dict[str, str]


def build_dataclasses(job: Job) -> DataclassJob:
    sections = [
        DataclassSection(
            **{
                field.name: getattr(s, field.name)
                for field in dataclasses.fields(DataclassSection)
            }
            | {"dtype": s.dtype.value, "folder": str(s.folder)}
        )
        for s in job.sections
    ]
    return DataclassJob(name=job.name, seed=job.seed, sections=sections, tags=job.tags)


def measure(
    pairs: dict[str, tuple[Callable[[], Any], Callable[[], Any], int]], repeats: int
) -> None:
    results: dict[str, tuple[list[float], list[float]]] = {
        name: ([], []) for name in pairs
    }
    for _ in range(repeats):  # interleaved: load changes hit both sides alike
        for name, (ours, baseline, number) in pairs.items():
            results[name][0].append(per_call(ours, number))
            results[name][1].append(per_call(baseline, number))
    for name, (ours, base) in results.items():
        print(
            f"{name:<22} best {min(ours) * 1e3:7.3f} ms  median "
            f"{statistics.median(ours) * 1e3:7.3f} ms   baseline best "
            f"{min(base) * 1e3:7.3f} ms  median {statistics.median(base) * 1e3:7.3f} ms"
            f"   ratio (best) {min(ours) / min(base):5.1f}x"
        )


def main() -> None:
    job = build()
    tree = build_dataclasses(job)
    text = to_json(job)
    assert from_json(text) == job
    fields = 4 + sum(len(s.__pconfigs_spec__.fields) for s in job.sections)
    print(f"tree: {fields} fields, {len(text)} bytes of JSON")
    root = tempfile.mkdtemp()
    printed = "x" * 8000

    def write_plain() -> None:
        folder = pathlib.Path(tempfile.mkdtemp(dir=root))
        (folder / "config.py").write_text(printed)
        (folder / "config.json").write_text(text)
        (folder / "run.json").write_text(json.dumps({"hash": "0" * 64}))

    measure(
        {
            "config_hash": (
                lambda: config_hash(job),
                lambda: hashlib.sha256(pickle.dumps(job)).hexdigest(),
                200,
            ),
            "to_json": (
                lambda: to_json(job),
                lambda: json.dumps(dataclasses.asdict(tree)),
                200,
            ),
            "record (git excluded)": (
                lambda: create_record(
                    root, job, label="bench.job", command=["b"], git=False
                ),
                write_plain,
                10,
            ),
        },
        repeats=7,
    )
    print("targets: config_hash <= 1 ms, to_json <= 1 ms, record <= 50 ms")


if __name__ == "__main__":
    main()
