"""tf.contrib has no automatic replacement: tf-upgrade reports each use."""
import tensorflow as tf

initializer = tf.contrib.layers.xavier_initializer()
weights = tf.get_variable("w", [10, 10], initializer=initializer)
regularizer = tf.contrib.layers.l2_regularizer(0.01)
