"""A Keras 2-era functional model (reduced from a public OSIC pulmonary fibrosis Kaggle notebook): a Lambda
layer, a pinball loss built from backend math, and Adam(lr=, epsilon=None, decay=, amsgrad=) as Keras 2 took it."""
import numpy as np
import tensorflow as tf
from tensorflow.keras import backend, layers, models


def qloss(y_true, y_pred):
    q = tf.constant(np.array([[0.2, 0.5, 0.8]]), dtype=tf.float32)
    e = y_true - y_pred
    return backend.mean(tf.maximum(q * e, (q - 1) * e))


z = layers.Input((9,), name="Patient")
x = layers.Dense(16, activation="relu", name="d1")(z)
p1 = layers.Dense(3, activation="linear", name="p1")(x)
p2 = layers.Dense(3, activation="relu", name="p2")(x)
preds = layers.Lambda(lambda x: x[0] + tf.cumsum(x[1], axis=1), name="preds")([p1, p2])
model = models.Model(z, preds, name="ANN")
model.compile(loss=qloss, optimizer=tf.keras.optimizers.Adam(lr=0.1, beta_1=0.9,
              beta_2=0.999, epsilon=None, decay=0.01, amsgrad=False))
r = np.random.RandomState(0)
features = r.rand(64, 9).astype(np.float32)
target = (2.0 + r.rand(64, 1)).astype(np.float32)
history = model.fit(features, target, batch_size=32, epochs=2, verbose=0)
assert np.isfinite(history.history["loss"]).all()
print("OK", history.history["loss"][-1])
