"""docs/type-checking.md shows real files and real output: keep them equal."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
PAGE = (REPO / "docs" / "type-checking.md").read_text()


def blocks(info: str) -> list[str]:
    return re.findall(rf"^```{info}\n(.*?)^```$", PAGE, flags=re.DOTALL | re.MULTILINE)


def without_comments(text: str, marker: str) -> list[str]:
    lines = (
        line.split(marker)[0].rstrip() if line.lstrip().startswith(marker) else line
        for line in text.splitlines()
    )
    return [line for line in lines if line.strip()]


def test_the_stub_shown_is_the_committed_seed_stub():
    (stub,) = blocks("pyi")
    assert stub == (REPO / "stubs" / "project" / "modules" / "trainer.pyi").read_text()


def test_the_pyright_config_shown_is_the_repository_s_without_comments():
    (shown,) = blocks("json")
    committed = "\n".join(
        without_comments((REPO / "pyrightconfig.json").read_text(), "//")
    )
    assert json.loads(shown) == json.loads(committed)


def test_the_mypy_config_shown_is_the_example_s_without_comments():
    (shown,) = blocks("ini")
    committed = (EXAMPLES / "mypy.ini").read_text()
    assert without_comments(shown, "#") == without_comments(committed, "#")


def test_the_hooks_shown_are_the_shipped_hooks():
    shipped = {
        hook["id"]: hook
        for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    table = re.findall(r"^\| `(pconfigs-\w+)` \| `([^`]+)`", PAGE, flags=re.MULTILINE)
    assert [hook_id for hook_id, _ in table] == list(shipped)
    for hook_id, command in table:
        launcher, module, *args = shipped[hook_id]["entry"].split()
        assert launcher == "hooks/in_project_env.py"
        assert command.startswith(" ".join(["python", "-m", module, *args]))
        assert shipped[hook_id]["language"] == "script"
    user_config, local_hook = (yaml.safe_load(block) for block in blocks("yaml"))
    assert [h["id"] for h in user_config["repos"][0]["hooks"]] == list(shipped)
    # No release tag yet: the example pins a commit of this repository.
    rev = user_config["repos"][0]["rev"]
    assert re.fullmatch("[0-9a-f]{40}", rev)
    subprocess.run(["git", "cat-file", "-e", rev + "^{commit}"], cwd=REPO, check=True)
    assert local_hook[0]["hooks"][0]["entry"] == "mypy"


def test_the_check_output_shown_is_what_stubgen_prints(tmp_path):
    (shown,) = re.findall(r"--check\n(stale stub: .*?)```", PAGE, flags=re.DOTALL)
    stubs = tmp_path / "stubs" / "project" / "modules"
    stubs.mkdir(parents=True)
    (stubs / "trainer.pyi").write_text("an outdated stub\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pconfigs.stubgen",
            str(EXAMPLES / "project"),
            "-o",
            "stubs",
            "--check",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (1, shown)
