"""``tf.nn.dropout``: TF 2 takes the probability to *drop* (``rate``), not to keep.

``tf.nn.dropout(x, keep_prob)`` and ``tf.nn.dropout(x, keep_prob=p)`` become
``tf.nn.dropout(x, rate=1 - p)``; a literal is computed (``0.8`` -> ``0.2``) and
``1 - r`` comes back as ``r``.  When ``*args``/``**kwargs`` may carry
``keep_prob`` nothing is guessed: the call is reported and left.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import libcst as cst

from . import tables
from ._calls import hidden, literal, locate, parenthesize, replace_arg, with_value
from .registry import AFTER_ARGUMENTS, SPECIFIC, on_call, on_reference, rule

DROPOUT = rule(
    "TFU201", "dropout-keep-prob", "tf.nn.dropout(x, keep_prob) becomes tf.nn.dropout(x, rate=1 - keep_prob)",
    why="TF 2's second parameter is rate, the fraction to drop: passing keep_prob there silently inverts dropout.",
    meaning_differs=True)



def one_minus(expr: cst.BaseExpression) -> cst.BaseExpression:
    """``1 - expr``, simplified: literals are computed, ``1 - (1 - r)`` is ``r``."""
    if isinstance(expr, (cst.Integer, cst.Float)) and not expr.lpar:
        try:
            value = Decimal(1) - Decimal(expr.value.replace("_", ""))
        except InvalidOperation:
            value = None
        if value is not None and value >= 0:
            text = str(value)
            if isinstance(expr, cst.Float) and "." not in text and "E" not in text:
                text += ".0"
            return cst.parse_expression(text)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Subtract) \
            and isinstance(expr.left, (cst.Integer, cst.Float)) and literal(expr.left) == 1:
        return expr.right  # keep_prob=1 - r: the rate is r
    return cst.BinaryOperation(left=cst.Integer("1"), operator=cst.Subtract(
        whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" ")),
        right=parenthesize(expr))


@on_call(DROPOUT, "tf.nn.dropout", priority=AFTER_ARGUMENTS,
         screen=lambda q, env, shape: "keep_prob" in shape.keywords or shape.positional > tables.v1_args(q).index("keep_prob")
         or shape.star or shape.double_star)
def dropout_rate(ctx, call):
    v1 = tables.v1_args(call.qualname)
    keep = locate(call, v1, "keep_prob")
    rate = locate(call, v1, "rate")
    if keep is None:
        if rate is None and hidden(call, v1, "keep_prob"):
            ctx.report(DROPOUT, call.original, "tf.nn.dropout: keep_prob may be passed through *args/**kwargs; "
                       "TF 2 reads that position as rate = 1 - keep_prob", severity="error",
                       hint="pass rate=1 - keep_prob by keyword")
        return None
    if rate is not None:
        ctx.report(DROPOUT, call.original, "tf.nn.dropout: both keep_prob and rate given", severity="error",
                   hint="keep only rate=")
        return None
    return call.with_args(replace_arg(call.node.args, keep, with_value(keep, one_minus(keep.value), "rate")))


@on_reference(DROPOUT, priority=SPECIFIC + 10, screen=lambda q, env: q == "tf.nn.dropout" and not env.called)
def dropout_as_value(ctx, ref):
    """``f = tf.nn.dropout`` / ``partial(tf.nn.dropout, keep_prob=p)``: the calls happen elsewhere."""
    if ref.node is not ref.binding.alias:  # a use, not `from tensorflow.nn import dropout`
        ctx.report(DROPOUT, ref.node, "tf.nn.dropout passed as a value: calls through it still pass keep_prob, "
                   "which TF 2 reads as rate", severity="warning",
                   hint="wrap it: lambda x, keep_prob: tf.nn.dropout(x, rate=1 - keep_prob)")
    return None  # only a report: the name itself is unchanged
