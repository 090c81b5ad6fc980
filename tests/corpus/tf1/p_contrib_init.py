import tensorflow as tf

weight_decay = 1e-4
regularizer = tf.contrib.layers.l2_regularizer(scale=weight_decay)
l1 = tf.contrib.layers.l1_regularizer(0.001)
both = tf.contrib.layers.l1_l2_regularizer(scale_l1=0.01, scale_l2=0.02)


def conv_kernel(shape):
    return tf.get_variable("kernel", shape, initializer=tf.contrib.layers.xavier_initializer_conv2d(),
                           regularizer=regularizer)


def he_init():
    return tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False)


dense_init = tf.contrib.layers.xavier_initializer(uniform=False, seed=1)


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    kernel = conv_kernel([3, 3, 1, 4])
    assert tuple(kernel.shape) == (3, 3, 1, 4)
    assert np.asarray(he_init()([4, 6])).shape == (4, 6)
    assert np.asarray(dense_init([4, 6])).shape == (4, 6)
