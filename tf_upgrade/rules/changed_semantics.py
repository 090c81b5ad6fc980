"""Same name, same arguments, different results in TF 2: such calls keep the TF 1.x function.

``tf.where(cond, x, y)`` selected whole rows when ``cond`` was a vector (TF 1.x);
TF 2's ``tf.where`` broadcasts ``cond`` against the last axis instead.  Which
case a call is cannot be seen from its text, so three-argument calls become
``tf.compat.v1.where`` (exact); ``tf.where(cond)`` (the indices form) is the
same in both and stays.

Limit: ``tf.where_v2`` is renamed ``tf.where`` by the symbol table, so a second
run over converted code reads it as TF 1.x's and moves it to tf.compat.v1.where.
"""
from __future__ import annotations

from ._calls import call_to
from .registry import on_call, rule

WHERE = rule(
    "TFU221", "where-broadcasting", "tf.where(cond, x, y) keeps TF 1.x row selection: tf.compat.v1.where",
    why="TF 1.x's tf.where picked rows of x/y with a vector condition; TF 2's broadcasts the condition like "
        "NumPy, so the same call can select different elements or fail.")

V1_ARGS = ("condition", "x", "y", "name")


@on_call(WHERE, "tf.where", priority=20)
def where(ctx, call):
    positional = [a for a in call.node.args if a.keyword is None]
    keywords = {a.keyword.value for a in call.node.args if a.keyword is not None}
    if len(positional) < 2 and not keywords & {"x", "y"} and not any(a.star for a in call.node.args):
        return None  # tf.where(cond): the indices of true elements, same in TF 2
    if not ctx.exists("tf.compat.v1.where"):
        return None
    return call_to(ctx, call, "tf.compat.v1.where")
