"""upgrader/positions.py computes libcst's PositionProvider ranges on libcst's private
CodegenState: the same answers for every node, whole-module and one statement at a time."""
from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from tf_upgrade.upgrader.positions import StatementPositions, node_ranges

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "examples" / "tf1").glob("*.py"))[:6] + [
    ROOT / "tf_upgrade" / "upgrader" / "positions.py", ROOT / "tf_upgrade" / "rules" / "absl_flags.py"]
TRICKY = '''"""doc"""
# header comment

@decorator(
    1,
)
class A(B, metaclass=M):  # comment
    x: int = 1; y = f"{x!r:>{w}}"

    async def f(self, *a, b=(1, 2), **k) -> "T":
        """\\r\\n in a string"""
        with (open(p) as fh, g()):
            return [i for i in range(3) if i]
if x:\r\n    pass\r\nelse:\r\n    y = lambda q=1: q
match c:
    case [1, *rest] if rest:
        pass
'''


def _provider(module):
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    return wrapper.resolve(PositionProvider)


def _expected(positions, node):
    r = positions[node]
    return (r.start.line, r.start.column, r.end.line, r.end.column)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_whole_module_ranges_equal_libcsts(path):
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    positions = _provider(module)
    ranges = node_ranges(module)
    compared = 0
    for node in positions:
        if isinstance(node, cst.Module):
            continue
        assert ranges[id(node)] == _expected(positions, node), module.code_for_node(node)[:80]
        compared += 1
    assert compared > 100


@pytest.mark.parametrize("text", [TRICKY], ids=["tricky"])
def test_statement_positions_equal_libcsts_one_based(text):
    module = cst.parse_module(text)
    positions = _provider(module)
    # the prescreen's statement lines: Python's, from the first decorator
    python_lines = [min([s.lineno] + [d.lineno for d in getattr(s, "decorator_list", ())])
                    for s in ast.parse(text).body]
    for statement_lines in (None, python_lines):
        per_statement = StatementPositions(module, statement_lines)
        for statement in module.body:
            seen = 0
            for node in _nodes(statement):
                line, col, end_line, end_col = _expected(positions, node)
                assert per_statement.of(node, statement) == (line, col + 1, end_line, end_col + 1), \
                    module.code_for_node(node)[:80]
                seen += 1
            assert seen


def _nodes(root):
    out = []

    class _All(cst.CSTVisitor):
        def on_visit(self, node):
            out.append(node)
            return True

    root.visit(_All())
    return out
