"""Configs of real third-party signatures: torch.optim.AdamW and
torch.optim.lr_scheduler.CosineAnnealingLR, at run time, under mypy with the
plugin, and under pyright with generated stubs.

torch is large, so these run in the step that installs it
(scripts/test-torchrun.sh, marker ``torchrun``); the main run deselects them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.torchrun

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

CONFIGS = """\
from __future__ import annotations

from torch.optim import AdamW
from torch.optim.lr_scheduler import CosineAnnealingLR

from pconfigs import Omitted, pconfig, pconfiged


@pconfig(calls=AdamW)
class AdamWConfig:
    betas: tuple[float, float]


@pconfig(calls=CosineAnnealingLR)
class CosineConfig:
    T_max: int


@pconfig(mocks=AdamW)
class AdamWMock:
    betas: Omitted[tuple[float, float]]


@pconfiged(mock=True)
class LoggedAdamW(AdamW):
    config: LoggedAdamWConfig


@pconfig(constructs=LoggedAdamW)
class LoggedAdamWConfig:
    run_name: str
    betas: tuple[float, float]
"""

EXPERIMENT = """\
import torch
from torch.optim import AdamW
from torch.optim.lr_scheduler import CosineAnnealingLR

from torchexp.configs import AdamWConfig, AdamWMock, CosineConfig, LoggedAdamW, LoggedAdamWConfig

model = torch.nn.Linear(2, 2)
adamw = AdamWConfig(lr=1e-3, weight_decay=0.1, foreach=None)
optimizer: AdamW = adamw(model.parameters())
schedule: CosineAnnealingLR = CosineConfig(T_max=10, eta_min=0.0)(optimizer)
mocked: AdamW = AdamWMock(lr=0.1).construct(params=model.parameters())
logged: LoggedAdamW = LoggedAdamWConfig(run_name="r").construct(params=model.parameters())
AdamWConfig(lr="x")
AdamWConfig(weight_decai=0.1)
AdamWConfig(betas=(torch.tensor(0.9), 0.99))
CosineConfig(T_max=10)(optimizer, eta_min=0.5)
AdamWMock(betas=(0.9, 0.99))
wrong: str = adamw(model.parameters())
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("torchexp")
    (root / "torchexp").mkdir()
    (root / "torchexp" / "__init__.py").write_text("")
    (root / "torchexp" / "configs.py").write_text(CONFIGS)
    (root / "exp.py").write_text(EXPERIMENT)
    return root


# -- run time -----------------------------------------------------------------


def test_adamw_betas_must_be_declared_or_omitted() -> None:
    from torch.optim import AdamW

    from pconfigs import pconfig
    from pconfigs.errors import ConfigDefinitionError

    with pytest.raises(ConfigDefinitionError) as caught:

        @pconfig(calls=AdamW)
        class AdamWConfig:
            pass

    name = "test_adamw_betas_must_be_declared_or_omitted.<locals>.AdamWConfig"
    assert str(caught.value) == (
        f"{name}: parameter 'betas' of torch.optim.adamw.AdamW has the type "
        "tuple[float | Tensor, float | Tensor], which a config cannot hold\n"
        "  A config holds str, int, float, bool, bytes, Path, Enum and Literal "
        "values, and lists, tuples, dicts and sets of them\n"
        f"  Fix: declare it in the body of {name} with a type a config holds:\n"
        "      betas: tuple[float, float]\n"
        "    or leave it out of the config (the target's default applies):\n"
        "      betas: Omitted[tuple[float | Tensor, float | Tensor]]"
    )


def test_optimizer_and_scheduler_from_configs(project: Path) -> None:
    sys.path.insert(0, str(project))
    try:
        import torch
        from torch.optim import AdamW
        from torch.optim.lr_scheduler import CosineAnnealingLR
        from torchexp import configs

        from pconfigs.errors import WrappedCallError
    finally:
        sys.path.remove(str(project))

    assert [f for f in configs.AdamWConfig.__annotations__] == [
        "lr",
        "betas",
        "eps",
        "weight_decay",
        "amsgrad",
        "maximize",
        "foreach",
        "capturable",
        "differentiable",
        "fused",
    ]
    assert configs.AdamWConfig.__annotations__["lr"] is float
    model = torch.nn.Linear(2, 2)
    config = configs.AdamWConfig(lr=0.5, betas=(0.8, 0.9))
    optimizer = config(model.parameters())
    assert isinstance(optimizer, AdamW)
    assert optimizer.defaults["lr"] == 0.5
    assert optimizer.defaults["betas"] == (0.8, 0.9)
    assert optimizer.defaults["weight_decay"] == 0.01  # the signature's default
    scheduler = configs.CosineConfig(T_max=4, eta_min=0.1)(optimizer)
    assert isinstance(scheduler, CosineAnnealingLR)
    assert scheduler.T_max == 4 and scheduler.eta_min == 0.1
    with pytest.raises(WrappedCallError, match=r'"lr" is already set by the config'):
        config(model.parameters(), lr=0.1)
    mocked = configs.AdamWMock(lr=0.2).construct(params=model.parameters())
    assert type(mocked) is AdamW and mocked.defaults["betas"] == (0.9, 0.999)
    logged = configs.LoggedAdamWConfig(run_name="r", betas=(0.5, 0.6)).construct(
        params=model.parameters()
    )
    assert isinstance(logged, configs.LoggedAdamW)
    assert logged.config.run_name == "r" and logged.defaults["betas"] == (0.5, 0.6)
    printed = str(config)
    assert printed.startswith("AdamWConfig(\n    calls=AdamW,  # ClassVar")


