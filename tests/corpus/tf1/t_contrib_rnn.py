import tensorflow as tf
from tensorflow.contrib import rnn


def static_model(x, n_hidden, n_steps):
    x = tf.unstack(x, n_steps, 1)
    lstm_cell = rnn.BasicLSTMCell(n_hidden, forget_bias=1.0)
    outputs, states = rnn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return outputs[-1]


def block_model(x, n_hidden):
    cell = tf.contrib.rnn.LSTMBlockCell(n_hidden)
    wrapped = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=0.9)
    return tf.nn.dynamic_rnn(wrapped, x, dtype=tf.float32)
