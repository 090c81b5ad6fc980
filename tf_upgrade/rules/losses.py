"""``tf.nn.softmax_cross_entropy_with_logits`` lets gradients flow into ``labels`` in TF 2.

The TF 1.x function stopped them; the TF 2 function of the same name (the old
``_v2``) does not.  Wrapping the labels in ``tf.stop_gradient`` keeps the TF 1.x
behaviour exactly; ``dim`` becomes ``axis`` through the keyword table.

``softmax_cross_entropy_with_logits_v2`` (gradients into labels) becomes
``tf.nn.softmax_cross_entropy_with_logits`` (TFU225); a later run reads the
converted file as TF 2 code and leaves it alone (this rule is TF 1.x-only).
"""
from __future__ import annotations

import libcst as cst

from ._calls import calls_named, replace_arg, with_value
from .registry import AFTER_ARGUMENTS, on_call, rule

STOP_GRADIENT = rule(
    "TFU205", "softmax-labels-stop-gradient",
    "tf.nn.softmax_cross_entropy_with_logits(labels=y) gets labels=tf.stop_gradient(y)",
    why="In TF 1.x this loss did not backpropagate into labels; TF 2's does, which changes training when labels "
        "depend on trainable variables.",
    meaning_differs=True)


@on_call(STOP_GRADIENT, "tf.nn.softmax_cross_entropy_with_logits", priority=AFTER_ARGUMENTS)
def stop_label_gradient(ctx, call):
    # TF 1.x took labels by keyword only (a leading _sentinel refused positionals: a positional call
    # is TensorFlow 0.x's (logits, labels), which TFU237 rebinds to keywords before this runs)
    labels = call.keyword("labels")
    if labels is None:
        if call.has_star_args():
            ctx.report(STOP_GRADIENT, call.original, "softmax_cross_entropy_with_logits: labels may come from "
                       "*args/**kwargs; TF 2 backpropagates into them", severity="error",
                       hint="pass labels=tf.stop_gradient(labels) by keyword")
        return None
    if calls_named(labels.value, "stop_gradient"):
        return None
    wrapped = cst.Call(func=ctx.spell("tf.stop_gradient", near=call.reference_binding),
                       args=[cst.Arg(labels.value)])
    return call.with_args(replace_arg(call.node.args, labels, with_value(labels, wrapped)))
