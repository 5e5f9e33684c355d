"""Names shared by the runtime and the mypy plugin.

This module must stay dependency-free: the mypy plugin imports it, and every
warm mypy run pays for whatever it imports.
"""

PACKAGE = "pconfigs"

# Definition-site fullnames: mypy hooks receive these, not the re-exports.
PCONFIG = "pconfigs.config.pconfig"
PCONFIGED = "pconfigs.constructed.pconfiged"
PPROPERTY = "pconfigs.properties.pproperty"
PINPUTS = "pconfigs.properties.pinputs"
PINNED = "pconfigs.sentinels.Pinned"
PIN = "pconfigs.sentinels.Pin"
REQUIRED = "pconfigs.sentinels.Required"
DEFAULTS_CLASS = "pconfigs.defaults.Defaults"
PDEFAULTS = "pconfigs.defaults.pdefaults"
CONFIG_INPUTS = "pconfigs.inputs.ConfigInputs"

# Attributes injected into user classes.
SPEC_ATTR = "__pconfigs_spec__"
INPUTS_ATTR = "__pconfigs_inputs__"
CONFIGED_ATTR = "__pconfigs_configed__"
CONSTRUCTABLE_TYPE = "constructable_type"
