"""``tf.strings.split`` returns a RaggedTensor in TF 2; TF 1.x returned a SparseTensor by default.

``tf.strings.split(s)`` becomes ``tf.strings.split(s).to_sparse()`` (what the
TF 1.x function did internally).  ``result_type="RaggedTensor"`` is dropped when
the result is read through a RaggedTensor-only attribute (``.to_tensor()``...);
otherwise, and for a ``result_type`` expression, ``tf.compat.v1.strings.split``
is kept: a bare ragged call would read as a TF 1.x sparse one on the next run.
"""
from __future__ import annotations

import libcst as cst

from ._calls import call_to, hidden, keywordize, literal, locate, replace_arg, settled
from .registry import on_call, rule

SPLIT = rule(
    "TFU207", "strings-split-result-type", "tf.strings.split keeps returning a SparseTensor: .to_sparse() is added",
    why="TF 2's tf.strings.split returns a RaggedTensor; code written for TF 1.x expects a SparseTensor.")

V1_ARGS = ("input", "sep", "maxsplit", "result_type", "source", "name")
# Attributes only a RaggedTensor has: a call read through them already expects TF 2's result.
RAGGED_ONLY = {"to_sparse", "to_tensor", "flat_values", "row_splits", "row_lengths", "nested_row_lengths",
               "merge_dims", "bounding_shape", "to_list", "nrows"}


@on_call(SPLIT, "tf.strings.split", priority=20)
def split_result_type(ctx, call):
    if call.has_star_args() and hidden(call, V1_ARGS, "result_type"):
        ctx.report(SPLIT, call.original, "tf.strings.split(*args/**kwargs): result_type cannot be located; "
                   "TF 2 returns a RaggedTensor", severity="error",
                   hint="pass result_type by keyword, or use tf.compat.v1.strings.split")
        return None
    parent = ctx.parent(call.original)
    ragged_use = isinstance(parent, cst.Attribute) and parent.attr.value in RAGGED_ONLY
    result = locate(call, V1_ARGS, "result_type")
    if ragged_use and result is None:
        return None  # the result is used as a RaggedTensor: TF 2 code (or already converted)
    value = "SparseTensor" if result is None else literal(result.value)
    if value != ("RaggedTensor" if ragged_use else "SparseTensor"):
        # A RaggedTensor result read as a plain value looks exactly like TF 1.x's default
        # (SparseTensor) call once result_type is dropped; keep the v1 function for it.
        return call_to(ctx, call, "tf.compat.v1.strings.split")
    args = list(call.node.args)
    if result is not None:
        if result.keyword is None:
            args = keywordize(call, V1_ARGS, start=3)
        result = next(a for a in args if a.keyword is not None and a.keyword.value == "result_type")
        args = replace_arg(args, result, None)
    node = settled(ctx, call, call.node.with_changes(args=args), call.qualname)
    if ragged_use:
        return node
    return cst.Call(func=cst.Attribute(value=node, attr=cst.Name("to_sparse")), args=[])
