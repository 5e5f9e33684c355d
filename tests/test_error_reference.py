"""docs/errors.md lists every runtime error class and every mypy error code."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pconfigs
from pconfigs.errors import PconfigsError

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "errors.md").read_text()
# Entry points that run or print when imported, and the mypy plugin (which
# defines no runtime errors and needs mypy's import order).
NOT_IMPORTED = {
    "pconfigs.__main__",
    "pconfigs.run",
    "pconfigs.print",
    "pconfigs.mypy_plugin",
}


def runtime_error_classes() -> set[str]:
    for module in pkgutil.walk_packages(pconfigs.__path__, "pconfigs."):
        if module.name not in NOT_IMPORTED and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: set[str] = set()
    pending: list[type] = [PconfigsError]
    while pending:
        cls = pending.pop()
        if cls.__module__.startswith("pconfigs"):
            found.add(cls.__name__)
        pending.extend(cls.__subclasses__())
    return found


def test_every_runtime_error_class_has_a_section():
    documented = set(re.findall(r"^### (\w+)$", PAGE, re.MULTILINE))
    assert documented == runtime_error_classes(), (
        "docs/errors.md needs one `### ClassName` section, with an example, per "
        "PconfigsError subclass"
    )


def test_every_mypy_error_code_is_in_the_table():
    plugin = "".join(
        (ROOT / "pconfigs" / name).read_text()
        for name in ("mypy_plugin.py", "mypy_wrapped.py")
    )
    declared = set(re.findall(r'ErrorCode\(\s*"(pconfigs-[\w-]+)"', plugin))
    listed = set(re.findall(r"^\| `(pconfigs-[\w-]+)` \|", PAGE, re.MULTILINE))
    assert listed == declared, "docs/errors.md's table lists every mypy error code"
