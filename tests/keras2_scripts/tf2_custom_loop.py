"""A TF 2.x custom training loop with a Keras 2 optimizer (lr=, decay=), backend math in a custom
loss, a custom layer with Keras 2's add_weight(name, shape) and get_config, and the TF 2.11-2.15 legacy/experimental spellings."""
import numpy as np
import tensorflow as tf

K = tf.keras.backend


class Scale(tf.keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        width = input_shape.as_list()[-1]
        self.gain = self.add_weight("gain", [width], initializer="ones")

    def call(self, inputs):
        return inputs * self.factor * self.gain

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


def smooth_l1(y_true, y_pred):
    diff = K.abs(y_true - y_pred)
    return K.mean(K.switch(diff < 1.0, 0.5 * K.square(diff), diff - 0.5), axis=-1)


rng = np.random.RandomState(3)
x = rng.randn(32, 4).astype("float32")
y = (x @ np.ones((4, 1))).astype("float32")
model = tf.keras.Sequential([
    tf.keras.layers.experimental.preprocessing.Rescaling(0.5, input_shape=(4,)),
    tf.keras.layers.Dense(8, activation="tanh"),
    Scale(1.5),
    tf.keras.layers.Dense(1),
])
optimizer = tf.keras.optimizers.RMSprop(lr=0.01, decay=0.01)
for step in range(5):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(smooth_l1(y, model(x, training=True)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
schedule = tf.keras.experimental.CosineDecay(0.1, decay_steps=100)
legacy = tf.keras.optimizers.legacy.Adam(lr=0.001, decay=1e-5)
experimental = tf.keras.optimizers.experimental.SGD(learning_rate=schedule, jit_compile=False)
model.compile(optimizer=legacy, loss=smooth_l1)
model.fit(x, y, epochs=1, verbose=0)
model.compile(optimizer=experimental, loss=tf.keras.losses.mean_absolute_error)
model.fit(x, y, epochs=1, verbose=0)
model.save("custom.keras")
restored = tf.keras.models.load_model("custom.keras", custom_objects={"Scale": Scale, "smooth_l1": smooth_l1})
assert np.allclose(restored(x), model(x), atol=1e-5)
print("OK")
