import tensorflow as tf


def flatten(x):
    dims = x.get_shape()[1].value * x.get_shape()[2].value
    return tf.reshape(x, [-1, dims])


def split_heads(x, num_heads):
    depth = x.shape[-1].value // num_heads
    batch = x.shape[0].value
    if batch is None:
        batch = tf.shape(x)[0]
    return tf.reshape(x, [batch, -1, num_heads, depth])


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    assert tuple(np.asarray(flatten(tf.zeros([2, 3, 4]))).shape) == (2, 12)
    assert tuple(np.asarray(split_heads(tf.zeros([2, 5, 8]), 2)).shape) == (2, 5, 2, 4)
