"""Stub text: imports, annotation expressions and black's layout.

``pconfigs.stubgen`` writes stubs that are already formatted as black formats
``.pyi`` files (black is a test oracle, never a run-time dependency): this
module tracks the names a stub binds and the imports it still needs, renders
the annotation expressions copied from the user's source, and fixes the
things black would still change in mypy's stub output (long lines, quotes,
blank lines after docstrings).
"""

from __future__ import annotations

import ast
import builtins
import copy
import io
import sys
import tokenize
import types
from collections.abc import Iterator

__all__ = [
    "Imports",
    "blank_lines_after_docstrings",
    "double_quotes",
    "free_names",
    "inline_forward_refs",
    "last_name",
    "render",
    "wrap_long_def",
    "wrap_long_import",
]

# --------------------------------------------------------------------------
# Annotation expressions


def inline_forward_refs(node: ast.expr) -> ast.expr:
    """``"Foo"`` -> ``Foo``: stubs need no quotes (except inside ``Literal``)."""

    class Inline(ast.NodeTransformer):
        def visit_Subscript(self, sub: ast.Subscript) -> ast.AST:
            if last_name(sub.value) == "Literal":
                return sub
            self.generic_visit(sub)
            return sub

        def visit_Constant(self, const: ast.Constant) -> ast.AST:
            if isinstance(const.value, str):
                try:
                    parsed = ast.parse(const.value.strip(), mode="eval").body
                except SyntaxError:
                    return const
                inlined: ast.AST = self.visit(parsed)
                return inlined
            return const

    result: ast.expr = Inline().visit(copy.deepcopy(node))
    return result


def free_names(node: ast.expr) -> set[str]:
    """Names an annotation reads (``np`` for ``np.ndarray``), outside ``Literal``."""
    names: set[str] = set()

    def visit(current: ast.AST) -> None:
        if isinstance(current, ast.Name):
            names.add(current.id)
            return
        if isinstance(current, ast.Subscript) and last_name(current.value) == "Literal":
            visit(current.value)
            return
        for child in ast.iter_child_nodes(current):
            visit(child)

    visit(node)
    return names


def render(node: ast.expr, renames: dict[str, str] | None = None) -> str:
    """An expression as black writes it on one line."""
    renames = renames or {}

    def r(n: ast.expr) -> str:
        if isinstance(n, ast.Name):
            return renames.get(n.id, n.id)
        if isinstance(n, ast.Attribute):
            return f"{r(n.value)}.{n.attr}"
        if isinstance(n, ast.Subscript):
            inner = n.slice
            if isinstance(inner, ast.Tuple) and inner.elts:
                return f"{r(n.value)}[{', '.join(r(e) for e in inner.elts)}]"
            return f"{r(n.value)}[{r(inner)}]"
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):
            return f"{r(n.left)} | {r(n.right)}"
        if isinstance(n, ast.List):
            return f"[{', '.join(r(e) for e in n.elts)}]"
        if isinstance(n, ast.Tuple):
            items = [r(e) for e in n.elts]
            return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
        if isinstance(n, ast.Constant):
            return _render_constant(n.value)
        return ast.unparse(n)

    return r(node)


def _render_constant(value: object) -> str:
    if value is Ellipsis:
        return "..."
    text = repr(value)
    if isinstance(value, str) and text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


# --------------------------------------------------------------------------
# Formatting: what black would still change in mypy's output


_LINE_LENGTH = 88


def double_quotes(text: str) -> str:
    """``'T'`` -> ``"T"`` where that needs no new escapes, as black does."""
    lines = text.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    for token in reversed(tokens):
        if token.type != tokenize.STRING or token.start[0] != token.end[0]:
            continue
        value = token.string
        prefix = value[: len(value) - len(value.lstrip("bBrRuU"))]
        body = value[len(prefix) :]
        if not body.startswith("'") or body.startswith("'''"):
            continue
        if '"' in body or "\\" in body:
            continue
        row, start = token.start
        line = lines[row - 1]
        quoted = f'{prefix}"{body[1:-1]}"'
        lines[row - 1] = line[:start] + quoted + line[token.end[1] :]
    return "".join(lines)


def blank_lines_after_docstrings(text: str) -> str:
    """The blank lines black puts in a stub after a class docstring and after
    a function whose body is a docstring, when more of the body follows."""
    tree = ast.parse(text)
    after: set[int] = set()  # 1-based line numbers followed by a blank line
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        if isinstance(node, ast.ClassDef) and len(body) > 1 and _is_docstring(body[0]):
            after.add(_end(body[0]))
        for stmt in body[:-1]:  # only a function something follows
            if (
                isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
                and len(stmt.body) == 1
                and _is_docstring(stmt.body[0])
            ):
                after.add(_end(stmt))
    lines = text.split("\n")
    for number in sorted(after, reverse=True):
        if lines[number].strip():
            lines.insert(number, "")
    return "\n".join(lines)


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _end(node: ast.stmt) -> int:
    assert node.end_lineno is not None
    return node.end_lineno


