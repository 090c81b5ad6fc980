"""Scaled dot-product attention as a Keras layer (transformer tutorial style)."""
import tensorflow as tf


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = tf.matmul(q, k, transpose_b=True)
    dk = tf.cast(tf.shape(k)[-1], tf.float32)
    scores = scores / tf.math.sqrt(dk)
    if mask is not None:
        scores += mask * -1e9
    weights = tf.nn.softmax(scores, axis=-1)
    return tf.matmul(weights, v), weights


class MultiHead(tf.keras.layers.Layer):
    def __init__(self, d_model, heads, rate=0.1):
        super().__init__()
        self.heads, self.depth = heads, d_model // heads
        self.wq = tf.keras.layers.Dense(d_model)
        self.wk = tf.keras.layers.Dense(d_model)
        self.wv = tf.keras.layers.Dense(d_model)
        self.rate = rate

    def split(self, x, batch):
        x = tf.reshape(x, (batch, -1, self.heads, self.depth))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def call(self, x, training=False):
        batch = tf.shape(x)[0]
        q, k, v = (self.split(f(x), batch) for f in (self.wq, self.wk, self.wv))
        out, _ = scaled_dot_product_attention(q, k, v)
        out = tf.transpose(out, [0, 2, 1, 3])
        out = tf.reshape(out, (batch, -1, self.heads * self.depth))
        return tf.nn.dropout(out, self.rate) if training else out
