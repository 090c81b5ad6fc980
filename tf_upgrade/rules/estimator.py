"""``tf.estimator`` on TensorFlow >= 2.16: removed, so every use is an error that says what to do.

Nothing mechanical replaces an Estimator (model_fn, input_fn, RunConfig and
hooks become a Keras model and ``Model.fit`` or a training loop), so the rule
only reports; it never leaves a use silent.  Targets up to 2.15 keep the
estimator (``tensorflow-estimator`` ships with those releases).
"""
from __future__ import annotations

from typing import Optional

from .registry import Rename, on_reference, rule

ESTIMATOR = rule(
    "TFU330", "estimator-removed", "tf.estimator / tf.compat.v1.estimator are errors for targets >= 2.16",
    fix="manual", severity="error", min_target=(2, 16),
    why="TensorFlow 2.16 removed tf.estimator (and the tensorflow-estimator package stopped at 2.15). "
        "The options are to stay on TF <= 2.15 or to port the model to Keras (Model.fit) by hand.")

ESTIMATOR_MODULES = ("tf.estimator", "tf.compat.v1.estimator", "tf.compat.v2.estimator")


def _estimator(q: str) -> bool:
    return any(q == m or q.startswith(m + ".") for m in ESTIMATOR_MODULES)


@on_reference(ESTIMATOR, priority=55, screen=lambda q, env: _estimator(q))
def estimator_removed(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if not _estimator(q):
        return None
    # One report per use (a bare name imported with `from tensorflow.estimator
    # import X` is reported at its import).
    major, minor = ctx.target
    return Rename(ESTIMATOR, None, message=f"{q}: tf.estimator was removed in TensorFlow 2.16 "
                  f"(target {major}.{minor}); this code cannot run there",
                  hint="either pin tensorflow<=2.15 and convert with --target-version 2.15, or port the "
                       "model to Keras (tf.keras.Model + Model.fit / a custom training loop)")
