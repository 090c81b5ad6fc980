import tensorflow as tf


def scale(tf, value):
    # `tf` is a parameter here: left alone
    return tf.to_float(value)


def real(value):
    return tf.to_float(value) * 2.0
