"""Reading the original program: TF names, graph names, source positions."""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Set


class Decline(Exception):
    """The program cannot be lifted safely: ``rule`` (TFU5xx) says why, at ``node``'s line."""

    def __init__(self, rule: str, node: Optional[ast.AST], message: str):
        super().__init__(message)
        self.rule = rule
        self.line = getattr(node, "lineno", 1) or 1
        self.column = (getattr(node, "col_offset", 0) or 0) + 1
        self.message = message


def tf_alias(tree: ast.Module) -> Optional[str]:
    """The name ``import tensorflow as <name>`` binds (only that import form is lifted)."""
    alias = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "tensorflow":
                    alias = a.asname or "tensorflow"
                elif a.name.startswith("tensorflow."):
                    raise Decline("TFU510", node, f"`import {a.name}`: only `import tensorflow as tf` programs "
                                                  "are lifted")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tensorflow":
            raise Decline("TFU510", node, f"`from {node.module} import ...`: only `import tensorflow as tf` "
                                          "programs are lifted")
    return alias


def dotted(node: ast.AST) -> Optional[str]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def qualname(node: ast.AST, alias: str) -> Optional[str]:
    """``tf.train.AdamOptimizer`` for a reference through the TF import, else None."""
    name = dotted(node)
    if name is None:
        return None
    root, _, rest = name.partition(".")
    if root != alias:
        return None
    return "tf" + ("." + rest if rest else "")


def tf_references(node: ast.AST, alias: str) -> Iterator[ast.AST]:
    """Maximal ``tf.x.y`` chains inside node."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Attribute, ast.Name)) and qualname(n, alias):
            yield n
            continue
        stack.extend(ast.iter_child_nodes(n))


def fresh_name(taken: Set[str], base: str) -> str:
    """``base``, or ``base_2``, ``base_3``... whichever is not in ``taken`` yet; it is taken from now on."""
    name, i = base, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    taken.add(name)
    return name


def loaded_names(node: ast.AST) -> Set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def call_name(node: ast.AST, alias: str) -> Optional[str]:
    return qualname(node.func, alias) if isinstance(node, ast.Call) else None


class Source:
    """The original text, addressed by ast positions (columns are UTF-8 byte offsets)."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self._starts = [0]
        for line in self.lines:
            self._starts.append(self._starts[-1] + len(line))

    def offset(self, line: int, col: int) -> int:
        raw = self.lines[line - 1].encode("utf-8")[:col]
        return self._starts[line - 1] + len(raw.decode("utf-8", "replace"))

    def span(self, node: ast.AST):
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def segment(self, node: ast.AST) -> str:
        a, b = self.span(node)
        return self.text[a:b]

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def indent_of(self, node: ast.AST) -> str:
        line = self.lines[node.lineno - 1]
        return line[: len(line) - len(line.lstrip())]
