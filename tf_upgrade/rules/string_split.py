"""``tf.strings.split`` returns a RaggedTensor in TF 2; TF 1.x returned a SparseTensor by default.

``tf.strings.split(s)`` becomes ``tf.strings.split(s).to_sparse()`` (what the
TF 1.x function did internally).  ``result_type="RaggedTensor"`` is dropped when
the result is read through a RaggedTensor-only attribute (``.to_tensor()``...);
otherwise, and for a ``result_type`` expression, ``tf.compat.v1.strings.split``
is kept: a bare ragged call would read as a TF 1.x sparse one on the next run.
"""
from __future__ import annotations

import libcst as cst

from . import tables
from ._calls import call_to, hidden, keywordize, literal, locate, replace_arg, settled
from .registry import AFTER_ARGUMENTS, AS_WRITTEN, on_call, rule
from .syntax import keyword_arg

SPLIT = rule(
    "TFU207", "strings-split-result-type", "tf.strings.split keeps returning a SparseTensor: .to_sparse() is added",
    why="TF 2's tf.strings.split returns a RaggedTensor; code written for TF 1.x expects a SparseTensor.",
    meaning_differs=True)

# Attributes only a RaggedTensor has: a call read through them already expects TF 2's result.
RAGGED_ONLY = {"to_sparse", "to_tensor", "flat_values", "row_splits", "row_lengths", "nested_row_lengths",
               "merge_dims", "bounding_shape", "to_list", "nrows"}


@on_call(SPLIT, "tf.strings.split", priority=AS_WRITTEN + 15)
def split_result_type(ctx, call):
    v1 = tables.v1_args(call.qualname)
    if call.has_star_args() and hidden(call, v1, "result_type"):
        ctx.report(SPLIT, call.original, "tf.strings.split(*args/**kwargs): result_type cannot be located; "
                   "TF 2 returns a RaggedTensor", severity="error",
                   hint="pass result_type by keyword, or use tf.compat.v1.strings.split")
        return None
    parent = ctx.parent(call.original)
    ragged_use = isinstance(parent, cst.Attribute) and parent.attr.value in RAGGED_ONLY
    result = locate(call, v1, "result_type")
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
            args = keywordize(call, v1, start=3)
            if args is None:
                return None
        result = next(a for a in args if a.keyword is not None and a.keyword.value == "result_type")
        args = replace_arg(args, result, None)
    node = settled(ctx, call, call.node.with_changes(args=args), call.qualname)
    if ragged_use:
        return node
    return cst.Call(func=cst.Attribute(value=node, attr=cst.Name("to_sparse")), args=[])


BYTES_SPLIT = rule(
    "TFU217", "string-split-bytes", "tf.string_split(s, sep=\"\") becomes tf.strings.bytes_split(s).to_sparse()",
    why="tf.string_split is gone from TF 2; splitting on the empty separator (into bytes) is tf.strings.bytes_split, "
        "with the same SparseTensor once .to_sparse() is added. Other separators keep tf.compat.v1.string_split "
        "(see TFU218).")
CHAR_SPLIT = rule(
    "TFU218", "string-split-separator", "tf.string_split(s, sep=\",\", skip_empty=False) becomes "
    "tf.strings.split(s, sep=\",\").to_sparse()",
    fix="unsafe",
    why="tf.string_split's separator is a set of characters and it drops empty tokens by default; with one "
        "character and skip_empty=False tf.strings.split splits the same way, except that an empty input string "
        "yields one empty token instead of none. Other calls keep tf.compat.v1.string_split.")



def _string_split(ctx, call, want_bytes: bool):
    if call.has_star_args():
        return None
    v1 = tables.v1_args(call.qualname)
    arg = {n: locate(call, v1, n) for n in v1}
    separator = arg["sep"] if arg["sep"] is not None else arg["delimiter"]
    sep = " " if separator is None else literal(separator.value)
    result = "SparseTensor" if arg["result_type"] is None else literal(arg["result_type"].value)
    skip_empty = True if arg["skip_empty"] is None else literal(arg["skip_empty"].value)
    if arg["source"] is None or not isinstance(sep, str) or len(sep) > 1 or result != "SparseTensor" \
            or (sep == "") != want_bytes or (sep and skip_empty is not False) \
            or (arg["sep"] is not None and arg["delimiter"] is not None):
        return None  # the table's tf.compat.v1.string_split keeps the TF 1.x split exactly
    source = arg["source"].with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT,
                                        comma=cst.MaybeSentinel.DEFAULT)
    if want_bytes:
        args, target = [source], "tf.strings.bytes_split"
    else:
        args, target = [source, keyword_arg("sep", separator.value)], "tf.strings.split"
    if arg["name"] is not None:
        args.append(keyword_arg("name", arg["name"].value))
    node = settled(ctx, call, call_to(ctx, call, target, args), target)
    return cst.Call(func=cst.Attribute(value=node, attr=cst.Name("to_sparse")), args=[])


@on_call(BYTES_SPLIT, "tf.string_split", priority=AFTER_ARGUMENTS)
def bytes_split(ctx, call):
    return _string_split(ctx, call, want_bytes=True)


@on_call(CHAR_SPLIT, "tf.string_split", priority=AFTER_ARGUMENTS + 1)
def char_split(ctx, call):
    return _string_split(ctx, call, want_bytes=False)
