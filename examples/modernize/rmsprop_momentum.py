"""Logistic regression with RMSPropOptimizer (momentum, centered): declined (TFU508).  decay, momentum,
epsilon and centered all have Keras RMSprop counterparts (both add epsilon inside the square root), but
TF 1.x starts the mean square accumulator at 1.0 and Keras at 0.0, so the first steps differ."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(2)
xs = rng.randn(40, 4).astype(np.float32)
ys = (xs.sum(axis=1, keepdims=True) > 0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([4, 1]))
b = tf.Variable(tf.zeros([1]))
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=tf.matmul(x, w) + b))
train_op = tf.train.RMSPropOptimizer(0.01, decay=0.9, momentum=0.5, centered=True).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, l = sess.run([train_op, loss], feed_dict={x: xs, y: ys})
        print(step, l)
