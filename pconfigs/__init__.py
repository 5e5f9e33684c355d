"""pconfigs: typed, frozen, statically checked configs for ML experiments."""

from typing import TYPE_CHECKING, Any

# Type checkers read __init__.pyi instead of this file (one small stub rather
# than the runtime modules); `mypy --strict pconfigs/__init__.py` checks it.
if TYPE_CHECKING:
    from pconfigs.canonical import config_hash as config_hash
    from pconfigs.canonical import from_json as from_json
    from pconfigs.canonical import to_flat_dict as to_flat_dict
    from pconfigs.canonical import to_json as to_json
    from pconfigs.config import ConfigInputs as ConfigInputs
    from pconfigs.config import is_config as is_config
    from pconfigs.config import is_config_class as is_config_class
    from pconfigs.config import pconfig as pconfig
    from pconfigs.constructed import pconfiged as pconfiged
    from pconfigs.defaults import pdefaults as pdefaults
    from pconfigs.enums import penum as penum
    from pconfigs.environment import EnvVar as EnvVar
    from pconfigs.environment import penv as penv
    from pconfigs.errors import EnvironmentVariableError as EnvironmentVariableError
    from pconfigs.errors import PconfigsError as PconfigsError
    from pconfigs.errors import ValidationError as ValidationError
    from pconfigs.optional import NoneConfig as NoneConfig
    from pconfigs.optional import OptionalConfig as OptionalConfig
    from pconfigs.overrides import derive as derive
    from pconfigs.properties import pinputs as pinputs
    from pconfigs.properties import pproperty as pproperty
    from pconfigs.records import run_dir as run_dir
    from pconfigs.sentinels import Pin as Pin
    from pconfigs.sentinels import Pinned as Pinned
    from pconfigs.sentinels import Required as Required
    from pconfigs.setter import PSetter as PSetter
    from pconfigs.setter import psetter as psetter
    from pconfigs.validation import validate as validate
    from pconfigs.wrapped import Omitted as Omitted

__version__ = "0.1.0"

__all__ = [
    "ConfigInputs",
    "EnvVar",
    "EnvironmentVariableError",
    "NoneConfig",
    "Omitted",
    "OptionalConfig",
    "Pin",
    "Pinned",
    "PconfigsError",
    "Required",
    "ValidationError",
    "config_hash",
    "derive",
    "from_json",
    "is_config",
    "is_config_class",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "penum",
    "penv",
    "pinputs",
    "pproperty",
    "psetter",
    "run_dir",
    "to_flat_dict",
    "to_json",
    "validate",
]

# Re-exports load on first use (PEP 562): `import pconfigs.mypy_plugin` runs
# this file inside every mypy process, and must not import the runtime.
_SOURCES = {
    "config_hash": "canonical",
    "from_json": "canonical",
    "to_flat_dict": "canonical",
    "to_json": "canonical",
    "ConfigInputs": "config",
    "is_config": "config",
    "is_config_class": "config",
    "pconfig": "config",
    "pconfiged": "constructed",
    "Defaults": "defaults",
    "pdefaults": "defaults",
    "penum": "enums",
    "EnvVar": "environment",
    "penv": "environment",
    "EnvironmentVariableError": "errors",
    "NoneConfig": "optional",
    "OptionalConfig": "optional",
    "psetter": "setter",
    # The type psetter() returns, for annotations; not a name to star-import.
    "PSetter": "setter",
    "PconfigsError": "errors",
    "derive": "overrides",
    "ValidationError": "errors",
    "pinputs": "properties",
    "pproperty": "properties",
    "run_dir": "records",
    "Pin": "sentinels",
    "Pinned": "sentinels",
    "Required": "sentinels",
    "validate": "validation",
    "Omitted": "wrapped",
}


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module 'pconfigs' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"pconfigs.{source}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
