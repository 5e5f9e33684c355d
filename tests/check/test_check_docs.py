"""docs/check.md shows real output: its report blocks are what the checker prints."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from check_trees import TREE, Write

import pconfigs
from pconfigs.check import main

REPO = Path(__file__).resolve().parents[2]
PAGE = (REPO / "docs" / "check.md").read_text()


def block(opening: str) -> str:
    """The body of the first fenced block of the page that starts with ``opening``."""
    found = re.search(
        r"^```\w*\n(" + re.escape(opening) + r".*?)^```$", PAGE, re.S | re.M
    )
    assert found, opening
    return found[1]


def report(*argv: str) -> str:
    out = io.StringIO()
    main(list(argv), out, io.StringIO())
    return out.getvalue()


def test_the_seed_example_block(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = block("$ cd examples\n$ python -m pconfigs.check\n")
    monkeypatch.chdir(REPO / "examples")
    assert shown.split("\n", 2)[2] == report()


def test_the_broken_tree_block(write_tree: Write) -> None:
    write_tree(TREE)
    installed = str(Path(pconfigs.__file__).parent.parent)
    assert block("pkg/old/__pconfigs__.py ...") == report().replace(installed, "...")
