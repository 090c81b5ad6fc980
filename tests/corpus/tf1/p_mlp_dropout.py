"""Two-layer MLP with dropout driven by a keep_prob placeholder."""
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 784], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
keep_prob = tf.placeholder(tf.float32, name="keep_prob")

w1 = tf.get_variable("w1", [784, 256], initializer=tf.random_normal_initializer())
b1 = tf.Variable(tf.zeros([256]), name="b1")
h1 = tf.nn.relu(tf.matmul(x, w1) + b1)
h1 = tf.nn.dropout(h1, keep_prob)
w2 = tf.get_variable("w2", [256, 10], initializer=tf.random_normal_initializer(stddev=0.01))
logits = tf.matmul(h1, w2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    batch = np.random.rand(8, 784).astype(np.float32)
    labels = np.arange(8) % 10
    print(sess.run(loss, {x: batch, y: labels, keep_prob: 0.5}))
