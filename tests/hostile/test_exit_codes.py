"""What ``main`` returns is the exit code, or a clear refusal."""

from __future__ import annotations

import pytest
from hostile_trees import Tree, pconfigs

RUNNABLE = """\
from pconfigs import pconfig, pconfiged


@pconfiged(runnable=True)
class Job:
    config: "JobConfig"

    {define} main(self, args, extra_args):
        print("ran", args.config)
        return {value}


@pconfig(constructs=Job)
class JobConfig:
    x: int


config = JobConfig(x=1)
"""


def job(value: str, define: str = "def") -> dict[str, str]:
    return {
        "pkg/__init__.py": "",
        "pkg/exp.py": RUNNABLE.format(value=value, define=define),
    }


@pytest.mark.parametrize(("value", "seen"), [("256", 0), ("-1", 255), ("1000", 232)])
def test_an_exit_code_outside_0_to_255_is_refused(
    tree: Tree, value: str, seen: int
) -> None:
    tree(job(value))
    done = pconfigs("run", "pkg.exp.config")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "ran pkg.exp.config\n",
        f"main() of Job returned {value}, which is not an exit code\n"
        f"  Exit codes are 0-255 ({value} would reach the shell as {seen}); "
        "return 0 for success or 1-255 for failure\n",
    )


@pytest.mark.parametrize(("value", "code"), [("None", 0), ("0", 0), ("7", 7)])
def test_async_main_is_awaited(tree: Tree, value: str, code: int) -> None:
    tree(job(value, define="async def"))
    done = pconfigs("run", "pkg.exp.config")
    assert (done.returncode, done.stdout, done.stderr) == (
        code,
        "ran pkg.exp.config\n",
        "",
    )
