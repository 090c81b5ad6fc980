"""``tf.batch_gather(params, indices)`` becomes ``tf.gather(params, indices, batch_dims=-1)``.

TF 1.x computed ``batch_dims = rank(indices) - 1``; ``batch_dims=-1`` is that
same count, and ``axis`` defaults to ``batch_dims`` in both.
"""
from __future__ import annotations

import libcst as cst

from . import tables
from ._calls import call_to, hidden, locate, settled
from .registry import AFTER_ARGUMENTS, on_call, rule
from .syntax import keyword_arg

BATCH_GATHER = rule(
    "TFU208", "batch-gather", "tf.batch_gather(p, i) becomes tf.gather(p, i, batch_dims=-1)",
    why="tf.batch_gather was removed in TF 2; tf.gather's batch_dims does the same gather.")



@on_call(BATCH_GATHER, "tf.batch_gather", priority=AFTER_ARGUMENTS)
def batch_gather(ctx, call):
    v1 = tables.v1_args(call.qualname)
    params, indices = locate(call, v1, "params"), locate(call, v1, "indices")
    if params is None or indices is None or call.has_star_args():
        if hidden(call, v1, "indices") or call.has_star_args():
            ctx.report(BATCH_GATHER, call.original, "tf.batch_gather(*args/**kwargs): params and indices cannot "
                       "be located", severity="error", hint="write tf.gather(params, indices, batch_dims=-1)")
        return None
    args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in (params, indices)]
    args.append(keyword_arg("batch_dims", cst.UnaryOperation(operator=cst.Minus(), expression=cst.Integer("1"))))
    name = locate(call, v1, "name")
    if name is not None:
        args.append(keyword_arg("name", name.value))
    return settled(ctx, call, call_to(ctx, call, "tf.gather", args), "tf.gather")
