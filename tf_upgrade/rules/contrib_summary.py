"""``tf.contrib.summary`` becomes TF 2's ``tf.summary``, which grew out of it.

The contrib ops took ``step=None`` to mean the global step; TF 2's need a step
(or ``tf.summary.experimental.set_step``), so an absent step is written as
``tf.compat.v1.train.get_or_create_global_step()``, what contrib read.  The
recording switches become ``tf.summary.record_if(True/False)``; the writer
functions keep their names and arguments.  ``family=`` (a name prefix TF 2 has
no parameter for) and ``image``'s ``bad_color`` are reported, not dropped.
``initialize`` and ``all_summary_ops`` are mapped by ``contrib_replacements``.
The ops are written with keywords only (``tf.summary.scalar(name=..., data=...,
step=...)``): ``summaries_v1`` leaves calls with TF 2-only keywords alone, and
positionally the TF 1.x rules would read them as the TF 1.x ops.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

import libcst as cst

from ._calls import call_to, literal
from .registry import AS_WRITTEN, SPECIFIC, Rename, on_call, on_reference, rule
from .syntax import keyword_arg

SUMMARY = rule(
    "TFU234", "contrib-summary-v2",
    "tf.contrib.summary scalar/histogram/image/audio/generic, record switches and writers become tf.summary's "
    "(step= the global step when none is given)",
    why="tf.contrib.summary was the preview of TF 2's tf.summary: same writer model, but TF 2's ops need a step "
        "(contrib defaulted to the global step) and have no family= prefix. Histograms are bucketed by TF 2's "
        "op (30 buckets by default), not TF 1.x's exponential buckets.")

P = "tf.contrib.summary."
# contrib op -> (TF 2 op, contrib positional parameters, {contrib parameter: TF 2 keyword}); a parameter
# mapped to None has no TF 2 counterpart
OPS: Dict[str, Tuple[str, Tuple[str, ...], Dict[str, Optional[str]]]] = {
    P + "scalar": ("tf.summary.scalar", ("name", "tensor", "family", "step"), {"tensor": "data", "family": None}),
    P + "histogram": ("tf.summary.histogram", ("name", "tensor", "family", "step"),
                      {"tensor": "data", "family": None}),
    P + "image": ("tf.summary.image", ("name", "tensor", "bad_color", "max_images", "family", "step"),
                  {"tensor": "data", "bad_color": None, "max_images": "max_outputs", "family": None}),
    P + "audio": ("tf.summary.audio", ("name", "tensor", "sample_rate", "max_outputs", "family", "step"),
                  {"tensor": "data", "family": None}),
    P + "generic": ("tf.summary.write", ("name", "tensor", "metadata", "family", "step"),
                    {"name": "tag", "family": None}),
}
# the rest keep their arguments
SAME_ARGS = {
    P + "create_file_writer": "tf.summary.create_file_writer",
    P + "flush": "tf.summary.flush",
}
RECORD = {P + "always_record_summaries": "True", P + "never_record_summaries": "False"}
HANDLED = set(OPS) | set(SAME_ARGS) | set(RECORD)
GLOBAL_STEP = "tf.compat.v1.train.get_or_create_global_step"


@on_reference(SUMMARY, priority=SPECIFIC + 8, screen=lambda q, env: q in HANDLED)
def contrib_summary_reference(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if q in SAME_ARGS and ctx.exists(SAME_ARGS[q]):
        return Rename(SUMMARY, SAME_ARGS[q])
    if q in HANDLED and ctx.is_called(ref.node):
        return Rename(SUMMARY, None)  # the call hook converts (or reports) the call
    return None


def _refuse(ctx, call, why: str, hint: str) -> None:
    ctx.report(SUMMARY, call.original, f"{call.qualname}: {why}", severity="error", hint=hint)


@on_call(SUMMARY, *RECORD, priority=AS_WRITTEN)
def record_switch(ctx, call):
    if call.node.args:
        return None
    return cst.Call(func=ctx.spell("tf.summary.record_if", near=call.reference_binding),
                    args=[cst.Arg(cst.Name(RECORD[call.qualname]))])


@on_call(SUMMARY, *OPS, priority=AS_WRITTEN)
def summary_op(ctx, call):
    new, params, renamed = OPS[call.qualname]
    if call.has_star_args():
        _refuse(ctx, call, "its arguments are hidden by *args/**kwargs", f"call {new} with name, data and step=")
        return None
    args = []
    step = None
    index = 0
    for a in call.node.args:
        if a.keyword is None:
            if index >= len(params):
                return None
            name = params[index]
            index += 1
        else:
            name = a.keyword.value
        if name not in params:
            return None  # not contrib's signature: leave it to the contrib diagnostic
        target = renamed.get(name, name)
        if target is None:
            if literal(a.value) is None:
                continue  # family=None / bad_color=None: the default
            _refuse(ctx, call, f"{name}= has no TF 2 counterpart",
                    "prefix the name yourself (family=)" if name == "family" else f"drop {name}= and call {new}")
            return None
        if name == "step":
            step = a
            continue
        # every argument by keyword: positionally, the TF 1.x rules would read a tf.summary call
        # as the TF 1.x op of that name on the next run
        args.append(keyword_arg(target, a.value, like=a))
    if step is None or literal(step.value) is None:
        value = cst.Call(func=ctx.spell(GLOBAL_STEP, near=call.reference_binding))
    else:
        value = step.value
    args.append(keyword_arg("step", value))
    return call_to(ctx, call, new, args)
