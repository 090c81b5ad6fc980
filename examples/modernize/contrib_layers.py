"""tf.contrib.layers.fully_connected (relu by default) trained with Adagrad."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(5)
features = rng.randn(100, 20).astype(np.float32)
targets = (features[:, :1] * 0.5 - features[:, 1:2]).astype(np.float32)

inputs = tf.placeholder(tf.float32, [None, 20])
target = tf.placeholder(tf.float32, [None, 1])
net = tf.contrib.layers.fully_connected(inputs, 32, scope="fc1")
net = tf.contrib.layers.fully_connected(net, 16, scope="fc2")
output = tf.contrib.layers.fully_connected(net, 1, activation_fn=None, scope="out")
mse = tf.reduce_mean(tf.squared_difference(output, target))
train = tf.train.AdagradOptimizer(0.1).minimize(mse)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(10):
        _, value = sess.run([train, mse], feed_dict={inputs: features, target: targets})
        print(step, value)
