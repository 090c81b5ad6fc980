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
