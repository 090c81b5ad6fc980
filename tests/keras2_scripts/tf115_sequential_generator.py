"""A TF 1.15-era tf.keras script: Sequential model, optimizer with lr/decay, a learning-rate
callback through the backend, fit_generator/evaluate_generator, predict_classes, HDF5 saving."""
import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Dense, Dropout, BatchNormalization

rng = np.random.RandomState(1)
x_train = rng.rand(64, 8).astype("float32")
y_train = tf.keras.utils.to_categorical((x_train.sum(axis=1) > 4).astype("int32"), 2)


def batches(batch_size=16):
    while True:
        for i in range(0, len(x_train), batch_size):
            yield x_train[i:i + batch_size], y_train[i:i + batch_size]


class HalveLearningRate(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        lr = K.get_value(self.model.optimizer.lr)
        K.set_value(self.model.optimizer.lr, lr * 0.5)


model = tf.keras.models.Sequential()
model.add(Dense(16, activation="relu", input_shape=(8,)))
model.add(BatchNormalization(fused=True))
model.add(Dropout(0.2))
model.add(Dense(2, activation="softmax"))
model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.01, decay=1e-4), loss="categorical_crossentropy",
              metrics=["accuracy"])
history = model.fit_generator(batches(), steps_per_epoch=4, epochs=3, verbose=0,
                              callbacks=[HalveLearningRate(), tf.keras.callbacks.TerminateOnNaN()],
                              workers=1, use_multiprocessing=False)
loss, accuracy = model.evaluate_generator(batches(), steps=4)
classes = model.predict_classes(x_train)
assert classes.shape == (64,) and set(classes) <= {0, 1}
probabilities = model.predict_proba(x_train)
assert probabilities.shape == (64, 2)
model.save("tf115_model.h5", save_format="h5")
restored = tf.keras.models.load_model("tf115_model.h5")
assert np.allclose(restored.predict(x_train, verbose=0), model.predict(x_train, verbose=0), atol=1e-5)
K.clear_session()
print("OK", len(history.history["loss"]))
