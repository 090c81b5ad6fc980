"""A small CNN written with tf.contrib.slim (arg_scope, conv2d, max_pool2d, fully_connected)."""
import numpy as np
import tensorflow as tf
import tensorflow.contrib.slim as slim

images = tf.placeholder(tf.float32, [None, 8, 8, 1])
labels = tf.placeholder(tf.int32, [None])

with slim.arg_scope([slim.conv2d, slim.fully_connected], activation_fn=tf.nn.relu,
                    weights_regularizer=slim.l2_regularizer(1e-4)):
    net = slim.conv2d(images, 8, [3, 3], scope="conv1")
    net = slim.max_pool2d(net, [2, 2], scope="pool1")
    net = slim.flatten(net)
    logits = slim.fully_connected(net, 2, activation_fn=None, scope="logits")

loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
total = tf.losses.get_total_loss()
train = tf.train.AdamOptimizer(0.01).minimize(total)
model_vars = slim.get_model_variables()

rng = np.random.RandomState(3)
x = rng.rand(32, 8, 8, 1).astype(np.float32)
y = (x.mean(axis=(1, 2, 3)) > 0.5).astype(np.int32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(50):
        _, l = sess.run([train, total], {images: x, labels: y})
assert len(model_vars) == 4, model_vars
print("t05 ok", l)
