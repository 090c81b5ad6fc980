"""Where each node of a module is: (line, column, end line, end column), as libcst would say.

libcst's ``PositionProvider`` builds two dataclass positions and a range per node and, over a
whole file, costs several times the parse.  Here the same ranges are computed by libcst's own
code generation into a state that records plain tuples (:func:`node_ranges`), and only for
the module-level statement a rule asks about, offset by the lines before it
(:class:`StatementPositions`).

The state subclasses libcst's ``CodegenState`` (``libcst._nodes.internal``, not a public
API): pyproject.toml caps libcst below 2, and ``tests/test_positions.py`` compares the
ranges with ``PositionProvider``'s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState

Range = Tuple[int, int, int, int]
UNKNOWN: Range = (1, 1, 1, 1)  # where a node whose position cannot be known is reported

_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass
class _PositionState(CodegenState):
    """libcst's PositionProvider, computed the same way (syntactic ranges, start/end
    hoisted from child statements) but kept as plain tuples: the provider builds two
    dataclass positions and a range per node, which made it ~7x the cost of codegen."""

    line: int = 1
    column: int = 0
    # id(node) -> range: libcst nodes hash in Python code, ids in C
    computed: Dict[int, Tuple[int, int, int, int]] = field(default_factory=dict)
    stack: List[Tuple[int, int]] = field(default_factory=list)

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self._advance(value)

    def _advance(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.stack.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self.stack.pop()
        key = id(node)
        if key not in self.computed:  # a syntactic range recorded below takes precedence
            self.computed[key] = (start[0], start[1], self.line, self.column)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None) -> "_SyntacticRange":
        return _SyntacticRange(self, node, start_node, end_node)


class _SyntacticRange:
    """``with state.record_syntactic_position(node):`` as a plain class (a generator-based
    context manager cost a third of computing positions)."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _PositionState, node, start_node, end_node):
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = (self.state.line, self.state.column)

    def __exit__(self, *exc) -> bool:
        state = self.state
        start = state.computed[id(self.start_node)][:2] if self.start_node is not None else self.start
        end = state.computed[id(self.end_node)][2:] if self.end_node is not None else (state.line, state.column)
        state.computed[id(self.node)] = (start[0], start[1], end[0], end[1])
        return False


def node_ranges(module: cst.Module) -> Dict[int, Tuple[int, int, int, int]]:
    """id(node) -> (start line, start column, end line, end column), 0-based columns, of every node."""
    state = _PositionState(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return state.computed


class StatementPositions:
    """1-based ranges of a module's ORIGINAL nodes, computed one module-level statement at a time."""

    def __init__(self, module: cst.Module, statement_lines: Optional[List[int]] = None):
        self.module = module
        # first line (1-based) of each module-level statement, when the caller knows them (the
        # prescreen, from Python's parser): spares generating the whole module to count lines
        self.statement_lines = statement_lines
        self._ranges: Dict[cst.CSTNode, Dict[int, Range]] = {}
        self._offsets: Optional[Dict[cst.CSTNode, int]] = None

    def of(self, node: cst.CSTNode, statement: cst.CSTNode) -> Range:
        """(line, column, end_line, end_column), 1-based, of ``node`` inside module-level ``statement``."""
        ranges = self._ranges.get(statement)
        if ranges is None:
            mini = self.module.with_changes(header=[], body=[statement], footer=[])
            ranges = self._ranges[statement] = node_ranges(mini)
        rng = ranges.get(id(node))
        if rng is None:
            return UNKNOWN
        offset = self.line_offset(statement)
        start_line, start_column, end_line, end_column = rng
        return (start_line + offset, start_column + 1, end_line + offset, end_column + 1)

    def line_offset(self, statement: cst.CSTNode) -> int:
        """Lines before ``statement`` in the file (header and earlier statements)."""
        if self._offsets is None and self.statement_lines is not None \
                and len(self.statement_lines) == len(self.module.body):
            self._offsets = {stmt: first - 1 - len(stmt.leading_lines)
                             for stmt, first in zip(self.module.body, self.statement_lines)}
        if self._offsets is None:
            self._offsets = {}
            line = sum(self.module.code_for_node(h).count("\n") for h in self.module.header)
            for stmt in self.module.body:
                self._offsets[stmt] = line
                line += self.module.code_for_node(stmt).count("\n")
        return self._offsets.get(statement, 0)
