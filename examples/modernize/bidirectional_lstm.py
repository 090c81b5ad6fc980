"""A bidirectional LSTM tagger: bidirectional_dynamic_rnn over two BasicLSTMCells, both directions'
outputs concatenated per step for a per-step regression, and the final states' h joined for a
sequence-level head; both losses trained together with plain gradient descent."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(7)
seqs = rng.randn(12, 5, 3).astype(np.float32)
step_targets = np.cumsum(seqs[:, :, :1], axis=1).astype(np.float32)
seq_targets = seqs.sum(axis=(1, 2)).reshape(-1, 1).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 5, 3])
per_step = tf.placeholder(tf.float32, [None, 5, 1])
whole = tf.placeholder(tf.float32, [None, 1])
forward = tf.nn.rnn_cell.BasicLSTMCell(8)
backward = tf.nn.rnn_cell.BasicLSTMCell(8)
(out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(forward, backward, x, dtype=tf.float32)
both = tf.concat([out_fw, out_bw], axis=2)
tags = tf.layers.dense(both, 1, name="tags")
summary = tf.layers.dense(tf.concat([state_fw.h, state_bw.h], axis=1), 1, name="summary")
loss = tf.reduce_mean(tf.square(tags - per_step)) + tf.reduce_mean(tf.square(summary - whole))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, value = sess.run([train_op, loss], feed_dict={x: seqs, per_step: step_targets, whole: seq_targets})
        print(step, value)
    print(sess.run(tags, feed_dict={x: seqs[:2]}))
