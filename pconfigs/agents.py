"""``pconfigs agents install``: pconfigs' rules for coding assistants.

The rule pack (``agent_rules.md`` beside this file) is the rules section of
``docs/assistants.md``, copied when the package is built; a test keeps the two
equal, so the pack cannot drift from the docs. ``install`` writes it in the
format each assistant reads, and never overwrites a file it did not write.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pconfigs.cli import _bind, _Exit, _Parser

__all__ = ["PACK", "extract_rules", "install_plan", "main"]

PACK = Path(__file__).with_name("agent_rules.md")
RULES_BEGIN, RULES_END = "<!-- rules:begin -->", "<!-- rules:end -->"
SECTION_BEGIN, SECTION_END = "<!-- pconfigs:begin -->", "<!-- pconfigs:end -->"
STAMP = "<!-- Installed by `pconfigs agents install`"
_CURSOR_FRONT_MATTER = """\
---
description: pconfigs rules for typed, frozen experiment configs
globs: "**/*.py"
alwaysApply: false
---
"""


def extract_rules(page: str) -> str:
    """The text between the rules markers of the docs page."""
    begin, end = page.index(RULES_BEGIN) + len(RULES_BEGIN), page.index(RULES_END)
    return page[begin:end].strip("\n") + "\n"


@dataclass(frozen=True)
class _Target:
    option: str
    path: str

    def render(self, pack: str, current: str | None) -> str:
        from pconfigs import __version__

        stamp = f"{STAMP} (pconfigs {__version__}); run it again to update. -->\n"
        if self.option == "agents_md":
            return _agents_md(stamp + pack, current)
        front = _CURSOR_FRONT_MATTER if self.option == "cursor" else ""
        return front + stamp + pack

    def owned(self, current: str) -> bool:
        if self.option == "agents_md":
            return current.count(SECTION_BEGIN) == current.count(SECTION_END) <= 1
        return STAMP in current


TARGETS = (
    _Target("claude", ".claude/rules/pconfigs.md"),
    _Target("cursor", ".cursor/rules/pconfigs.mdc"),
    _Target("agents_md", "AGENTS.md"),
)


def _agents_md(section: str, current: str | None) -> str:
    block = f"{SECTION_BEGIN}\n{section}{SECTION_END}\n"
    if not current:
        return block
    if SECTION_BEGIN in current:
        head, _, rest = current.partition(SECTION_BEGIN)
        _, _, tail = rest.partition(SECTION_END + "\n")
        return head + block + tail
    return current.rstrip("\n") + "\n\n" + block


class AgentsError(Exception):
    """A file in the way, or nothing to read."""


def install_plan(project: Path, options: Sequence[str]) -> dict[Path, str]:
    """What each chosen target's file should contain; raises on a foreign file."""
    pack = PACK.read_text(encoding="utf-8")
    plan = {}
    for target in TARGETS:
        if options and target.option not in options:
            continue
        path = project / target.path
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current is not None and not target.owned(current):
            raise AgentsError(
                f"{path} exists and was not written by pconfigs; leaving it alone\n"
                f"    Fix: move it away, or add the pack yourself from {PACK}"
            )
        plan[path] = target.render(pack, current)
    return plan


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """``pconfigs agents install [--claude] [--cursor] [--agents-md] [--dir D] [--check]``."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = _arguments(argv, out, err)
    if isinstance(args, int):
        return args
    chosen = [o for o in ("claude", "cursor", "agents_md") if getattr(args, o)]
    try:
        plan = install_plan(Path(args.dir), chosen)
    except AgentsError as error:
        err.write(f"pconfigs agents: {error}\n")
        return 1
    if args.check:
        return _check(plan, out)
    for path, text in plan.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.write(f"wrote {path}\n")
    return 0


def _check(plan: dict[Path, str], out: IO[str]) -> int:
    stale = [
        p
        for p, text in plan.items()
        if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    for path in stale:
        out.write(f"stale: {path} (run `pconfigs agents install`)\n")
    if not stale:
        out.write("the assistant rules are up to date\n")
    return 1 if stale else 0


def _arguments(
    argv: Sequence[str] | None, out: IO[str], err: IO[str]
) -> argparse.Namespace | int:
    parser = _Parser(
        prog="pconfigs agents",
        description="Install pconfigs' rules for coding assistants into a project "
        "(all formats unless some are chosen).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    install = commands.add_parser("install", help="write or update the rule files")
    _bind(parser, out, err)
    _bind(install, out, err)
    install.add_argument(
        "--claude", action="store_true", help=".claude/rules/pconfigs.md"
    )
    install.add_argument(
        "--cursor", action="store_true", help=".cursor/rules/pconfigs.mdc"
    )
    install.add_argument(
        "--agents-md",
        dest="agents_md",
        action="store_true",
        help="a section of AGENTS.md",
    )
    install.add_argument("--dir", default=".", help="the project (default: .)")
    install.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is stale"
    )
    try:
        return parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except _Exit as stop:
        return stop.status


if __name__ == "__main__":
    # Writing the pack from the docs page (a development step; tests/test_agents.py
    # says when it is needed): python -m pconfigs.agents docs/assistants.md
    page = Path(sys.argv[1]).read_text(encoding="utf-8")
    PACK.write_text(extract_rules(page), encoding="utf-8")
