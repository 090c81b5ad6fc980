"""A TF 1.x optimizer passed to Keras ``model.compile`` becomes the Keras optimizer.

``model.compile(optimizer=tf.train.AdamOptimizer(1e-3))`` worked up to TF 2.15
(Keras 2 wrapped v1 optimizers); Keras 3 rejects them ("Could not interpret
optimizer identifier").  The same algorithms exist as ``tf.keras.optimizers.*``
with renamed parameters; where the Keras default differs from the TF 1.x one
(Adam's epsilon 1e-7 vs 1e-8...) the TF 1.x value is written out.  Only
optimizers constructed inside the ``compile`` call are converted: one built
elsewhere may also be used with ``minimize``, which needs the v1 class.
"""
from __future__ import annotations

import libcst as cst

from ._calls import settled
from .api import CallSite
from .registry import on_method, rule
from .syntax import fix_commas, keyword_arg

COMPILE = rule(
    "TFU216", "keras-compile-v1-optimizer",
    "model.compile(optimizer=tf.train.AdamOptimizer(...)) gets tf.keras.optimizers.Adam(...)",
    why="Keras 3 (tf.keras in TF 2.16+) only accepts Keras optimizers; the TF 1.x classes under "
        "tf.compat.v1.train make compile() fail.")

# v1 class -> (Keras class, v1 positional parameters, {v1 keyword: Keras keyword}, {Keras keyword: TF 1.x default})
OPTIMIZERS = {
    "tf.train.AdamOptimizer": ("Adam", ("learning_rate", "beta1", "beta2", "epsilon", "use_locking", "name"),
                               {"beta1": "beta_1", "beta2": "beta_2"}, {"epsilon": "1e-08"}),
    "tf.train.GradientDescentOptimizer": ("SGD", ("learning_rate", "use_locking", "name"), {}, {}),
    "tf.train.MomentumOptimizer": ("SGD", ("learning_rate", "momentum", "use_locking", "name", "use_nesterov"),
                                   {"use_nesterov": "nesterov"}, {}),
    "tf.train.RMSPropOptimizer": ("RMSprop", ("learning_rate", "decay", "momentum", "epsilon", "use_locking",
                                              "centered", "name"), {"decay": "rho"}, {"epsilon": "1e-10"}),
    "tf.train.AdadeltaOptimizer": ("Adadelta", ("learning_rate", "rho", "epsilon", "use_locking", "name"), {},
                                   {"epsilon": "1e-08"}),
}
DROPPED = {"use_locking"}  # no Keras counterpart; only affects concurrent updates


def _optimizer_arg(call_node: cst.Call):
    for i, a in enumerate(call_node.args):
        if a.keyword is not None and a.keyword.value == "optimizer":
            return i
    if call_node.args and call_node.args[0].keyword is None and not call_node.args[0].star:
        return 0
    return None


@on_method(COMPILE, "compile")
def compile_optimizer(ctx, call):
    index = _optimizer_arg(call.original)
    if index is None or len(call.original.args) != len(call.node.args):
        return None
    original = call.original.args[index].value
    current = call.node.args[index].value
    if not isinstance(original, cst.Call) or not isinstance(current, cst.Call):
        return None
    spec = OPTIMIZERS.get(ctx.qualname(original.func) or "")
    if spec is None:
        return None
    keras, params, renames, defaults = spec
    if any(a.star for a in current.args):
        ctx.report(COMPILE, original, f"{ctx.qualname(original.func)}(*args/**kwargs) cannot be mapped onto "
                   f"tf.keras.optimizers.{keras}", severity="warning", hint="construct the Keras optimizer by hand")
        return None
    args, seen, position = [], set(), 0
    for a in current.args:
        name = a.keyword.value if a.keyword is not None else params[position]
        if a.keyword is None:
            position += 1
        seen.add(name)
        if name in DROPPED:
            continue
        new = renames.get(name, name)
        args.append(keyword_arg(new, a.value) if a.keyword is None and name != "learning_rate"
                    else a.with_changes(keyword=cst.Name(new)) if a.keyword is not None else a)
    for keras_name, value in defaults.items():
        v1_name = next((k for k, v in renames.items() if v == keras_name), keras_name)
        if v1_name not in seen:
            args.append(keyword_arg(keras_name, cst.parse_expression(value)))
    args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]
    optimizer = cst.Call(func=ctx.spell(f"tf.keras.optimizers.{keras}"), args=fix_commas(args))
    site = CallSite(original, optimizer, f"tf.keras.optimizers.{keras}", None)
    optimizer = settled(ctx, site, optimizer, site.qualname)
    outer = list(call.node.args)
    outer[index] = outer[index].with_changes(value=optimizer)
    return call.node.with_changes(args=outer)
