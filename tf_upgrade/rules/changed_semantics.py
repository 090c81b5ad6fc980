"""Same name, same arguments, different results in TF 2: such calls keep the TF 1.x function.

``tf.where(cond, x, y)`` selected whole rows when ``cond`` was a vector (TF 1.x);
TF 2's ``tf.where`` broadcasts ``cond`` against the last axis instead.  Which
case a call is cannot be seen from its text, so three-argument calls become
``tf.compat.v1.where`` (exact); ``tf.where(cond)`` (the indices form) is the
same in both and stays.

TF 1.x code could already call the TF 2 behaviour under a ``_v2`` name
(``tf.where_v2``, ``tf.nn.softmax_cross_entropy_with_logits_v2``,
``tf.saved_model.load_v2``); those become the plain TF 2 name.  A second run
(pre-commit runs the tool on every commit) leaves them alone because it reads
the converted file as TF 2: converted code spells what stays TF 1.x as
``tf.compat.v1.X``, which is TF 2 evidence (rules/dialect.py), and a transform
whose TF 1.x and TF 2 meanings differ never runs on TF 2 code.  Where the
output still reads as mixed (unconvertible TF 1.x names remain), the call is
reported, not changed.
"""
from __future__ import annotations

from typing import Optional

from ._calls import call_to
from .registry import AS_WRITTEN, SPELLING, Rename, on_call, on_reference, rule

WHERE = rule(
    "TFU221", "where-broadcasting", "tf.where(cond, x, y) keeps TF 1.x row selection: tf.compat.v1.where",
    why="TF 1.x's tf.where picked rows of x/y with a vector condition; TF 2's broadcasts the condition like "
        "NumPy, so the same call can select different elements or fail.",
    meaning_differs=True)

V2_SPELLING = rule(
    "TFU225", "v2-suffix-explicit",
    "tf.X_v2 whose plain TF 2 name also names a different TF 1.x function becomes tf.X (the TF 2 function)",
    why="tf.where_v2, tf.nn.softmax_cross_entropy_with_logits_v2 and tf.saved_model.load_v2 are TF 2's tf.where, "
        "softmax_cross_entropy_with_logits and saved_model.load; the converted file reads as TF 2 code, so a "
        "second run does not take the plain name for the TF 1.x function.")

# TF 1.x `_v2` name -> its TF 2 name (which TF 1.x used for another function)
EXPLICIT_V2 = {
    "tf.where_v2": "tf.where",
    "tf.nn.softmax_cross_entropy_with_logits_v2": "tf.nn.softmax_cross_entropy_with_logits",
    "tf.saved_model.load_v2": "tf.saved_model.load",
}


@on_reference(V2_SPELLING, priority=SPELLING, screen=lambda q, env: q in EXPLICIT_V2)
def explicit_v2(ctx, ref) -> Optional[Rename]:
    return Rename(V2_SPELLING, EXPLICIT_V2[ref.qualname])


@on_call(WHERE, "tf.where", priority=AS_WRITTEN + 15)
def where(ctx, call):
    positional = [a for a in call.node.args if a.keyword is None]
    keywords = {a.keyword.value for a in call.node.args if a.keyword is not None}
    if len(positional) < 2 and not keywords & {"x", "y"} and not any(a.star for a in call.node.args):
        return None  # tf.where(cond): the indices of true elements, same in TF 2
    if not ctx.exists("tf.compat.v1.where"):
        return None
    return call_to(ctx, call, "tf.compat.v1.where")
