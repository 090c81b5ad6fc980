import tensorflow as tf


def batch_norm(x, eps=1e-5):
    mean, variance = tf.nn.moments(x, axes=[0], keep_dims=True)
    return (x - mean) * tf.rsqrt(variance + eps)


def layer_norm(x):
    mean, variance = tf.nn.moments(x, [-1], keep_dims=True)
    return tf.nn.batch_normalization(x, mean, variance, None, None, 1e-6)
