"""Reading and building libcst syntax: dotted names, keyword arguments, argument commas.

Rules build their replacement code with these, and the engine (``upgrader/``) reads
and writes import statements with the same functions, so both spell a dotted name
or a ``name=value`` argument one way.  Not a rule family: nothing here registers.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst


def dotted(node: cst.BaseExpression) -> Optional[str]:
    """``a.b.c`` for a chain of Name/Attribute nodes, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def build_dotted(name: str) -> cst.BaseExpression:
    """The Name/Attribute chain for ``a.b.c``."""
    parts = name.split(".")
    expr: cst.BaseExpression = cst.Name(parts[0])
    for p in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(p))
    return expr


def fix_commas(args: Sequence[cst.Arg]) -> List[cst.Arg]:
    """Commas between arguments after some were added/removed; keeps a trailing comma style."""
    args = list(args)
    out = []
    for i, a in enumerate(args):
        last = i == len(args) - 1
        if not last and a.comma is cst.MaybeSentinel.DEFAULT:
            a = a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        out.append(a)
    return out


def keyword_arg(name: str, value: cst.BaseExpression, like: Optional[cst.Arg] = None) -> cst.Arg:
    """``name=value``, copying the comma/whitespace of ``like`` when given."""
    arg = cst.Arg(value=value, keyword=cst.Name(name),
                  equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                        whitespace_after=cst.SimpleWhitespace("")))
    if like is not None:
        arg = arg.with_changes(comma=like.comma, whitespace_after_arg=like.whitespace_after_arg)
    return arg
