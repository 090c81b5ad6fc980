"""Keras 2 optimizer arguments on Keras 3 (tf.keras from TF 2.16).

Keras 2's optimizers (``OptimizerV2``: ``tf.keras.optimizers.*`` in TF 1.13-2.10,
``tf.keras.optimizers.legacy.*`` in TF 2.11-2.15) took ``lr=`` and ``decay=``
through ``**kwargs``; Keras 3 rejects ``lr`` ("Argument(s) not recognized") and
ignores ``decay`` with only a UserWarning, so the learning rate silently stops
decaying.  Keras 2 applied ``decay`` as ``lr / (1 + decay * iterations)``, with
``iterations`` counted before the update (``OptimizerV2._decayed_lr``): exactly
``InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)`` read at the same step,
which is what the conversion writes.  ``tests/test_keras3_tf.py`` compares the
converted optimizers' training trajectories on TF 2.21 with Keras 2's, recorded
with TF 2.15 by ``tools/keras2_optimizer_reference.py``.

Ftrl with ``decay`` is reported: a schedule changes Keras 3's FTRL differently
(measured: 0.35 apart after 25 steps).  What no argument can restore is
reported too: Keras 2's Nadam ignored ``decay``
(it took ``schedule_decay``, default 0.004, for its momentum schedule,
``0.96 ** (0.004 * t)``); Keras 3's Nadam uses ``0.96 ** t``.
"""
from __future__ import annotations

import re
from typing import List, Optional

import libcst as cst

from ._calls import UNKNOWN, literal, replace_arg
from ._keras import KERAS2_OPTIMIZERS, feature_check, is_base_class, keras3
from .registry import ARGUMENT_REWRITES, SPECIFIC, Rename, on_call, on_reference, rule
from .syntax import dotted, fix_commas, keyword_arg

LR = rule(
    "TFU361", "keras-optimizer-lr", "Keras optimizer lr= becomes learning_rate=",
    min_target=(2, 16),
    why="Keras 3 (tf.keras from TF 2.16) raises 'Argument(s) not recognized: {'lr': ...}'. Keras 2 took lr as "
        "a deprecated alias of learning_rate. (The TF 2.11-2.15 optimizers ignored lr= with a warning; the "
        "conversion gives the value written, as TF 1.x and 2.0-2.10 did.)")
DECAY = rule(
    "TFU362", "keras-optimizer-decay",
    "Keras optimizer decay=d becomes learning_rate=InverseTimeDecay(lr, decay_steps=1, decay_rate=d)",
    min_target=(2, 16),
    why="Keras 3 ignores decay= with only a warning: the learning rate stops decaying. Keras 2 divided the "
        "learning rate by (1 + decay * iterations), which is InverseTimeDecay with decay_steps=1.")
ARGUMENTS = rule(
    "TFU363", "keras-optimizer-arguments",
    "Keras 2 optimizer arguments Keras 3 rejects: jit_compile= and epsilon=None dropped, gradient_transformers= "
    "reported",
    min_target=(2, 16), severity="warning",
    why="Keras 3 optimizers raise on unknown keyword arguments. jit_compile (TF 2.11-2.15) only chose the "
        "compilation of the update; gradient_aggregator/gradient_transformers have no Keras 3 counterpart "
        "(clipnorm/clipvalue/global_clipnorm cover the common uses). Keras 2 read epsilon=None as the backend "
        "epsilon, 1e-7, which is Keras 3's default; Keras 3 takes None as the value and fit() fails "
        "('None values not supported').")
NADAM = rule(
    "TFU364", "keras-nadam-schedule", "Keras 2 Nadam: Keras 3's momentum schedule differs (reported)",
    fix="manual", severity="warning", min_target=(2, 16),
    why="Keras 2's Nadam multiplied beta_1 by (1 - 0.5 * 0.96 ** (0.004 * t)) (schedule_decay=0.004) and "
        "ignored decay=; Keras 3's uses 0.96 ** t. No Keras 3 argument restores the old schedule, so training "
        "differs from the first steps on.")
LEGACY_MODULE = rule(
    "TFU365", "keras-legacy-optimizer-module",
    "tf.keras.optimizers.legacy.X / experimental.X becomes tf.keras.optimizers.X",
    min_target=(2, 16),
    why="Keras 3 raises ImportError for tf.keras.optimizers.legacy and has no optimizers.experimental. The "
        "legacy classes are Keras 2's optimizers (their lr/decay are converted like the others'); the "
        "experimental ones (TF 2.11-2.15) are the current tf.keras.optimizers classes.")

