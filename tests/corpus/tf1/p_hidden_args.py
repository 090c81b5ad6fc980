import tensorflow as tf


def apply_dropout(*args, **kwargs):
    return tf.nn.dropout(*args, **kwargs)


def cross_entropy(**kwargs):
    return tf.nn.softmax_cross_entropy_with_logits(**kwargs)


def cast_all(*tensors):
    return [tf.to_float(t) for t in tensors]
