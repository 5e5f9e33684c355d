"""config_hash, to_json/from_json and to_flat_dict on every value kind the printer prints."""

import json
import math
import os
import pathlib
import shutil
import subprocess
from pathlib import Path

import pytest
import typing_extensions

from pconfigs.canonical import (
    JSONValueError,
    RecomputedValueError,
    config_hash,
    from_json,
    to_flat_dict,
    to_json,
)

REPO = Path(__file__).resolve().parents[2]


def test_every_value_kind_round_trips_to_an_equal_config(recx: Path):
    from recx.kinds import Color, Kinds, config

    again = from_json(to_json(config))
    assert type(again) is Kinds and again == config
    assert type(again.pair) is tuple and type(again.pair[1]) is tuple
    assert again.color is Color.blue and again.act is config.act
    assert type(again.where) is type(config.where)
    assert type(again.pure) is pathlib.PurePosixPath
    assert type(again.point) is type(config.point)
    # A config stores its sets frozen (a set subclass); a frozenset as it is.
    assert isinstance(again.tags, set) and type(again.tags) is type(config.tags)
    assert type(again.frozen) is frozenset
    assert again.data == b"\x00\xffab" and again.number == complex(1.5, -2)
    assert math.copysign(1.0, again.odd[2]) == -1.0  # -0.0 stays negative
    assert again.keyed == {1: "one", (2, 3): "pair", "__x__": 0}


def test_the_json_names_classes_by_import_path_and_tags_what_json_lacks(recx: Path):
    from recx.kinds import config

    tree = json.loads(to_json(config))
    assert list(tree) == ["__config__", *type(config).__pconfigs_spec__.fields]
    assert tree["__config__"] == "recx.kinds:Kinds"
    assert tree["odd"] == {
        "__tuple__": [{"__float__": "inf"}, {"__float__": "-inf"}, -0.0, 1e16]
    }
    assert tree["data"] == {"__bytes__": "AP9hYg=="}
    assert tree["number"] == {"__complex__": [1.5, -2.0]}
    assert tree["color"] == {"__enum__": ["recx.kinds:Color", "blue"]}
    assert tree["where"] == {"__path__": ["pathlib:Path", "/data/run"]}
    assert tree["pure"] == {"__path__": ["pathlib:PurePosixPath", "a/b"]}
    assert tree["keyed"] == {
        "__dict__": [[1, "one"], [{"__tuple__": [2, 3]}, "pair"], ["__x__", 0]]
    }
    assert tree["tags"] == {"__set__": ["a", "b", "c"]}
    assert tree["frozen"] == {"__frozenset__": [1, 2, 3]}
    assert tree["point"] == {"__call__": ["recx.kinds:Point", {"x": 1, "y": 2}]}
    assert tree["box"] == {"__call__": ["recx.kinds:Box", {"w": 1, "h": 2}]}
    assert tree["act"] == {"__object__": "recx.kinds:relu"}
    assert tree["kind"] == {"__object__": "recx.kinds:Model"}
    assert tree["missing"] == {"__sentinel__": "Required"}


def test_pinned_values_are_written_and_raw_inputs_kept_where_they_differ(recx: Path):
    from recx.kinds import Layer, Model

    model = Model(layers=[Layer(width=2, scale=1.5)])
    assert to_json(model) == (
        '{"__config__": "recx.kinds:Model", "layers": [{"__config__": '
        '"recx.kinds:Layer", "width": 2, "scale": 3.0, "__inputs__": {"scale": 1.5}}], '
        '"version": 3, "total": 2, "__inputs__": {"version": {"__pin__": 3}}}'
    )
    again = from_json(to_json(model))
    assert again == model and again.layers[0].scale == 3.0


SECOND_JSON = """\
{
  "__config__": "project.modules.trainer:TrainerConfig",
  "steps": 5,
  "base_lr": 0.001,
  "total_steps": 6,
  "min_lr_ratio": 0.1,
  "grad_accum_steps": 4,
  "num_devices": 2,
  "effective_batch_size": 8,
  "lr_schedule": [
    0.001,
    0.0009140576474687263,
    0.0006890576474687264,
    0.0004109423525312737,
    0.00018594235253127368,
    0.0001
  ]
}"""


def test_the_seed_config_as_json():
    from project.experiments.second import config

    assert to_json(config, indent=2) == SECOND_JSON
    assert from_json(to_json(config)) == config


def test_nan_round_trips(recx: Path):
    from recx.kinds import Kinds, config

    again = from_json(to_json(Kinds(config, ratio=float("nan"))))
    assert math.isnan(again.ratio)


def test_subclasses_of_builtin_containers_are_written_as_the_builtin(recx: Path):
    from recx.kinds import Kinds, config

    class Frozen(list):  # a deep-frozen list is such a subclass
        pass

    derived = Kinds(config, items=Frozen([1, {"x": 2}]))
    assert json.loads(to_json(derived))["items"] == [1, {"x": 2}]
    assert config_hash(derived) == config_hash(Kinds(config, items=[1, {"x": 2}]))


def test_a_pinned_value_that_recomputes_differently_is_an_error(recx: Path):
    from recx.kinds import Layer, Model

    text = to_json(Model(layers=[Layer(width=2, scale=1.5)]))
    tampered = text.replace('"total": 2', '"total": 7')
    with pytest.raises(RecomputedValueError) as caught:
        from_json(tampered)
    assert str(caught.value) == (
        "from_json: Model.total recomputes to 2 but the JSON records 7\n"
        "  The code that computes Model.total (a @pproperty or a registered default) "
        "changed since the JSON was written\n"
        "  Fix: check out the code the record was written with (a run record's "
        "run.json names its git commit)"
    )
    assert isinstance(caught.value, ValueError)


