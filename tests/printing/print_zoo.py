"""Config classes and values that the printing tests build trees from.

Defined at module level so the printed imports (``from print_zoo import ...``)
really import them when the runnable output is executed.
"""

import dataclasses
import enum
import sys

from pconfigs import Pinned, pconfig, pconfiged, pproperty


class Color(enum.Enum):
    red = "r"
    green = "g"


class Level(enum.IntEnum):
    low = 1
    high = 2


if sys.version_info >= (3, 11):

    class Mode(enum.StrEnum):
        train = "train"
        eval = "eval"

else:  # pragma: no cover - StrEnum is 3.11+

    class Mode(str, enum.Enum):
        train = "train"
        eval = "eval"


def helper(x: int) -> int:
    return x


@pconfig
class Leaf:
    value: object


@pconfig
class Pair:
    first: object
    second: object


@pconfig
class Wide:
    a_rather_long_field_name_that_pushes_values_towards_the_right_margin: object


@pconfiged(runnable=True)
class Job:
    config: "JobConfig"

    def main(self, args: object, extra_args: list[str]) -> int:
        return 0


@pconfig(constructs=Job)
class JobConfig:
    payload: object
    size: Pinned[int]
    child: Pinned[Leaf]

    @pproperty
    def size(self) -> int:
        return len(repr(self.payload)) % 7

    @pproperty
    def child(self) -> Leaf:
        return Leaf(value=self.payload)


@pconfig
class Batch:
    count: int
    leaves: Pinned[list[Leaf]]

    @pproperty
    def leaves(self) -> list[Leaf]:
        return [Leaf(value=i) for i in range(self.count)]


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    label: object
