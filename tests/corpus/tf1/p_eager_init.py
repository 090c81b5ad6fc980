"""Initializers and regularizers that run eagerly once converted."""
import tensorflow as tf

normal = tf.random_normal_initializer()([1000])
uniform = tf.random_uniform_initializer()([1000])
kernel = tf.contrib.layers.xavier_initializer()([10, 10])
reg = tf.contrib.layers.l2_regularizer(0.1)
penalty = reg(tf.ones([2, 2]))
print(float(tf.math.reduce_std(normal)), float(tf.reduce_min(uniform)), kernel.shape, float(penalty))