def wrap_long_def(line: str) -> str:
    """A ``def`` line over 88 columns, split the way black splits it."""
    stripped = line.lstrip()
    if len(line) <= _LINE_LENGTH or not stripped.startswith(("def ", "async def ")):
        return line
    open_at = line.index("(")
    close_at = _matching_bracket(line, open_at)
    if close_at is None:
        return line
    indent = line[: len(line) - len(stripped)]
    head, inner, tail = (
        line[: open_at + 1],
        line[open_at + 1 : close_at],
        line[close_at:],
    )
    one_line = f"{indent}    {inner}"
    if len(one_line) <= _LINE_LENGTH and not inner.rstrip().endswith(","):
        return "\n".join([head, one_line, indent + tail])
    params = [p.strip() for p in _split_top_level(inner) if p.strip()]
    return "\n".join([head, *(f"{indent}    {p}," for p in params), indent + tail])


def wrap_long_import(line: str) -> str:
    """A ``from m import a, b`` line over 88 columns, one name a line with a
    trailing comma, as black splits an import."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    head, sep, names = stripped.partition(" import ")
    if len(line) <= _LINE_LENGTH or not head.startswith("from ") or not sep:
        return line
    if names.startswith("("):
        return line
    parts = [n.strip() for n in names.split(",") if n.strip()]
    return "\n".join(
        [
            f"{indent}{head} import (",
            *(f"{indent}    {n}," for n in parts),
            f"{indent})",
        ]
    )


def _scan(text: str) -> Iterator[tuple[int, str, int]]:
    """(index, char, bracket depth) for each char outside string literals."""
    depth, quote = 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
            continue
        if char in "\"'":
            quote = char
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        yield index, char, depth


def _matching_bracket(line: str, open_at: int) -> int | None:
    for index, char, depth in _scan(line[open_at:]):
        if depth == 0 and char in ")]}":
            return open_at + index
    return None


def _split_top_level(text: str) -> list[str]:
    cuts = [index for index, char, depth in _scan(text) if char == "," and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(text)], strict=True)
    return [text[start + 1 : end] for start, end in bounds]


# --------------------------------------------------------------------------
# Names used by the generated classes


class Imports:
    """Which names the stub binds, and the imports to add for the rest."""

    def __init__(self, module: types.ModuleType, tree: ast.Module) -> None:
        self.module = module
        self.bound = _top_level_names(tree)
        self.modules: set[str] = set()
        self.names: dict[str, set[str]] = {}
        # Names this generator gave a meaning to: local name -> object.
        self.given: dict[str, object] = {}

    def ref(self, obj: object, preferred: str) -> str:
        """A name the stub can use for ``obj``, importing it when needed."""
        if vars(builtins).get(preferred) is obj and preferred not in self.bound:
            return preferred
        if preferred in self.given:
            if self.given[preferred] is obj:
                return preferred
        elif preferred in self.bound:
            if vars(self.module).get(preferred) is obj:
                return preferred
        else:
            return self._import(obj, preferred, preferred)
        return self._import(obj, preferred, "_" + preferred.replace(".", "_"))

    def _import(self, obj: object, preferred: str, local: str) -> str:
        while local in self.bound or (
            local in self.given and self.given[local] is not obj
        ):
            local = "_" + local
        if isinstance(obj, types.ModuleType):
            alias = "" if obj.__name__ == local else f" as {local}"
            self.modules.add(f"import {obj.__name__}{alias}")
        else:
            owner = _owner_module(obj, preferred)
            if owner is None:
                return preferred  # cannot be imported: leave the name as written
            alias = "" if local == preferred else f" as {local}"
            self.names.setdefault(owner, set()).add(f"{preferred}{alias}")
        self.given[local] = obj
        return local

    def added(self) -> list[str]:
        """Import lines for what :meth:`ref` imported, one per module, sorted."""
        lines = sorted(self.modules)
        lines += [
            f"from {owner} import {', '.join(sorted(names))}"
            for owner, names in sorted(self.names.items())
        ]
        return lines


def _owner_module(obj: object, name: str) -> str | None:
    """A module that binds ``name`` to ``obj``, preferring the shortest.

    ``pconfigs.ConfigInputs`` rather than ``pconfigs.inputs.ConfigInputs``:
    a package's public re-export survives the package moving things around.
    """
    module_name = getattr(obj, "__module__", None)
    parts = module_name.split(".") if isinstance(module_name, str) else []
    candidates = [".".join(parts[:end]) for end in range(1, len(parts) + 1)]
    for candidate in [*candidates, "typing", "typing_extensions"]:
        module = sys.modules.get(candidate)
        if module is not None and getattr(module, name, None) is obj:
            return candidate
    return None


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names
