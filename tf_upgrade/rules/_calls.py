"""Small helpers the argument-transform rules share (not a rule family itself).

They work on :class:`~tf_upgrade.rules.api.CallSite` objects: find a
parameter whether it was passed by keyword or by position, replace or drop an
argument, move a call to another callee, and read simple literals so a rule can
decide "``align_corners=False`` is the v2 behaviour" without guessing about
expressions it cannot evaluate.
"""
from __future__ import annotations

import ast
from typing import List, Optional, Sequence

import libcst as cst

from .api import CallSite
from .syntax import dotted, fix_commas, keyword_arg

UNKNOWN = object()  # the value of an expression that is not a plain literal


def literal(expr: Optional[cst.BaseExpression]):
    """The Python value of a literal expression (``0.5``, ``"uniform"``, ``True``, ``-1``), else UNKNOWN."""
    if expr is None:
        return UNKNOWN
    try:
        return ast.literal_eval(cst.Module(body=[]).code_for_node(expr).strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return UNKNOWN


def locate(call: CallSite, names: Sequence[str], name: str) -> Optional[cst.Arg]:
    """The argument bound to parameter ``name`` of a signature whose positional
    parameters are ``names`` (keyword first, else by position)."""
    position = list(names).index(name) if name in names else None
    return call.find(name, position)


def hidden(call: CallSite, names: Sequence[str], name: str) -> bool:
    """True when ``*args``/``**kwargs`` may be what passes parameter ``name``."""
    if locate(call, names, name) is not None:
        return False
    position = list(names).index(name) if name in names else len(names)
    index = 0
    for a in call.node.args:
        if a.star == "**":
            return True
        if a.star == "*":
            return index <= position
        if a.keyword is None:
            index += 1
    return False


def keywordize(call: CallSite, names: Sequence[str], start: int = 0) -> Optional[List[cst.Arg]]:
    """The call's arguments with positionals from index ``start`` on passed by keyword;
    None when the call passes more positionals than ``names`` (it would fail anyway)."""
    if len(call.positional()) > len(names):
        return None
    out = []
    index = 0
    for a in call.node.args:
        if a.keyword is None and not a.star:
            if index >= start and index < len(names):
                a = keyword_arg(names[index], a.value, like=a)
            index += 1
        out.append(a)
    return out


def replace_arg(args: Sequence[cst.Arg], old: cst.Arg, new: Optional[cst.Arg]) -> List[cst.Arg]:
    """``args`` with ``old`` replaced by ``new`` (or removed when ``new`` is None)."""
    out = []
    for a in args:
        if a is old:
            if new is not None:
                out.append(new.with_changes(comma=a.comma, whitespace_after_arg=a.whitespace_after_arg))
            continue
        out.append(a)
    if new is None and out and old is args[-1]:
        # the removed argument was last: the new last one keeps the old trailing layout
        out[-1] = out[-1].with_changes(comma=old.comma)
    return fix_commas(out)


def with_value(arg: cst.Arg, value: cst.BaseExpression, keyword: Optional[str] = None) -> cst.Arg:
    """``arg`` carrying ``value`` (and the keyword ``keyword`` when given)."""
    if keyword is not None and (arg.keyword is None or arg.keyword.value != keyword):
        return keyword_arg(keyword, value, like=arg)
    return arg.with_changes(value=value)


def call_to(ctx, call: CallSite, qualname: str, args: Optional[Sequence[cst.Arg]] = None) -> cst.Call:
    """The call with its callee spelled as ``qualname`` (and ``args`` when given)."""
    node = call.node.with_changes(func=ctx.spell(qualname, near=call.reference_binding))
    if args is not None:
        node = node.with_changes(args=fix_commas(args))
    return node


def needs_parens(expr: cst.BaseExpression) -> bool:
    """Would ``x - <expr>`` / ``k * <expr>`` read differently without parentheses?"""
    atoms = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer, cst.Float,
             cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
    if isinstance(expr, atoms) or expr.lpar:
        return False
    return True


def parenthesize(expr: cst.BaseExpression) -> cst.BaseExpression:
    if not needs_parens(expr):
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def calls_named(expr: cst.BaseExpression, name: str) -> bool:
    """Is ``expr`` a call whose callee's last name is ``name`` (``tf.stop_gradient(...)``)?

    Used on UPDATED nodes, which have no resolution: enough to recognise what a
    rule itself wrote, so a second run leaves it alone.
    """
    if not isinstance(expr, cst.Call):
        return False
    func = expr.func
    last = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
    return last == name


def settled(ctx, call: CallSite, node: cst.Call, qualname: str) -> cst.Call:
    """``node`` (a call of ``qualname`` a rule just wrote) as the generic table rules
    would leave it on a second run (positional->keyword, keyword renames), so a
    rewrite is idempotent."""
    from .keywords import positional_to_keyword, rename_keywords

    for fn in (positional_to_keyword, rename_keywords):
        site = CallSite(call.original, node, qualname, call.reference_binding)
        new = fn(ctx, site)
        if new is not None:
            node = new
    return node


def path_end(expr) -> Optional[str]:
    """The literal end of a path expression ("m", f"{d}/m", os.path.join(d, "m"), d + "/m", Path(d) / "m"),
    if visible: the Keras save/load rules read its extension."""
    value = literal(expr)
    if isinstance(value, str):
        return value
    if isinstance(expr, cst.FormattedString):
        last = expr.parts[-1] if expr.parts else None
        return last.value if isinstance(last, cst.FormattedStringText) else None
    if isinstance(expr, cst.Call) and (dotted(expr.func) or "").endswith("path.join") and expr.args:
        value = literal(expr.args[-1].value)
        return value if isinstance(value, str) else None
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Divide)):
        return path_end(expr.right)
    return None
