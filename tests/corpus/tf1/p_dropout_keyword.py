import tensorflow as tf


def block(inputs, training, rate=0.1):
    h = tf.layers.dense(inputs, 64, activation=tf.nn.relu)
    keep = 1 - rate if training else 1.0
    return tf.nn.dropout(h, keep_prob=keep)


def residual(inputs, keep_prob=0.9):
    return inputs + tf.nn.dropout(inputs, keep_prob=keep_prob, seed=42)
