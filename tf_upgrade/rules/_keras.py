"""Which Keras converted tf.keras code is for (shared by the keras3_* rule families).

From TF 2.16 ``tf.keras`` is Keras 3.  ``Settings.keras`` says what the user
wants there: ``"keras3"`` (the default) converts Keras 2 idioms to Keras 3
ones; ``"tf_keras"`` keeps Keras 2 code, which then runs on the ``tf_keras``
package with ``TF_USE_LEGACY_KERAS=1``.  Below 2.16 ``tf.keras`` is Keras 2
and none of this applies.

These are target-version fixes: Keras 2 code reads the same in a TF 1.x file
and in a TF 2.0-2.15 file, so the rules apply in every dialect.
"""
from __future__ import annotations

from typing import Tuple

KERAS3_FROM = (2, 16)

# The Keras 2 optimizer classes (OptimizerV2: tf.keras.optimizers.* in TF 1.13-2.10,
# tf.keras.optimizers.legacy.* in TF 2.11-2.15) and their default learning rates.
KERAS2_OPTIMIZERS = {
    "SGD": 0.01, "Adam": 0.001, "RMSprop": 0.001, "Adagrad": 0.001, "Adadelta": 0.001,
    "Adamax": 0.001, "Nadam": 0.001, "Ftrl": 0.001,
}


def keras3(settings, target: Tuple[int, int]) -> bool:
    """Is tf.keras code being converted for Keras 3?"""
    return tuple(target) >= KERAS3_FROM and getattr(settings, "keras", None) != "tf_keras"


def keeps_keras2(settings, target: Tuple[int, int]) -> bool:
    """Does tf.keras code stay Keras 2 on a Keras 3 TensorFlow (served by tf_keras)?"""
    return tuple(target) >= KERAS3_FROM and getattr(settings, "keras", None) == "tf_keras"


def is_keras(qualname: str) -> bool:
    return qualname == "tf.keras" or qualname.startswith("tf.keras.")
