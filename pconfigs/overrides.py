"""Overrides: new values for fields deep inside a config, by dotted path.

Two ways in, one derivation:

* :func:`derive` takes Python values: ``derive(cfg, {"training.steps": 100})``.
* :func:`parse_assignments` reads the command line's ``PATH=VALUE`` texts,
  parsing each value by the annotation of the field it sets (``--set``).

Deriving ``a.b.c=v`` builds ``a.b`` from the current ``a.b`` with ``c=v``,
then ``a`` from the current ``a``, then the root: each section starts from
its current value, never from class defaults, and every ``@pproperty``
recomputes. Every problem of one call (unknown names, Pinned fields, values
that do not parse) is collected and raised together as one
:class:`~pconfigs.errors.OverrideError`; nothing is built then.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pconfigs._names import SPEC_ATTR
from pconfigs.config import ConfigSpec, spec_of
from pconfigs.errors import OverrideError, describe, did_you_mean, message
from pconfigs.sentinels import PinnedAnnotation
from pconfigs.typed_text import UNRESOLVED, parse_value

__all__ = [
    "apply_overrides",
    "report",
    "walk",
    "derive",
    "field_type",
    "override_comments",
    "parse_assignments",
    "split_assignment",
]

C = TypeVar("C")


def derive(config: C, overrides: Mapping[str, object]) -> C:
    """A config of ``type(config)`` with the values at dotted paths replaced.

    ::

        longer = derive(job, {"training.steps": 100, "optimizer.lr": 3e-4})
        # the same as, and statically checked in this form:
        longer = JobConfig(
            job,
            training=Training(job.training, steps=100),
            optimizer=Optimizer(job.optimizer, lr=3e-4),
        )

    Values are used as given (they are Python values already). Paths apply
    in order, so ``{"model": Big(...), "model.width": 8}`` sets the new
    model's width.
    """
    problems: list[str] = []
    earlier: dict[str, object] = {}
    for path, value in overrides.items():
        problem = _walk(config, path, earlier).problem
        if problem:
            problems.append(f"{path}: {problem}")
        earlier[path] = value
    if problems:
        raise OverrideError(_report(config, problems, len(overrides)))
    return apply_overrides(config, overrides)


def apply_overrides(config: C, overrides: Mapping[str, object]) -> C:
    """:func:`derive` for paths already known to be settable (no checks)."""
    entries = [(path.split("."), value) for path, value in overrides.items()]
    return _apply(config, entries) if entries else config


def _apply(config: Any, entries: list[tuple[list[str], object]]) -> Any:
    """``type(config)(config, **changes)``, each change derived the same way."""
    by_field: dict[str, list[tuple[list[str], object]]] = {}
    for parts, value in entries:
        by_field.setdefault(parts[0], []).append((parts[1:], value))
    changes: dict[str, object] = {}
    for name, nested in by_field.items():
        current = getattr(config, name)
        pending: list[tuple[list[str], object]] = []
        for rest, value in nested:
            if rest:
                pending.append((rest, value))
                continue
            # A whole new value; deeper paths after it apply to it.
            if pending:
                current = _apply(current, pending)
                pending = []
            current = value
        changes[name] = _apply(current, pending) if pending else current
    return type(config)(config, **changes)


# --------------------------------------------------------------------------
# Finding the field a path names


class _Target:
    """Where a dotted path leads: the config that holds the field, or a problem."""

    __slots__ = ("name", "owner", "problem", "spec")

    def __init__(
        self, owner: Any = None, name: str = "", problem: str = "", spec: Any = None
    ) -> None:
        self.owner = owner
        self.name = name
        self.problem = problem
        self.spec: ConfigSpec = spec

    @property
    def current(self) -> Any:
        return getattr(self.owner, self.name)


def walk(
    root: Any, path: str, earlier: Mapping[str, object], *, settable_only: bool = True
) -> _Target:
    """The field ``path`` names, through the values ``earlier`` paths set;
    its ``problem`` says why there is none (a Pinned field is one when
    ``settable_only``)."""
    return _walk(root, path, earlier, settable_only=settable_only)


def _walk(
    root: Any, path: str, earlier: Mapping[str, object], *, settable_only: bool = True
) -> _Target:
    """The field ``path`` names, through the values ``earlier`` paths set."""
    parts = path.split(".")
    owner = root
    last = len(parts) - 1
    for index, part in enumerate(parts):
        spec: ConfigSpec | None = type(owner).__dict__.get(SPEC_ATTR)
        if spec is None:
            owner_path = ".".join(parts[:index])
            return _Target(problem=_not_a_config(root, owner_path, owner))
        if part not in spec.field_set:
            if not all(p.isidentifier() for p in parts):
                return _Target(problem="not a dotted path of field names")
            return _Target(problem=_unknown(spec, part, ".".join(parts[:index])))
        if index == last:
            if part in spec.pinned and settable_only:
                return _Target(problem=_pinned(spec, part))
            return _Target(owner, part, spec=spec)
        if earlier:
            prefix = ".".join(parts[: index + 1])
            owner = earlier[prefix] if prefix in earlier else getattr(owner, part)
        else:
            owner = getattr(owner, part)
    raise AssertionError("unreachable: a path has at least one part")


def _not_a_config(root: Any, owner_path: str, value: Any) -> str:
    *sections, name = owner_path.split(".")
    holder = root
    for section in sections:
        holder = getattr(holder, section)
    return (
        f"{spec_of(holder).name}.{name} is {describe(value)}, "
        "not a config, so it has no fields to set"
    )


def _unknown(spec: ConfigSpec, name: str, where: str) -> str:
    level = f" (at {where})" if where else ""
    return (
        f"{spec.name}{level} has no field {name!r}"
        + did_you_mean(name, spec.fields)
        + f"; its fields: {', '.join(spec.fields)}"
    )


def _pinned(spec: ConfigSpec, name: str) -> str:
    source = (
        f"it is computed by @pproperty {spec.name}.{name}"
        if name in spec.properties
        else "it is fixed by Pin(...) in a registered default"
    )
    return (
        f"Cannot set pinned field {spec.name}.{name}; {source} "
        "(set the inputs it is computed from instead)"
    )


def report(config: Any, problems: list[str], count: int) -> str:
    """The text of the :class:`~pconfigs.errors.OverrideError` for ``problems``."""
    return _report(config, problems, count)


def _report(config: Any, problems: list[str], count: int) -> str:
    name = spec_of(config).name
    what = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    overrides = f"{count} override" + ("s" if count > 1 else "")
    return message(
        f"Cannot apply {overrides} to {name}: {what}",
        *problems,
        "Nothing was built; fix every line above and run again",
    )


# --------------------------------------------------------------------------
# The command line: PATH=VALUE texts


def split_assignment(text: str) -> tuple[str, str] | None:
    """``("a.b", "3")`` from ``"a.b=3"``; ``None`` without an ``=``."""
    path, equals, value = text.partition("=")
    if not equals:
        return None
    return path.strip(), value


def parse_assignments(
    config: Any, texts: Sequence[str | tuple[str, str]]
) -> dict[str, object]:
    """Typed values for ``PATH=VALUE`` texts, each parsed by its field's annotation.

    An item is a text (given with ``--set``) or ``(option, text)``, the
    option named in the problems. Raises one
    :class:`~pconfigs.errors.OverrideError` naming every problem.
    """
    values: dict[str, object] = {}
    problems: list[str] = []
    for item in texts:
        option, text = ("--set", item) if isinstance(item, str) else item
        split = split_assignment(text)
        if split is None:
            problems.append(f"{option} {text}: expected PATH=VALUE, e.g. a.b=3")
            continue
        path, raw = split
        target = _walk(config, path, values)
        if target.problem:
            problems.append(f"{option} {text}: {target.problem}")
            continue
        annotation = field_type(target.spec, target.name)
        try:
            values[path] = parse_value(raw, annotation, target.current)
        except ValueError as error:
            where = f"{target.spec.name}.{target.name}"
            problems.append(f"{option} {text}: {where}: {error}")
    if problems:
        raise OverrideError(_report(config, problems, len(texts)))
    return values


def field_type(spec: ConfigSpec, name: str) -> object:
    """The evaluated annotation of field ``name``, ``Pinned[T]`` read as ``T``.

    String annotations (``from __future__ import annotations``) are evaluated
    in the module of the class that declared the field; one that does not
    evaluate gives :data:`UNRESOLVED`.
    """
    cache = _field_types.setdefault(spec.cls, {})
    if name not in cache:
        cache[name] = _evaluate(spec, name)
    return cache[name]


_field_types: dict[type, dict[str, object]] = {}


def _evaluate(spec: ConfigSpec, name: str) -> object:
    annotation = spec.annotations[name]
    if isinstance(annotation, str):
        owner = next(
            (
                c
                for c in spec.cls.__mro__
                if name in c.__dict__.get("__annotations__", {})
            ),
            spec.cls,
        )
        module = sys.modules.get(owner.__module__)
        namespace = dict(vars(module)) if module is not None else {}
        try:
            annotation = eval(annotation, namespace, dict(vars(owner)))
            if isinstance(annotation, str):  # quoted under __future__ annotations
                annotation = eval(annotation, namespace, dict(vars(owner)))
        except Exception:
            return UNRESOLVED
    if isinstance(annotation, PinnedAnnotation):
        return annotation.type
    return annotation


# --------------------------------------------------------------------------
# Marking overridden values in printed code

SET_COMMENT = "  # --set"
SWEEP_COMMENT = "  # --sweep"


def override_comments(
    config: Any, paths: Iterable[str], swept: Iterable[str] = ()
) -> dict[tuple[int, str], str]:
    """``# --set`` (``# --sweep`` for the ``swept`` paths) for each overridden
    field of the derived ``config``, keyed by ``(id(owner config), field)`` as
    :func:`pconfigs.printing.format_module` takes them."""
    swept = set(swept)
    comments: dict[tuple[int, str], str] = {}
    for path in paths:
        *sections, name = path.split(".")
        owner = config
        for section in sections:
            owner = getattr(owner, section)
        comments[(id(owner), name)] = SWEEP_COMMENT if path in swept else SET_COMMENT
    return comments
