"""Already half-migrated: tensorflow.compat.v1 with TF 1 semantics, but no disable call."""
import numpy as np
import tensorflow.compat.v1 as tf

x = tf.placeholder(tf.float32, [None, 3])
w = tf.get_variable("w", [3, 1])
y = tf.layers.dense(x, 2)
tf.summary.scalar("mean", tf.reduce_mean(y))
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(y, {x: np.ones((1, 3))}))
