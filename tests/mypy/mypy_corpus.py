"""Malformed and unusual declarations for the mypy plugin robustness test.

Each entry is one module. mypy may report ordinary errors on any of them;
it must never crash, and the plugin must never hit its "unexpected state"
path. Modules whose name starts with ``cyc_`` import each other.
"""

HEADER = (
    "from typing import Any, ClassVar, Final, Generic, TypeVar\n"
    "from pconfigs import pconfig, pconfiged, pdefaults, pinputs, pproperty\n"
    "from pconfigs import Pin, Pinned, Required\n"
    "T = TypeVar('T')\n"
)

CORPUS: dict[str, str] = {
    "pproperty_without_field": """
@pconfig
class C:
    a: int
    @pproperty
    def b(self) -> int:
        return self.a
""",
    "pinned_without_type_argument": """
@pconfig
class C:
    a: Pinned
    @pproperty
    def a(self):
        return 1
""",
    "pinned_with_two_type_arguments": """
@pconfig
class C:
    a: Pinned[int, str]
""",
    "pinned_of_pinned": """
@pconfig
class C:
    a: Pinned[Pinned[int]]
    @pproperty
    def a(self) -> int:
        return 1
C(a=Pinned)
""",
    "pconfig_on_a_function": """
@pconfig
def f() -> int:
    return 1
""",
    "pconfig_on_an_instance": """
class K: ...
x = pconfig(K())
""",
    "pconfig_with_a_positional_argument": """
@pconfig(3)
class C:
    a: int
""",
    "pconfig_with_unknown_keyword": """
@pconfig(frozen=False)
class C:
    a: int
C(a=1)
""",
    "pconfig_called_not_as_decorator": """
class Raw:
    a: int
Made = pconfig(Raw)
Made(a=1)
""",
    "pconfig_applied_twice": """
@pconfig
@pconfig
class C:
    a: int
C(a=1)
""",
    "pconfiged_on_a_function": """
@pconfiged
def f() -> None: ...
f()
""",
    "pconfiged_without_config": """
@pconfiged
class Thing:
    pass
Thing()
""",
    "pproperty_in_plain_class": """
class Plain:
    a: int
    @pproperty
    def a(self) -> int:
        return 1
""",
    "pproperty_at_module_level": """
@pproperty
def loose(self: Any) -> int:
    return 1
""",
    "pproperty_with_arguments": """
@pconfig
class C:
    a: Pinned[int]
    @pproperty
    def a(self, extra: int) -> int:
        return extra
""",
    "pproperty_staticmethod": """
@pconfig
class C:
    a: Pinned[int]
    @pproperty
    @staticmethod
    def a() -> int:
        return 1
""",
    "pproperty_defined_twice": """
@pconfig
class C:
    a: Pinned[int]
    @pproperty
    def a(self) -> int:
        return 1
    @pproperty
    def a(self) -> int:
        return 2
""",
    "pproperty_async": """
@pconfig
class C:
    a: Pinned[int]
    @pproperty
    async def a(self) -> int:
        return 1
""",
    "pproperty_with_bad_deps": """
@pconfig
class C:
    a: Pinned[int]
    @pproperty(deps=3)
    def a(self) -> int:
        return 1
""",
    "field_with_class_level_value": """
@pconfig
class C:
    a: int = 3
C()
""",
    "classvar_and_final": """
@pconfig
class C:
    K: ClassVar[int] = 1
    F: Final = 2
    a: int
C(a=C.K + C.F)
""",
    "constructs_not_a_class": """
@pconfig(constructs=3)
class C:
    a: int
C(a=1).construct()
""",
    "constructs_undefined_name": """
@pconfig(constructs=Missing)
class C:
    a: int
C(a=1).construct()
""",
    "constructs_forward_reference": """
@pconfig(constructs=Later)
class C:
    a: int
@pconfiged
class Later:
    config: C
reveal_type(C(a=1).construct())
""",
    "constructs_plain_class": """
class NotConfiged: ...
@pconfig(constructs=NotConfiged)
class C:
    a: int
C(a=1).construct()
""",
    "inherit_flag_not_a_literal": """
flag = True
@pconfig(inherit_constructable_type=flag)
class C:
    a: int
""",
    "forward_reference_fields": """
@pconfig
class Outer:
    inner: 'Inner'
    items: 'list[Inner]'
@pconfig
class Inner:
    x: int
Outer(inner=Inner(x=1), items=[])
""",
    "recursive_config": """
@pconfig
class Node:
    value: int
    child: 'Node | None'
Node(value=1, child=Node(value=2, child=None))
""",
    "undefined_annotation": """
@pconfig
class C:
    a: Undefined
C(a=1)
""",
    "pdefaults_with_non_config": """
pdefaults += 3
pdefaults += 'x'
""",
    "pdefaults_with_class_object": """
@pconfig
class C:
    a: int
pdefaults += C
""",
    "pdefaults_with_star_arguments": """
@pconfig
class C:
    a: int
kw: dict[str, Any] = {}
pdefaults += C(**kw)
pdefaults += C(*[C(a=1)])
""",
    "pdefaults_lookup_of_non_config": """
pdefaults(3)
pdefaults(int)
""",
    "pin_without_arguments": """
Pin()
Pin(1, 2)
""",
    "pin_in_default_argument": """
def f(x: Pin[int] = Pin(1)) -> None: ...
""",
    "pinputs_of_non_config": """
pinputs(3)
""",
    "required_everywhere": """
@pconfig
class C:
    a: int
C(a=Required)
C(Required)
""",
    "config_in_function": """
def make() -> None:
    @pconfig
    class Local:
        a: Pinned[int]
        @pproperty
        def a(self) -> int:
            return 1
    Local()
    Local(a=2)
""",
    "config_in_class": """
class Holder:
    @pconfig
    class Inner:
        a: int
Holder.Inner(a=1)
""",
    "conditional_definition": """
import sys
if sys.version_info >= (3, 10):
    @pconfig
    class C:
        a: int
else:
    @pconfig
    class C:
        b: int
C(a=1)
""",
    "config_with_user_init": """
@pconfig
class C:
    a: int
    def __init__(self, a: int) -> None:
        pass
C(1)
""",
    "config_with_metaclass": """
class Meta(type): ...
@pconfig
class C(metaclass=Meta):
    a: int
C(a=1)
""",
    "config_subclassing_plain_class": """
class Mixin:
    m: int
@pconfig
class C(Mixin):
    a: int
C(a=1, m=2)
""",
    "plain_subclass_of_config": """
@pconfig
class C:
    a: int
class Sub(C):
    b: int
Sub(a=1)
""",
    "config_named_tuple": """
from typing import NamedTuple
@pconfig
class C(NamedTuple):
    a: int
""",
    "config_protocol": """
from typing import Protocol
@pconfig
class C(Protocol):
    a: int
""",
    "generic_with_bound": """
B = TypeVar('B', bound=int)
@pconfig
class C(Generic[B]):
    a: B
    b: Pinned[B]
    @pproperty
    def b(self) -> B:
        return self.a
C(a='x')
C(a=True)
""",
    "field_named_like_injected_names": """
@pconfig
class C:
    construct: int
    inputs: str
    constructable_type: int
C(construct=1, inputs='x', constructable_type=2).construct
""",
    "type_ignore_codes": """
@pconfig
class C:
    a: Pinned[int]
C(a=3)  # type: ignore[pconfigs-pinned-value]
C(a=3)  # type: ignore[pconfigs-unknown-code]
Pin(1)  # type: ignore[pconfigs-pin-outside-defaults]
C(a=3)  # type: ignore
""",
    "pinned_field_assigned_in_method": """
@pconfig
class C:
    a: Pinned[int]
    def set(self) -> None:
        self.a = 3
        self.a = Pinned
""",
    "del_field": """
@pconfig
class C:
    a: int
c = C(a=1)
del c.a
""",
    "star_args_to_constructor": """
@pconfig
class C:
    a: int
args: list[Any] = []
kwargs: dict[str, int] = {}
C(*args)
C(**kwargs)
C(*args, **kwargs)
""",
    "dataclasses_functions": """
import dataclasses
@pconfig
class C:
    a: int
    b: Pinned[int]
c = C(a=1)
dataclasses.replace(c, a=2)
dataclasses.replace(c, b=2)
dataclasses.fields(c)
dataclasses.asdict(c)
""",
    "alias_of_config_class": """
@pconfig
class C:
    a: int
Alias = C
Alias(a=1)
Alias(Alias(a=1))
t: type[C] = C
t(a=1)
""",
    "cyc_a": """
from corpus_pkg import cyc_b
@pconfig
class A:
    b: 'cyc_b.B | None'
    n: Pinned[int]
    @pproperty
    def n(self) -> int:
        return 1
""",
    "cyc_b": """
from corpus_pkg import cyc_a
@pconfig
class B:
    a: 'cyc_a.A | None'
B(a=cyc_a.A(b=None))
cyc_a.A(b=B(a=None), n=2)
""",
}
