"""``OptionalConfig[T]`` and ``NoneConfig``: a sub-config that may be absent.

A field ``evaluator: OptionalConfig[EvaluatorConfig]`` holds either an
``EvaluatorConfig`` or ``NoneConfig``. Both have ``construct()``; the absent
one's returns ``None``, so code calls ``config.evaluator.construct()`` without
an ``if``::

    @pconfig
    class System:
        evaluator: OptionalConfig[EvaluatorConfig] = NoneConfig

    System().evaluator.construct() is None

``OptionalConfig[T]`` evaluates to ``Union[T, OptionalConfig]``, the type of
``NoneConfig``, so ``validate`` and ``--set`` read the annotation as it is.
"""

from __future__ import annotations

from typing import Any, NoReturn, Union

__all__ = ["NoneConfig", "OptionalConfig"]


class OptionalConfig:
    """The type of :data:`NoneConfig`; ``OptionalConfig[T]`` is ``T | OptionalConfig``.

    It has one instance, :data:`NoneConfig`: calling the class returns it,
    copying and unpickling give it back.
    """

    __slots__ = ()

    def __new__(cls) -> OptionalConfig:
        return NoneConfig

    def __class_getitem__(cls, config_type: Any) -> Any:
        return Union[config_type, cls]  # noqa: UP007 (a type object, not syntax)

    def construct(self) -> None:
        """Nothing to build: ``None``."""
        return None

    def __repr__(self) -> str:
        return "NoneConfig"

    def __reduce__(self) -> str:
        return "NoneConfig"

    def __copy__(self) -> OptionalConfig:
        return self

    def __deepcopy__(self, memo: Any) -> OptionalConfig:
        return self

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        from pconfigs.errors import FrozenConfigError

        raise FrozenConfigError(
            f"Cannot assign NoneConfig.{name}: NoneConfig stands for an absent "
            "sub-config and has no fields"
        )


NoneConfig: OptionalConfig = object.__new__(OptionalConfig)
