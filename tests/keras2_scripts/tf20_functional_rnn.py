"""A TF 2.0-2.3-era functional model: Embedding + CuDNNLSTM, SGD with lr/decay/nesterov, callbacks
with Keras 2 arguments, a binary predict_classes and the loss functions' long names."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

rng = np.random.RandomState(2)
tokens = rng.randint(1, 50, size=(48, 10))
labels = (tokens[:, 0] > 25).astype("float32")

inputs = keras.Input(shape=(10,))
embedded = keras.layers.Embedding(50, 8)(inputs)
encoded = keras.layers.CuDNNLSTM(16)(embedded)
gated = keras.layers.Dense(8)(encoded)
gated = keras.layers.LeakyReLU(alpha=0.2)(gated)
outputs = keras.layers.Dense(1, activation="sigmoid")(gated)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.SGD(lr=0.05, momentum=0.9, nesterov=True, decay=1e-3),
              loss="binary_crossentropy", metrics=["accuracy"])
callbacks = [
    keras.callbacks.EarlyStopping(monitor="loss", patience=3),
    keras.callbacks.TensorBoard(log_dir="tb_logs", batch_size=16, write_grads=False),
    keras.callbacks.ModelCheckpoint("best.h5", monitor="loss", save_best_only=True),
]
model.fit(tokens, labels, batch_size=16, epochs=2, verbose=0, callbacks=callbacks, workers=2,
          use_multiprocessing=False)
classes = model.predict_classes(tokens)
assert classes.shape == (48, 1) and classes.dtype == np.int32
error = keras.losses.mean_squared_error(labels, model.predict(tokens, verbose=0)[:, 0])
assert float(np.mean(error)) >= 0
print("OK")
