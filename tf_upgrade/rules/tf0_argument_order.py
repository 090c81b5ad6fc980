"""TensorFlow 0.x argument orders and keywords that TF 1.0 changed.

TF 1.0 reordered a few everyday functions: ``tf.concat(concat_dim, values)``
became ``tf.concat(values, axis)``, ``tf.split(split_dim, num_split, value)``
became ``tf.split(value, num_or_size_splits, axis)``, the cross-entropy ops
stopped taking ``logits`` first, and ``tf.reverse`` went from a bool mask to a
list of axes.  Code from papers of 2016 still has the old forms; TF 2 either
rejects them (``tf.concat(1, [a, b])`` fails) or, for the cross entropies,
silently reads the arguments the other way round.

Two rules, because their evidence differs:

* TFU236: the call's own shape shows the 0.x form (an integer literal where TF 2
  wants a tensor, a list display where it wants an axis, a keyword TF 2 does not
  have, a mask of ``True``/``False``).  TF 2 cannot run such a call, so the one
  reading that runs is also the 0.x one: converted in every dialect.
* TFU237: ``tf.nn.softmax_cross_entropy_with_logits(pred, y)`` with positional
  arguments.  TF 1.x refused positional arguments there (a ``_sentinel``
  parameter came first), so in a TF 1.x file they are 0.x's ``(logits, labels)``;
  in TF 2 code the same call is ``(labels, logits)`` and right as it stands.
  The engine applies it only in TF 1.x files (``meaning_differs``).

Both only rebind arguments; other rules rename the callee (``tf.sparse_split`` ->
``tf.sparse.split``) and keep their own meanings (TFU205's ``stop_gradient``).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from .registry import AS_WRITTEN, on_call, rule
from .syntax import keyword_arg

SHAPE = rule(
    "TFU236", "tf0-argument-order",
    "TensorFlow 0.x argument orders and keywords (tf.concat(1, [a, b]), tf.split(0, n, x), "
    "tf.reverse(x, [False, True]), targets=) get their TF 2 form",
    why="TF 1.0 put the tensor before the axis in tf.concat and tf.split, renamed concat_dim/split_dim/num_split/"
        "targets and made tf.reverse take axes instead of a bool mask; TF 2 cannot run the 0.x forms, "
        "and the call's own arguments show which form it is.")

CROSS_ENTROPY = rule(
    "TFU237", "tf0-cross-entropy-order",
    "Positional tf.nn.*cross_entropy_with_logits(logits, labels) calls from TensorFlow 0.x pass logits= and "
    "labels= by keyword",
    why="TensorFlow 0.x took logits first; TF 1.x refused positional arguments; TF 2 takes labels first. "
        "In a TF 1.x file a positional call is 0.x code, and left alone TF 2 would swap labels and logits "
        "without an error.",
    meaning_differs=True)


def _is_int(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer)


def _is_sequence(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.List, cst.Tuple, cst.ListComp, cst.GeneratorExp))


def _bool_mask(node: cst.BaseExpression) -> Optional[List[bool]]:
    """``[False, True]`` -> [False, True]; None for anything else."""
    if not isinstance(node, (cst.List, cst.Tuple)) or not node.elements:
        return None
    mask = []
    for e in node.elements:
        if isinstance(e, cst.StarredElement) or not isinstance(e.value, cst.Name) \
                or e.value.value not in ("True", "False"):
            return None
        mask.append(e.value.value == "True")
    return mask


def _bind(call, params: Sequence[str]) -> Optional[Dict[str, cst.Arg]]:
    """Parameter name -> argument under the 0.x signature ``params``; None when it cannot be told."""
    if call.has_star_args():
        return None
    bound: Dict[str, cst.Arg] = {}
    index = 0
    for a in call.node.args:
        if a.keyword is None:
            if index >= len(params):
                return None
            bound[params[index]] = a
            index += 1
        else:
            bound[a.keyword.value] = a
    return bound


def _layout(call, order: Sequence[Tuple[str, Optional[cst.Arg]]]) -> cst.Call:
    """The call with ``order``'s arguments, each in the comma/whitespace of the argument that stood at its
    place.  A ``*``-marked name stays positional if it was written positionally and no keyword precedes it;
    everything else is passed by keyword."""
    old = list(call.node.args)
    out: List[cst.Arg] = []
    keywords = False
    for name, arg in order:
        if arg is None:
            continue
        slot = old[len(out)] if len(out) < len(old) else arg
        positional = not keywords and name.startswith("*") and arg.keyword is None
        name = name.lstrip("*")
        if positional:
            new = cst.Arg(value=arg.value, comma=slot.comma, whitespace_after_arg=slot.whitespace_after_arg)
        else:
            keywords = True
            new = keyword_arg(name, arg.value, like=slot)
        out.append(new)
    return call.with_args(out)


# --- TFU236: forms TF 2 cannot run -------------------------------------------------------------

@on_call(SHAPE, "tf.concat", priority=AS_WRITTEN - 1,
         screen=lambda q, env, shape: "concat_dim" in shape.keywords or shape.positional >= 2)
def concat(ctx, call):
    pos = call.positional()
    if call.has_star_args() and pos and _is_int(pos[0].value):
        ctx.report(SHAPE, call.original, "tf.concat(axis, *values) is TensorFlow 0.x's argument order; TF 1.0 "
                   "and later take the values first", severity="warning", hint="write tf.concat([...], axis)")
        return None
    old_form = call.keyword("concat_dim") is not None or (
        len(pos) >= 2 and (_is_int(pos[0].value) or _is_sequence(pos[1].value)) and not _is_sequence(pos[0].value))
    if not old_form:
        return None
    bound = _bind(call, ("concat_dim", "values", "name"))
    if bound is None or "concat_dim" not in bound or "values" not in bound:
        ctx.report(SHAPE, call.original, "tf.concat with TensorFlow 0.x's concat_dim: the tool cannot see which "
                   "argument is which", severity="warning", hint="write tf.concat(values, axis)")
        return None
    return _layout(call, [("*values", bound["values"]), ("*axis", bound["concat_dim"]), ("name", bound.get("name"))])


@on_call(SHAPE, "tf.split", priority=AS_WRITTEN - 1,
         screen=lambda q, env, shape: bool({"split_dim", "num_split"} & shape.keywords) or shape.positional >= 3)
def split(ctx, call):
    pos = call.positional()
    old_form = bool({"split_dim", "num_split"} & {a.keyword.value for a in call.node.args if a.keyword}) or (
        len(pos) >= 3 and _is_int(pos[0].value) and not _is_int(pos[2].value))
    if not old_form:
        return None
    bound = _bind(call, ("split_dim", "num_split", "value", "name"))
    if bound is not None:  # 0.12 spelled the first two axis= / num_or_size_splits=
        bound.setdefault("split_dim", bound.pop("axis", None))
        bound.setdefault("num_split", bound.pop("num_or_size_splits", None))
    if bound is None or not all(bound.get(p) for p in ("split_dim", "num_split", "value")):
        ctx.report(SHAPE, call.original, "tf.split with TensorFlow 0.x's (split_dim, num_split, value): the tool "
                   "cannot see which argument is which", severity="warning",
                   hint="write tf.split(value, num_or_size_splits, axis=...)")
        return None
    return _layout(call, [("*value", bound["value"]), ("*num_or_size_splits", bound["num_split"]),
                          ("axis", bound["split_dim"]), ("name", bound.get("name"))])


@on_call(SHAPE, "tf.sparse_split", priority=AS_WRITTEN - 1, screen=lambda q, env, shape: shape.positional >= 1)
def sparse_split(ctx, call):
    # TF 1.x's tf.sparse_split took keywords only; positional arguments are 0.x's (split_dim, num_split, sp_input)
    if not call.positional():
        return None
    bound = _bind(call, ("split_dim", "num_split", "sp_input", "name"))
    if bound is None or not all(p in bound for p in ("split_dim", "num_split", "sp_input")):
        return None
    return _layout(call, [("sp_input", bound["sp_input"]), ("num_split", bound["num_split"]),
                          ("split_dim", bound["split_dim"]), ("name", bound.get("name"))])


@on_call(SHAPE, "tf.reverse", priority=AS_WRITTEN - 1,
         screen=lambda q, env, shape: "dims" in shape.keywords or shape.positional >= 2)
def reverse(ctx, call):
    mask_arg = call.find("dims", 1)
    if mask_arg is None:
        return None
    mask = _bool_mask(mask_arg.value)
    if mask is None:
        if mask_arg.keyword is not None:  # dims= is 0.x's keyword; TF 1.0's is axis=
            ctx.report(SHAPE, call.original, "tf.reverse(dims=...) is TensorFlow 0.x's bool mask per dimension; "
                       "TF 1.0 and later take the list of axes to reverse", severity="error",
                       hint="pass axis=[i for i, flip in enumerate(dims) if flip]")
        return None
    axes = cst.List([cst.Element(cst.Integer(str(i))) for i, flip in enumerate(mask) if flip])
    args = []
    for a in call.node.args:
        if a is mask_arg:
            a = keyword_arg("axis", axes, like=a)
        args.append(a)
    return call.with_args(args)


_TARGETS = ("tf.nn.sigmoid_cross_entropy_with_logits", "tf.nn.weighted_cross_entropy_with_logits")


@on_call(SHAPE, *_TARGETS, priority=AS_WRITTEN - 1, screen=lambda q, env, shape: "targets" in shape.keywords)
def targets_keyword(ctx, call):
    # 0.x (and TF 1.x's weighted version) named the labels targets=; TF 2 has only labels=
    if call.positional() and call.qualname == "tf.nn.sigmoid_cross_entropy_with_logits":
        return None  # positional 0.x call: TFU237 binds everything
    arg = call.keyword("targets")
    if arg is None or call.keyword("labels") is not None:
        return None
    return call.with_args([a.with_changes(keyword=cst.Name("labels")) if a is arg else a for a in call.node.args])


# --- TFU237: positional cross entropies in TF 1.x files ------------------------------------------

_LOGITS_FIRST = {
    "tf.nn.softmax_cross_entropy_with_logits": ("logits", "labels", "dim", "name"),
    "tf.nn.sparse_softmax_cross_entropy_with_logits": ("logits", "labels", "name"),
    "tf.nn.sigmoid_cross_entropy_with_logits": ("logits", "targets", "name"),
}


@on_call(CROSS_ENTROPY, *_LOGITS_FIRST, priority=AS_WRITTEN - 2, screen=lambda q, env, shape: shape.positional >= 1)
def logits_first(ctx, call):
    if not call.positional():
        return None
    bound = _bind(call, _LOGITS_FIRST[call.qualname])
    if bound is None or "logits" not in bound:
        return None
    labels = bound.pop("targets", None) or bound.pop("labels", None)
    order = [("labels", labels), ("logits", bound.pop("logits"))]
    order += [(name, arg) for name, arg in bound.items()]  # dim, name and any keywords, in their order
    return _layout(call, order)
