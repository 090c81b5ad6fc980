"""A softmax classifier trained with Adam at a learning rate the loop feeds (halved every two steps)
and tf.losses.softmax_cross_entropy with label smoothing."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(17)
images = rng.rand(48, 20).astype(np.float32)
onehot = np.eye(4, dtype=np.float32)[rng.randint(0, 4, size=48)]

x = tf.placeholder(tf.float32, [None, 20])
y = tf.placeholder(tf.float32, [None, 4])
learning_rate = tf.placeholder(tf.float32, [], name="learning_rate")
logits = tf.layers.dense(tf.layers.dense(x, 12, activation=tf.nn.tanh), 4)
loss = tf.losses.softmax_cross_entropy(y, logits, label_smoothing=0.1)
train_op = tf.train.AdamOptimizer(learning_rate).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    rate = 0.05
    for step in range(6):
        _, l = sess.run([train_op, loss], feed_dict={x: images, y: onehot, learning_rate: rate})
        print(step, rate, l)
        if step % 2 == 1:
            rate /= 2
    print("final", sess.run(loss, feed_dict={x: images, y: onehot}))
