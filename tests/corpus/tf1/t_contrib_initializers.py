import tensorflow as tf


def weights(name, shape, wd=None):
    var = tf.get_variable(name, shape, initializer=tf.contrib.layers.xavier_initializer())
    if wd is not None:
        decay = tf.multiply(tf.nn.l2_loss(var), wd, name="weight_loss")
        tf.add_to_collection("losses", decay)
    return var


def conv_weights(name, shape):
    init = tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False)
    return tf.get_variable(name, shape, initializer=init,
                           regularizer=tf.contrib.layers.l2_regularizer(1e-4))


def bias(name, size):
    return tf.get_variable(name, [size], initializer=tf.constant_initializer(0.1))
