"""Batch normalization whose moving averages update through the UPDATE_OPS collection: declined."""
import numpy as np
import tensorflow as tf

xs = np.random.RandomState(12).randn(32, 6).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 6])
training = tf.placeholder(tf.bool, [])
h = tf.layers.batch_normalization(tf.layers.dense(x, 6), training=training)
loss = tf.reduce_mean(tf.square(h))
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        print(sess.run([train_op, loss], feed_dict={x: xs, training: True})[1])
