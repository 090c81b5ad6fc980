"""``tf.multinomial`` / ``tf.random.multinomial`` become ``tf.random.categorical``.

Same op and arguments, but TF 2 inserted ``dtype`` (was ``output_dtype``)
before ``seed``: arguments after ``num_samples`` are passed by keyword.
"""
from __future__ import annotations

import libcst as cst

from . import tables
from ._calls import call_to, hidden, keywordize, settled
from .registry import AFTER_ARGUMENTS, on_call, rule

CATEGORICAL = rule(
    "TFU204", "multinomial-to-categorical", "tf.multinomial / tf.random.multinomial become tf.random.categorical",
    why="tf.random.multinomial was removed in TF 2; tf.random.categorical draws the same samples, with output_dtype "
        "renamed dtype and moved before seed.")



@on_call(CATEGORICAL, "tf.multinomial", "tf.random.multinomial", priority=AFTER_ARGUMENTS)
def categorical(ctx, call):
    v1 = tables.v1_args(call.qualname)
    if call.has_star_args() and hidden(call, v1, "seed"):
        ctx.report(CATEGORICAL, call.original, f"{call.qualname}(*args): arguments after num_samples moved in "
                   "tf.random.categorical and cannot be located", severity="error",
                   hint="pass seed/name/output_dtype by keyword")
        return None
    args = keywordize(call, v1, start=2)
    if args is None:
        return None
    args = [a.with_changes(keyword=cst.Name("dtype")) if a.keyword is not None and a.keyword.value == "output_dtype"
            else a for a in args]
    return settled(ctx, call, call_to(ctx, call, "tf.random.categorical", args), "tf.random.categorical")
