"""Scalar and histogram summaries merged and written with a FileWriter every step."""
import tempfile

import numpy as np
import tensorflow as tf

logdir = tempfile.mkdtemp(prefix="summaries-")
rng = np.random.RandomState(8)
xs = rng.randn(40, 2).astype(np.float32)
ys = (xs @ np.array([[1.5], [-0.5]], np.float32)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.zeros([2, 1]), name="weights")
loss = tf.reduce_mean(tf.square(tf.matmul(x, W) - y))
tf.summary.scalar("loss", loss)
tf.summary.histogram("weights", W)
merged = tf.summary.merge_all()
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for step in range(10):
        summary, _, l = sess.run([merged, train_op, loss], feed_dict={x: xs, y: ys})
        writer.add_summary(summary, step)
        print(step, l)
    writer.close()
