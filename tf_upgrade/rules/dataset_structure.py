"""The TF 1.x reinitializable-iterator idiom: its v1-only pieces get their ``tf.compat.v1.data`` spellings.

TF 1.x's guide built feedable and reinitializable iterators like this::

    it = tf.data.Iterator.from_structure(ds.output_types, ds.output_shapes)
    it = tf.data.Iterator.from_string_handle(handle, ds.output_types, ds.output_shapes)

In TF 2, ``tf.data.Iterator`` is the abstract eager iterator type (no ``from_structure`` or
``from_string_handle``) and datasets have no ``output_types``/``output_shapes``/``output_classes``,
so the converted program stops with an AttributeError.  The TF 1.x classes and accessors live on
as ``tf.compat.v1.data.Iterator.from_structure(...)`` and ``tf.compat.v1.data.get_output_types(x)``
(and ``get_output_shapes``/``get_output_classes``), which accept a dataset (v1 or v2) or a v1
iterator alike, so the rewrite means the same for either receiver:

    ds.output_types -> tf.compat.v1.data.get_output_types(ds)

``output_types`` & co. are read off whatever object the code built (no TensorFlow name to
resolve), so the attribute is rewritten in files that read as TF 1.x and reported where the
dialect is mixed or unknown (an object of another library could have such an attribute).
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .registry import SPECIFIC, Rename, on_attribute, on_reference, rule

STRUCTURE = rule(
    "TFU265", "dataset-v1-structure",
    "tf.data.Iterator.from_structure/from_string_handle and dataset.output_types/output_shapes/output_classes "
    "become their tf.compat.v1.data spellings",
    why="TF 2's tf.data.Iterator is the abstract eager iterator (no from_structure/from_string_handle) and TF 2 "
        "datasets have no output_types/output_shapes/output_classes: the TF 1.x reinitializable and feedable "
        "iterator idiom raises AttributeError. tf.compat.v1.data.Iterator and tf.compat.v1.data.get_output_*() "
        "(which take a dataset or an iterator) are the same TF 1.x API.")

FACTORIES = {f"tf.data.Iterator.{m}": f"tf.compat.v1.data.Iterator.{m}" for m in ("from_structure",
                                                                                  "from_string_handle")}
ACCESSORS = {"output_types": "tf.compat.v1.data.get_output_types",
             "output_shapes": "tf.compat.v1.data.get_output_shapes",
             "output_classes": "tf.compat.v1.data.get_output_classes"}


@on_reference(STRUCTURE, priority=SPECIFIC, screen=lambda q, env: q in FACTORIES)
def iterator_factory(ctx, ref) -> Optional[Rename]:
    # names TF 2 does not have: a site that uses one is TF 1.x code by itself
    return Rename(STRUCTURE, FACTORIES[ref.qualname])


def _is_read(ctx, node: cst.Attribute) -> bool:
    """``x.output_types`` read as a value: not called, not assigned to, not deleted."""
    parent = ctx.parent(node)
    if isinstance(parent, cst.Call) and parent.func is node:
        return False
    if isinstance(parent, (cst.AssignTarget, cst.Del)) or (
            isinstance(parent, (cst.AugAssign, cst.AnnAssign)) and parent.target is node):
        return False
    return True


@on_attribute(STRUCTURE, *ACCESSORS)
def output_structure(ctx, node: cst.Attribute) -> Optional[cst.BaseExpression]:
    if not _is_read(ctx, node):
        return None
    accessor = ACCESSORS[node.attr.value]
    receiver = node.value.with_changes(lpar=[], rpar=[]) if node.value.lpar else node.value
    dialect = getattr(getattr(ctx, "dialect", None), "dialect", "unknown")
    if dialect == "tf2":
        return None
    if dialect != "tf1":
        ctx.report(STRUCTURE, node, f"{ctx.code(node)}: TF 2 datasets have no .{node.attr.value}; if this is a "
                   "tf.data dataset or iterator, read it with " + accessor, severity="warning",
                   hint=f"write {accessor}({ctx.code(receiver)}), or state the file's dialect "
                        "(# tf-upgrade: dialect=tf1) to have it converted")
        return None
    return cst.Call(func=ctx.spell(accessor), args=[cst.Arg(receiver)])
