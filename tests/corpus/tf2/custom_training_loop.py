"""A custom training loop: tf.function, GradientTape, optimizer.apply_gradients."""
import tensorflow as tf


class MLP(tf.keras.Model):
    def __init__(self, hidden=64, classes=10):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(hidden, activation="relu")
        self.out = tf.keras.layers.Dense(classes)

    def call(self, x, training=False):
        h = self.hidden(x)
        if training:
            h = tf.nn.dropout(h, 0.3)  # rate: the fraction dropped
        return self.out(h)


model = MLP()
optimizer = tf.keras.optimizers.Adam(1e-3)
loss_object = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
train_loss = tf.keras.metrics.Mean(name="train_loss")


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_object(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    train_loss(loss)
    return loss


features = tf.random.normal([256, 20])
labels = tf.random.uniform([256], 0, 10, tf.int32)
dataset = tf.data.Dataset.from_tensor_slices((features, labels)).shuffle(256).batch(32)
for epoch in range(3):
    train_loss.reset_state()
    for x, y in dataset:
        train_step(x, y)
    tf.print("epoch", epoch, "loss", train_loss.result())
