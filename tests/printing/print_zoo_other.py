"""A second module whose names collide with ``print_zoo``'s (``Leaf``, ``helper``)."""

from pconfigs import pconfig


def helper(x: int) -> int:
    return x + 1


@pconfig
class Leaf:
    value: object
