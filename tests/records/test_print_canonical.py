"""``pconfigs print --hash`` and ``--format json``, in-process and as a subprocess."""

import io
import subprocess
import sys
from pathlib import Path

from project.experiments.second import config

from pconfigs import config_hash, to_json
from pconfigs.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_print_hash_prints_the_content_hash():
    assert run("print", "--hash", "project.experiments.second.config") == (
        0,
        "608fd5656be46c0480443ea8a41b2f60179bae5bb4c363b793e22daeb0924d8c\n",
        "",
    )
    assert config_hash(config).startswith("608fd565")


def test_print_format_json_prints_what_to_json_writes():
    assert run("print", "--format", "json", "project.experiments.second.config") == (
        0,
        to_json(config, indent=2) + "\n",
        "",
    )


def test_a_value_without_json_form_fails_naming_the_field(recx: Path):
    (recx / "bad.py").write_text(
        "from recx.kinds import Kinds, config as base\n\n"
        "config = Kinds(base, act=lambda x: x)\n"
    )
    status, out, err = run("print", "--hash", "recx.bad.config")
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith(
        "pconfigs print: config_hash: Kinds.act holds <function "
    )
    assert lines[0].endswith(
        " (function), which cannot be imported back as recx.bad:<lambda>"
    )
    assert lines[1:] == [
        "  Classes and functions are recorded by import path, so they must be "
        "defined at the top level of a module (not in a function, not a lambda)",
        "  Fix: move its definition to the top level of a module",
    ]


def test_the_hash_from_a_subprocess_is_the_same():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pconfigs.print",
            "--hash",
            "project.experiments.second.config",
        ],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        config_hash(config) + "\n",
        "",
    )
