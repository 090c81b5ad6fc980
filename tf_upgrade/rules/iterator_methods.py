"""Dataset methods TF 2 removed: ``ds.make_one_shot_iterator()`` -> ``tf.compat.v1.data.make_one_shot_iterator(ds)``.

The receiver is not a resolved TensorFlow name (it is whatever object the code
built), so these are matched by method name; the names are specific to tf.data, so
they are converted even in a module that never imports TensorFlow (``without_import``).
"""
from __future__ import annotations

import libcst as cst

from .registry import on_method, rule

ITERATORS = rule(
    "TFU212", "dataset-iterator-methods",
    "dataset.make_one_shot_iterator() / make_initializable_iterator() become tf.compat.v1.data functions",
    why="TF 2 datasets are iterated directly (for x in ds); the v1 iterator factories survive only as "
        "tf.compat.v1.data functions taking the dataset.")
LEGACY_METHODS = rule(
    "TFU213", "dataset-legacy-methods", "Dataset.map_with_legacy_function / filter_with_legacy_function are v1-only",
    fix="manual", severity="warning",
    why="These methods exist only on tf.compat.v1.data.Dataset; TF 2's map/filter trace the function with "
        "tf.function instead.")

FACTORIES = {"make_one_shot_iterator": "tf.compat.v1.data.make_one_shot_iterator",
             "make_initializable_iterator": "tf.compat.v1.data.make_initializable_iterator"}


@on_method(ITERATORS, *FACTORIES, without_import=True)
def iterator_factory(ctx, call):
    func = call.node.func
    if any(a.star for a in call.node.args):
        ctx.report(ITERATORS, call.original, f"{func.attr.value}(*args/**kwargs): not rewritten", severity="warning",
                   hint=f"call {FACTORIES[func.attr.value]}(dataset, ...) instead")
        return None
    receiver = cst.Arg(func.value.with_changes(lpar=[], rpar=[]) if func.value.lpar else func.value)
    args = [receiver] + list(call.node.args)
    args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if a is not args[-1] else a for a in args]
    from .syntax import fix_commas

    return call.node.with_changes(func=ctx.spell(FACTORIES[func.attr.value]), args=fix_commas(args))


@on_method(LEGACY_METHODS, "map_with_legacy_function", "filter_with_legacy_function", without_import=True)
def legacy_method(ctx, call):
    name = call.node.func.attr.value
    ctx.report(LEGACY_METHODS, call.original, f"{name} exists only on tf.compat.v1.data.Dataset",
               hint=f"use {name.split('_')[0]}() (the function is traced with tf.function)")
    return None
