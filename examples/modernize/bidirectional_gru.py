"""A bidirectional GRU encoder: bidirectional_dynamic_rnn returns its outputs as one (forward, backward)
tuple, concatenated along the features axis (the usual idiom) and mean-pooled over time; the two final
states, unpacked as a pair, feed the classifier too."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(5)
seqs = rng.randn(16, 8, 2).astype(np.float32)
labels = (seqs[:, :4, 1].sum(axis=1) > seqs[:, 4:, 1].sum(axis=1)).astype(np.int32)

x = tf.placeholder(tf.float32, [None, 8, 2])
y = tf.placeholder(tf.int32, [None])
cell_fw = tf.nn.rnn_cell.GRUCell(6)
cell_bw = tf.nn.rnn_cell.GRUCell(6)
outputs, (last_fw, last_bw) = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, x, dtype=tf.float32, scope="encoder")
pooled = tf.reduce_mean(tf.concat(outputs, 2), axis=1)
features = tf.concat([pooled, last_fw, last_bw], axis=1)
logits = tf.layers.dense(features, 2)
loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
train_op = tf.train.AdamOptimizer(0.02).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, value = sess.run([train_op, loss], feed_dict={x: seqs, y: labels})
        print(step, value)
