"""``pconfigs check`` validates every config an experiment defines."""

from __future__ import annotations

import io

from check_trees import MODELS, Write, experiment

from pconfigs.check import main


def test_a_config_with_a_value_of_the_wrong_type_fails_the_check(
    write_tree: Write,
) -> None:
    write_tree(
        {
            "pkg/__init__.py": "",
            "pkg/models.py": MODELS,
            "pkg/exps/__init__.py": "",
            "pkg/exps/__pconfigs__.py": "recursive = True\n",
            "pkg/exps/good.py": experiment("ModelConfig(depth=2, width=3)"),
            "pkg/exps/wrong.py": experiment('ModelConfig(depth=2, width="3")'),
        }
    )
    out, err = io.StringIO(), io.StringIO()
    code = main([], out, err)
    assert (code, out.getvalue(), err.getvalue()) == (
        1,
        "pkg.exps.good ... ok\n"
        "pkg.exps.wrong ... FAILED: ValidationError: config (ModelConfig): "
        "2 values do not match their annotations\n"
        "      config.width: expected int, got str '3'\n"
        "      config.params: expected int, got str '33'\n"
        "      Fix: give each value the annotated type, or correct the annotation\n"
        "    at pkg/exps/wrong.py\n"
        "1 passed, 1 failed\n",
        "",
    )
