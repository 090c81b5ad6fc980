"""Two image/space ops whose TF 2 arguments read differently: ``extract_glimpse`` and ``space_to_batch``.

* ``tf.image.extract_glimpse(..., centered=False)`` or ``normalized=False``: TF 2's
  op (ExtractGlimpseV2) places such offsets differently and returns other pixels
  (checked under TF 2.21: only centered=True with normalized=True agree).  Such
  calls, and calls whose ``**kwargs`` may pass either, keep
  ``tf.compat.v1.image.extract_glimpse``.
* ``tf.space_to_batch(x, paddings, block_size)``: TF 1.x took one int for both
  spatial dimensions; TF 2's ``block_shape`` is a list with one entry per
  dimension, so ``block_size=2`` becomes ``block_shape=[2, 2]``.  An expression
  that is not a plain name or literal would be evaluated twice: those calls keep
  ``tf.compat.v1``.
"""
from __future__ import annotations

import libcst as cst

from . import tables
from ._calls import call_to, literal, locate
from .registry import AS_WRITTEN, on_call, rule
from .syntax import keyword_arg

GLIMPSE = rule(
    "TFU229", "extract-glimpse-offsets",
    "tf.image.extract_glimpse with centered=False or normalized=False keeps tf.compat.v1.image.extract_glimpse",
    why="TF 2's extract_glimpse computes non-centred or unnormalised offsets differently and returns other "
        "pixels for the same arguments; tf.compat.v1 keeps the TF 1.x op.",
    meaning_differs=True)
SPACE_TO_BATCH = rule(
    "TFU230", "space-to-batch-block-size",
    "tf.space_to_batch(x, paddings, block_size=n) becomes tf.space_to_batch(x, block_shape=[n, n], paddings=...)",
    why="TF 1.x's space_to_batch took one block size for both spatial dimensions; TF 2's block_shape needs one "
        "entry per dimension (a bare int fails).")

@on_call(GLIMPSE, "tf.image.extract_glimpse", priority=AS_WRITTEN)
def extract_glimpse(ctx, call):
    target = "tf.compat.v1.image.extract_glimpse"
    if not ctx.exists(target):
        return None
    double_star = any(a.star == "**" for a in call.node.args)
    star = any(a.star == "*" for a in call.node.args)
    for name in ("centered", "normalized"):
        arg = locate(call, tables.v1_args(call.qualname), name)
        if arg is None:
            if double_star or (star and not call.keyword(name)):
                return call_to(ctx, call, target)  # may be passed where the tool cannot see
            continue
        if literal(arg.value) is not True:
            return call_to(ctx, call, target)
    return None


@on_call(SPACE_TO_BATCH, "tf.space_to_batch", "tf.nn.space_to_batch", priority=AS_WRITTEN)
def space_to_batch(ctx, call):
    if call.has_star_args():
        return None
    v1 = tables.v1_args(call.qualname)
    block = locate(call, v1, "block_size")
    if block is None:
        return None
    value = block.value
    if not (isinstance(value, (cst.Name, cst.Attribute)) or isinstance(literal(value), int)):
        target = "tf.compat.v1." + call.qualname[3:]
        return call_to(ctx, call, target) if ctx.exists(target) else None
    shape = cst.List([cst.Element(value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                      cst.Element(value.deep_clone())])
    args = []
    index = 0
    for a in call.node.args:
        if a.keyword is None:
            name = v1[index]
            index += 1
            a = keyword_arg(name, a.value, like=a) if index > 1 else a
        else:
            name = a.keyword.value
        if name == "block_size":
            a = keyword_arg("block_shape", shape, like=a)
        args.append(a)
    return call.with_args(args)
