"""Two stacked LSTMCells with peepholes in a MultiRNNCell: declined (TFU508).  The stack would lift
(Keras' RNN over a list of cells, see lstm_multi_rnn_cell.py), but Keras 3 has no peephole LSTM."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(9)
seqs = rng.randn(10, 5, 3).astype(np.float32)
targets = seqs[:, -1, :1]

x = tf.placeholder(tf.float32, [None, 5, 3])
y = tf.placeholder(tf.float32, [None, 1])
cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(8, use_peepholes=True),
                                    tf.nn.rnn_cell.LSTMCell(8, use_peepholes=True)])
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
loss = tf.reduce_mean(tf.square(tf.layers.dense(outputs[:, -1], 1) - y))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, l = sess.run([train_op, loss], feed_dict={x: seqs, y: targets})
        print(step, l)
