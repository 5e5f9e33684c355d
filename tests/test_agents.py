"""``pconfigs agents install``: the rule pack, installed into a real project folder."""

from __future__ import annotations

import io
from pathlib import Path

from pconfigs import __version__
from pconfigs.agents import PACK, SECTION_BEGIN, SECTION_END, extract_rules
from pconfigs.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "assistants.md"
STAMP = (
    f"<!-- Installed by `pconfigs agents install` (pconfigs {__version__}); "
    "run it again to update. -->\n"
)


def agents(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["agents", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_pack_is_the_rules_section_of_the_docs_page():
    assert PACK.read_text() == extract_rules(PAGE.read_text()), (
        "pconfigs/agent_rules.md is stale: python -m pconfigs.agents docs/assistants.md"
    )


def test_the_pack_names_every_rule_of_the_page():
    pack = PACK.read_text()
    assert pack.startswith("## The rules\n")
    for phrase in (
        "frozen",
        "@pproperty",
        "pdefaults",
        "construct()",
        "pconfigs check",
    ):
        assert phrase in pack


def test_install_writes_all_three_formats(tmp_path: Path):
    status, out, err = agents("install", "--dir", str(tmp_path))
    assert (status, err) == (0, "")
    assert out == (
        f"wrote {tmp_path}/.claude/rules/pconfigs.md\n"
        f"wrote {tmp_path}/.cursor/rules/pconfigs.mdc\n"
        f"wrote {tmp_path}/AGENTS.md\n"
    )
    pack = PACK.read_text()
    assert (tmp_path / ".claude/rules/pconfigs.md").read_text() == STAMP + pack
    assert (tmp_path / ".cursor/rules/pconfigs.mdc").read_text() == (
        "---\n"
        "description: pconfigs rules for typed, frozen experiment configs\n"
        'globs: "**/*.py"\n'
        "alwaysApply: false\n"
        "---\n" + STAMP + pack
    )
    assert (tmp_path / "AGENTS.md").read_text() == (
        f"{SECTION_BEGIN}\n{STAMP}{pack}{SECTION_END}\n"
    )


def test_one_format_and_an_existing_agents_md_keeps_the_users_text(tmp_path: Path):
    (tmp_path / "AGENTS.md").write_text("# Our project\n\nRun make test.\n")
    assert agents("install", "--agents-md", "--dir", str(tmp_path))[0] == 0
    assert not (tmp_path / ".claude").exists()
    text = (tmp_path / "AGENTS.md").read_text()
    assert text.startswith("# Our project\n\nRun make test.\n\n" + SECTION_BEGIN + "\n")
    # Installing again replaces the section, not the user's lines.
    assert agents("install", "--agents-md", "--dir", str(tmp_path))[0] == 0
    assert (tmp_path / "AGENTS.md").read_text() == text


def test_a_rules_file_pconfigs_did_not_write_is_never_overwritten(tmp_path: Path):
    mine = tmp_path / ".claude/rules/pconfigs.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own notes\n")
    status, out, err = agents("install", "--claude", "--dir", str(tmp_path))
    assert (status, out) == (1, "")
    assert err == (
        f"pconfigs agents: {mine} exists and was not written by pconfigs; "
        "leaving it alone\n"
        f"    Fix: move it away, or add the pack yourself from {PACK}\n"
    )
    assert mine.read_text() == "my own notes\n"


def test_check_reports_missing_and_stale_files_and_writes_nothing(tmp_path: Path):
    status, out, _ = agents("install", "--claude", "--check", "--dir", str(tmp_path))
    assert status == 1
    assert out == (
        f"stale: {tmp_path}/.claude/rules/pconfigs.md (run `pconfigs agents install`)\n"
    )
    assert not (tmp_path / ".claude").exists()
    agents("install", "--claude", "--dir", str(tmp_path))
    status, out, _ = agents("install", "--claude", "--check", "--dir", str(tmp_path))
    assert (status, out) == (0, "the assistant rules are up to date\n")