class Opaque:
    def __repr__(self) -> str:
        return "Opaque()"


def test_a_value_without_a_canonical_form_is_an_error_naming_its_path(recx: Path):
    from recx.kinds import Kinds, config

    assert config_hash(Kinds(config, names={"a": [object]}))  # a class: fine
    held = Kinds(config, names={"a": [1, Opaque()]})
    for function in (to_json, config_hash, to_flat_dict):
        with pytest.raises(JSONValueError) as caught:
            function(held)
        assert str(caught.value) == (
            f"{function.__name__}: Kinds.names['a'][1] holds Opaque() (Opaque), "
            "which has no canonical form\n"
            "  Values a config can hold here: None, bool, int, float, complex, str, "
            "bytes, enums, paths, lists, tuples, dicts, sets, frozensets, named "
            "tuples, dataclasses, configs, and classes and functions importable by "
            "name\n"
            "  Fix: store one of these (e.g. a config that describes the object and "
            "builds it)"
        )


def test_a_lambda_cannot_be_recorded_by_import_path(recx: Path):
    from recx.kinds import Kinds, config

    with pytest.raises(JSONValueError) as caught:
        to_json(Kinds(config, act=lambda x: x))
    head, *rest = str(caught.value).split("\n")
    assert head.startswith("to_json: Kinds.act holds <function ")
    assert head.endswith(
        " (function), which cannot be imported back as "
        "test_canonical:test_a_lambda_cannot_be_recorded_by_import_path.<locals>.<lambda>"
    )
    assert rest == [
        "  Classes and functions are recorded by import path, so they must be "
        "defined at the top level of a module (not in a function, not a lambda)",
        "  Fix: move its definition to the top level of a module",
    ]


def test_from_json_refuses_text_that_is_not_a_config():
    with pytest.raises(JSONValueError) as caught:
        from_json("[1, 2]")
    assert str(caught.value) == (
        "from_json: the JSON does not describe a config: its top level has no "
        "'__config__' key (got [1, 2] (list))\n"
        "  Fix: pass the text that pconfigs.to_json wrote (a config.json file)"
    )
    with pytest.raises(JSONValueError) as caught:
        from_json('{"__config__": "nowhere_module:Thing"}')
    assert str(caught.value) == (
        "from_json: cannot rebuild the config: cannot import nowhere_module "
        "(No module named 'nowhere_module')\n"
        "  Fix: run from the environment the JSON was written in (the same packages "
        "importable), or write it again with pconfigs.to_json"
    )


def test_equal_configs_hash_equal_and_any_change_changes_the_hash(recx: Path):
    from recx.kinds import Kinds, config

    assert config_hash(Kinds()) == config_hash(config)
    reordered = Kinds(config, names={"b": [2], "a": 1}, tags={"c", "a", "b"})
    assert reordered == config and config_hash(reordered) == config_hash(config)
    assert config_hash(Kinds(config, ratio=0.1000000001)) != config_hash(config)
    assert config_hash(Kinds(config, pair=(1, [2]))) != config_hash(config)
    assert len(config_hash(config)) == 64


def test_the_seed_hash_is_fixed():
    from project.experiments.second import config

    assert config_hash(config) == (
        "608fd5656be46c0480443ea8a41b2f60179bae5bb4c363b793e22daeb0924d8c"
    )


HASH_SCRIPT = "from pconfigs import config_hash; from recx.kinds import config; print(config_hash(config))"


@pytest.mark.parametrize("version", ["3.10", "3.13"])
def test_the_hash_is_the_same_in_other_processes_and_python_versions(
    recx: Path, tmp_path: Path, version: str
):
    from recx.kinds import config

    python = _pyenv_python(version)
    # The other interpreter has no packages: give it pconfigs and typing_extensions only.
    shim = tmp_path / "shim"
    shim.mkdir()
    shutil.copy(typing_extensions.__file__, shim)
    path = os.pathsep.join([str(REPO), str(shim), str(recx.parent)])
    hashes = set()
    for seed in ("1", "2"):  # string hashing (and set order) differs per seed
        done = subprocess.run(
            [python, "-c", HASH_SCRIPT],
            env={**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        hashes.add(done.stdout.strip())
    assert hashes == {config_hash(config)}


def _pyenv_python(version: str) -> str:
    found = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"))
    assert found, f"CPython {version} is expected under ~/.pyenv/versions"
    return str(found[-1])


def test_to_flat_dict_gives_dotted_keys_and_plain_values(recx: Path):
    from recx.kinds import Kinds, Layer, Model, config

    small = Kinds(
        config,
        model=Model(layers=[Layer(width=2, scale=1.5)]),
        by_name={"small": Layer(width=1, scale=0.5)},
    )
    flat = to_flat_dict(small)
    assert {key: flat[key] for key in list(flat)[:4]} == {
        "none": None,
        "flag": True,
        "count": 10**30,
        "ratio": 0.1,
    }
    assert flat["odd"] == ["inf", "-inf", -0.0, 1e16]
    assert flat["color"] == "blue"
    assert flat["where"] == "/data/run"
    assert flat["tags"] == ["a", "b", "c"]
    assert flat["act"] == "recx.kinds.relu"
    assert flat["kind"] == "recx.kinds.Model"
    assert flat["names.a"] == 1 and flat["names.b"] == [2]
    assert flat["model.layers.0.width"] == 2
    assert flat["model.layers.0.scale"] == 3.0
    assert flat["model.version"] == 3 and flat["model.total"] == 2
    assert flat["by_name.small.width"] == 1
    assert "model" not in flat and "by_name" not in flat
    json.dumps(flat)  # every value is JSON
