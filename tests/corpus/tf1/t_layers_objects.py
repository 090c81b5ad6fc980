import tensorflow as tf


class Encoder(object):
    def __init__(self, units):
        self.proj = tf.layers.Dense(units, use_bias=False)
        self.conv = tf.layers.Conv1D(units, 3, padding="same")
        self.norm = tf.layers.BatchNormalization()

    def __call__(self, x, training):
        return self.norm(self.conv(self.proj(x)), training=training)