def test_the_docs_torch_example_runs() -> None:
    page = (REPO / "docs" / "other-libraries.md").read_text()
    blocks = re.findall(r"```python-torch\n(.*?)```", page, re.DOTALL)
    assert len(blocks) == 1
    result = subprocess.run(
        [sys.executable, "-c", blocks[0]], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# -- mypy ---------------------------------------------------------------------------


def test_mypy_checks_the_experiment_against_torch_signatures(project: Path) -> None:
    (project / "mypy.ini").write_text(
        "[mypy]\nplugins = pconfigs.mypy_plugin\nstrict = True\n"
        "[mypy-pconfigs.*]\nfollow_imports = silent\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "mypy.ini",
            "--no-error-summary",
            "torchexp/configs.py",
            "exp.py",
        ],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.stdout.splitlines() == [
        'exp.py:13: error: Argument "lr" to "AdamWConfig" has incompatible type "str"; expected "float"  [arg-type]',
        'exp.py:14: error: Unexpected keyword argument "weight_decai" for "AdamWConfig"; did you mean "weight_decay"?  [call-arg]',
        'exp.py:15: error: Argument "betas" to "AdamWConfig" has incompatible type "tuple[Tensor, float]"; expected "tuple[float, float]"  [arg-type]',
        'exp.py:16: error: Unexpected keyword argument "eta_min" for "__call__" of "CosineConfig"  [call-arg]',
        'exp.py:17: error: Unexpected keyword argument "betas" for "AdamWMock"  [call-arg]',
        'exp.py:18: error: Incompatible types in assignment (expression has type "AdamW", variable has type "str")  [assignment]',
    ], result.stderr


def test_mypy_reports_adamw_betas_with_the_two_fixing_lines(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        textwrap.dedent("""\
        from torch.optim import AdamW
        from pconfigs import pconfig

        @pconfig(calls=AdamW)
        class AdamWConfig:
            pass
    """)
    )
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nplugins = pconfigs.mypy_plugin\nstrict = True\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "mypy.ini",
            "--no-error-summary",
            "bad.py",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.stdout.splitlines() == [
        'bad.py:4: error: Parameter "betas" of "torch.optim.adamw.AdamW.__init__" has type "tuple[float | Tensor, float | Tensor]", which a config cannot hold; declare "betas: tuple[float, float]" or "betas: Omitted[tuple[float | Tensor, float | Tensor]]" in the body of "AdamWConfig"  [pconfigs-not-configurable]',
    ], result.stderr


# -- pyright --------------------------------------------------------------------------


def test_pyright_with_stubs_reports_the_same_mistakes(project: Path) -> None:
    stubs = project / "stubs"
    made = subprocess.run(
        [sys.executable, "-m", "pconfigs.stubgen", "torchexp", "-o", str(stubs)],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert made.returncode == 0, made.stderr
    (project / "pyrightconfig.json").write_text(
        json.dumps(
            {
                "include": ["exp.py"],
                "stubPath": "stubs",
                "typeCheckingMode": "standard",
            }
        )
    )
    result = subprocess.run(
        [str(BIN / "pyright"), "--outputjson", "-p", "pyrightconfig.json"],
        capture_output=True,
        text=True,
        cwd=project,
        env=dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"),
    )
    report = json.loads(result.stdout)
    found = sorted(
        (
            d["range"]["start"]["line"] + 1,
            d.get("rule", "-"),
            d["message"].splitlines()[0],
        )
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    )
    expected = [
        (13, "reportArgumentType", 'parameter "lr" of type "float"'),
        (14, "reportCallIssue", 'No parameter named "weight_decai"'),
        (
            15,
            "reportArgumentType",
            'parameter "betas" of type "tuple[float, float]"',
        ),
        # The stub types the call: eta_min is set by the config.
        (16, "reportCallIssue", 'No parameter named "eta_min"'),
        (17, "reportCallIssue", 'No parameter named "betas"'),
        (
            18,
            "reportAssignmentType",
            '"AdamW" is not assignable to declared type "str"',
        ),
    ]
    assert len(found) == len(expected), found
    for (line, rule, text), (got_line, got_rule, message) in zip(
        expected, found, strict=True
    ):
        assert (line, rule) == (got_line, got_rule) and text in message, found
