"""Names shared by the runtime and the mypy plugin.

This module must stay dependency-free: the mypy plugin imports it, and every
warm mypy run pays for whatever it imports.
"""

PACKAGE = "pconfigs"

# Fullnames mypy hooks receive: the definition site, not the re-export. Each
# name has two: where the runtime defines it (`pconfigs.config.pconfig`, seen
# by code that imports the defining module) and where the public stub
# `pconfigs/__init__.pyi` declares it (`pconfigs.pconfig`, seen by everyone
# importing from `pconfigs` or `pconfigs.pinnable`).


def _both(module: str, name: str) -> frozenset[str]:
    return frozenset((f"{PACKAGE}.{module}.{name}", f"{PACKAGE}.{name}"))


PCONFIG = _both("config", "pconfig")
PCONFIGED = _both("constructed", "pconfiged")
PPROPERTY = _both("properties", "pproperty")
PINPUTS = _both("properties", "pinputs")
PINNED = _both("sentinels", "Pinned")
PIN = _both("sentinels", "Pin")
REQUIRED = _both("sentinels", "Required")
OMITTED = _both("wrapped", "Omitted")
DEFAULTS_CLASS = _both("defaults", "Defaults")
DEFAULTS_IADD = frozenset(f"{name}.__iadd__" for name in DEFAULTS_CLASS)
DEFAULTS_CALL = frozenset(f"{name}.__call__" for name in DEFAULTS_CLASS)
PDEFAULTS = _both("defaults", "pdefaults")
PENV = _both("environment", "penv")
ENVVAR = _both("environment", "EnvVar")
PENUM = _both("enums", "penum")
# Runtime spelling first: a program that loads `pconfigs.inputs` types
# `cfg.inputs` as the class that module defines.
CONFIG_INPUTS = (f"{PACKAGE}.inputs.ConfigInputs", f"{PACKAGE}.ConfigInputs")

# Attributes injected into user classes.
SPEC_ATTR = "__pconfigs_spec__"
INPUTS_ATTR = "__pconfigs_inputs__"
CONFIGED_ATTR = "__pconfigs_configed__"
CONSTRUCTABLE_TYPE = "constructable_type"
# Classes the checkers see inside each config class (the mypy plugin adds
# them, stubgen writes them; nothing at run time): what `psetter(cfg)` gives
# (fields settable with their types, `build()`), and the same without
# `build()` for a sub-config reached through it (`ps.training`).
SETTER_CLASS = "__pconfigs_setter__"
SECTION_CLASS = "__pconfigs_section__"
