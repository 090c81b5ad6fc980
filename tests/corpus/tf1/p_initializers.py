import tensorflow as tf


def dense(x, units, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units], initializer=tf.random_uniform_initializer())
        b = tf.get_variable("b", [units], initializer=tf.zeros_initializer())
        return tf.matmul(x, w) + b


def conv_init():
    return tf.initializers.variance_scaling(scale=2.0, distribution="normal")


emb_init = tf.random_normal_initializer(0.0, 0.02)
trunc = tf.initializers.truncated_normal()
glorot = tf.glorot_uniform_initializer()


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    out = np.asarray(dense(tf.ones([2, 3]), 4, "dense"))
    assert out.shape == (2, 4)
    assert np.asarray(conv_init()([3, 3, 2, 8])).shape == (3, 3, 2, 8)
    assert np.asarray(glorot([5, 5])).shape == (5, 5)
