"""A bidirectional LSTM text classifier with a TextVectorization layer."""
import tensorflow as tf

VOCAB = 10000
vectorize = tf.keras.layers.TextVectorization(max_tokens=VOCAB, output_sequence_length=200)
vectorize.adapt(tf.data.Dataset.from_tensor_slices(["a good movie", "a bad movie"]).batch(2))

model = tf.keras.Sequential([
    vectorize,
    tf.keras.layers.Embedding(VOCAB, 64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64, return_sequences=True)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1),
])
model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
              optimizer=tf.keras.optimizers.Adam(1e-4), metrics=["accuracy"])
history = model.fit(tf.constant(["great", "awful"]), tf.constant([1, 0]), epochs=1)
