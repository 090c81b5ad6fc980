"""A two-layer classifier with tf.layers, summaries, merge_all and a FileWriter."""
import tempfile

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(1)
data = rng.randn(256, 4).astype(np.float32)
labels = (data[:, 0] + data[:, 1] > 0).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.int64, [None])
hidden = tf.layers.dense(x, 16, activation=tf.nn.relu, name="hidden")
logits = tf.layers.dense(hidden, 2, name="logits")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
train = tf.train.AdamOptimizer(0.05).minimize(loss)

tf.summary.scalar("loss", loss)
tf.summary.scalar("accuracy", accuracy)
tf.summary.histogram("logits", logits)
merged = tf.summary.merge_all()

logdir = tempfile.mkdtemp()
with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for step in range(100):
        summary, _ = sess.run([merged, train], {x: data, y: labels})
        writer.add_summary(summary, step)
    acc = sess.run(accuracy, {x: data, y: labels})
    writer.close()
assert acc > 0.9, acc
print("t02 ok", acc)
