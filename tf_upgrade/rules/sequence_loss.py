"""``tf.contrib.seq2seq.sequence_loss`` -> the weighted cross-entropy it computes, in core TF 2 ops.

TF 2 has no tf.contrib, and tensorflow_addons' copy (``tfa.seq2seq.sequence_loss``) does not
support TensorFlow 2.16 or later.  The loss itself is a few core ops: the sparse softmax
cross-entropy at every target (``tf.nn.sparse_softmax_cross_entropy_with_logits`` takes the
``[batch, time, classes]`` logits and ``[batch, time]`` targets as they are), times the weights,
summed and divided by the summed weights plus 1e-12 (sequence_loss's guard against all-zero
weights) over the dimensions the ``average_across_*`` flags name:

    both (the default)   reduce_sum(xent * w) / (reduce_sum(w) + 1e-12)            a scalar
    timesteps only       reduce_sum(xent * w, axis=1) / (reduce_sum(w, axis=1) + 1e-12)   [batch]
    batch only           reduce_sum(xent * w, axis=0) / (reduce_sum(w, axis=0) + 1e-12)   [time]
    neither              xent * w                                                   [batch, time]

The weights are read twice, so they must be a name or an attribute (a call would run twice).
``sum_over_*`` (another normalisation), ``softmax_loss_function``, flags that are not literal
booleans and ``*args``/``**kwargs`` are reported and left to tf.contrib's error.  ``name=`` only
named the ops' scope and is dropped.
"""
from __future__ import annotations

from typing import Optional, Tuple, Union

import libcst as cst

from ._calls import UNKNOWN, literal, needs_parens
from .api import CallSite
from .registry import AS_WRITTEN, SPECIFIC, Rename, on_call, on_reference, rule

SEQUENCE_LOSS = rule(
    "TFU260", "seq2seq-sequence-loss",
    "tf.contrib.seq2seq.sequence_loss(logits, targets, weights) becomes the weighted sparse softmax cross-entropy "
    "it computes, in core ops",
    why="tf.contrib is gone in TF 2 and tensorflow_addons' sequence_loss does not support TF >= 2.16; the loss is "
        "tf.nn.sparse_softmax_cross_entropy_with_logits times the weights, averaged by the summed weights (+1e-12). "
        "Only the ops' names change (name= named their scope).")

NAME = "tf.contrib.seq2seq.sequence_loss"
V1_ARGS = ("logits", "targets", "weights", "average_across_timesteps", "average_across_batch",
           "sum_over_timesteps", "sum_over_batch", "softmax_loss_function", "name")
# (average_across_timesteps, average_across_batch) -> the axis both sums reduce (None: all), or no reduction
AXES = {(True, True): None, (True, False): 1, (False, True): 0}
# where the new expression needs no parentheses around it
_STANDALONE = (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Arg, cst.Expr, cst.Element)


def _bound(call: cst.Call, name: str) -> Optional[cst.Arg]:
    return CallSite(call, call, NAME).find(name, V1_ARGS.index(name))


def _plan(call: Optional[cst.CSTNode]) -> Union[str, Tuple[bool, bool]]:
    """The call's two averaging flags, or why it is not converted."""
    if not isinstance(call, cst.Call):
        return "not called"
    if any(a.star for a in call.args):
        return "*args/**kwargs hide its arguments"
    if any(_bound(call, n) is None for n in V1_ARGS[:3]):
        return "logits, targets and weights are not all given"
    for name in ("sum_over_timesteps", "sum_over_batch", "softmax_loss_function"):
        arg = _bound(call, name)
        if arg is not None and literal(arg.value) not in (False, None):
            return f"{name}= changes what it computes"
    flags = []
    for name in ("average_across_timesteps", "average_across_batch"):
        arg = _bound(call, name)
        value = True if arg is None else literal(arg.value)
        if value is UNKNOWN or not isinstance(value, bool):
            return f"{name}= is not a literal True/False"
        flags.append(value)
    if tuple(flags) != (False, False) and not isinstance(_bound(call, "weights").value, (cst.Name, cst.Attribute)):
        return "its weights are an expression it would read twice: assign them to a name first"
    return tuple(flags)


@on_reference(SEQUENCE_LOSS, priority=SPECIFIC, screen=lambda q, env: q == NAME and env.called)
def sequence_loss_reference(ctx, ref) -> Optional[Rename]:
    if isinstance(_plan(ctx.parent(ref.node)), tuple):
        return Rename(SEQUENCE_LOSS, None)  # the call hook below writes the call
    return None  # tf.contrib's error reports it (the call hook says why)


@on_call(SEQUENCE_LOSS, NAME, priority=AS_WRITTEN)
def sequence_loss(ctx, call: CallSite):
    plan = _plan(call.original)
    if not isinstance(plan, tuple):
        if plan != "not called":
            ctx.report(SEQUENCE_LOSS, call.original, f"{NAME} not converted: {plan}", severity="warning",
                       hint="write tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits) "
                            "* weights and its reduction by hand")
        return None
    spell = lambda q: ctx.code(ctx.spell(q, near=call.reference_binding))  # noqa: E731
    logits, targets, weights = (ctx.code(_bound(call.node, n).value) for n in V1_ARGS[:3])
    xent = f"{spell('tf.nn.sparse_softmax_cross_entropy_with_logits')}(labels={targets}, logits={logits})"
    if plan == (False, False):
        text = f"{xent} * ({weights})" if needs_parens(_bound(call.node, "weights").value) else f"{xent} * {weights}"
    else:
        axis = AXES[plan]
        where = "" if axis is None else f", axis={axis}"
        total = spell("tf.reduce_sum")
        text = f"{total}({xent} * {weights}{where}) / ({total}({weights}{where}) + 1e-12)"
    if not isinstance(ctx.parent(call.original), _STANDALONE):
        text = f"({text})"
    return cst.parse_expression(text)
