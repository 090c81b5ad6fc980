"""A small CNN on synthetic 14x14 digit images: tf.layers conv2d/max_pooling2d/flatten/dense, Adam."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(4)
images = rng.rand(96, 14, 14, 1).astype(np.float32)
labels = rng.randint(0, 10, size=96).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 14, 14, 1])
y = tf.placeholder(tf.int64, [None])
conv1 = tf.layers.conv2d(x, filters=8, kernel_size=3, padding="same", activation=tf.nn.relu)
pool1 = tf.layers.max_pooling2d(conv1, pool_size=2, strides=2)
conv2 = tf.layers.conv2d(pool1, 16, 3, activation=tf.nn.relu)
flat = tf.layers.flatten(conv2)
logits = tf.layers.dense(flat, 10)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
predictions = tf.argmax(logits, axis=1)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        start = (step * 32) % 96
        _, l = sess.run([train_op, loss], {x: images[start:start + 32], y: labels[start:start + 32]})
        print("step %d loss %.6f" % (step, l))
    print("predictions", sess.run(predictions, feed_dict={x: images[:8]}))
