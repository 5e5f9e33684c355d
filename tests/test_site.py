"""The docs site builds with `mkdocs build --strict`: every page is in the
navigation, every link and anchor resolves, every API entry renders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pconfigs

ROOT = Path(__file__).resolve().parent.parent


def test_the_site_builds_strictly(tmp_path: Path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "reference" / "api" / "index.html").exists()


def test_the_api_reference_lists_every_public_name():
    page = (ROOT / "docs" / "reference" / "api.md").read_text()
    listed = set(re.findall(r"^::: pconfigs\.[\w.]*?\.?(\w+)$", page, re.MULTILINE))
    assert listed == set(pconfigs.__all__), (
        "docs/reference/api.md must hold one `::: pconfigs.<module>.<name>` line "
        "per name of pconfigs.__all__"
    )
