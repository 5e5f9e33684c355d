"""Valid uses of the zoo configs: pyright with stubs reports nothing here."""

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import assert_type
from zoo.child import WarmupOptimizerConfig
from zoo.inherit import DecayOptimizerConfig
from zoo.inherit_more import WideEncoderConfig
from zoo.models import (
    Box,
    Encoder,
    EncoderConfig,
    IntBox,
    ModelConfig,
    OptimizerConfig,
    Presets,
)

from pconfigs import Pinned, Required

encoder = EncoderConfig(width=4, depth=2, activation="relu")
deeper = EncoderConfig(encoder, depth=3, params=Pinned)
merged = EncoderConfig(encoder, deeper, width=8)
optimizer = OptimizerConfig(lr=0.1)
default_optimizer = OptimizerConfig()
warmup = WarmupOptimizerConfig(warmup=10)
from_ancestor = WarmupOptimizerConfig(optimizer, warmup=3)
box = Box(item=3, label="three")
model = ModelConfig(encoder=encoder)
placeholder = ModelConfig(model, encoder=Required)

assert_type(encoder.width, int)
assert_type(encoder.params, int)
assert_type(encoder.activation, Literal["relu", "gelu"])
assert_type(encoder.construct(), Encoder)
assert_type(encoder.describe(), str)
assert_type(EncoderConfig.kind, str)
assert_type(warmup.lr, float)
assert_type(warmup.started, dt.date)
assert_type(optimizer.schedule, Sequence[float] | None)
assert_type(optimizer.version, int)
assert_type(box.item, int)
assert_type(Box(box, item=4), Box[int])
assert_type(model.encoder.depth, int)
assert_type(IntBox(item=1, label="one", count=1).item, int)
assert_type(IntBox(Box(item=2, label="two"), count=2), IntBox)
assert_type(dataclasses.fields(model), tuple[dataclasses.Field[Any], ...])
assert_type(Presets.Small().size, int)
assert_type(Presets.Small(size=2).doubled(), int)
assert_type(DecayOptimizerConfig().decay, float)
assert_type(DecayOptimizerConfig(optimizer, decay=0.1).lr, float)
assert_type(WideEncoderConfig().heads, int)
assert_type(WideEncoderConfig(width=8, wide=False).construct(), Encoder)
