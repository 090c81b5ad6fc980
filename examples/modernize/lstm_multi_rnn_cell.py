"""Two stacked LSTMCells in a MultiRNNCell under dynamic_rnn: the top cell's last state (state[-1].h)
and the bottom cell's memory feed a regression head."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(9)
seqs = rng.randn(10, 5, 3).astype(np.float32)
targets = seqs[:, -1, :1]

x = tf.placeholder(tf.float32, [None, 5, 3])
y = tf.placeholder(tf.float32, [None, 1])
cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(8), tf.nn.rnn_cell.LSTMCell(6)])
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
features = tf.concat([state[-1].h, state[0].c], axis=1)
loss = tf.reduce_mean(tf.square(tf.layers.dense(features, 1) - y)) + 0.01 * tf.reduce_mean(outputs)
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, l = sess.run([train_op, loss], feed_dict={x: seqs, y: targets})
        print(step, l)
