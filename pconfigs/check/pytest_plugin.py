"""pytest plugin: every experiment module is one test.

Registered as the ``pconfigs`` ``pytest11`` entry point. A ``__pconfigs__.py``
marker that pytest's collection reaches becomes a collector whose items are
the experiments it governs (``pkg/exps/__pconfigs__.py::pkg.exps.first``).
Configs outside ``testpaths`` can be listed in the ini file; they are
collected whenever pytest runs without path arguments, like ``testpaths``::

    [tool.pytest.ini_options]
    pconfigs_paths = ["configs"]     # also check these when running plain `pytest`
    # pconfigs_check = false         # turns the plugin off

Experiments are found (``pconfigs.check.discovery``) and run exactly as ``pconfigs
check`` runs them (``pconfigs.check.run_checks``):
in worker subprocesses, one per project root, in fresh state. The first item
to run checks every selected experiment in one batch; the others read their
result. A failure's text is the experiment's error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pconfigs.check.command import parse_seconds, run_checks
from pconfigs.check.discovery import (
    MARKER,
    Discovery,
    Experiment,
    discover,
    discover_marker,
)
from pconfigs.check.outcome import Outcome

__all__ = ["ExperimentItem", "ExperimentsCollector"]

_RESULTS = pytest.StashKey[dict[Path, Outcome]]()
_TIMEOUT = pytest.StashKey[float | None]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "pconfigs_check",
        type="bool",
        default=True,
        help="pconfigs: collect experiment modules under __pconfigs__.py markers",
    )
    parser.addini(
        "pconfigs_paths",
        type="paths",
        default=[],
        help="pconfigs: config directories to check when pytest runs without "
        "path arguments (like testpaths)",
    )
    parser.addini(
        "pconfigs_timeout",
        default="",
        help="pconfigs: fail an experiment or marker still running after SECONDS "
        "(default: no limit)",
    )
    parser.addoption(
        "--pconfigs-timeout",
        metavar="SECONDS",
        default=None,
        help="pconfigs: fail an experiment or marker still running after SECONDS "
        "(overrides the pconfigs_timeout ini option)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_TIMEOUT] = _timeout(config)


def _timeout(config: pytest.Config) -> float | None:
    option = config.getoption("--pconfigs-timeout")
    text = option if option is not None else config.getini("pconfigs_timeout")
    if not text:
        return None
    try:
        return parse_seconds(text)
    except ValueError as error:
        where = "--pconfigs-timeout" if option is not None else "pconfigs_timeout"
        raise pytest.UsageError(f"{where}: {error}") from None


def pytest_collect_file(
    file_path: Path, parent: pytest.Collector
) -> ExperimentsCollector | None:
    if file_path.name != MARKER or not parent.config.getini("pconfigs_check"):
        return None
    collector: ExperimentsCollector = ExperimentsCollector.from_parent(
        parent, path=file_path
    )
    return collector


# tryfirst: the added items must exist before `-k`, `-m` and `--deselect`
# select among all items.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not config.getini("pconfigs_check") or (
        config.args_source == pytest.Config.ArgsSource.ARGS
    ):
        return
    known = {_key(item) for item in items if isinstance(item, ExperimentItem)}
    for path in config.getini("pconfigs_paths"):
        collector = ExperimentsCollector.from_parent(session, path=Path(path))
        for item in collector.collect():
            if _key(item) not in known:
                known.add(_key(item))
                items.append(item)


def _key(item: ExperimentItem) -> object:
    """What makes two items the same check, whichever collector made them."""
    return item.experiment.path if item.experiment else item.failure


class ExperimentsCollector(pytest.File):
    """The experiments of one marker (or, from ``pconfigs_paths``, one path)."""

    def collect(self) -> Iterator[ExperimentItem]:
        if not self.path.exists():
            failure = Outcome(
                str(self.path),
                error=f'FileNotFoundError: pconfigs_paths lists "{self.path}", '
                "which does not exist",
            )
            yield ExperimentItem.from_parent(
                self, name="pconfigs_paths", failure=failure
            )
            return
        discovery = self._discover()
        for failure in discovery.failures:
            # Under a marker's node, the file name alone reads best:
            # pkg/old/__pconfigs__.py::__pconfigs__.py
            name = Path(failure.name).name if self.path.name == MARKER else failure.name
            yield ExperimentItem.from_parent(self, name=name, failure=failure)
        for experiment in discovery.experiments:
            yield ExperimentItem.from_parent(
                self, name=experiment.name, experiment=experiment
            )

    def _discover(self) -> Discovery:
        timeout = self.config.stash[_TIMEOUT]
        if self.path.name == MARKER:
            return discover_marker(self.path, timeout)
        return discover([self.path], timeout)


class ExperimentFailed(Exception):
    """Raised by an item whose experiment failed; carries the outcome."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.error)
        self.outcome = outcome


class ExperimentItem(pytest.Item):
    """One experiment module (or one marker that failed to load)."""

    def __init__(
        self,
        *,
        experiment: Experiment | None = None,
        failure: Outcome | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.experiment = experiment
        self.failure = failure

    def runtest(self) -> None:
        outcome = self.failure or self._outcome()
        if outcome.output:
            self.add_report_section("call", "output", outcome.output)
        if not outcome.ok:
            raise ExperimentFailed(outcome)

    def _outcome(self) -> Outcome:
        assert self.experiment is not None
        results = self.session.stash.setdefault(_RESULTS, {})
        if self.experiment.path not in results:
            # One batch for every selected experiment not yet checked, so a
            # run costs one worker per project root, not one per item.
            pending = [
                item.experiment
                for item in [self, *self.session.items]
                if isinstance(item, ExperimentItem)
                and item.experiment is not None
                and item.experiment.path not in results
            ]
            pending = sorted(dict.fromkeys(pending), key=lambda e: str(e.root))
            for experiment, outcome in zip(
                pending,
                run_checks(pending, timeout=self.config.stash[_TIMEOUT]),
                strict=True,
            ):
                results[experiment.path] = outcome
        return results[self.experiment.path]

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if not isinstance(excinfo.value, ExperimentFailed):
            return str(super().repr_failure(excinfo, style))
        outcome = excinfo.value.outcome
        text = outcome.error
        if outcome.location:
            text += f"\n  at {outcome.location}"
        if outcome.traceback and self.config.option.tbstyle not in ("short", "line"):
            text += "\n\n" + outcome.traceback.rstrip("\n")
        return text

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"experiment {self.name}"
