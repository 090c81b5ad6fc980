"""tf.contrib: initializers become tf_slim's (the same functions), regularizers Keras'; the rest is reported."""
import tensorflow as tf

initializer = tf.contrib.layers.xavier_initializer()
weights = tf.get_variable("w", [10, 10], initializer=initializer)
regularizer = tf.contrib.layers.l2_regularizer(0.01)
mnist = tf.contrib.learn.datasets.load_dataset("mnist")
