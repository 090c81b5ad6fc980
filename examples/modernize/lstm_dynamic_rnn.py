"""An LSTM over sequences with dynamic_rnn: its last state (state.h) feeds a regression head."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(11)
seqs = rng.randn(16, 7, 3).astype(np.float32)
targets = seqs.sum(axis=(1, 2)).reshape(-1, 1).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 7, 3])
y = tf.placeholder(tf.float32, [None, 1])
cell = tf.nn.rnn_cell.BasicLSTMCell(12)
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
pred = tf.layers.dense(state.h, 1)
loss = tf.reduce_mean(tf.square(pred - y))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, l = sess.run([train_op, loss], feed_dict={x: seqs, y: targets})
        print(step, l)
