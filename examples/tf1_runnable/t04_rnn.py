"""An LSTM language-model step with tf.nn.rnn_cell, tf.contrib.rnn and dynamic_rnn."""
import numpy as np
import tensorflow as tf

batch, steps, features, units = 4, 6, 3, 8
inputs = tf.placeholder(tf.float32, [batch, steps, features])
targets = tf.placeholder(tf.float32, [batch, units])

cells = [tf.nn.rnn_cell.BasicLSTMCell(units), tf.contrib.rnn.GRUCell(units)]
stack = tf.contrib.rnn.MultiRNNCell(cells)
outputs, state = tf.nn.dynamic_rnn(stack, inputs, dtype=tf.float32)
last = outputs[:, -1, :]
loss = tf.losses.mean_squared_error(targets, last)
train = tf.train.RMSPropOptimizer(0.01).minimize(loss)

rng = np.random.RandomState(2)
feed = {inputs: rng.randn(batch, steps, features), targets: rng.rand(batch, units) * 0.5}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    first = sess.run(loss, feed)
    for _ in range(30):
        sess.run(train, feed)
    final = sess.run(loss, feed)
assert final < first, (first, final)
print("t04 ok", first, final)
