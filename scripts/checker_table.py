"""Run every type checker that reads pconfigs' stubs, and write the table.

    python scripts/checker_table.py           # rewrite the table in docs/checkers.md
    python scripts/checker_table.py --check   # exit 1 if the table is stale

Each checker runs on a copy of the seed example (examples/project), the
pyright test zoo (for a second config class) and tests/checkers/violations.py,
with the stub-folder setting docs/checkers.md documents for it. A line marked
``# mistake: ...`` is reported or not; any diagnostic on another line (the
seed's modules included) is a false error. tests/checkers/ runs the same
functions and checks the committed table is what they give.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIOLATIONS = REPO / "tests" / "checkers" / "violations.py"
PAGE = REPO / "docs" / "checkers.md"
BEGIN = "<!-- checker-table:begin (scripts/checker_table.py writes this) -->"
END = "<!-- checker-table:end -->"
MISTAKE = re.compile(r"\S  # mistake: (?P<name>.+)$")
CHECKED = ["project", "violations.py"]


@dataclass(frozen=True)
class Finding:
    file: str  # relative to the workspace, '/'-separated
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Outcome:
    checker: str
    reported: frozenset[int]  # lines of violations.py with a mistake reported
    false_errors: tuple[Finding, ...]  # diagnostics on valid lines


def tool(name: str) -> str:
    """A checker's executable from the environment running this script."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} is not installed: bash scripts/setup.sh installs it")
    return found


def mistakes() -> dict[int, str]:
    """Line number -> mistake name, from the markers in violations.py."""
    lines = VIOLATIONS.read_text(encoding="utf-8").splitlines()
    return {
        number: match["name"].strip()
        for number, line in enumerate(lines, start=1)
        if (match := MISTAKE.search(line))
    }


def make_workspace(root: Path) -> Path:
    """The example, the zoo, the violations file and both stub layouts."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "examples" / "project", root / "project", ignore=ignore)
    shutil.copytree(
        REPO / "tests" / "pyright" / "zoo" / "zoo", root / "zoo", ignore=ignore
    )
    shutil.copy(VIOLATIONS, root / "violations.py")
    for out, extra in (("stubs", []), ("stub-packages", ["--stub-packages"])):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pconfigs.stubgen",
                "project",
                "zoo",
                "-o",
                out,
                *extra,
            ],
            cwd=root,
            check=True,
            capture_output=True,
        )
    (root / "pyrightconfig.json").write_text(
        json.dumps(
            {
                "include": CHECKED,
                "stubPath": "stubs",
                "typeCheckingMode": "standard",
                "reportRedeclaration": False,
            }
        )
    )
    (root / "ty.toml").write_text('[environment]\nextra-paths = ["stubs"]\n')
    (root / "pyrefly.toml").write_text(
        'search-path = ["stub-packages", "."]\n'
        f"project-includes = {json.dumps(CHECKED)}\n"
        f'python-interpreter-path = "{sys.executable}"\n'
    )
    (root / "mypy.ini").write_text("[mypy]\nmypy_path = stub-packages\n")
    return root


def _run(command: list[str], root: Path) -> str:
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    return result.stdout


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        candidate = candidate.resolve().relative_to(root.resolve())
    return candidate.as_posix()


def run_pyright(name: str) -> Callable[[Path], list[Finding]]:
    def run(root: Path) -> list[Finding]:
        output = _run(
            [tool(name), "--outputjson", "--pythonpath", sys.executable], root
        )
        return [
            Finding(
                _relative(d["file"], root),
                d["range"]["start"]["line"] + 1,
                d["message"].splitlines()[0],
            )
            for d in json.loads(output)["generalDiagnostics"]
            if d["severity"] in ("error", "warning")
        ]

    return run


def _parse(pattern: str, output: str, root: Path) -> list[Finding]:
    regex = re.compile(pattern)
    return [
        Finding(_relative(m["file"], root), int(m["line"]), m["message"].strip())
        for m in map(regex.match, output.splitlines())
        if m
    ]


def run_ty(root: Path) -> list[Finding]:
    output = _run(
        [
            tool("ty"),
            "check",
            "--python",
            sys.executable,
            "--output-format",
            "concise",
            *CHECKED,
        ],
        root,
    )
    return _parse(
        r"(?P<file>[^:\s]+):(?P<line>\d+):\d+: (?:error|warning)(?P<message>.*)",
        output,
        root,
    )


def run_pyrefly(root: Path) -> list[Finding]:
    output = _run([tool("pyrefly"), "check", "--output-format", "min-text"], root)
    return _parse(
        r"(?:ERROR|WARN) (?P<file>[^:\s]+):(?P<line>\d+):\S+ (?P<message>.*)",
        output,
        root,
    )


def run_zuban(root: Path) -> list[Finding]:
    output = _run(
        [tool("zuban"), "check", "--python-executable", sys.executable, *CHECKED], root
    )
    return _parse(
        r"(?P<file>[^:\s]+):(?P<line>\d+): error:(?P<message>.*)", output, root
    )


CHECKERS: dict[str, Callable[[Path], list[Finding]]] = {
    "pyright": run_pyright("pyright"),
    "basedpyright": run_pyright("basedpyright"),
    "ty": run_ty,
    "pyrefly": run_pyrefly,
    "zuban": run_zuban,
}


def outcome(checker: str, findings: list[Finding]) -> Outcome:
    marked = mistakes()
    in_violations = {f.line for f in findings if f.file == "violations.py"}
    false_errors = tuple(
        sorted(
            (
                f
                for f in findings
                if not (f.file == "violations.py" and f.line in marked)
            ),
            key=lambda f: (f.file, f.line, f.message),
        )
    )
    return Outcome(checker, frozenset(in_violations & set(marked)), false_errors)


def run_all() -> list[Outcome]:
    with tempfile.TemporaryDirectory() as folder:
        root = make_workspace(Path(folder))
        return [outcome(name, run(root)) for name, run in CHECKERS.items()]


def table(outcomes: list[Outcome]) -> str:
    header = "| mistake | " + " | ".join(o.checker for o in outcomes) + " |"
    rows = [header, "|---|" + "---|" * len(outcomes)]
    for line, name in mistakes().items():
        cells = [
            "reported" if line in o.reported else "**not reported**" for o in outcomes
        ]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    counts = [str(len(o.false_errors)) for o in outcomes]
    rows.append("| *false errors on valid lines* | " + " | ".join(counts) + " |")
    return "\n".join(rows) + "\n"


def false_error_list(outcomes: list[Outcome]) -> str:
    lines = [f"{o.checker}: {finding}" for o in outcomes for finding in o.false_errors]
    return "```text\n" + "\n".join(lines or ["(none)"]) + "\n```\n"


def section(outcomes: list[Outcome]) -> str:
    return (
        f"{BEGIN}\n\n{table(outcomes)}\nThe false errors, as each checker words them:\n\n"
        f"{false_error_list(outcomes)}\n{END}"
    )


def page_with(text: str, new_section: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + new_section + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if stale")
    args = parser.parse_args(argv)
    text = PAGE.read_text(encoding="utf-8")
    fresh = page_with(text, section(run_all()))
    if args.check:
        if fresh != text:
            print(
                f"{PAGE.relative_to(REPO)}: the checker table is stale", file=sys.stderr
            )
            print("  Fix: python scripts/checker_table.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
