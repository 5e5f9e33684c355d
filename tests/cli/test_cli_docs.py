"""The outputs shown in docs/printing.md and docs/running.md are the real ones.

The pages show each command in a ```console block and its output in the
```text block that follows; these tests compare those blocks, in page order,
with what the commands print on this machine.
"""

import io
import re
from pathlib import Path

from project.experiments.second import config

from pconfigs.printing import format_module
from pconfigs.run import main as run_main

DOCS = Path(__file__).resolve().parents[2] / "docs"


def text_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text()
    return [m.group(1) for m in re.finditer(r"^```text\n(.*?)^```$", text, re.S | re.M)]


def run(*argv: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    run_main(list(argv), out, err)
    return out.getvalue(), err.getvalue()


def test_printing_page_shows_the_real_print_outputs():
    printed, runnable = text_blocks("printing.md")
    assert printed == format_module(config)
    assert runnable == format_module(config, runnable=True)


def test_running_page_shows_the_real_run_output_and_errors():
    output, typo, config_class = text_blocks("running.md")
    assert output == run("project.experiments.second.config")[0]
    assert typo == run("project.experiments.second.confg")[1]
    assert config_class == run("project.modules.trainer.TrainerConfig")[1]
