"""``tf.Variable(0, name="global_step")``: TF 1.x found it by name, TF 2 does not.

TF 1.x programs commonly make their step counter a plain variable named ``global_step`` and
leave it to ``tf.train.get_global_step()`` (and everything built on it: ``MonitoredTrainingSession``
and its hooks, ``tf.train.Supervisor``, ``tf.contrib.framework.get_global_step()``) to find it.
With an empty GLOBAL_STEP collection that lookup takes the tensor ``global_step:0``; a TF 1.x
variable's tensor is its int value, but a TF 2 (resource) variable's is its handle, so in the
converted program ``get_global_step()`` raises "Existing "global_step" does not have integer
type: <dtype: 'resource'>", MonitoredTrainingSession fails the same way and Supervisor silently
runs without a step.  Putting the variable into the GLOBAL_STEP collection itself (which only
``tf.compat.v1.Variable`` takes) makes the lookup find the variable, as TF 1.x found it:

    tf.Variable(0, name="global_step", trainable=False)
    -> tf.compat.v1.Variable(0, name="global_step", trainable=False,
                             collections=[tf.compat.v1.GraphKeys.GLOBAL_VARIABLES, tf.compat.v1.GraphKeys.GLOBAL_STEP])

GLOBAL_VARIABLES is where it was anyway (initializers, savers).  The lookup by name only found a
variable created outside every name scope, so a call written inside a ``with`` block (whose
scope would prefix the name, and TF 1.x would not have found it) is reported, not rewritten;
so are calls that pass ``collections=`` themselves or hide arguments in ``*args``/``**kwargs``.
"""
from __future__ import annotations

import libcst as cst

from ._calls import call_to, literal
from .api import CallSite
from .registry import AS_WRITTEN, on_call, rule
from .syntax import keyword_arg

GLOBAL_STEP = rule(
    "TFU264", "global-step-variable",
    "tf.Variable(..., name='global_step') joins the GLOBAL_STEP collection, so tf.train.get_global_step() "
    "finds it under TF 2",
    why="TF 1.x's get_global_step() (MonitoredTrainingSession, its hooks, Supervisor) found a variable named "
        "global_step by its tensor 'global_step:0'; a TF 2 resource variable's tensor is its handle, so the "
        "lookup raises (or Supervisor runs without a step). In the GLOBAL_STEP collection it is found as before.",
    meaning_differs=True)

NAME = "tf.Variable"
COLLECTIONS = "[{v1}.GraphKeys.GLOBAL_VARIABLES, {v1}.GraphKeys.GLOBAL_STEP]"


def _screen(q, env, shape) -> bool:
    return "name" in shape.keywords or shape.star or shape.double_star


def _in_with_block(ctx, node) -> bool:
    parent = ctx.parent(node)
    while parent is not None:
        if isinstance(parent, cst.With):
            return True
        if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Module)):
            return False
        parent = ctx.parent(parent)
    return False


@on_call(GLOBAL_STEP, NAME, priority=AS_WRITTEN + 1, screen=_screen)
def global_step_collection(ctx, call: CallSite):
    name = call.keyword("name")
    if name is None or literal(name.value) != "global_step":
        return None
    v1 = ctx.code(ctx.spell("tf.compat.v1", near=call.reference_binding))
    suggestion = f"collections={COLLECTIONS.format(v1=v1)}"
    why = None
    if call.has_star_args():
        why = "*args/**kwargs may already pass collections="
    elif call.keyword("collections") is not None or len(call.positional()) > 2:
        why = "it passes collections= itself"
    elif _in_with_block(ctx, call.original):
        why = "inside a with block a name scope may prefix its name (TF 1.x's lookup by name missed it then)"
    if why is not None:
        ctx.report(GLOBAL_STEP, call.original, "tf.Variable named 'global_step': TF 2's "
                   "tf.compat.v1.train.get_global_step() no longer finds it by name; not rewritten: " + why,
                   severity="warning", hint=f"if it is the training step, create it as "
                   f"{v1}.Variable(..., {suggestion}) or with {v1}.train.get_or_create_global_step()")
        return None
    # the new last argument takes the old last one's trailing comma (or its absence)
    last = call.node.args[-1]
    collections = keyword_arg("collections", cst.parse_expression(COLLECTIONS.format(v1=v1)), like=last)
    args = list(call.node.args[:-1]) + [last.with_changes(comma=cst.MaybeSentinel.DEFAULT), collections]
    return call_to(ctx, call, "tf.compat.v1.Variable", args)
