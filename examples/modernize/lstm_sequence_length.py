"""Variable-length sequences through dynamic_rnn(sequence_length=...): TF 1.x zeroes the outputs past
each sequence's end and carries the state through, which a Keras mask (zero_output_for_mask) does too;
the loss reads both the padded outputs and the final state."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(5)
seqs = rng.randn(8, 6, 2).astype(np.float32)
lengths = rng.randint(2, 7, size=8).astype(np.int32)
targets = rng.randn(8, 1).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 6, 2])
length = tf.placeholder(tf.int32, [None])
y = tf.placeholder(tf.float32, [None, 1])
cell = tf.nn.rnn_cell.LSTMCell(4, forget_bias=1.0)
outputs, state = tf.nn.dynamic_rnn(cell, x, sequence_length=length, dtype=tf.float32)
mean_output = tf.reduce_sum(outputs, axis=1) / tf.cast(tf.expand_dims(length, 1), tf.float32)
loss = tf.reduce_mean(tf.square(tf.layers.dense(tf.concat([state.h, mean_output], 1), 1) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, l = sess.run([train_op, loss], feed_dict={x: seqs, length: lengths, y: targets})
        print(step, l)
