"""Train, checkpoint with a Saver, train on, restore the checkpoint and check the loss came back."""
import os
import tempfile

import numpy as np
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp(prefix="saver-")
ckpt_path = os.path.join(ckpt_dir, "model.ckpt")
rng = np.random.RandomState(9)
xs = rng.randn(30, 3).astype(np.float32)
ys = xs.sum(axis=1, keepdims=True)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.random_normal([3, 1]), name="W")
b = tf.Variable(0.0, name="b")
loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))
train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
saver = tf.train.Saver()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        sess.run(train_op, feed_dict={x: xs, y: ys})
    saved = sess.run(loss, feed_dict={x: xs, y: ys})
    path = saver.save(sess, ckpt_path)
    for step in range(5):
        sess.run(train_op, feed_dict={x: xs, y: ys})
    print("after more training", sess.run(loss, feed_dict={x: xs, y: ys}))
    saver.restore(sess, ckpt_path)
    restored = sess.run(loss, feed_dict={x: xs, y: ys})
    print("saved", saved, "restored", restored)
    assert abs(saved - restored) < 1e-6
