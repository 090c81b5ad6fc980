"""``tf.to_float(x)`` and friends are gone in TF 2: they become ``tf.cast(x, tf.float32)``."""
from __future__ import annotations

import libcst as cst

from . import tables
from ._calls import call_to, hidden, locate
from .registry import AFTER_ARGUMENTS, on_call, rule
from .syntax import keyword_arg

CAST = rule(
    "TFU202", "cast-functions", "tf.to_float(x) / to_int32 / ... become tf.cast(x, tf.<dtype>)",
    why="The tf.to_<dtype> shorthands were removed in TF 2; tf.cast does the same conversion.")

DTYPES = {
    "tf.to_float": "tf.float32", "tf.to_double": "tf.float64", "tf.to_int32": "tf.int32",
    "tf.to_int64": "tf.int64", "tf.to_bfloat16": "tf.bfloat16", "tf.to_complex64": "tf.complex64",
    "tf.to_complex128": "tf.complex128",
}


@on_call(CAST, *DTYPES, priority=AFTER_ARGUMENTS)
def to_cast(ctx, call):
    v1 = tables.v1_args(call.qualname)
    x = locate(call, v1, "x")
    if x is None or call.has_star_args():
        if hidden(call, v1, "x") or call.has_star_args():
            ctx.report(CAST, call.original, f"{call.qualname}(*args/**kwargs) cannot be rewritten to tf.cast",
                       severity="error", hint=f"write tf.cast(x, {DTYPES[call.qualname]})")
        return None
    dtype = ctx.spell(DTYPES[call.qualname], near=call.reference_binding)
    x = x.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    args = [x, keyword_arg("dtype", dtype) if x.keyword is not None else cst.Arg(dtype)]
    name = locate(call, v1, "name")
    if name is not None:
        args.append(keyword_arg("name", name.value, like=name))
    return call_to(ctx, call, "tf.cast", args)
