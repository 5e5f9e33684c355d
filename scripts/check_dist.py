"""What the built wheel and sdist must hold (called by scripts/test-wheel.sh)."""

from __future__ import annotations

import sys
import tarfile
import zipfile

WHEEL_FILES = {
    "pconfigs/__init__.py",
    "pconfigs/__init__.pyi",
    "pconfigs/py.typed",
    "pconfigs/mypy_plugin.py",
    "pconfigs/agent_rules.md",
}
SDIST_FILES = {
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "pyproject.toml",
    "pconfigs/py.typed",
}


def main(wheel: str, sdist: str) -> int:
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    with tarfile.open(sdist) as archive:
        in_sdist = {name.partition("/")[2] for name in archive.getnames()}
    missing = sorted(WHEEL_FILES - in_wheel) + sorted(SDIST_FILES - in_sdist)
    license_in_wheel = any(n.endswith(".dist-info/licenses/LICENSE") for n in in_wheel)
    if missing or not license_in_wheel:
        print(f"missing from the distributions: {missing or 'the wheel LICENSE'}")
        return 1
    print(f"ok: the wheel holds {len(in_wheel)} files, the sdist {len(in_sdist)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
