"""An experiment that uses the config: hover and go-to-definition targets."""

from editorpkg.conf import ModelConfig

config = ModelConfig(dim=512)
summary = (config.dim, config.head_dim, config.describe())