# tf.optimizers is TF 2's export of tf.keras.optimizers (TF 1.x has no such module): the same
# classes, so the same fixes, spelled as written.
_MODULES = ("tf.keras.optimizers.", "tf.optimizers.")
_LEGACY = tuple(m + "legacy." for m in _MODULES)
_EXPERIMENTAL = tuple(m + "experimental." for m in _MODULES)
KERAS2_CLASSES = {p + c: c for p in _MODULES + _LEGACY for c in KERAS2_OPTIMIZERS}
EXPERIMENTAL_CLASSES = {p + c: c for p in _EXPERIMENTAL for c in (*KERAS2_OPTIMIZERS, "AdamW", "Adafactor",
                                                                  "Optimizer")}
ALL_CLASSES = {**KERAS2_CLASSES, **EXPERIMENTAL_CLASSES}
# Keras 2's optimizer base class: Keras 3 keeps tf.keras.optimizers.legacy.Optimizer as a stub that
# raises ImportError when built, so only a subclass of it is reported (an isinstance() against it is
# just False on Keras 3, which code written for both versions relies on).
LEGACY_BASES = frozenset(m + "Optimizer" for m in _LEGACY)
# Keras 2 positional parameters (the legacy spelling is not in the generated positional table)
KERAS2_POSITIONAL = {
    "SGD": ("learning_rate", "momentum", "nesterov", "name"),
    "Adam": ("learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad", "name"),
    "RMSprop": ("learning_rate", "rho", "momentum", "epsilon", "centered", "name"),
    "Adagrad": ("learning_rate", "initial_accumulator_value", "epsilon", "name"),
    "Adadelta": ("learning_rate", "rho", "epsilon", "name"),
    "Adamax": ("learning_rate", "beta_1", "beta_2", "epsilon", "name"),
    "Nadam": ("learning_rate", "beta_1", "beta_2", "epsilon", "name"),
    "Ftrl": ("learning_rate", "learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
             "l2_regularization_strength", "name", "l2_shrinkage_regularization_strength", "beta"),
}
DROPPED = {"jit_compile", "is_legacy_optimizer"}  # no effect on what is computed
# epsilon=None meant backend.epsilon() (1e-7) in Keras 2; these Keras 3 classes default to 1e-7 (TF 2.21)
EPSILON_DEFAULT_1E7 = {"Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "AdamW"}
UNSUPPORTED = {"gradient_aggregator", "gradient_transformers"}
SCHEDULE = "tf.keras.optimizers.schedules.InverseTimeDecay"
SCHEDULES = {"CosineDecay", "CosineDecayRestarts", "ExponentialDecay", "InverseTimeDecay", "PiecewiseConstantDecay",
             "PolynomialDecay", "LearningRateSchedule"}


def _keyword(args, name: str) -> Optional[cst.Arg]:
    for a in args:
        if a.keyword is not None and a.keyword.value == name:
            return a
    return None


def _learning_rate(args) -> Optional[cst.Arg]:
    found = _keyword(args, "learning_rate")
    if found is None and args and args[0].keyword is None and not args[0].star:
        found = args[0]
    return found


def _screen(keywords):
    return lambda q, env, shape: (q in ALL_CLASSES and keras3(env.settings, env.target)
                                  and (shape.double_star or not shape.keywords.isdisjoint(keywords)
                                       or (q.startswith(_LEGACY) and shape.positional > 1)))


def _current(q: str) -> str:
    """``tf.keras.optimizers.legacy.Adam`` -> ``tf.keras.optimizers.Adam`` (``tf.optimizers.*`` likewise)."""
    module = next(m for m in _MODULES if q.startswith(m))
    return module + ALL_CLASSES[q]


@on_reference(LEGACY_MODULE, priority=SPECIFIC + 2, screen=lambda q, env: (
    q in LEGACY_BASES or q in ALL_CLASSES and q != _current(q)) and keras3(env.settings, env.target))
def legacy_optimizer_module(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if q in LEGACY_BASES:
        if not is_base_class(ctx, ref.node) or feature_check(ctx, ref.node, q) is not None:
            return None
        new = next(m for m in _MODULES if q.startswith(m)) + "Optimizer"
        return Rename(LEGACY_MODULE, None, severity="error",
                      message=f"a subclass of {q}: Keras 3 keeps it only as a stub that raises ImportError "
                              f"when built, and its {new} has another subclass API (build() and update_step() "
                              "instead of _create_slots() and _resource_apply_dense/sparse())",
                      hint="port the subclass to Keras 3's optimizer API, or keep Keras 2 with --keras tf_keras")
    new = _current(q)
    if q == new or not ctx.exists(new):
        return None
    check = feature_check(ctx, ref.node, q)
    if check is not None:
        return Rename(LEGACY_MODULE, None, severity="warning",
                      message=f"{q} is behind a version check ({check}): left as written, since the check "
                              "decides what runs; on Keras 3 (TF 2.16+) its optimizers.legacy classes refuse "
                              "to be built and optimizers.experimental is gone",
                      hint=f"make sure the branch Keras 3 takes uses {new}, or keep Keras 2 with --keras tf_keras")
    if is_base_class(ctx, ref.node):
        return Rename(LEGACY_MODULE, None, severity="error",
                      message=f"a subclass of {q}: Keras 3's {new} has another subclass API (build() and "
                              "update_step() instead of _create_slots() and _resource_apply_dense/sparse()), so "
                              "renaming the base would leave the overrides unused",
                      hint="port the subclass to Keras 3's optimizer API, or keep Keras 2 with --keras tf_keras")
    return Rename(LEGACY_MODULE, new)


@on_call(LR, *KERAS2_CLASSES, priority=ARGUMENT_REWRITES + 5, screen=_screen({"lr"}))
def optimizer_lr(ctx, call) -> Optional[cst.Call]:
    args = list(call.node.args)
    if call.qualname.startswith(_LEGACY):
        args = _keywordize_legacy(call, args)
    lr = _keyword(args, "lr")
    if lr is not None:
        other = _learning_rate(args)
        args = [a.with_changes(keyword=cst.Name("learning_rate")) if a is lr else a for a in args]
        if other is not None and (other.keyword is not None or sum(a.keyword is None for a in args) == 1):
            args = replace_arg(args, other, None)  # Keras 2 took lr over learning_rate
    if args == list(call.node.args):
        return None
    return call.with_args(args)


def _keywordize_legacy(call, args: List[cst.Arg]) -> List[cst.Arg]:
    """Positional arguments by keyword: Keras 3 put weight_decay and
    friends where Keras 2 had ``name`` (TFU103 does this for the tf.keras.optimizers spelling)."""
    names = KERAS2_POSITIONAL[KERAS2_CLASSES[call.qualname]]
    out, index = [], 0
    for a in args:
        if a.keyword is None and not a.star:
            if index < len(names):
                a = keyword_arg(names[index], a.value, like=a)
            index += 1
        out.append(a)
    return out


@on_call(DECAY, *KERAS2_CLASSES, priority=ARGUMENT_REWRITES + 6, screen=_screen({"decay", "lr"}))
def optimizer_decay(ctx, call) -> Optional[cst.Call]:
    args = list(call.node.args)
    decay = _keyword(args, "decay")
    if decay is None:
        if any(a.star == "**" for a in args):
            ctx.report(DECAY, call.original, f"{call.qualname}(**kwargs): Keras 3 ignores decay= and rejects lr= "
                       "if the dictionary holds them", severity="warning",
                       hint=f"pass learning_rate={SCHEDULE.rsplit('.', 1)[1]}(lr, decay_steps=1, decay_rate=decay) "
                            "instead of lr/decay")
        return None
    cls = KERAS2_CLASSES[call.qualname]
    value = literal(decay.value)
    if cls == "Nadam" or (value is not UNKNOWN and value == 0):
        # Keras 2's Nadam overwrote decay with schedule_decay; decay=0 is no decay
        return call.with_args(replace_arg(args, decay, None))
    if cls == "Ftrl":
        ctx.report(DECAY, call.original, f"{call.qualname}(decay=...): Keras 2's FTRL with a decaying learning rate "
                   "has no Keras 3 equivalent (Keras 3 ignores decay=, and its FTRL follows a schedule differently)",
                   severity="warning", hint="drop decay= and check the training, or keep Keras 2 with --keras tf_keras")
        return None
    setter = _sets_learning_rate(ctx)
    if setter:
        ctx.report(DECAY, call.original, f"{call.qualname}(decay=...): this file changes the learning rate at run "
                   f"time ({setter}), which Keras 3 refuses for a schedule, and Keras 3 ignores decay=",
                   severity="warning", hint="keep learning_rate=lr and divide it by (1 + decay * "
                   "optimizer.iterations) where the file sets the learning rate")
        return None
    lr = _learning_rate(args)
    lr_value = lr.value if lr is not None else cst.Float(repr(KERAS2_OPTIMIZERS[cls]))
    if _is_schedule(lr_value):
        ctx.report(DECAY, call.original, f"{call.qualname}: decay= on top of a learning-rate schedule has no "
                   "Keras 3 spelling (Keras 3 ignores decay)", severity="warning",
                   hint="write a LearningRateSchedule whose __call__ divides the schedule's value by "
                        "(1 + decay * step)")
        return None
    schedule = cst.Call(func=ctx.spell(SCHEDULE, near=call.reference_binding), args=fix_commas([
        cst.Arg(lr_value.with_changes(lpar=[], rpar=[]) if isinstance(lr_value, cst.Float) else lr_value),
        keyword_arg("decay_steps", cst.Integer("1")),
        keyword_arg("decay_rate", decay.value)]))
    if lr is None:
        args = fix_commas([keyword_arg("learning_rate", schedule)] + args)
    else:
        args = [a.with_changes(value=schedule) if a is lr else a for a in args]
    return call.with_args(replace_arg(args, decay, None))


_LR_SETTERS = {"tf.keras.callbacks.ReduceLROnPlateau": "ReduceLROnPlateau",
               "tf.keras.callbacks.LearningRateScheduler": "LearningRateScheduler",
               "tf.keras.backend.set_value": "backend.set_value"}
_LR_ASSIGNMENT = re.compile(r"\.(?:lr|learning_rate)\s*(?:=[^=]|\.assign\()")


def _sets_learning_rate(ctx) -> str:
    """How the file sets an optimizer's learning rate while training, if it does ("" if not):
    Keras 2 then changed the base of the decay; a Keras 3 schedule cannot be set."""
    state = ctx.scratch
    if "lr_setter" not in state:
        found = next((name for q, name in _LR_SETTERS.items() if q in set(ctx.resolution.all_qualnames())), "")
        if not found and _LR_ASSIGNMENT.search(ctx.text):
            found = "an assignment to the optimizer's learning rate"
        state["lr_setter"] = found
    return state["lr_setter"]


def _is_schedule(expr) -> bool:
    """A learning rate written as a schedule object's construction (``ExponentialDecay(...)``)."""
    if not isinstance(expr, cst.Call):
        return False
    name = dotted(expr.func) or ""
    return name.rsplit(".", 1)[-1] in SCHEDULES or ".schedules." in name


@on_call(ARGUMENTS, *ALL_CLASSES, priority=ARGUMENT_REWRITES + 7, screen=_screen(DROPPED | UNSUPPORTED | {"epsilon"}))
def optimizer_arguments(ctx, call) -> Optional[cst.Call]:
    args = list(call.node.args)
    for a in list(args):
        name = a.keyword.value if a.keyword is not None else None
        if name == "epsilon" and ALL_CLASSES[call.qualname] in EPSILON_DEFAULT_1E7 and literal(a.value) is None:
            args = replace_arg(args, a, None)
        elif name in UNSUPPORTED:
            ctx.report(ARGUMENTS, call.original, f"{name}= has no Keras 3 counterpart (Keras 3 raises "
                       "'Argument(s) not recognized')", severity="warning",
                       hint="use clipnorm=/clipvalue=/global_clipnorm=, or override the optimizer's apply()")
        elif name in DROPPED:
            args = replace_arg(args, a, None)
    if len(args) == len(call.node.args):
        return None
    return call.with_args(args)


@on_call(NADAM, *(p + "Nadam" for p in _MODULES + _LEGACY), priority=ARGUMENT_REWRITES + 8,
         screen=lambda q, env, shape: keras3(env.settings, env.target))
def nadam_schedule(ctx, call) -> None:
    extra = " (Keras 3 rejects schedule_decay=)" if _keyword(call.original.args, "schedule_decay") is not None else ""
    ctx.report(NADAM, call.original, "Keras 3's Nadam uses the momentum schedule 0.96 ** t where Keras 2's used "
               f"0.96 ** (schedule_decay * t), schedule_decay=0.004{extra}: training results change",
               hint="accept the new schedule (and remove schedule_decay=), use tf.keras.optimizers.Adam, or keep "
                    "Keras 2 with --keras tf_keras")
    return None
