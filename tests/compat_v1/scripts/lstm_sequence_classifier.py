"""Sequence classification with an LSTM (TensorFlow-Examples recurrent_network.py style,
tf.contrib.rnn + static_rnn), plus a dynamic_rnn variant with GRU cells."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)
from tf_upgrade.compat_v1.contrib import rnn

rng = np.random.RandomState(2)
timesteps, num_input, num_hidden, num_classes = 8, 4, 16, 2
N = 300
X_np = rng.randn(N, timesteps, num_input).astype(np.float32) * 0.5
Y_lbl = (X_np[:, :, 0].sum(axis=1) > 0).astype(np.int64)   # sign of the running sum of feature 0
Y_np = np.eye(num_classes, dtype=np.float32)[Y_lbl]

X = tf.placeholder("float", [None, timesteps, num_input])
Y = tf.placeholder("float", [None, num_classes])
weights = {'out': tf.Variable(tf.random_normal([num_hidden, num_classes]))}
biases = {'out': tf.Variable(tf.random_normal([num_classes]))}


def RNN(x, weights, biases):
    x = tf.unstack(x, timesteps, 1)
    lstm_cell = rnn.BasicLSTMCell(num_hidden, forget_bias=1.0)
    outputs, states = rnn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights['out']) + biases['out']


logits = RNN(X, weights, biases)
prediction = tf.nn.softmax(logits)
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
train_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss_op)
correct_pred = tf.equal(tf.argmax(prediction, 1), tf.argmax(Y, 1))
accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))

with tf.variable_scope("dyn"):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(8), tf.nn.rnn_cell.GRUCell(8)])
    outputs, state = tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)
    dyn_logits = tf.layers.dense(outputs[:, -1], num_classes)
    dyn_loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=dyn_logits, labels=Y))
    dyn_train = tf.train.AdamOptimizer(0.01).minimize(dyn_loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    first = sess.run([loss_op, dyn_loss], {X: X_np, Y: Y_np})
    for step in range(90):
        idx = rng.randint(0, 250, 32)
        sess.run([train_op, dyn_train], feed_dict={X: X_np[idx], Y: Y_np[idx]})
    loss, acc, dl = sess.run([loss_op, accuracy, dyn_loss], feed_dict={X: X_np[250:], Y: Y_np[250:]})
    print("static_rnn LSTM: loss", loss, "accuracy", acc, "| dynamic_rnn GRU loss", first[1], "->", dl)
    assert acc > 0.8 and dl < first[1]
    print("RESULT ok")
