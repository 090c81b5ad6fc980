"""``x.shape[i].value`` and ``x.get_shape()[i].value``: TF 2 shapes hold ints, not Dimensions.

In TF 1.x indexing a ``TensorShape`` gave a ``Dimension`` whose ``.value`` was
the int (or None).  TF 2 shapes give the int (or None) directly, in graph mode
under ``tf.compat.v1`` too, so ``.value`` raises ``AttributeError: 'int' object
has no attribute 'value'``: one of the first errors a converted TF 1.x model
meets.  Dropping ``.value`` gives exactly what it used to give.

A file that switches TF 1.x shapes back on (``disable_v2_tensorshape()`` or
``disable_v2_behavior()``) still gets Dimensions from indexing; there the
value is read with ``tf.compat.dimension_value(...)``, which is right under
either behaviour.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .registry import on_attribute, rule

DIMENSION_VALUE = rule(
    "TFU238", "dimension-value",
    "x.shape[i].value and x.get_shape()[i].value become x.shape[i] (TF 2 shapes hold ints, not Dimensions)",
    why="In TF 2 indexing a TensorShape returns an int or None, so .value raises AttributeError; the int is "
        "what .value returned in TF 1.x.")

# calls that bring TF 1.x's Dimension-valued shapes back
_V1_SHAPES = ("disable_v2_tensorshape", "disable_v2_behavior")


def _indexes_a_shape(node: cst.BaseExpression) -> bool:
    """``<x>.shape[i]`` or ``<x>.get_shape()[i]`` with one index (a slice of a shape is a shape)."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return False
    base = node.value
    if isinstance(base, cst.Attribute):
        return base.attr.value == "shape"
    return (isinstance(base, cst.Call) and not base.args and isinstance(base.func, cst.Attribute)
            and base.func.attr.value == "get_shape")


def _v1_shapes(ctx) -> bool:
    found = ctx.scratch.get("dimension_value.v1_shapes")
    if found is None:
        found = ctx.scratch["dimension_value.v1_shapes"] = any(
            q.rpartition(".")[2] in _V1_SHAPES for q in ctx.resolution.all_qualnames())
    return found


@on_attribute(DIMENSION_VALUE, "value")
def dimension_value(ctx, node: cst.Attribute) -> Optional[cst.BaseExpression]:
    if not _indexes_a_shape(node.value):
        return None
    if _v1_shapes(ctx):
        return cst.Call(func=ctx.spell("tf.compat.dimension_value"), args=[cst.Arg(node.value)])
    return node.value
