"""A BasicRNNCell encoder whose outputs feed a GRUCell (tf.contrib.rnn) in another scope; the GRU's
final state classifies the sequence."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(21)
seqs = rng.randn(24, 9, 4).astype(np.float32)
labels = (seqs[:, :, 0].sum(axis=1) > 0).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 9, 4], name="sequences")
y = tf.placeholder(tf.int64, [None], name="labels")
encoder_cell = tf.nn.rnn_cell.BasicRNNCell(6)
decoder_cell = tf.contrib.rnn.GRUCell(5)
encoded, _ = tf.nn.dynamic_rnn(encoder_cell, x, dtype=tf.float32, scope="encoder")
_, final_state = tf.nn.dynamic_rnn(decoder_cell, encoded, dtype=tf.float32, scope="decoder")
logits = tf.layers.dense(final_state, 2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, l = sess.run([train_op, loss], feed_dict={x: seqs, y: labels})
        print("step", step, "loss", l)
    print("accuracy", sess.run(accuracy, feed_dict={x: seqs, y: labels}))
