"""An LSTM unrolled with static_rnn over the time steps of a batch (tf.unstack along axis 1): the last
step's output feeds a softmax classifier, trained with Adam; accuracy computed on the side."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(3)
seqs = rng.randn(32, 6, 4).astype(np.float32)
labels = (seqs[:, :, 0].sum(axis=1) > 0).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 6, 4])
y = tf.placeholder(tf.int64, [None])
steps = tf.unstack(x, 6, 1)
cell = tf.nn.rnn_cell.BasicLSTMCell(10)
outputs, state = tf.nn.static_rnn(cell, steps, dtype=tf.float32)
logits = tf.layers.dense(outputs[-1], 2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
memory = tf.reduce_mean(state.c)
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, l, m = sess.run([train_op, loss, memory], feed_dict={x: seqs, y: labels})
        print(step, l, m)
    print("accuracy", sess.run(accuracy, feed_dict={x: seqs, y: labels}))
