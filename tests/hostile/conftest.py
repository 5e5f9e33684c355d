"""The ``tree`` fixture: a hostile project in a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_trees import Tree, write_tree


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    """Write ``{relative path: source}`` under ``tmp_path/proj`` and cd there."""
    return write_tree(tmp_path, monkeypatch)
