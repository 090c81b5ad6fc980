"""Training trajectories of Keras 2 optimizers, recorded once with TensorFlow 2.15 (Keras 2).

``tests/test_keras3_tf.py`` converts the same training script with
``--target-version 2.21`` and checks that Keras 3 (TF 2.21) follows these
trajectories to 1e-6: the evidence that ``lr=``/``decay=`` (TFU361/TFU362:
``InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)``) keep what Keras 2
computed, and that Nadam (TFU364, reported) really differs.

Regenerate (needs a Python with tensorflow-cpu 2.15, i.e. Keras 2)::

    TF_CPP_MIN_LOG_LEVEL=3 /path/to/tf2.15/python tools/keras2_optimizer_reference.py \\
        > tests/data/keras2_optimizer_trajectories.json

In TF 2.11-2.15 Keras 2's optimizers (OptimizerV2, ``tf.keras.optimizers.*`` in
TF 1.13-2.10) are ``tf.keras.optimizers.legacy.*``; the script is run with that
spelling here, and converted from the TF 1.x/2.0-2.10 spelling in the test.
The model trains in float64 so that the comparison measures the formulas, not
float32 rounding.
"""
from __future__ import annotations

import json
import os
import sys

# A Keras 2-era training script; {optimizer} is a Keras 2 optimizer expression.
SCRIPT = '''\
import json
import numpy as np
import tensorflow as tf

tf.keras.backend.set_floatx("float64")
rng = np.random.RandomState(0)
x = rng.randn(16, 4)
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * rng.randn(16, 1)
inputs = tf.keras.Input(shape=(4,), dtype="float64")
hidden = tf.keras.layers.Dense(3, activation="tanh",
                               kernel_initializer=tf.keras.initializers.Constant(np.linspace(-0.5, 0.5, 12).reshape(4, 3)),
                               bias_initializer="zeros")(inputs)
outputs = tf.keras.layers.Dense(1, kernel_initializer=tf.keras.initializers.Constant([[0.3], [-0.2], [0.1]]))(hidden)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer={optimizer}, loss="mse")
steps = []


class Record(tf.keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        steps.append([float(v) for w in self.model.get_weights() for v in np.ravel(w)])


model.fit(x, y, batch_size=16, epochs=25, shuffle=False, verbose=0, callbacks=[Record()])
print(json.dumps(steps))
'''

# (case id, optimizer as Keras 2 code was written for TF 1.13-2.10)
CASES = [
    ("sgd_decay", "tf.keras.optimizers.SGD(lr=0.1, decay=0.05)"),
    ("sgd_nesterov_decay", "tf.keras.optimizers.SGD(lr=0.05, momentum=0.9, nesterov=True, decay=0.01)"),
    ("sgd_positional_decay", "tf.keras.optimizers.SGD(0.05, 0.5, decay=0.2)"),
    ("rmsprop_default_lr_decay", "tf.keras.optimizers.RMSprop(decay=0.5)"),
    ("rmsprop_centered_decay", "tf.keras.optimizers.RMSprop(lr=0.01, momentum=0.5, centered=True, decay=0.1)"),
    ("adagrad_decay", "tf.keras.optimizers.Adagrad(lr=0.1, decay=0.2)"),
    ("adadelta_decay", "tf.keras.optimizers.Adadelta(lr=1.0, decay=0.1)"),
    # beta values exact in float32: Keras 3 casts beta_1/beta_2 through float32 when it
    # computes the bias correction (0.999 -> 0.99900001), which alone moves the first steps
    # by ~1e-5 relative; see the "adam_default_betas" case.
    ("adam_decay", "tf.keras.optimizers.Adam(lr=0.05, beta_1=0.875, beta_2=0.9990234375, decay=0.1)"),
    ("adam_default_betas", "tf.keras.optimizers.Adam(lr=0.05, decay=0.1)"),
    ("adamax_decay", "tf.keras.optimizers.Adamax(lr=0.05, beta_1=0.875, beta_2=0.9990234375, decay=0.1)"),
    ("ftrl_decay", "tf.keras.optimizers.Ftrl(lr=0.1, decay=0.1)"),
    ("legacy_sgd_decay", "tf.keras.optimizers.legacy.SGD(0.1, 0.9, decay=0.05)"),
    ("nadam_decay", "tf.keras.optimizers.Nadam(lr=0.05, decay=0.1)"),
]


def keras2_spelling(optimizer: str) -> str:
    """The optimizer as TF 2.15 spells Keras 2's (OptimizerV2) class."""
    if ".legacy." in optimizer:
        return optimizer
    return optimizer.replace("tf.keras.optimizers.", "tf.keras.optimizers.legacy.")


def main() -> None:
    import contextlib
    import io
    import warnings

    import keras
    import tensorflow as tf

    warnings.simplefilter("ignore")
    out = {"command": "TF_CPP_MIN_LOG_LEVEL=3 python tools/keras2_optimizer_reference.py "
                      "> tests/data/keras2_optimizer_trajectories.json",
           "tensorflow": tf.__version__, "keras": keras.__version__, "script": SCRIPT, "cases": []}
    for case, optimizer in CASES:
        tf.keras.backend.clear_session()
        text = SCRIPT.replace("{optimizer}", keras2_spelling(optimizer))
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(text, f"<{case}>", "exec"), {"__name__": "__main__"})
        out["cases"].append({"id": case, "optimizer": optimizer, "trajectory": json.loads(printed.getvalue())})
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
