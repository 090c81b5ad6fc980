"""A two-headed MLP trained with tf.losses (sparse softmax cross-entropy + Huber) and a learning rate
that tf.train.exponential_decay lowers with global_step; each step prints the rate it used."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(8)
features = rng.randn(64, 5).astype(np.float32)
classes = rng.randint(0, 3, size=64).astype(np.int32)
amounts = features[:, :1] * 2.0 + 0.5

x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.int32, [None])
target = tf.placeholder(tf.float32, [None, 1])
global_step = tf.train.get_or_create_global_step()
hidden = tf.layers.dense(x, 16, activation=tf.nn.relu)
logits = tf.layers.dense(hidden, 3)
amount = tf.layers.dense(hidden, 1)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits) + 0.5 * tf.losses.huber_loss(target, amount, delta=0.5)
learning_rate = tf.train.exponential_decay(0.5, global_step, decay_steps=3, decay_rate=0.5, staircase=True)
train_op = tf.train.GradientDescentOptimizer(learning_rate).minimize(loss, global_step=global_step)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(8):
        _, l, lr = sess.run([train_op, loss, learning_rate], feed_dict={x: features, y: classes, target: amounts})
        print(step, l, lr)
