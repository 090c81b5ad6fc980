"""``tf.estimator`` on TensorFlow >= 2.16: removed, so every use is an error that says what to do.

Nothing mechanical replaces an Estimator (model_fn, input_fn, RunConfig and
hooks become a Keras model and ``Model.fit`` or a training loop), so the rule
only reports; it never leaves a use silent.  Targets up to 2.15 keep the
estimator (``tensorflow-estimator`` ships with those releases).

Two exceptions in kind:

* ``ModeKeys.TRAIN/EVAL/PREDICT`` (and ``tf.contrib.learn.ModeKeys``) are plain
  strings (``"train"``, ``"eval"``, ``"infer"``); model code shared with an
  estimator often uses nothing else from it.  The constants become their values
  (TFU232), and an import used only for them is not an error (the dead-import
  rule removes it once its uses are gone).
* ``tf.keras.estimator.model_to_estimator`` loads with tf_keras but raises
  ``NotImplementedError`` there (no estimator package from 2.16): an error too.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .registry import SPECIFIC, Rename, on_reference, rule

ESTIMATOR = rule(
    "TFU330", "estimator-removed", "tf.estimator / tf.compat.v1.estimator are errors for targets >= 2.16",
    fix="manual", severity="error", min_target=(2, 16),
    why="TensorFlow 2.16 removed tf.estimator (and the tensorflow-estimator package stopped at 2.15). "
        "The options are to stay on TF <= 2.15 or to port the model to Keras (Model.fit) by hand.")

MODE_KEYS = rule(
    "TFU232", "mode-keys-values",
    "estimator ModeKeys.TRAIN/EVAL/PREDICT (and contrib.learn's) become their string values",
    why="The constants are the strings \"train\", \"eval\" and \"infer\"; model code that only compares a mode "
        "with them need not depend on tf.estimator (removed in 2.16) or tf.contrib.learn (removed in 2.0).")

ESTIMATOR_MODULES = ("tf.estimator", "tf.compat.v1.estimator", "tf.compat.v2.estimator",
                     "tf.keras.estimator", "tf.compat.v1.keras.estimator")
MODE_KEY_VALUES = {"TRAIN": "train", "EVAL": "eval", "PREDICT": "infer", "INFER": "infer"}
MODE_KEY_CLASSES = {  # class -> (its constants, removed from this version on)
    **{f"{m}.ModeKeys": (("TRAIN", "EVAL", "PREDICT"), (2, 16)) for m in ESTIMATOR_MODULES[:3]},
    "tf.contrib.learn.ModeKeys": (("TRAIN", "EVAL", "INFER"), (2, 0)),
    "tf.contrib.learn.python.learn.estimators.model_fn.ModeKeys": (("TRAIN", "EVAL", "INFER"), (2, 0)),
}


def _estimator(q: str) -> bool:
    return any(q == m or q.startswith(m + ".") for m in ESTIMATOR_MODULES)


def _mode_key(q: str, target) -> Optional[str]:
    """The string value of a ModeKeys constant removed in ``target``."""
    cls, _, name = q.rpartition(".")
    found = MODE_KEY_CLASSES.get(cls)
    if found is None or name not in found[0] or target < found[1]:
        return None
    return MODE_KEY_VALUES[name]


def _mode_keys_only(ctx, binding) -> bool:
    """Is ``binding`` (an import of a ModeKeys class) used only for its constants?"""
    uses = [r for r in ctx.resolution.references.values() if r.binding is binding and r.node is not binding.alias]
    return bool(uses) and all(_mode_key(r.qualname, ctx.target) is not None for r in uses)


def _mode_key_screen(q: str, env) -> bool:
    cls = q.rpartition(".")[0]
    return q in MODE_KEY_CLASSES or cls in MODE_KEY_CLASSES


def _value_position(ctx, node) -> bool:
    """Can a string literal stand where ``node`` is (a value read, not a target or a class pattern)?"""
    parent = ctx.parent(node)
    if isinstance(parent, cst.MatchClass) and parent.cls is node:
        return False
    if isinstance(parent, (cst.AssignTarget, cst.Del, cst.AsName, cst.Global, cst.Nonlocal)):
        return False
    if isinstance(parent, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor)) and parent.target is node:
        return False
    if isinstance(parent, (cst.Tuple, cst.List, cst.StarredElement, cst.Element)):
        return _value_position(ctx, parent)  # (a, b) = ... targets
    return True


@on_reference(MODE_KEYS, priority=SPECIFIC, screen=_mode_key_screen)
def mode_keys(ctx, ref) -> Optional[Rename]:
    value = _mode_key(ref.qualname, ctx.target)
    if value is not None and _value_position(ctx, ref.node):
        return Rename(MODE_KEYS, None, expression=repr(value).replace("'", '"'))
    if ref.qualname in MODE_KEY_CLASSES and ref.node is ref.binding.alias and _mode_keys_only(ctx, ref.binding) \
            and ctx.target >= MODE_KEY_CLASSES[ref.qualname][1]:
        return Rename(MODE_KEYS, None)  # `from tensorflow.estimator import ModeKeys`: its uses become strings
    return None


@on_reference(ESTIMATOR, priority=SPECIFIC + 5, screen=lambda q, env: _estimator(q))
def estimator_removed(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if q.startswith(("tf.keras.estimator", "tf.compat.v1.keras.estimator")):
        return Rename(ESTIMATOR, None, message=f"{q}: tf_keras has it, but it raises NotImplementedError from "
                      "TensorFlow 2.16 on (there is no estimator package to build on)",
                      hint="train the Keras model with Model.fit, or pin tensorflow<=2.15 and convert with "
                           "--target-version 2.15")
    # One report per use (a bare name imported with `from tensorflow.estimator
    # import X` is reported at its import).
    major, minor = ctx.target
    return Rename(ESTIMATOR, None, message=f"{q}: tf.estimator was removed in TensorFlow 2.16 "
                  f"(target {major}.{minor}); this code cannot run there",
                  hint="either pin tensorflow<=2.15 and convert with --target-version 2.15, or port the "
                       "model to Keras (tf.keras.Model + Model.fit / a custom training loop)")
