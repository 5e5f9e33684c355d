"""A project tree of experiments, written into a temporary directory."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from check_trees import Write


@pytest.fixture
def write_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Write:
    """Write ``{relative path: source}`` under ``tmp_path/proj`` and cd there.

    PYTHONPATH is cleared: the checker must make the project importable itself.
    """
    root = tmp_path / "proj"
    root.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTHONPATH", raising=False)

    def write(files: dict[str, str]) -> Path:
        for name, source in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source))
        monkeypatch.chdir(root)
        return root

    return write
