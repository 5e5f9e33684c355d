"""``psetter``: record nested changes by attribute assignment, then derive.

::

    ps = psetter(cfg)
    ps.training.steps = 5
    ps.optimizer.lr = 1e-4
    new = ps.build()    # == derive(cfg, {"training.steps": 5, "optimizer.lr": 1e-4})

A setter is not a config: it only records dotted paths (checked as each is
assigned, with the wording of :func:`pconfigs.derive`) and hands them to
:func:`pconfigs.derive`. Reading a field gives its current value (the one
assigned, if any); reading a sub-config gives a setter for it.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar, overload

from pconfigs.config import is_config, spec_of
from pconfigs.errors import NotAConfigError, SetterPathError, describe, message

__all__ = ["PSetter", "psetter"]

C = TypeVar("C")


S = TypeVar("S")
S_co = TypeVar("S_co", covariant=True)


class _Settable(Protocol[S_co]):
    """A config as the checkers see it: with the class ``psetter`` gives.

    The mypy plugin adds ``__pconfigs_setter__`` to every config class and
    stubgen writes it into the stubs (nothing at run time), so each checker
    types ``ps.training.steps = 5`` against the field.
    """

    @property
    def __pconfigs_setter__(self) -> type[S_co]: ...


@overload
def psetter(config: _Settable[S]) -> S: ...  # type: ignore[overload-overlap]
@overload
def psetter(config: C) -> PSetter[C]: ...
def psetter(config: Any) -> Any:
    """A recorder of changes to ``config``; ``build()`` derives the new config."""
    if not is_config(config):
        raise NotAConfigError(
            message(
                f"psetter() takes a config, got {describe(config)}",
                "Fix: pass a config instance, e.g. psetter(TrainerConfig(...))",
            )
        )
    return PSetter(config, {}, "")


class PSetter(Generic[C]):
    """The changes recorded for one config, seen from one of its sections.

    Every setter made from the same :func:`psetter` call shares the recorded
    paths, so ``ps.training.steps = 5`` and ``ps.build()`` see one set.
    """

    __slots__ = ("_pc_paths", "_pc_prefix", "_pc_root")

    _pc_root: C
    _pc_paths: dict[str, object]
    _pc_prefix: str

    def __init__(self, root: C, paths: dict[str, object], prefix: str) -> None:
        object.__setattr__(self, "_pc_root", root)
        object.__setattr__(self, "_pc_paths", paths)
        object.__setattr__(self, "_pc_prefix", prefix)

    def build(self) -> C:
        """The root config derived with every recorded change (``pconfigs.derive``)."""
        from pconfigs.overrides import derive

        return derive(self._pc_root, dict(self._pc_paths))

    def __getattr__(self, name: str) -> Any:
        if name.startswith(("__", "_pc_")):
            # copy, pickle and friends probe dunders, and a setter being
            # rebuilt has no slots yet: neither is a path.
            raise AttributeError(name)
        path = self._pc_prefix + name
        value = self._current(path)
        if is_config(value):
            return PSetter(self._pc_root, self._pc_paths, path + ".")
        return value

    def __setattr__(self, name: str, value: object) -> None:
        path = self._pc_prefix + name
        self._check(path, value)
        paths = self._pc_paths
        # A new value for a section replaces what was recorded inside it.
        for recorded in [p for p in paths if p == path or p.startswith(path + ".")]:
            del paths[recorded]
        paths[path] = value

    def __copy__(self) -> PSetter[C]:
        """An independent recorder holding the changes recorded so far."""
        return PSetter(self._pc_root, dict(self._pc_paths), self._pc_prefix)

    def __deepcopy__(self, memo: dict[int, Any]) -> PSetter[C]:
        return self.__copy__()

    def __delattr__(self, name: str) -> None:
        raise SetterPathError(
            message(
                f"Cannot delete {self._pc_prefix}{name} from a psetter",
                "A psetter records new values; a field cannot be removed",
                f"Fix: assign the value it should have: ps.{self._pc_prefix}{name} = ...",
            )
        )

    def __repr__(self) -> str:
        where = self._pc_prefix.rstrip(".") or "the root"
        changes = ", ".join(f"{p}={_short(v)}" for p, v in self._pc_paths.items())
        return (
            f"<psetter of {spec_of(self._pc_root).name} at {where}; "
            f"changes: {changes or 'none'}>"
        )

    def _current(self, path: str) -> Any:
        """The value at ``path``: the recorded one, else the config's own."""
        from pconfigs.overrides import walk

        paths = self._pc_paths
        if path in paths:
            return paths[path]
        target = walk(self._pc_root, path, paths, settable_only=False)
        if target.problem:
            raise SetterPathError(_report(self._pc_root, path, target.problem))
        return target.current

    def _check(self, path: str, value: object) -> None:
        from pconfigs.overrides import walk

        target = walk(self._pc_root, path, self._pc_paths)
        if target.problem:
            raise SetterPathError(_report(self._pc_root, path, target.problem))


def _short(value: object) -> str:
    return f"{type(value).__qualname__}(...)" if is_config(value) else repr(value)


def _report(root: Any, path: str, problem: str) -> str:
    from pconfigs.overrides import report

    return report(root, [f"{path}: {problem}"], 1)
