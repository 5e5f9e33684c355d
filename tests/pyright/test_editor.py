"""What an editor shows, through pyright's language server for real.

``pyright-langserver --stdio`` is driven over the Language Server Protocol
from a small client below, on a copy of ``editor/``: a config module with
docstrings, its generated stubs (``stubPath``) and an experiment that uses
it. Hover in the experiment shows the docstrings the stub kept; go-to-definition
lands in the source module, not the stub (pyright prefers the source when the
client also supports go-to-declaration, as VS Code and other editors do).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "editor"
TIMEOUT = 120  # seconds for one answer: the first analysis reads typeshed


class LanguageServer:
    """A minimal LSP client: requests, notifications, and answers to the
    server's own ``workspace/configuration`` requests."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self._last_id = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        threading.Thread(target=self._read_all, daemon=True).start()

    def request(self, method: str, params: object) -> Any:
        self._last_id += 1
        number = self._last_id
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        with self._arrived:
            if not self._arrived.wait_for(lambda: number in self._answers, TIMEOUT):
                pytest.fail(f"pyright-langserver did not answer {method}")
            answer = self._answers.pop(number)
        assert "error" not in answer, answer
        return answer.get("result")

    def notify(self, method: str, params: object) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        stdin.flush()

    def _read_all(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        for message in _messages(stdout):
            if "method" in message and "id" in message:  # the server asks
                result = self._configuration(message)
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            elif "id" in message:
                with self._arrived:
                    self._answers[message["id"]] = message
                    self._arrived.notify_all()

    @staticmethod
    def _configuration(message: dict[str, Any]) -> object:
        """The Python whose packages pyright reads: the one running the tests."""
        if message["method"] != "workspace/configuration":
            return None
        return [
            {"pythonPath": sys.executable} if item.get("section") == "python" else {}
            for item in message["params"]["items"]
        ]


def _messages(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    while True:
        headers: dict[str, str] = {}
        while (line := stream.readline()) not in (b"\r\n", b"\n"):
            if not line:
                return
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        yield json.loads(stream.read(int(headers["content-length"])))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with fresh stubs from the real CLI."""
    root = tmp_path_factory.mktemp("editor") / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pconfigs.stubgen", "editorpkg", "-o", "stubs"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (root / "pyrightconfig.json").write_text(
        json.dumps({"stubPath": "stubs", "reportRedeclaration": False})
    )
    return root


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[LanguageServer]:
    command = shutil.which("pyright-langserver", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.fail("pyright is not installed: bash scripts/setup.sh installs it")
    server = LanguageServer([command, "--stdio"], workspace)
    server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": workspace.as_uri(),
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": "project"}],
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {
                    "hover": {"contentFormat": ["plaintext"]},
                    "definition": {"linkSupport": False},
                    "declaration": {"linkSupport": False},
                },
            },
        },
    )
    server.notify("initialized", {})
    experiment = workspace / "experiment.py"
    server.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": experiment.as_uri(),
                "languageId": "python",
                "version": 1,
                "text": experiment.read_text(),
            }
        },
    )
    yield server
    server.close()


def position_of(text: str, needle: str) -> dict[str, int]:
    """The 0-based LSP position of the first character of ``needle``."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def ask(server: LanguageServer, workspace: Path, method: str, needle: str) -> Any:
    experiment = workspace / "experiment.py"
    return server.request(
        method,
        {
            "textDocument": {"uri": experiment.as_uri()},
            "position": position_of(experiment.read_text(), needle),
        },
    )


def hover(server: LanguageServer, workspace: Path, needle: str) -> str:
    answer = ask(server, workspace, "textDocument/hover", needle)
    value: str = answer["contents"]["value"]
    return value


@pytest.mark.parametrize(
    ("needle", "docstring"),
    [
        ("ModelConfig(dim", "The model section of a job."),
        ("dim, config", "Width of the residual stream."),
        ("head_dim, config", "Computed: dim // n_heads."),
        ("describe()", "One line saying what this model is."),
    ],
)
def test_hover_in_an_experiment_shows_the_docstring(
    server, workspace, needle, docstring
):
    assert hover(server, workspace, needle).endswith("\n\n" + docstring)


def test_hover_shows_the_stub_signature(server, workspace):
    text = hover(server, workspace, "ModelConfig(dim")
    assert text.startswith("class ModelConfig(\n    *bases: ModelConfig,\n")


@pytest.mark.parametrize("needle", ["ModelConfig(dim", "dim, config", "describe()"])
def test_go_to_definition_lands_in_the_source_module(server, workspace, needle):
    found = ask(server, workspace, "textDocument/definition", needle)
    source = (workspace / "editorpkg" / "conf.py").as_uri()
    assert [location["uri"] for location in found] == [source]


def test_go_to_declaration_lands_in_the_stub(server, workspace):
    found = ask(server, workspace, "textDocument/declaration", "ModelConfig(dim")
    stub = (workspace / "stubs" / "editorpkg" / "conf.pyi").as_uri()
    assert [location["uri"] for location in found] == [stub]
